//===--- Sessions.cpp - expensive, long-lived client objects --------------===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

#include "Sessions.h"
#include "clang/AST/DeclTemplate.h"

namespace clang::tidy::async::utils {

static constexpr llvm::StringLiteral UserDefinedTypeWhy =
    "it is configured as a session type that should be created once";
static constexpr llvm::StringLiteral UserDefinedFactoryWhy =
    "it is configured as a session factory that should be called once";

llvm::ArrayRef<SessionKind> builtinSessionTypes() {
  static const SessionKind Types[] = {
      {"boost::asio::io_context", "each one is a whole event loop"},
      {"asio::io_context", "each one is a whole event loop"},
      {"boost::asio::ssl::context",
       "each one loads its certificates and TLS settings again"},
      {"asio::ssl::context",
       "each one loads its certificates and TLS settings again"},
      {"cpr::Session",
       "each session has its own connection pool, so keep-alive is lost"},
      {"httplib::Client",
       "each client opens its own connection, so keep-alive is lost"},
      {"httplib::SSLClient", "each client opens its own connection and TLS "
                             "session, so keep-alive is lost"},
      {"QNetworkAccessManager",
       "Qt expects one per application; each has its own connection cache"},
      {"pqxx::connection", "each one opens a new database connection"},
      {"web::http::client::http_client",
       "each client has its own connection pool"},
  };
  return Types;
}

llvm::ArrayRef<SessionKind> builtinSessionFactories() {
  static const SessionKind Factories[] = {
      {"SSL_CTX_new", "each one loads its certificates and TLS settings again"},
      {"curl_easy_init",
       "each handle has its own connection cache, so keep-alive is lost"},
      {"curl_multi_init",
       "each handle has its own connection cache, so keep-alive is lost"},
      {"grpc::CreateChannel",
       "each channel repeats the HTTP/2 and TLS handshakes"},
      {"grpc::CreateCustomChannel",
       "each channel repeats the HTTP/2 and TLS handshakes"},
      {"drogon::HttpClient::newHttpClient",
       "each client has its own connection pool"},
  };
  return Factories;
}

SessionCatalog::SessionCatalog(llvm::StringRef ExtraTypes,
                               llvm::StringRef ExtraFactories,
                               llvm::StringRef IgnoredTypes)
    : Ignored(IgnoredTypes) {
  for (const SessionKind &K : builtinSessionTypes())
    Types[K.Name] = K.Why.str();
  for (const SessionKind &K : builtinSessionFactories())
    Factories[K.Name] = K.Why.str();
  for (const std::string &Name : splitList(ExtraTypes))
    Types.try_emplace(llvm::StringRef(Name).ltrim(':'),
                      UserDefinedTypeWhy.str());
  for (const std::string &Name : splitList(ExtraFactories))
    Factories.try_emplace(llvm::StringRef(Name).ltrim(':'),
                          UserDefinedFactoryWhy.str());
}

// AWS SDK clients all follow one pattern: a class in namespace Aws (usually
// Aws::<Service>) whose name ends in "Client", such as Aws::S3::S3Client.
static bool isAwsClient(llvm::StringRef QualifiedName) {
  return QualifiedName.starts_with("Aws::") &&
         QualifiedName.ends_with("Client") &&
         !QualifiedName.ends_with("::Client");
}

llvm::StringRef SessionCatalog::lookup(const NamedDecl *D, bool Factory) {
  auto [It, Inserted] = Cache.try_emplace(D->getCanonicalDecl());
  if (!Inserted)
    return It->second;
  std::string Name = qualifiedName(D);
  if (Ignored.contains(Name))
    return It->second;
  const llvm::StringMap<std::string> &Table = Factory ? Factories : Types;
  auto Found = Table.find(Name);
  if (Found != Table.end())
    It->second = Found->second;
  else if (!Factory && isAwsClient(Name))
    It->second = "each client sets up its own HTTP stack and credentials";
  return It->second;
}

llvm::StringRef SessionCatalog::sessionClass(const CXXRecordDecl *RD) {
  if (!RD)
    return {};
  if (const auto *Spec = llvm::dyn_cast<ClassTemplateSpecializationDecl>(RD))
    return lookup(Spec->getSpecializedTemplate(), /*Factory=*/false);
  return lookup(RD, /*Factory=*/false);
}

llvm::StringRef SessionCatalog::sessionFactory(const FunctionDecl *FD) {
  if (!FD || !FD->getIdentifier())
    return {};
  return lookup(FD, /*Factory=*/true);
}

} // namespace clang::tidy::async::utils
