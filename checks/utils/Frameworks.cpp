//===--- Frameworks.cpp - which coroutine framework code belongs to -------===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

#include "Frameworks.h"
#include "Names.h"
#include "TaskTypes.h"
#include "clang/AST/DeclCXX.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/FormatVariadic.h"
#include <memory>
#include <mutex>

namespace clang::tidy::async::utils {

// libcoro renamed io_scheduler to scheduler (0.15); both are understood.
static constexpr llvm::StringRef LibcoroSchedulers[] = {"coro::scheduler",
                                                        "coro::io_scheduler"};

const FrameworkProfile &profile(Framework F) {
  static const FrameworkProfile Profiles[] = {
      {Framework::Unknown, "an unknown framework", "", ""},
      {Framework::BoostAsio, "Boost.Asio", "boost::asio",
       "{0}::co_spawn(executor, <task>, {0}::detached)"},
      {Framework::Asio, "Asio", "asio",
       "{0}::co_spawn(executor, <task>, {0}::detached)"},
      {Framework::Folly, "folly::coro", "folly::coro",
       "{0}::blockingWait(<task>) or "
       "std::move(<task>).scheduleOn(executor).start()"},
      {Framework::Cppcoro, "cppcoro", "cppcoro", "{0}::sync_wait(<task>)"},
      {Framework::Libcoro, "libcoro", "coro", "{0}::sync_wait(<task>)",
       LibcoroSchedulers},
      {Framework::AsyncSimple, "async_simple", "async_simple::coro",
       "{0}::syncAwait(<task>) or <task>.start(callback)"},
      {Framework::Stdexec, "stdexec", "stdexec", "{0}::sync_wait(<task>)"},
      {Framework::QCoro, "QCoro", "QCoro", ""},
      {Framework::Seastar, "Seastar", "seastar", ""},
      {Framework::Concurrencpp, "concurrencpp", "concurrencpp", ""},
  };
  for (const FrameworkProfile &P : Profiles)
    if (P.Kind == F)
      return P;
  return Profiles[0];
}

Framework frameworkOf(const Decl *D) {
  if (!D)
    return Framework::Unknown;
  // Collect the enclosing named namespaces from the outside in.
  llvm::SmallVector<llvm::StringRef, 4> Namespaces;
  for (const DeclContext *DC = D->getDeclContext(); DC; DC = DC->getParent())
    if (const auto *NS = llvm::dyn_cast<NamespaceDecl>(DC))
      if (!NS->isInline() && !NS->isAnonymousNamespace())
        Namespaces.insert(Namespaces.begin(), NS->getName());
  if (Namespaces.empty())
    return Framework::Unknown;
  llvm::StringRef Top = Namespaces.front();
  if (Top == "boost")
    return Namespaces.size() > 1 && Namespaces[1] == "asio"
               ? Framework::BoostAsio
               : Framework::Unknown;
  return llvm::StringSwitch<Framework>(Top)
      .Case("asio", Framework::Asio)
      .Case("folly", Framework::Folly)
      .Case("cppcoro", Framework::Cppcoro)
      .Case("coro", Framework::Libcoro)
      .Case("async_simple", Framework::AsyncSimple)
      .Case("stdexec", Framework::Stdexec)
      .Case("exec", Framework::Stdexec)
      .Case("QCoro", Framework::QCoro)
      .Case("seastar", Framework::Seastar)
      .Case("concurrencpp", Framework::Concurrencpp)
      .Default(Framework::Unknown);
}

Framework frameworkOf(QualType T) { return frameworkOf(classDeclOf(T)); }

namespace {
/// The namespace aliases declared at file scope in one translation unit.
/// Gathered once per unit: a fix may spell a namespace for every finding, and
/// the unit's top-level declarations are many.
using AliasList = llvm::SmallVector<const NamespaceAliasDecl *, 4>;
std::mutex AliasListsMutex;
llvm::DenseMap<const ASTContext *, std::unique_ptr<AliasList>> AliasLists;
} // namespace

static const AliasList &fileScopeAliases(const ASTContext &Ctx) {
  std::lock_guard<std::mutex> Lock(AliasListsMutex);
  std::unique_ptr<AliasList> &Slot = AliasLists[&Ctx];
  if (!Slot) {
    Slot = std::make_unique<AliasList>();
    for (const Decl *D : Ctx.getTranslationUnitDecl()->decls())
      if (const auto *Alias = llvm::dyn_cast<NamespaceAliasDecl>(D);
          Alias && Alias->getNamespace())
        Slot->push_back(Alias);
    // Forgotten with the unit (async-lint and clangd parse many in one
    // process, and a later ASTContext may reuse the address).
    Ctx.AddDeallocation(
        [](void *Key) {
          std::lock_guard<std::mutex> Lock(AliasListsMutex);
          AliasLists.erase(static_cast<const ASTContext *>(Key));
        },
        const_cast<ASTContext *>(&Ctx));
  }
  return *Slot;
}

std::string spellNamespace(const ASTContext &Ctx,
                           llvm::StringRef QualifiedNamespace,
                           SourceLocation Loc) {
  const SourceManager &SM = Ctx.getSourceManager();
  SourceLocation FileLoc = SM.getFileLoc(Loc);
  FileID File = SM.getFileID(FileLoc);
  for (const NamespaceAliasDecl *Alias : fileScopeAliases(Ctx)) {
    SourceLocation AliasLoc = SM.getFileLoc(Alias->getLocation());
    if (SM.getFileID(AliasLoc) != File ||
        !SM.isBeforeInTranslationUnit(AliasLoc, FileLoc))
      continue;
    if (qualifiedName(Alias->getNamespace()) == QualifiedNamespace)
      return Alias->getName().str();
  }
  return QualifiedNamespace.str();
}

std::string runIdiom(const ASTContext &Ctx, Framework F, SourceLocation Loc) {
  const FrameworkProfile &P = profile(F);
  if (P.RunIdiom.empty())
    return {};
  return llvm::formatv(P.RunIdiom.data(), spellNamespace(Ctx, P.Namespace, Loc))
      .str();
}

} // namespace clang::tidy::async::utils
