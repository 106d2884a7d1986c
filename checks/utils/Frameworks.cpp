//===--- Frameworks.cpp - which coroutine framework code belongs to -------===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

#include "Frameworks.h"
#include "Coroutines.h"
#include "ErrorCodes.h"
#include "Names.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"

namespace clang::tidy::async::utils {

// libcoro renamed io_scheduler to scheduler (0.15); both are understood.
static constexpr llvm::StringRef LibcoroSchedulers[] = {"coro::scheduler",
                                                        "coro::io_scheduler"};

// The namespaces each framework declares its API in (frameworkOf).
static constexpr llvm::StringRef BoostAsioNamespaces[] = {"boost::asio"};
static constexpr llvm::StringRef AsioNamespaces[] = {"asio"};
static constexpr llvm::StringRef FollyNamespaces[] = {"folly"};
static constexpr llvm::StringRef CppcoroNamespaces[] = {"cppcoro"};
static constexpr llvm::StringRef LibcoroNamespaces[] = {"coro"};
static constexpr llvm::StringRef AsyncSimpleNamespaces[] = {"async_simple"};
static constexpr llvm::StringRef StdexecNamespaces[] = {"stdexec", "exec"};
static constexpr llvm::StringRef QCoroNamespaces[] = {"QCoro"};
static constexpr llvm::StringRef SeastarNamespaces[] = {"seastar"};
static constexpr llvm::StringRef ConcurrencppNamespaces[] = {"concurrencpp"};
static constexpr llvm::StringRef AsioGrpcNamespaces[] = {"agrpc"};
// `coro` and `exec` are names a program may give its own namespace. Every
// libcoro header declares its task's promise base or one of its concepts;
// every stdexec header (exec's included) declares stdexec's sender concept.
static constexpr llvm::StringRef LibcoroMarkers[] = {
    "coro::detail::promise_base", "coro::concepts::executor",
    "coro::concepts::awaitable"};
static constexpr llvm::StringRef StdexecMarkers[] = {"stdexec::sender"};

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

// The detached starts, audited against each framework's headers: whether an
// exception that escapes the task is lost or reported.
static constexpr DetachedStart BoostAsioDetachedStarts[] = {
    // The completion token decides; `detached` ignores the exception_ptr.
    {"boost::asio::co_spawn", DetachKind::SpawnWithToken, false},
};
static constexpr DetachedStart AsioDetachedStarts[] = {
    {"asio::co_spawn", DetachKind::SpawnWithToken, false},
};
static constexpr DetachedStart FollyDetachedStarts[] = {
    // start() returns a SemiFuture that holds the exception; start(callback)
    // hands the callback a Try.
    {"folly::coro::TaskWithExecutor::start", DetachKind::Start, false},
    {"folly::coro::TaskWithExecutor::startInlineUnsafe", DetachKind::Start,
     false},
    {"folly::coro::Task::startInlineUnsafe", DetachKind::Start, false},
    // AsyncScope::add catches what escapes and logs it (LOG(DFATAL)).
    {"folly::coro::AsyncScope::add", DetachKind::Spawn, true},
};
static constexpr DetachedStart CppcoroDetachedStarts[] = {
    // async_scope::spawn runs the awaitable in a oneway_task whose
    // unhandled_exception() calls std::terminate.
    {"cppcoro::async_scope::spawn", DetachKind::Spawn, true},
};
static constexpr DetachedStart LibcoroDetachedStarts[] = {
    // Both wrap the task in a self-deleting coroutine whose
    // unhandled_exception() ignores the exception.
    {"coro::scheduler::spawn_detached", DetachKind::Spawn, false},
    {"coro::thread_pool::spawn_detached", DetachKind::Spawn, false},
    // Releases before 0.15: the task container prints what escapes to
    // std::cerr.
    {"coro::task_container::start", DetachKind::Spawn, true},
};
static constexpr DetachedStart AsyncSimpleDetachedStarts[] = {
    // The callback receives a Try<T>; one that ignores it drops the error.
    // start() is declared in the common base of Lazy and RescheduleLazy.
    {"async_simple::coro::detail::LazyBase::start", DetachKind::Start, false},
    {"async_simple::coro::Lazy::directlyStart", DetachKind::Start, false},
    // detach() rethrows the error from its callback; the detached
    // coroutine prints it to stderr and rethrows.
    {"async_simple::coro::RescheduleLazy::detach", DetachKind::Spawn, true},
};
static constexpr DetachedStart StdexecDetachedStarts[] = {
    // start_detached's receiver calls std::terminate on set_error.
    {"stdexec::start_detached", DetachKind::Spawn, true},
    {"exec::start_detached", DetachKind::Spawn, true},
    // The scope's receiver calls std::terminate on set_error too.
    {"exec::async_scope::spawn", DetachKind::Spawn, true},
};
static constexpr DetachedStart ConcurrencppDetachedStarts[] = {
    // null_result's promise has an empty unhandled_exception().
    {"concurrencpp::null_result", DetachKind::DroppingReturnType, false},
};

// The calls that return (or complete) only when the tasks an object of the
// framework started have finished: the spawner's locals outlive them.
static constexpr llvm::StringRef FollyJoins[] = {
    "folly::coro::AsyncScope::joinAsync", "folly::coro::AsyncScope::cleanup",
    "folly::EventBase::loop", "folly::EventBase::loopForever"};
static constexpr llvm::StringRef CppcoroJoins[] = {
    "cppcoro::async_scope::join"};
static constexpr llvm::StringRef LibcoroJoins[] = {
    "coro::scheduler::shutdown", "coro::io_scheduler::shutdown",
    "coro::thread_pool::shutdown"};
static constexpr llvm::StringRef StdexecJoins[] = {
    "exec::async_scope::on_empty"};

// The pools the offload idioms hand work to.
static constexpr llvm::StringRef BoostAsioThreadPools[] = {
    "boost::asio::thread_pool"};
static constexpr llvm::StringRef AsioThreadPools[] = {"asio::thread_pool"};
static constexpr llvm::StringRef LibcoroThreadPools[] = {"coro::thread_pool"};
static constexpr llvm::StringRef CppcoroThreadPools[] = {
    "cppcoro::static_thread_pool"};

// Rethrowing from the completion handler lets the exception out of
// io_context::run(), where the program sees it.
static constexpr llvm::StringLiteral AsioRethrowingHandler =
    "[](std::exception_ptr e{0}) { if (e) std::rethrow_exception(e); }";
// Reporting the exception where it arrives keeps the other sessions of a
// server running; what is not a std::exception still leaves run().
static constexpr llvm::StringLiteral AsioReportingHandler =
    "[](std::exception_ptr e{0}) { try { if (e) std::rethrow_exception(e); "
    "} catch (const std::exception &x) { std::cerr << \"task failed: \" << "
    "x.what() << '\\n'; } }";

// One row per framework: everything the checks know about it.
static const FrameworkProfile Profiles[] = {
    {/*Kind=*/Framework::Unknown,
     /*DisplayName=*/"an unknown framework",
     /*Namespace=*/"",
     /*Namespaces=*/{},
     /*Markers=*/{},
     /*RunIdiom=*/"",
     /*TimerSchedulers=*/{},
     /*TimerIdiom=*/"",
     /*OffloadIdiom=*/"",
     /*ConcurrencyAdvice=*/"",
     /*RangeJoin=*/"",
     /*RangeJoinHeader=*/"",
     /*WindowedRangeJoin=*/"",
     /*DetachedStarts=*/{},
     /*Joins=*/{},
     /*ThreadPools=*/{},
     /*RethrowingHandler=*/"",
     /*ReportingHandler=*/"",
     /*ReportingHandlerHeader=*/"",
     /*DetachAdvice=*/"",
     /*OperationsThrow=*/true},
    {/*Kind=*/Framework::BoostAsio,
     /*DisplayName=*/"Boost.Asio",
     /*Namespace=*/"boost::asio",
     /*Namespaces=*/BoostAsioNamespaces,
     /*Markers=*/{},
     /*RunIdiom=*/AsioRunIdiom,
     /*TimerSchedulers=*/{},
     /*TimerIdiom=*/AsioTimerIdiom,
     /*OffloadIdiom=*/AsioOffloadIdiom,
     /*ConcurrencyAdvice=*/AsioConcurrencyAdvice,
     /*RangeJoin=*/"",
     /*RangeJoinHeader=*/"",
     /*WindowedRangeJoin=*/"",
     /*DetachedStarts=*/BoostAsioDetachedStarts,
     /*Joins=*/{},
     /*ThreadPools=*/BoostAsioThreadPools,
     /*RethrowingHandler=*/AsioRethrowingHandler,
     /*ReportingHandler=*/AsioReportingHandler,
     /*ReportingHandlerHeader=*/"<iostream>",
     /*DetachAdvice=*/"",
     /*OperationsThrow=*/true},
    {/*Kind=*/Framework::Asio,
     /*DisplayName=*/"Asio",
     /*Namespace=*/"asio",
     /*Namespaces=*/AsioNamespaces,
     /*Markers=*/{},
     /*RunIdiom=*/AsioRunIdiom,
     /*TimerSchedulers=*/{},
     /*TimerIdiom=*/AsioTimerIdiom,
     /*OffloadIdiom=*/AsioOffloadIdiom,
     /*ConcurrencyAdvice=*/AsioConcurrencyAdvice,
     /*RangeJoin=*/"",
     /*RangeJoinHeader=*/"",
     /*WindowedRangeJoin=*/"",
     /*DetachedStarts=*/AsioDetachedStarts,
     /*Joins=*/{},
     /*ThreadPools=*/AsioThreadPools,
     /*RethrowingHandler=*/AsioRethrowingHandler,
     /*ReportingHandler=*/AsioReportingHandler,
     /*ReportingHandlerHeader=*/"<iostream>",
     /*DetachAdvice=*/"",
     /*OperationsThrow=*/true},
    {/*Kind=*/Framework::Folly,
     /*DisplayName=*/"folly::coro",
     /*Namespace=*/"folly::coro",
     /*Namespaces=*/FollyNamespaces,
     /*Markers=*/{},
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
     /*WindowedRangeJoin=*/"folly::coro::collectAllWindowed",
     /*DetachedStarts=*/FollyDetachedStarts,
     /*Joins=*/FollyJoins,
     /*ThreadPools=*/{},
     /*RethrowingHandler=*/"",
     /*ReportingHandler=*/"",
     /*ReportingHandlerHeader=*/"",
     /*DetachAdvice=*/
     "keep the returned 'folly::SemiFuture' and handle its exception, or "
     "add the task to a 'folly::coro::AsyncScope', which logs it",
     /*OperationsThrow=*/true},
    {/*Kind=*/Framework::Cppcoro,
     /*DisplayName=*/"cppcoro",
     /*Namespace=*/"cppcoro",
     /*Namespaces=*/CppcoroNamespaces,
     /*Markers=*/{},
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
     /*WindowedRangeJoin=*/"",
     /*DetachedStarts=*/CppcoroDetachedStarts,
     /*Joins=*/CppcoroJoins,
     /*ThreadPools=*/CppcoroThreadPools,
     /*RethrowingHandler=*/"",
     /*ReportingHandler=*/"",
     /*ReportingHandlerHeader=*/"",
     /*DetachAdvice=*/"",
     /*OperationsThrow=*/true},
    {/*Kind=*/Framework::Libcoro,
     /*DisplayName=*/"libcoro",
     /*Namespace=*/"coro",
     /*Namespaces=*/LibcoroNamespaces,
     /*Markers=*/LibcoroMarkers,
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
     /*WindowedRangeJoin=*/"",
     /*DetachedStarts=*/LibcoroDetachedStarts,
     /*Joins=*/LibcoroJoins,
     /*ThreadPools=*/LibcoroThreadPools,
     /*RethrowingHandler=*/"",
     /*ReportingHandler=*/"",
     /*ReportingHandlerHeader=*/"",
     /*DetachAdvice=*/
     "catch the exception inside the task: libcoro destroys a detached "
     "task's exception unseen",
     /*OperationsThrow=*/false},
    {/*Kind=*/Framework::AsyncSimple,
     /*DisplayName=*/"async_simple",
     /*Namespace=*/"async_simple::coro",
     /*Namespaces=*/AsyncSimpleNamespaces,
     /*Markers=*/{},
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
     /*WindowedRangeJoin=*/"",
     /*DetachedStarts=*/AsyncSimpleDetachedStarts,
     /*Joins=*/{},
     /*ThreadPools=*/{},
     /*RethrowingHandler=*/
     "[](auto &&result) { if (result.hasError()) "
     "std::rethrow_exception(result.getException()); }",
     /*ReportingHandler=*/"",
     /*ReportingHandlerHeader=*/"",
     /*DetachAdvice=*/"",
     /*OperationsThrow=*/false},
    {/*Kind=*/Framework::Stdexec,
     /*DisplayName=*/"stdexec",
     /*Namespace=*/"stdexec",
     /*Namespaces=*/StdexecNamespaces,
     /*Markers=*/StdexecMarkers,
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
     /*WindowedRangeJoin=*/"",
     /*DetachedStarts=*/StdexecDetachedStarts,
     /*Joins=*/StdexecJoins,
     /*ThreadPools=*/{},
     /*RethrowingHandler=*/"",
     /*ReportingHandler=*/"",
     /*ReportingHandlerHeader=*/"",
     /*DetachAdvice=*/"",
     /*OperationsThrow=*/true},
    {/*Kind=*/Framework::QCoro,
     /*DisplayName=*/"QCoro",
     /*Namespace=*/"QCoro",
     /*Namespaces=*/QCoroNamespaces,
     /*Markers=*/{},
     /*RunIdiom=*/"",
     /*TimerSchedulers=*/{},
     /*TimerIdiom=*/"'co_await {0}::sleepFor(<duration>)'",
     /*OffloadIdiom=*/
     "'co_await QtConcurrent::run([&] { return <blocking call>; })'",
     /*ConcurrencyAdvice=*/"",
     /*RangeJoin=*/"",
     /*RangeJoinHeader=*/"",
     /*WindowedRangeJoin=*/"",
     /*DetachedStarts=*/{},
     /*Joins=*/{},
     /*ThreadPools=*/{},
     /*RethrowingHandler=*/"",
     /*ReportingHandler=*/"",
     /*ReportingHandlerHeader=*/"",
     /*DetachAdvice=*/"",
     /*OperationsThrow=*/false},
    {/*Kind=*/Framework::Seastar,
     /*DisplayName=*/"Seastar",
     /*Namespace=*/"seastar",
     /*Namespaces=*/SeastarNamespaces,
     /*Markers=*/{},
     /*RunIdiom=*/"",
     /*TimerSchedulers=*/{},
     /*TimerIdiom=*/"'co_await {0}::sleep(<duration>)'",
     /*OffloadIdiom=*/"",
     /*ConcurrencyAdvice=*/
     "to run the iterations concurrently, use '%0::parallel_for_each', "
     "or '%0::max_concurrent_for_each' to bound how many run at once",
     /*RangeJoin=*/"",
     /*RangeJoinHeader=*/"",
     /*WindowedRangeJoin=*/"",
     /*DetachedStarts=*/{},
     /*Joins=*/{},
     /*ThreadPools=*/{},
     /*RethrowingHandler=*/"",
     /*ReportingHandler=*/"",
     /*ReportingHandlerHeader=*/"",
     /*DetachAdvice=*/"",
     /*OperationsThrow=*/true},
    {/*Kind=*/Framework::Concurrencpp,
     /*DisplayName=*/"concurrencpp",
     /*Namespace=*/"concurrencpp",
     /*Namespaces=*/ConcurrencppNamespaces,
     /*Markers=*/{},
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
     /*WindowedRangeJoin=*/"",
     /*DetachedStarts=*/ConcurrencppDetachedStarts,
     /*Joins=*/{},
     /*ThreadPools=*/{},
     /*RethrowingHandler=*/"",
     /*ReportingHandler=*/"",
     /*ReportingHandlerHeader=*/"",
     /*DetachAdvice=*/
     "catch the exception inside the coroutine, or return a "
     "'concurrencpp::result' and keep it",
     /*OperationsThrow=*/true},
    {/*Kind=*/Framework::AsioGrpc,
     /*DisplayName=*/"asio-grpc",
     /*Namespace=*/"agrpc",
     /*Namespaces=*/AsioGrpcNamespaces,
     /*Markers=*/{},
     /*RunIdiom=*/"",
     /*TimerSchedulers=*/{},
     /*TimerIdiom=*/"",
     /*OffloadIdiom=*/"",
     /*ConcurrencyAdvice=*/"",
     /*RangeJoin=*/"",
     /*RangeJoinHeader=*/"",
     /*WindowedRangeJoin=*/"",
     /*DetachedStarts=*/{},
     /*Joins=*/{},
     /*ThreadPools=*/{},
     /*RethrowingHandler=*/"",
     /*ReportingHandler=*/"",
     /*ReportingHandlerHeader=*/"",
     /*DetachAdvice=*/"",
     // Its operations complete with a bool (ok) or a grpc::Status, never
     // an error_code: awaited with use_awaitable, they do not throw.
     /*OperationsThrow=*/false},
};

llvm::ArrayRef<FrameworkProfile> profiles() { return Profiles; }

const FrameworkProfile &profile(Framework F) {
  for (const FrameworkProfile &P : profiles())
    if (P.Kind == F)
      return P;
  return profiles().front();
}

/// Whether the unit of \p Ctx declares \p Qualified (`a::b::c`), looked up
/// namespace by namespace from the translation unit.
static bool declaresName(const ASTContext &Ctx, llvm::StringRef Qualified) {
  llvm::SmallVector<const DeclContext *, 4> Scopes{
      Ctx.getTranslationUnitDecl()};
  llvm::SmallVector<llvm::StringRef, 4> Parts;
  Qualified.split(Parts, "::");
  for (size_t I = 0; I < Parts.size(); ++I) {
    // get(), not find(): an identifier of a precompiled preamble (clangd's)
    // is loaded on first use.
    const DeclarationName Name(&Ctx.Idents.get(Parts[I]));
    llvm::SmallVector<const DeclContext *, 4> Next;
    for (const DeclContext *Scope : Scopes)
      for (const NamedDecl *Found : Scope->lookup(Name)) {
        if (I + 1 == Parts.size())
          return true;
        if (const auto *Inner = llvm::dyn_cast<DeclContext>(Found))
          Next.push_back(Inner->getPrimaryContext());
      }
    Scopes = std::move(Next);
  }
  return false;
}

Framework frameworkOf(const Decl *D) {
  if (!D)
    return Framework::Unknown;
  // The enclosing named namespaces, from the outside in: "boost::asio::ip".
  llvm::SmallVector<llvm::StringRef, 4> Namespaces;
  for (const DeclContext *DC = D->getDeclContext(); DC; DC = DC->getParent())
    if (const auto *NS = llvm::dyn_cast<NamespaceDecl>(DC))
      if (!NS->isInline() && !NS->isAnonymousNamespace())
        Namespaces.insert(Namespaces.begin(), NS->getName());
  if (Namespaces.empty())
    return Framework::Unknown;
  const std::string Enclosing = llvm::join(Namespaces, "::");
  const FrameworkProfile *Best = nullptr;
  size_t BestLength = 0;
  for (const FrameworkProfile &P : profiles())
    for (llvm::StringRef NS : P.Namespaces)
      if (NS.size() > BestLength &&
          (Enclosing == NS ||
           llvm::StringRef(Enclosing).starts_with((NS + "::").str()))) {
        Best = &P;
        BestLength = NS.size();
      }
  if (!Best)
    return Framework::Unknown;
  if (!Best->Markers.empty() &&
      llvm::none_of(Best->Markers, [&](llvm::StringRef Marker) {
        return declaresName(D->getASTContext(), Marker);
      }))
    return Framework::Unknown;
  return Best->Kind;
}

Framework frameworkOf(QualType T) { return frameworkOf(classDeclOf(T)); }

const DetachedStart *detachedStart(const NamedDecl *D) {
  Framework F = frameworkOf(D);
  if (F == Framework::Unknown)
    return nullptr;
  const std::string Name = qualifiedName(D);
  for (const DetachedStart &Start : profile(F).DetachedStarts)
    if (Start.Name == Name)
      return &Start;
  return nullptr;
}

std::string NamespaceAliases::spell(const ASTContext &Ctx,
                                    llvm::StringRef QualifiedNamespace,
                                    SourceLocation Loc) {
  if (Unit != &Ctx) {
    Unit = &Ctx;
    Aliases.clear();
    for (const Decl *D : Ctx.getTranslationUnitDecl()->decls())
      if (const auto *Alias = llvm::dyn_cast<NamespaceAliasDecl>(D);
          Alias && Alias->getNamespace())
        Aliases.push_back(Alias);
  }
  const SourceManager &SM = Ctx.getSourceManager();
  SourceLocation FileLoc = SM.getFileLoc(Loc);
  FileID File = SM.getFileID(FileLoc);
  for (const NamespaceAliasDecl *Alias : Aliases) {
    SourceLocation AliasLoc = SM.getFileLoc(Alias->getLocation());
    if (SM.getFileID(AliasLoc) != File ||
        !SM.isBeforeInTranslationUnit(AliasLoc, FileLoc))
      continue;
    if (qualifiedName(Alias->getNamespace()) == QualifiedNamespace)
      return Alias->getName().str();
  }
  return QualifiedNamespace.str();
}

std::string runIdiom(NamespaceAliases &Aliases, const ASTContext &Ctx,
                     Framework F, SourceLocation Loc) {
  const FrameworkProfile &P = profile(F);
  if (P.RunIdiom.empty())
    return {};
  return llvm::formatv(P.RunIdiom.data(), Aliases.spell(Ctx, P.Namespace, Loc))
      .str();
}

bool isDetachingStart(const FunctionDecl *Callee) {
  const DetachedStart *Start = Callee ? detachedStart(Callee) : nullptr;
  return Start && Start->Kind != DetachKind::DroppingReturnType;
}

bool isJoin(const FunctionDecl *Callee) {
  if (!Callee || !Callee->getIdentifier())
    return false;
  Framework F = frameworkOf(Callee);
  if (F == Framework::Unknown)
    return false;
  // qualifiedName() spells a method of any specialization with its class
  // template's name.
  return llvm::is_contained(profile(F).Joins, qualifiedName(Callee));
}

// The tags whose await asks the coroutine's frame for something it holds and
// never suspends.
static constexpr llvm::StringRef ReadyAwaits[] = {
    "boost::asio::this_coro::executor_t", "asio::this_coro::executor_t",
    "boost::asio::this_coro::cancellation_state_t",
    "asio::this_coro::cancellation_state_t", "async_simple::CurrentExecutor"};

bool completesAtOnce(QualType Operand) {
  const CXXRecordDecl *Tag =
      Operand.isNull() ? nullptr
                       : Operand.getNonReferenceType()->getAsCXXRecordDecl();
  return Tag && llvm::is_contained(ReadyAwaits, qualifiedName(Tag));
}

// The operations whose only failure is their own cancellation, by the
// framework's documentation: a timer's or a signal set's wait completes with
// an error only when it is cancelled (Asio's operation_aborted).
static constexpr llvm::StringRef CancellationOnlyWaits[] = {
    "asio::basic_waitable_timer::async_wait",
    "asio::basic_deadline_timer::async_wait",
    "asio::basic_signal_set::async_wait",
    // An executor hop completes with no error at all (signature void()).
    "asio::post", "asio::dispatch", "asio::defer",
    // cppcoro's timed schedule throws operation_cancelled only when the
    // cancellation token it was given is cancelled.
    "cppcoro::io_service::schedule_after"};

// Whether \p Callee is named in \p Table, an Asio table: Boost.Asio's names
// are standalone Asio's under `boost::`.
static bool inAsioTable(const FunctionDecl *Callee,
                        llvm::ArrayRef<llvm::StringRef> Table) {
  if (!Callee)
    return false;
  std::string Qualified = qualifiedName(Callee);
  llvm::StringRef Name = Qualified;
  Name.consume_front("boost::");
  return llvm::is_contained(Table, Name);
}

bool failsOnlyOnCancellation(const FunctionDecl *Callee) {
  return inAsioTable(Callee, CancellationOnlyWaits);
}

// The all-gathers whose result holds each task's failure (a Try, a task
// whose result rethrows, an error per operation), by their documentation;
// the form that rethrows the first failure instead, where the framework has
// one. Asio's names are standalone Asio's (Boost.Asio's under `boost::`).
static constexpr llvm::StringLiteral FollyTry =
    "check each folly::Try with 'hasException()', or read it with 'value()', "
    "which rethrows";
static constexpr llvm::StringLiteral AsyncSimpleTry =
    "check each async_simple::Try with 'hasError()', or read it with "
    "'value()', which rethrows";
static constexpr CapturingGather CapturingGathers[] = {
    {"folly::coro::collectAllTry", "collectAll", FollyTry, GatherShape::Tasks},
    {"folly::coro::collectAllTryRange", "collectAllRange", FollyTry,
     GatherShape::Tasks},
    {"folly::coro::collectAllTryWindowed", "collectAllWindowed", FollyTry,
     GatherShape::Tasks},
    {"async_simple::coro::collectAll", "", AsyncSimpleTry, GatherShape::Tasks},
    {"async_simple::coro::collectAllPara", "", AsyncSimpleTry,
     GatherShape::Tasks},
    {"async_simple::coro::collectAllWindowed", "", AsyncSimpleTry,
     GatherShape::Tasks},
    {"async_simple::coro::collectAllWindowedPara", "", AsyncSimpleTry,
     GatherShape::Tasks},
    {"cppcoro::when_all_ready", "when_all",
     "read each task's 'result()', which rethrows", GatherShape::Tasks},
    {"coro::when_all", "",
     "read each result's 'return_value()', which rethrows", GatherShape::Tasks},
    {"concurrencpp::when_all", "",
     "read each result with 'get()', which rethrows, or check its 'status()'",
     GatherShape::ExecutorThenTasks},
    // Only under the condition that waits for every operation, below: with
    // any other, the operations it cancels report their cancellation.
    {"asio::experimental::parallel_group::async_wait", "",
     "check each operation's error code ('if (ec1)') or exception pointer "
     "('if (ex1) std::rethrow_exception(ex1)')",
     GatherShape::AsioGroup},
};
static constexpr llvm::StringLiteral WaitForAll =
    "asio::experimental::wait_for_all";

// The qualified name of \p D, with Boost.Asio's spelled as standalone
// Asio's.
static std::string asioSpelling(const NamedDecl *D) {
  std::string Name = qualifiedName(D);
  llvm::StringRef Ref = Name;
  if (frameworkOf(D) == Framework::BoostAsio && Ref.consume_front("boost::"))
    return Ref.str();
  return Name;
}

// The row of \p Table named after \p Callee, a framework's function (a
// program's own `coro::when_all` is not libcoro's).
template <class Row, std::size_t N>
static const Row *frameworkRow(const Row (&Table)[N],
                               const FunctionDecl *Callee) {
  if (!Callee || frameworkOf(Callee) == Framework::Unknown)
    return nullptr;
  const std::string Name = asioSpelling(Callee);
  for (const Row &Entry : Table)
    if (Name == Entry.Name)
      return &Entry;
  return nullptr;
}

const CapturingGather *capturingGather(const CallExpr *Call) {
  const CapturingGather *Row =
      Call ? frameworkRow(CapturingGathers, Call->getDirectCallee()) : nullptr;
  if (!Row || Row->Shape != GatherShape::AsioGroup)
    return Row;
  const CXXRecordDecl *Condition =
      Call->getNumArgs() > 0 ? Call->getArg(0)->getType()->getAsCXXRecordDecl()
                             : nullptr;
  return Condition && asioSpelling(Condition) == WaitForAll ? Row : nullptr;
}

// The completion signature of an operation of type \p T handed to a
// parallel group: the first argument of a deferred operation
// (`deferred_async_operation<void(error_code, size_t), ...>`), or, for a
// function object that takes the completion token, what the group's probe
// of it deduced (`parallel_op_signature_probe_result<Signature>`), with the
// call operator's instantiation that returned it.
static std::pair<const FunctionProtoType *, const FunctionDecl *>
operationSignature(QualType T) {
  auto SignatureArgument =
      [](const CXXRecordDecl *RD,
         llvm::StringRef Template) -> const FunctionProtoType * {
    const auto *Spec =
        llvm::dyn_cast_or_null<ClassTemplateSpecializationDecl>(RD);
    if (!Spec || Spec->getName() != Template ||
        frameworkOf(Spec) == Framework::Unknown)
      return nullptr;
    const TemplateArgumentList &Args = Spec->getTemplateArgs();
    if (Args.size() == 0 || Args[0].getKind() != TemplateArgument::Type)
      return nullptr;
    return Args[0].getAsType()->getAs<FunctionProtoType>();
  };
  const CXXRecordDecl *RD = T.getNonReferenceType()->getAsCXXRecordDecl();
  if (!RD)
    return {};
  if (const auto *Sig = SignatureArgument(RD, "deferred_async_operation"))
    return {Sig, nullptr};
  const FunctionTemplateDecl *Call =
      RD->isLambda() ? RD->getDependentLambdaCallOperator() : nullptr;
  if (!Call)
    return {};
  // Asio 1.22 probes with its own `parallel_op_signature_probe`; later
  // versions with `completion_signature_probe`.
  for (const FunctionDecl *Probe : Call->specializations())
    for (llvm::StringRef Result : {"parallel_op_signature_probe_result",
                                   "completion_signature_probe_result"})
      if (const auto *Sig = SignatureArgument(
              Probe->getReturnType()->getAsCXXRecordDecl(), Result))
        return {Sig, Probe};
  return {};
}

// The call that \p F returns, when that is its only statement.
static const CallExpr *returnedCall(const FunctionDecl *F) {
  const Expr *Value = soleReturnValue(F);
  return Value ? llvm::dyn_cast<CallExpr>(
                     ignoreValuePreserving(Value)->IgnoreParenImpCasts())
               : nullptr;
}

// What the first completion value of an operation with signature \p Sig
// reports.
static GroupOperation::FailureKind failureOf(const FunctionProtoType *Sig) {
  if (Sig->getNumParams() == 0)
    return GroupOperation::NoFailure;
  QualType First = Sig->getParamType(0);
  if (isErrorCodeType(First))
    return GroupOperation::ErrorCode;
  // libstdc++ declares it in a nested namespace.
  const CXXRecordDecl *RD = First->getAsCXXRecordDecl();
  return RD && RD->getIdentifier() && RD->getName() == "exception_ptr" &&
                 llvm::StringRef(qualifiedName(RD)).starts_with("std::")
             ? GroupOperation::Exception
             : GroupOperation::NoFailure;
}

// The framework functions that start whatever operation they are given:
// what it is, the program decides.
static constexpr llvm::StringRef GenericInitiations[] = {"asio::async_initiate",
                                                         "asio::async_compose"};

llvm::SmallVector<GroupOperation, 4>
parallelGroupOperations(const CallExpr *AsyncWait) {
  const auto *Member = llvm::dyn_cast_or_null<CXXMemberCallExpr>(AsyncWait);
  const auto *Make =
      Member ? llvm::dyn_cast<CallExpr>(
                   ignoreValuePreserving(Member->getImplicitObjectArgument())
                       ->IgnoreParenImpCasts())
             : nullptr;
  const FunctionDecl *Maker = Make ? Make->getDirectCallee() : nullptr;
  if (!Maker || frameworkOf(Maker) == Framework::Unknown ||
      asioSpelling(Maker) != "asio::experimental::make_parallel_group")
    return {};
  llvm::SmallVector<GroupOperation, 4> Operations;
  for (const Expr *Arg : Make->arguments()) {
    GroupOperation Op;
    Op.Operation = Arg;
    auto [Signature, Probe] = operationSignature(Arg->getType());
    if (Signature) {
      Op.Values = Signature->getNumParams();
      Op.Failure = failureOf(Signature);
    }
    const Expr *Value = ignoreValuePreserving(Arg)->IgnoreParenImpCasts();
    if (const auto *Copy = llvm::dyn_cast<CXXConstructExpr>(Value);
        Copy && Copy->getNumArgs() == 1)
      Value = ignoreValuePreserving(Copy->getArg(0))->IgnoreParenImpCasts();
    // Only a framework's own initiating function shows what the operation
    // is (not `std::move(op)`, nor a function of the program's that makes
    // one).
    const auto *Initiation =
        Probe ? returnedCall(Probe) : llvm::dyn_cast<CallExpr>(Value);
    const FunctionDecl *Starter =
        Initiation ? Initiation->getDirectCallee() : nullptr;
    if (!Starter || frameworkOf(Starter) == Framework::Unknown ||
        llvm::is_contained(GenericInitiations, asioSpelling(Starter))) {
      Operations.push_back(Op);
      continue;
    }
    Op.Initiation = Initiation;
    if (Initiation->getNumArgs() >= 2 &&
        asioSpelling(Starter) == "asio::co_spawn")
      Op.Task = Initiation->getArg(1);
    Operations.push_back(Op);
  }
  return Operations;
}

// The all-gathers that start every task of a range at once, with the form
// that runs at most a window of them at a time.
static constexpr RangeGather RangeGathers[] = {
    {"folly::coro::collectAllRange", "collectAllWindowed", false},
    {"folly::coro::collectAllTryRange", "collectAllTryWindowed", false},
    {"async_simple::coro::collectAll", "collectAllWindowed", true},
    {"async_simple::coro::collectAllPara", "collectAllWindowedPara", true},
    {"cppcoro::when_all", "", false},
    {"cppcoro::when_all_ready", "", false},
    {"coro::when_all", "", false},
    {"concurrencpp::when_all", "", false, /*ExecutorThenIterators=*/true,
     /*Eager=*/true, /*ExecutorTag=*/"concurrencpp::executor_tag"},
};

const RangeGather *rangeGather(const FunctionDecl *Callee) {
  return frameworkRow(RangeGathers, Callee);
}

// The async mutexes' acquisitions, by framework, with how to hold one
// across an await (on the scoped form's row).
struct AsyncMutexLock {
  llvm::StringRef Name;
  Framework Kind;
  llvm::StringRef Advice;
};
static constexpr AsyncMutexLock AsyncMutexLocks[] = {
    {"folly::coro::Mutex::co_scoped_lock", Framework::Folly,
     "hold a folly::coro::Mutex across it ('auto lock = co_await "
     "mutex.co_scoped_lock();')"},
    {"folly::coro::Mutex::co_lock", Framework::Folly, ""},
    {"cppcoro::async_mutex::scoped_lock_async", Framework::Cppcoro,
     "hold a cppcoro::async_mutex across it ('auto lock = co_await "
     "mutex.scoped_lock_async();')"},
    {"cppcoro::async_mutex::lock_async", Framework::Cppcoro, ""},
    {"coro::mutex::lock", Framework::Libcoro,
     "hold a coro::mutex across it ('auto lock = co_await mutex.lock();')"},
    {"coro::mutex::scoped_lock", Framework::Libcoro, ""},
    {"async_simple::coro::Mutex::coScopedLock", Framework::AsyncSimple,
     "hold an async_simple::coro::Mutex across it ('auto lock = co_await "
     "mutex.coScopedLock();')"},
    {"async_simple::coro::Mutex::coLock", Framework::AsyncSimple, ""},
    {"concurrencpp::async_lock::lock", Framework::Concurrencpp,
     "hold a concurrencpp::async_lock across it ('auto guard = co_await "
     "lock.lock(executor);')"},
};

bool isAsyncMutexLock(const FunctionDecl *Method) {
  return frameworkRow(AsyncMutexLocks, Method) != nullptr;
}

llvm::StringRef asyncMutexAdvice(Framework F) {
  for (const AsyncMutexLock &Row : AsyncMutexLocks)
    if (Row.Kind == F && !Row.Advice.empty())
      return Row.Advice;
  return "";
}

// The functions that build an asynchronous operation from a program's
// implementation object, which is called with the operation (`self`) and
// with the results of the operations it starts on `self`.
static constexpr llvm::StringRef OperationComposers[] = {"asio::async_compose"};

bool isOperationComposer(const FunctionDecl *Callee) {
  return inAsioTable(Callee, OperationComposers);
}

// The awaitables that give a coroutine its current executor, or null when it
// has none.
static constexpr llvm::StringRef ExecutorQueries[] = {
    "async_simple::CurrentExecutor"};

// The variable \p E names, when it was initialised by awaiting an executor
// query.
static bool isAwaitedExecutor(const Expr *E) {
  const auto *Ref = llvm::dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
  const auto *Var = Ref ? llvm::dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  // In a template the variable is `auto` until instantiation.
  if (!Var || !Var->getInit() ||
      !(Var->getType()->isPointerType() || Var->getType()->isDependentType()))
    return false;
  const Expr *Init = Var->getInit()->IgnoreImplicit();
  if (const auto *Cleanups = llvm::dyn_cast<ExprWithCleanups>(Init))
    Init = Cleanups->getSubExpr()->IgnoreImplicit();
  const Expr *Operand = nullptr;
  if (const auto *Await = llvm::dyn_cast<CoawaitExpr>(Init))
    Operand = Await->getOperand();
  else if (const auto *Dependent = llvm::dyn_cast<DependentCoawaitExpr>(Init))
    Operand = Dependent->getOperand();
  const CXXRecordDecl *Query =
      Operand ? Operand->getType()->getAsCXXRecordDecl() : nullptr;
  return Query && llvm::is_contained(ExecutorQueries, qualifiedName(Query));
}

static bool isNull(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  if (llvm::isa<CXXNullPtrLiteralExpr, GNUNullExpr>(E))
    return true;
  const auto *Zero = llvm::dyn_cast<IntegerLiteral>(E);
  return Zero && Zero->getValue() == 0;
}

bool testsNoExecutor(const Expr *Cond) {
  if (!Cond)
    return false;
  Cond = Cond->IgnoreParenImpCasts();
  if (const auto *Not = llvm::dyn_cast<UnaryOperator>(Cond))
    return Not->getOpcode() == UO_LNot && isAwaitedExecutor(Not->getSubExpr());
  if (const auto *Eq = llvm::dyn_cast<BinaryOperator>(Cond))
    return Eq->getOpcode() == BO_EQ &&
           ((isAwaitedExecutor(Eq->getLHS()) && isNull(Eq->getRHS())) ||
            (isAwaitedExecutor(Eq->getRHS()) && isNull(Eq->getLHS())));
  return false;
}

// The methods of an Asio execution context that run its loop on the
// calling thread until the work started on it is done (or stopped), by the
// names Asio gives them; asio-grpc's GrpcContext adds the last two.
static constexpr llvm::StringRef ExecutionContextRuns[] = {
    "run",
    "run_one",
    "run_for",
    "run_until",
    "run_one_for",
    "run_one_until",
    "poll",
    "poll_one",
    "run_while",
    "run_completion_queue",
    "poll_completion_queue"};

static bool derivesFromExecutionContext(const CXXRecordDecl *Class,
                                        unsigned Depth = 0) {
  if (!Class || !Class->hasDefinition() || Depth > 8)
    return false;
  Class = Class->getDefinition();
  for (const CXXBaseSpecifier &Base : Class->bases()) {
    const CXXRecordDecl *B = Base.getType()->getAsCXXRecordDecl();
    if (!B)
      continue;
    std::string Name = qualifiedName(B);
    if (Name == "boost::asio::execution_context" ||
        Name == "asio::execution_context" ||
        derivesFromExecutionContext(B, Depth + 1))
      return true;
  }
  return false;
}

// Calls whose task a framework documents as fine to discard: QCoro's
// `Task::then()` registers a continuation of a task that is awaited (or
// kept) on its own; "the result of the then() action can be co_awaited, if
// desired".
static constexpr llvm::StringRef DiscardableContinuations[] = {
    // QCoro 0.9 declares then() in Task; 0.10 and later in the base both
    // Task and LazyTask derive from.
    "QCoro::Task::then", "QCoro::detail::TaskBase::then"};

bool isDiscardableContinuation(const FunctionDecl *Callee) {
  return Callee &&
         llvm::is_contained(DiscardableContinuations, qualifiedName(Callee));
}

// The functions a framework's throwing forms call to throw the error they
// got (Asio: `detail::throw_error(ec, "bind")` after the error_code form).
static constexpr llvm::StringRef ThrowHelpers[] = {
    "boost::asio::detail::throw_error", "asio::detail::throw_error"};

// Throwing forms whose error path the implementation never takes: a timer's
// service always clears the error_code of setting or cancelling its expiry;
// an SSL context's option and verification setters call OpenSSL setters
// that return nothing and clear the error_code.
static constexpr llvm::StringRef NeverFailingOperations[] = {
    "asio::ssl::context::set_options",
    "asio::ssl::context::clear_options",
    "asio::ssl::context::set_verify_mode",
    "asio::ssl::context::set_verify_depth",
    "asio::basic_waitable_timer::expires_after",
    "asio::basic_waitable_timer::expires_at",
    "asio::basic_waitable_timer::expires_from_now",
    "asio::basic_waitable_timer::cancel",
    "asio::basic_waitable_timer::cancel_one",
    "asio::basic_deadline_timer::expires_at",
    "asio::basic_deadline_timer::expires_from_now",
    "asio::basic_deadline_timer::cancel",
    "asio::basic_deadline_timer::cancel_one"};

bool isThrowHelper(const FunctionDecl *Callee) {
  return Callee && llvm::is_contained(ThrowHelpers, qualifiedName(Callee));
}

bool neverFails(const FunctionDecl *Callee) {
  return inAsioTable(Callee, NeverFailingOperations);
}

bool isExecutionContextOrExecutor(QualType T) {
  const CXXRecordDecl *Class =
      T.isNull() ? nullptr : T.getNonReferenceType()->getAsCXXRecordDecl();
  if (!Class)
    return false;
  const Framework F = frameworkOf(Class);
  return derivesFromExecutionContext(Class) ||
         ((F == Framework::BoostAsio || F == Framework::Asio) &&
          Class->getIdentifier() &&
          (Class->getName().ends_with("executor") ||
           Class->getName() == "strand" ||
           Class->getName() == "executor_type"));
}

bool isThreadPool(QualType T) {
  if (T.isNull())
    return false;
  T = T.getNonReferenceType();
  if (const auto *Pointer = T->getAs<PointerType>())
    T = Pointer->getPointeeType();
  // A pool's executor is a class nested in the pool (Asio's
  // thread_pool::basic_executor_type).
  for (const CXXRecordDecl *Class = classDeclOf(T); Class;
       Class = llvm::dyn_cast<CXXRecordDecl>(Class->getDeclContext())) {
    const Framework F = frameworkOf(Class);
    if (F != Framework::Unknown &&
        llvm::is_contained(profile(F).ThreadPools, qualifiedName(Class)))
      return true;
  }
  return false;
}

bool isExecutionContextRun(const FunctionDecl *Callee) {
  const auto *Method = llvm::dyn_cast_or_null<CXXMethodDecl>(Callee);
  return Method && Method->getIdentifier() &&
         llvm::is_contained(ExecutionContextRuns, Method->getName()) &&
         derivesFromExecutionContext(Method->getParent());
}

} // namespace clang::tidy::async::utils
