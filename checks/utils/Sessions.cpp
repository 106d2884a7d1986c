//===--- Sessions.cpp - expensive, long-lived client objects --------------===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

#include "Sessions.h"
#include "Coroutines.h"
#include "Frameworks.h"
#include "Loops.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/StringSet.h"

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
      // libpqxx 7 and later: a class; libpqxx 6 (Debian 12): `connection`
      // and `lazyconnection` are aliases of this template.
      {"pqxx::connection", "each one opens a new database connection"},
      {"pqxx::basic_connection_base",
       "each one opens a new database connection"},
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

namespace {

/// The variable \p E names, through `*`, `->` of a smart pointer and
/// implicit conversions.
const VarDecl *namedVar(const Expr *E) {
  while (E) {
    E = E->IgnoreParenImpCasts();
    if (const auto *Ref = llvm::dyn_cast<DeclRefExpr>(E))
      return llvm::dyn_cast<VarDecl>(Ref->getDecl());
    if (const auto *Op = llvm::dyn_cast<CXXOperatorCallExpr>(E);
        Op && Op->getNumArgs() == 1 &&
        (Op->getOperator() == OO_Star || Op->getOperator() == OO_Arrow)) {
      E = Op->getArg(0);
      continue;
    }
    if (const auto *Op = llvm::dyn_cast<UnaryOperator>(E);
        Op && Op->getOpcode() == UO_Deref) {
      E = Op->getSubExpr();
      continue;
    }
    return nullptr;
  }
  return nullptr;
}

bool isNamed(const FunctionDecl *FD,
             llvm::ArrayRef<llvm::StringLiteral> Names) {
  return FD && FD->getIdentifier() && llvm::is_contained(Names, FD->getName());
}

/// Member functions that store their argument in a container.
constexpr llvm::StringLiteral StoringMethods[] = {
    "push_back", "emplace_back", "push_front", "emplace_front",
    "push",      "emplace",      "insert",     "try_emplace"};

/// Member functions that drive an event loop (after which it stays stopped
/// until restarted).
constexpr llvm::StringLiteral RunningMethods[] = {
    "run", "run_one", "run_for", "run_until", "poll", "poll_one"};

/// Member functions that drive an event loop to completion or end the
/// object's session.
constexpr llvm::StringLiteral EndingMethods[] = {
    "run",  "run_one", "run_for",  "run_until",  "poll",   "poll_one",
    "stop", "close",   "shutdown", "disconnect", "restart"};

constexpr llvm::StringLiteral RunStateMethods[] = {"stopped", "restart"};

} // namespace

LoopUse useInLoop(const Stmt *Body, const Expr *Made, const VarDecl *Holder,
                  const SourceManager &SM) {
  LoopUse Use;
  const SourceRange BodyRange = Body->getSourceRange();
  auto Outlives = [&](const Expr *Object) {
    const VarDecl *Var = Object ? namedVar(Object) : nullptr;
    if (Var)
      return !isWithin(Var->getLocation(), BodyRange, SM);
    // A member of `this`, or an object reached through one.
    return Object &&
           llvm::isa<MemberExpr, CXXThisExpr>(Object->IgnoreParenImpCasts());
  };
  auto IsMade = [&](const Expr *E) {
    if (!E)
      return false;
    E = ignoreValuePreserving(E);
    if (Holder && namedVar(E) == Holder)
      return true;
    bool Found = false;
    forEachEvaluatedStmt(E, [&](const Stmt *S) {
      Found |= S == Made || (Holder && llvm::isa<DeclRefExpr>(S) &&
                             llvm::cast<DeclRefExpr>(S)->getDecl() == Holder);
      return !Found;
    });
    return Found;
  };
  forEachEvaluatedStmt(Body, [&](const Stmt *S) {
    if (const auto *Call = llvm::dyn_cast<CXXMemberCallExpr>(S)) {
      const CXXMethodDecl *Method = Call->getMethodDecl();
      const Expr *Object = Call->getImplicitObjectArgument();
      if (isNamed(Method, StoringMethods) && Outlives(Object) &&
          llvm::any_of(Call->arguments(), IsMade))
        Use.Kept = true;
      if (Holder && isNamed(Method, EndingMethods) && Object &&
          namedVar(Object) == Holder) {
        Use.Ended = true;
        Use.Ran |= isNamed(Method, RunningMethods);
      }
    } else if (const auto *Assign = llvm::dyn_cast<BinaryOperator>(S);
               Assign && Assign->getOpcode() == BO_Assign) {
      if (Outlives(Assign->getLHS()) && IsMade(Assign->getRHS()))
        Use.Kept = true;
    } else if (const auto *Op = llvm::dyn_cast<CXXOperatorCallExpr>(S);
               Op && Op->getOperator() == OO_Equal && Op->getNumArgs() == 2) {
      if (Outlives(Op->getArg(0)) && IsMade(Op->getArg(1)))
        Use.Kept = true;
    }
    return true;
  });
  return Use;
}

bool hasRunState(const NamedDecl *What) {
  const auto *RD = llvm::dyn_cast_or_null<CXXRecordDecl>(What);
  if (!RD || !RD->hasDefinition())
    return false;
  for (const CXXMethodDecl *Method : RD->getDefinition()->methods())
    if (isNamed(Method, RunStateMethods))
      return true;
  return false;
}

bool isSpawner(llvm::StringRef QualifiedName) {
  static const llvm::StringSet<> Spawners = {
      "boost::asio::co_spawn",
      "asio::co_spawn",
      "boost::asio::experimental::make_parallel_group",
      "asio::experimental::make_parallel_group",
      "folly::coro::collectAll",
      "folly::coro::collectAllTry",
      "folly::coro::collectAllRange",
      "folly::coro::collectAllTryRange",
      "folly::coro::collectAllWindowed",
      "folly::coro::collectAllTryWindowed",
      "cppcoro::when_all",
      "cppcoro::when_all_ready",
      "coro::when_all",
      "stdexec::when_all",
      "std::async",
      "std::thread",
      "std::jthread",
  };
  return Spawners.contains(QualifiedName);
}

const CXXRecordDecl *madeClass(const FunctionDecl *Callee) {
  if (!Callee || !Callee->getTemplateSpecializationArgs())
    return nullptr;
  std::string Name = qualifiedName(Callee);
  if (Name != "std::make_shared" && Name != "std::make_unique" &&
      Name != "std::allocate_shared")
    return nullptr;
  const TemplateArgumentList *Args = Callee->getTemplateSpecializationArgs();
  if (Args->size() == 0 || Args->get(0).getKind() != TemplateArgument::Type)
    return nullptr;
  return Args->get(0).getAsType()->getAsCXXRecordDecl();
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

namespace {

/// Whether \p Await suspends on a timer: the awaited operation is a member
/// call on an object of a timer class (`timer.async_wait(...)`).
bool awaitsTimer(const CoawaitExpr *Await, SerialResources &Timers) {
  const Expr *Operand = Await->getOperand();
  if (!Operand)
    return false;
  const auto *Call =
      llvm::dyn_cast<CXXMemberCallExpr>(Operand->IgnoreImplicit());
  if (!Call || !Call->getImplicitObjectArgument())
    return false;
  QualType Object = Call->getImplicitObjectArgument()->getType();
  if (Object->isPointerType())
    Object = Object->getPointeeType();
  const CXXRecordDecl *Class = Object->getAsCXXRecordDecl();
  return Class && Timers.isTimerClass(Class);
}

/// Whether every run of the loop body \p Body awaits a timer: a statement
/// directly in the body (not in a branch or a nested loop) awaits one.
bool pacedByTimer(const Stmt *Body, SerialResources &Timers) {
  llvm::SmallVector<const Stmt *, 8> Statements;
  if (const auto *Block = llvm::dyn_cast_or_null<CompoundStmt>(Body))
    Statements.append(Block->body_begin(), Block->body_end());
  else if (Body)
    Statements.push_back(Body);
  for (const Stmt *S : Statements) {
    if (!llvm::isa<Expr, DeclStmt>(S))
      continue;
    bool Paced = false;
    forEachEvaluatedStmt(S, [&](const Stmt *Child) {
      // The arms of `?:`, `&&` and `||` may not run.
      if (llvm::isa<AbstractConditionalOperator>(Child))
        return false;
      if (const auto *Logical = llvm::dyn_cast<BinaryOperator>(Child);
          Logical && Logical->isLogicalOp())
        return false;
      if (const auto *Await = llvm::dyn_cast<CoawaitExpr>(Child))
        Paced |= awaitsTimer(Await, Timers);
      return !Paced;
    });
    if (Paced)
      return true;
  }
  return false;
}

} // namespace

bool repeatsPerItem(const Stmt *Loop, ASTContext &Ctx,
                    SerialResources &Timers) {
  if (runsAtMostOnce(Loop, Ctx))
    return false;
  if (std::optional<uint64_t> Trips = constantTripCount(Loop, Ctx);
      Trips && *Trips <= FixedCaseLimit)
    return false;
  return !pacedByTimer(loopBody(Loop), Timers);
}

bool runsItsOwnLoop(const FieldDecl *Field) {
  const auto *Class =
      Field ? llvm::dyn_cast<CXXRecordDecl>(Field->getParent()) : nullptr;
  if (!Class || !Class->hasDefinition())
    return false;
  llvm::SmallVector<const Stmt *, 32> Work;
  for (const Decl *D : Class->decls()) {
    const FunctionDecl *Method = D->getAsFunction();
    if (Method && Method->hasBody())
      Work.push_back(Method->getBody());
  }
  while (!Work.empty()) {
    const Stmt *S = Work.pop_back_val();
    if (!S)
      continue;
    if (const auto *Call = llvm::dyn_cast<CXXMemberCallExpr>(S))
      if (isExecutionContextRun(Call->getMethodDecl()))
        if (const auto *Object = llvm::dyn_cast_or_null<MemberExpr>(
                Call->getImplicitObjectArgument()->IgnoreParenImpCasts());
            Object && Object->getMemberDecl() == Field)
          return true;
    // A thread's lambda runs the loop as much as the method that starts it.
    if (const auto *Lambda = llvm::dyn_cast<LambdaExpr>(S))
      Work.push_back(Lambda->getBody());
    llvm::append_range(Work, S->children());
  }
  return false;
}

} // namespace clang::tidy::async::utils
