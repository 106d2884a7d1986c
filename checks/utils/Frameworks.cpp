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

// What starts a task detached, per framework. Asio's co_spawn keeps a
// function object it is given alive in the frame of the coroutine it spawns
// (co_spawn_entry_point takes it by value), so only a task argument, or what
// a lambda captures by reference, can dangle.
static constexpr llvm::StringRef BoostAsioStarts[] = {"boost::asio::co_spawn"};
static constexpr llvm::StringRef AsioStarts[] = {"asio::co_spawn"};
static constexpr llvm::StringRef FollyStarts[] = {
    "folly::coro::TaskWithExecutor::start",
    "folly::coro::TaskWithExecutor::startInlineUnsafe",
    "folly::coro::Task::startInlineUnsafe"};
static constexpr llvm::StringRef CppcoroStarts[] = {
    "cppcoro::async_scope::spawn"};
static constexpr llvm::StringRef LibcoroStarts[] = {
    "coro::scheduler::spawn_detached", "coro::scheduler::spawn",
    "coro::io_scheduler::spawn", "coro::thread_pool::spawn"};
static constexpr llvm::StringRef AsyncSimpleStarts[] = {
    "async_simple::coro::Lazy::start", "async_simple::coro::Lazy::detach",
    "async_simple::coro::RescheduleLazy::start",
    "async_simple::coro::RescheduleLazy::detach"};
static constexpr llvm::StringRef StdexecStarts[] = {"stdexec::start_detached",
                                                    "exec::async_scope::spawn"};

// Boost.Asio and standalone Asio share their idioms; only the namespace
// differs.
static constexpr llvm::StringLiteral AsioRunIdiom =
    "{0}::co_spawn(executor, <task>, {0}::detached)";
static constexpr llvm::StringLiteral AsioTimerIdiom =
    "'co_await {0}::steady_timer(co_await {0}::this_coro::executor, "
    "<duration>).async_wait({0}::use_awaitable)'";
static constexpr llvm::StringLiteral AsioOffloadIdiom =
    "'co_await {0}::co_spawn(pool, [&]() -> {0}::awaitable<void> { "
    "<blocking call>; co_return; }, {0}::use_awaitable)'";
static constexpr llvm::StringLiteral AsioConcurrencyAdvice =
    "to run the iterations concurrently, start the operations with "
    "'%0::deferred' and await them together with "
    "'%0::experimental::make_parallel_group', or join a fixed number "
    "with the '&&' operator of '%0::experimental::awaitable_operators'";

const FrameworkProfile &profile(Framework F) {
  // One row per framework: everything the checks know about it.
  static const FrameworkProfile Profiles[] = {
      {/*Kind=*/Framework::Unknown,
       /*DisplayName=*/"an unknown framework",
       /*Namespace=*/"",
       /*RunIdiom=*/"",
       /*TimerSchedulers=*/{},
       /*TimerIdiom=*/"",
       /*OffloadIdiom=*/"",
       /*ConcurrencyAdvice=*/"",
       /*RangeJoin=*/"",
       /*RangeJoinHeader=*/"",
       /*DetachingStarts=*/{}},
      {/*Kind=*/Framework::BoostAsio,
       /*DisplayName=*/"Boost.Asio",
       /*Namespace=*/"boost::asio",
       /*RunIdiom=*/AsioRunIdiom,
       /*TimerSchedulers=*/{},
       /*TimerIdiom=*/AsioTimerIdiom,
       /*OffloadIdiom=*/AsioOffloadIdiom,
       /*ConcurrencyAdvice=*/AsioConcurrencyAdvice,
       /*RangeJoin=*/"",
       /*RangeJoinHeader=*/"",
       /*DetachingStarts=*/BoostAsioStarts},
      {/*Kind=*/Framework::Asio,
       /*DisplayName=*/"Asio",
       /*Namespace=*/"asio",
       /*RunIdiom=*/AsioRunIdiom,
       /*TimerSchedulers=*/{},
       /*TimerIdiom=*/AsioTimerIdiom,
       /*OffloadIdiom=*/AsioOffloadIdiom,
       /*ConcurrencyAdvice=*/AsioConcurrencyAdvice,
       /*RangeJoin=*/"",
       /*RangeJoinHeader=*/"",
       /*DetachingStarts=*/AsioStarts},
      {/*Kind=*/Framework::Folly,
       /*DisplayName=*/"folly::coro",
       /*Namespace=*/"folly::coro",
       /*RunIdiom=*/
       "{0}::blockingWait(<task>) or "
       "std::move(<task>).scheduleOn(executor).start()",
       /*TimerSchedulers=*/{},
       /*TimerIdiom=*/"'co_await {0}::sleep(<duration>)'",
       /*OffloadIdiom=*/
       "'co_await folly::via(folly::getGlobalCPUExecutor(), [&] { "
       "return <blocking call>; })'",
       /*ConcurrencyAdvice=*/
       "to run the iterations concurrently, collect the tasks and await "
       "them with '%0::collectAllRange', or with "
       "'%0::collectAllWindowed' to bound how many run at once",
       /*RangeJoin=*/"folly::coro::collectAllRange",
       /*RangeJoinHeader=*/"<folly/coro/Collect.h>",
       /*DetachingStarts=*/FollyStarts},
      {/*Kind=*/Framework::Cppcoro,
       /*DisplayName=*/"cppcoro",
       /*Namespace=*/"cppcoro",
       /*RunIdiom=*/"{0}::sync_wait(<task>)",
       /*TimerSchedulers=*/{},
       /*TimerIdiom=*/
       "'co_await service.schedule_after(<duration>)' on a "
       "'{0}::io_service'",
       /*OffloadIdiom=*/
       "'co_await pool.schedule()' on a '{0}::static_thread_pool' "
       "before the call",
       /*ConcurrencyAdvice=*/
       "to run the iterations concurrently, collect the tasks and await "
       "them with '%0::when_all'",
       /*RangeJoin=*/"cppcoro::when_all",
       /*RangeJoinHeader=*/"<cppcoro/when_all.hpp>",
       /*DetachingStarts=*/CppcoroStarts},
      {/*Kind=*/Framework::Libcoro,
       /*DisplayName=*/"libcoro",
       /*Namespace=*/"coro",
       /*RunIdiom=*/"{0}::sync_wait(<task>)",
       /*TimerSchedulers=*/LibcoroSchedulers,
       /*TimerIdiom=*/
       "'co_await scheduler->yield_for(<duration>)' on a "
       "'{0}::scheduler' ('{0}::io_scheduler' before libcoro 0.15)",
       /*OffloadIdiom=*/
       "'co_await pool.schedule()' on a '{0}::thread_pool' before the "
       "call",
       /*ConcurrencyAdvice=*/
       "to run the iterations concurrently, collect the tasks and await "
       "them with '%0::when_all'",
       /*RangeJoin=*/"coro::when_all",
       /*RangeJoinHeader=*/"<coro/when_all.hpp>",
       /*DetachingStarts=*/LibcoroStarts},
      {/*Kind=*/Framework::AsyncSimple,
       /*DisplayName=*/"async_simple",
       /*Namespace=*/"async_simple::coro",
       /*RunIdiom=*/"{0}::syncAwait(<task>) or <task>.start(callback)",
       /*TimerSchedulers=*/{},
       /*TimerIdiom=*/"'co_await {0}::sleep(<duration>)'",
       /*OffloadIdiom=*/
       "'co_await {0}::dispatch(executor)' to an executor for blocking "
       "work before the call",
       /*ConcurrencyAdvice=*/
       "to run the iterations concurrently, collect the tasks and await "
       "them with '%0::collectAll', or with '%0::collectAllWindowed' to "
       "bound how many run at once",
       /*RangeJoin=*/"",
       /*RangeJoinHeader=*/"",
       /*DetachingStarts=*/AsyncSimpleStarts},
      {/*Kind=*/Framework::Stdexec,
       /*DisplayName=*/"stdexec",
       /*Namespace=*/"stdexec",
       /*RunIdiom=*/"{0}::sync_wait(<task>)",
       /*TimerSchedulers=*/{},
       /*TimerIdiom=*/"",
       /*OffloadIdiom=*/
       "'co_await stdexec::starts_on(pool.get_scheduler(), "
       "stdexec::just() | stdexec::then([&] { return <blocking call>; "
       "}))'",
       /*ConcurrencyAdvice=*/
       "to run the iterations concurrently, combine a fixed set of "
       "senders with '%0::when_all', or spawn each iteration into an "
       "'exec::async_scope' and await its 'on_empty()'",
       /*RangeJoin=*/"",
       /*RangeJoinHeader=*/"",
       /*DetachingStarts=*/StdexecStarts},
      {/*Kind=*/Framework::QCoro,
       /*DisplayName=*/"QCoro",
       /*Namespace=*/"QCoro",
       /*RunIdiom=*/"",
       /*TimerSchedulers=*/{},
       /*TimerIdiom=*/"'co_await {0}::sleepFor(<duration>)'",
       /*OffloadIdiom=*/
       "'co_await QtConcurrent::run([&] { return <blocking call>; })'",
       /*ConcurrencyAdvice=*/"",
       /*RangeJoin=*/"",
       /*RangeJoinHeader=*/"",
       /*DetachingStarts=*/{}},
      {/*Kind=*/Framework::Seastar,
       /*DisplayName=*/"Seastar",
       /*Namespace=*/"seastar",
       /*RunIdiom=*/"",
       /*TimerSchedulers=*/{},
       /*TimerIdiom=*/"'co_await {0}::sleep(<duration>)'",
       /*OffloadIdiom=*/"",
       /*ConcurrencyAdvice=*/
       "to run the iterations concurrently, use '%0::parallel_for_each', "
       "or '%0::max_concurrent_for_each' to bound how many run at once",
       /*RangeJoin=*/"",
       /*RangeJoinHeader=*/"",
       /*DetachingStarts=*/{}},
      {/*Kind=*/Framework::Concurrencpp,
       /*DisplayName=*/"concurrencpp",
       /*Namespace=*/"concurrencpp",
       /*RunIdiom=*/"",
       /*TimerSchedulers=*/{},
       /*TimerIdiom=*/
       "'co_await timer_queue->make_delay_object(<duration>, executor)'",
       /*OffloadIdiom=*/
       "'co_await {0}::resume_on(runtime.background_executor())' before "
       "the call",
       /*ConcurrencyAdvice=*/
       "to run the iterations concurrently, start the tasks first and "
       "await them with '%0::when_all'",
       /*RangeJoin=*/"",
       /*RangeJoinHeader=*/"",
       /*DetachingStarts=*/{}},
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

bool isDetachingStart(const FunctionDecl *Callee) {
  if (!Callee || !Callee->getIdentifier())
    return false;
  Framework F = frameworkOf(Callee);
  if (F == Framework::Unknown)
    return false;
  // qualifiedName() spells a method of any specialization with its class
  // template's name.
  return llvm::is_contained(profile(F).DetachingStarts, qualifiedName(Callee));
}

} // namespace clang::tidy::async::utils
