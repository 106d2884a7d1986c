//===--- Frameworks.h - which coroutine framework code belongs to ---------===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

#ifndef ASYNC_LINT_UTILS_FRAMEWORKS_H
#define ASYNC_LINT_UTILS_FRAMEWORKS_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "clang/AST/Type.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include <optional>
#include <string>

namespace clang::tidy::async::utils {

/// The coroutine libraries async-lint knows by name.
enum class Framework {
  Unknown,
  BoostAsio,    ///< boost::asio
  Asio,         ///< standalone asio
  Folly,        ///< folly::coro
  Cppcoro,      ///< cppcoro
  Libcoro,      ///< libcoro's coro::
  AsyncSimple,  ///< async_simple::coro
  Stdexec,      ///< stdexec / exec (P2300)
  QCoro,        ///< QCoro
  Seastar,      ///< seastar
  Concurrencpp, ///< concurrencpp
  AsioGrpc,     ///< asio-grpc's agrpc::, built on Asio
};

/// How a framework primitive starts a task that nobody awaits, and so where
/// the task's exception goes.
enum class DetachKind {
  /// `co_spawn(executor, task, token)`: the task is argument 1, and its
  /// exception goes to the completion token at argument 2 (Asio's `detached`
  /// ignores it).
  SpawnWithToken,
  /// `scheduler->spawn_detached(task)`: the task is argument 0 and nothing
  /// receives its exception.
  Spawn,
  /// `task.start(callback)`: the task is the object, and the callback at
  /// argument 0 receives its result, exception included. Without a callback,
  /// `task.start()` returns a future that carries the exception; dropping the
  /// future drops the exception.
  Start,
  /// A coroutine returning this class starts when called, and its promise
  /// drops an escaping exception: the call is the detached start.
  DroppingReturnType,
};

/// One way a framework starts a task detached.
struct DetachedStart {
  /// The qualified name of the function, method or (DroppingReturnType)
  /// class, as the framework declares it.
  llvm::StringRef Name;
  DetachKind Kind;
  /// The framework reports an exception that escapes the task itself: it
  /// logs it or terminates. Such starts lose nothing and are not reported.
  bool ReportsUnhandled;
};

/// Everything the checks know about one framework, in one row of one table
/// (Frameworks.cpp): its namespace, how a task is run from code that is not
/// a coroutine, its timers, its thread pools, how it joins tasks. Adding a
/// framework is adding a row (and its tests).
struct FrameworkProfile {
  Framework Kind;
  /// Human-readable name, e.g. "Boost.Asio".
  llvm::StringRef DisplayName;
  /// The namespace the framework's coroutine API lives in, e.g. "boost::asio",
  /// as fixes and notes spell it.
  llvm::StringRef Namespace;
  /// The namespaces whose declarations are the framework's (`folly` for
  /// folly::coro, both `stdexec` and `exec` for stdexec): what frameworkOf()
  /// goes by. The longest that encloses a declaration wins.
  llvm::ArrayRef<llvm::StringRef> Namespaces;
  /// For a namespace a program may use for itself (`coro`, `exec`): the
  /// qualified names of declarations only the framework's headers make, one
  /// of which the unit must declare for the namespace to be the framework's.
  /// Empty when the namespace alone says it.
  llvm::ArrayRef<llvm::StringRef> Markers;
  /// How to run a task from non-coroutine code; `{0}` stands for the
  /// framework namespace as the file spells it. Empty when there is none.
  llvm::StringRef RunIdiom;
  /// The classes (qualified) whose objects offer an awaitable timed yield
  /// (`co_await sched->yield_for(d)`), newest name first: a renamed class
  /// keeps its old name here so that code on either release is understood.
  llvm::ArrayRef<llvm::StringRef> TimerSchedulers;
  /// How to suspend on a timer instead of sleeping the thread, for a note;
  /// `{0}` stands for the namespace. Empty when there is no idiom.
  llvm::StringRef TimerIdiom;
  /// How to move blocking work off the coroutine's thread, for a note;
  /// `{0}` stands for the namespace. Empty when there is no idiom.
  llvm::StringRef OffloadIdiom;
  /// How to run a loop's independent iterations concurrently, the sentence
  /// of a note; `%0` stands for the namespace. Empty when there is none.
  llvm::StringRef ConcurrencyAdvice;
  /// The qualified name of the function that awaits a std::vector of tasks
  /// together (`cppcoro::when_all`), for a rewrite; empty when there is none.
  llvm::StringRef RangeJoin;
  /// The header that declares RangeJoin, with its brackets; empty when the
  /// task header already does.
  llvm::StringRef RangeJoinHeader;
  /// The form of RangeJoin that runs at most N of the tasks at once
  /// (`folly::coro::collectAllWindowed(tasks, N)`), declared in the same
  /// header; empty when there is none. A rewrite prefers it: a range the
  /// code does not bound would otherwise start all its tasks at once.
  llvm::StringRef WindowedRangeJoin;
  /// The functions, methods and classes that start a task and let it run on
  /// its own (`co_spawn`, `scope.spawn(task)`, `std::move(task)
  /// .scheduleOn(ex).start()`), qualified, a method as `Class::method` with
  /// the class template's name: the task they start outlives the
  /// full-expression unless their own result is awaited there. Each row says
  /// where the task goes and whether its exception is lost or reported.
  llvm::ArrayRef<DetachedStart> DetachedStarts;
  /// The functions and methods that return (or, awaited, complete) only when
  /// the tasks an object of the framework started have finished
  /// (`scope.join()`, `pool.shutdown()`), qualified like DetachedStarts.
  llvm::ArrayRef<llvm::StringRef> Joins;
  /// The classes (qualified) whose objects run work on threads of their own:
  /// a coroutine spawned onto one of them (or its executor), or that awaits
  /// its `schedule()`, runs there and blocks no event loop. What the
  /// OffloadIdiom hands work to.
  llvm::ArrayRef<llvm::StringRef> ThreadPools;
  /// A completion handler or callback that rethrows the task's exception,
  /// for a fix that replaces a handler that drops it; `{0}` stands for the
  /// handler's result parameters after the exception. Empty when none.
  llvm::StringRef RethrowingHandler;
  /// A completion handler that reports the task's exception and lets the
  /// event loop go on: what replaces a dropping handler when nothing shows
  /// that the code around the loop handles an exception let out of it (one
  /// failed session must not stop a server). Written like
  /// RethrowingHandler; it needs ReportingHandlerHeader. Empty when none.
  llvm::StringRef ReportingHandler;
  /// The header the reporting handler needs, with its brackets.
  llvm::StringRef ReportingHandlerHeader;
  /// How to keep a detached task's exception, for a note when there is no
  /// handler to replace. Empty when there is no advice.
  llvm::StringRef DetachAdvice;
  /// Whether the framework's own operations report failure by throwing
  /// (Asio's `use_awaitable` throws `system_error`). When false (libcoro and
  /// QCoro return statuses and optionals), a call or await of one of its
  /// functions throws only if its visible body does.
  bool OperationsThrow;
};

const FrameworkProfile &profile(Framework F);
/// Every row of the table, Framework::Unknown's first.
llvm::ArrayRef<FrameworkProfile> profiles();

/// The framework that declares \p D, judged by its enclosing namespaces.
Framework frameworkOf(const Decl *D);

/// The framework of the class (or class template) named by \p T, after
/// looking through references, cv-qualifiers and sugar.
Framework frameworkOf(QualType T);

/// The detached start that \p D (a function, method or class) is in its
/// framework's table, or null.
const DetachedStart *detachedStart(const NamedDecl *D);

/// How code spells a namespace, for the fixes and notes of one translation
/// unit. The unit's file-scope namespace aliases are gathered on first use
/// (a fix may spell a namespace for every finding, and a unit has many
/// top-level declarations); a check keeps one and clears it at the start of
/// each unit, like the rest of its per-unit state.
class NamespaceAliases {
public:
  /// Forgets the unit's aliases.
  void clear() {
    Unit = nullptr;
    Aliases.clear();
  }

  /// How code at \p Loc should spell namespace \p QualifiedNamespace: the
  /// name of a namespace alias for it declared earlier at file scope in the
  /// same file (`namespace net = boost::asio;` gives "net"), or the
  /// namespace itself.
  std::string spell(const ASTContext &Ctx, llvm::StringRef QualifiedNamespace,
                    SourceLocation Loc);

private:
  const ASTContext *Unit = nullptr;
  llvm::SmallVector<const NamespaceAliasDecl *, 4> Aliases;
};

/// The run idiom of \p F with the namespace spelled as the file at \p Loc
/// spells it, or an empty string when the framework has none.
std::string runIdiom(NamespaceAliases &Aliases, const ASTContext &Ctx,
                     Framework F, SourceLocation Loc);

/// Whether \p Callee is a function or method among the DetachedStarts of
/// its framework's row.
bool isDetachingStart(const FunctionDecl *Callee);

/// Whether \p Callee is one of the Joins of a framework's row.
bool isJoin(const FunctionDecl *Callee);

/// Whether awaiting an object of type \p Operand completes at once, by the
/// framework's documentation (ReadyAwaits: Asio's `this_coro::executor` and
/// `this_coro::cancellation_state`, async_simple's `CurrentExecutor`):
/// known without the awaiter's body, which an editor's preamble skips in
/// library headers.
bool completesAtOnce(QualType Operand);

/// Whether the only failure of the operation \p Callee is its own
/// cancellation, by the framework's documentation (CancellationOnlyWaits:
/// Asio's timer and signal-set `async_wait` and executor hops, cppcoro's
/// `io_service::schedule_after`).
bool failsOnlyOnCancellation(const FunctionDecl *Callee);

/// How a capturing gather is handed its tasks, and so which task's result
/// each element of its awaited value holds.
enum class GatherShape {
  /// `gather(t0, t1, ...)`: element i holds task i's result.
  Tasks,
  /// `gather(executor, r0, r1, ...)` (concurrencpp): element i holds the
  /// result of argument i + 1.
  ExecutorThenTasks,
  /// `make_parallel_group(op0, op1, ...).async_wait(condition, token)`
  /// (Asio): element 0 is the completion order, then each operation's
  /// completion values in turn, its error first.
  AsioGroup,
};

/// An all-gather whose result holds each task's failure instead of
/// rethrowing it: the failure is lost unless the program reads it.
struct CapturingGather {
  llvm::StringRef Name;       ///< Qualified name.
  llvm::StringRef Rethrowing; ///< The form that rethrows the first failure.
  llvm::StringRef Inspect;    ///< How to read each result's failure.
  GatherShape Shape;
};

/// The capturing gather \p Call is (CapturingGathers: folly's
/// `collectAllTry*`, async_simple's `collectAll*`, cppcoro's
/// `when_all_ready`, libcoro's and concurrencpp's `when_all`, and Asio's
/// parallel group waited for with `wait_for_all`), or null.
const CapturingGather *capturingGather(const CallExpr *Call);

/// One operation of an Asio parallel group, as the group's completion
/// reports it.
struct GroupOperation {
  const Expr *Operation = nullptr; ///< As handed to `make_parallel_group`.
  /// How many completion values it reports; nothing when its completion
  /// signature is not known.
  std::optional<unsigned> Values;
  /// What its first completion value is.
  enum FailureKind { NoFailure, ErrorCode, Exception } Failure = NoFailure;
  /// The call that starts it, where the program shows it: the deferred
  /// call itself, or the call a function object returns.
  const CallExpr *Initiation = nullptr;
  /// For an operation that runs a coroutine (`co_spawn(ex, task(), token)`):
  /// the task.
  const Expr *Task = nullptr;
};

/// The operations of the parallel group whose `async_wait` is \p AsyncWait,
/// in order; empty when the group is not made by `make_parallel_group` in
/// sight.
llvm::SmallVector<GroupOperation, 4>
parallelGroupOperations(const CallExpr *AsyncWait);

/// An all-gather of a range of tasks that starts every task at once, and
/// the form that starts at most a window of them, where the framework has
/// one.
struct RangeGather {
  llvm::StringRef Name;     ///< Qualified name.
  llvm::StringRef Windowed; ///< The windowed form's name, or empty.
  /// The windowed form takes (window, yield, range) (async_simple), not
  /// (range, window) (folly).
  bool WindowFirst;
  /// The range is handed over as (executor, begin, end) (concurrencpp), not
  /// as one container.
  bool ExecutorThenIterators = false;
  /// Its tasks started when they were made (concurrencpp's results), not
  /// when the gather is awaited.
  bool Eager = false;
  /// For eager tasks: the parameter type that makes a coroutine run on an
  /// executor (concurrencpp's `executor_tag`), whose threads, a bounded
  /// number, then take the tasks.
  llvm::StringRef ExecutorTag = "";
};

/// The range gather \p Callee is (RangeGathers: folly's `collectAllRange`,
/// async_simple's `collectAll` and `collectAllPara`, cppcoro's, libcoro's
/// and concurrencpp's `when_all`), or null. Only its overload for a range
/// starts one task per element: the caller checks that the argument is a
/// container.
const RangeGather *rangeGather(const FunctionDecl *Callee);

/// Whether \p Method acquires a framework's async mutex when awaited
/// (AsyncMutexLocks: folly's `Mutex::co_scoped_lock` and `co_lock`,
/// cppcoro's `async_mutex::scoped_lock_async` and `lock_async`, libcoro's
/// `mutex::lock` and `scoped_lock`, async_simple's `Mutex::coScopedLock`
/// and `coLock`, concurrencpp's `async_lock::lock`).
bool isAsyncMutexLock(const FunctionDecl *Method);

/// How to hold framework \p F's async mutex across an await, for a note
/// (`co_await mutex.co_scoped_lock()`), or an empty string when it has none.
llvm::StringRef asyncMutexAdvice(Framework F);

/// Whether \p Callee builds an asynchronous operation from a program's
/// implementation object (OperationComposers: Asio's `async_compose`).
bool isOperationComposer(const FunctionDecl *Callee);

/// Whether \p Cond tests that the coroutine has no executor: `!ex` or
/// `ex == nullptr` of a variable initialised by awaiting a framework's
/// query for the current executor (ExecutorQueries: async_simple's
/// `co_await CurrentExecutor{}`, which gives null when the coroutine runs
/// without one, inline on its caller's thread).
bool testsNoExecutor(const Expr *Cond);

/// Whether the task \p Callee returns may be discarded, by its framework's
/// documentation (DiscardableContinuations: QCoro's `Task::then()`).
bool isDiscardableContinuation(const FunctionDecl *Callee);

/// Whether \p Callee is the function a framework's throwing forms call to
/// throw the error they got (ThrowHelpers: Asio's `detail::throw_error`).
bool isThrowHelper(const FunctionDecl *Callee);

/// Whether \p Callee is a throwing form whose error path the framework's
/// implementation never takes (NeverFailingOperations: setting or
/// cancelling an Asio timer's expiry).
bool neverFails(const FunctionDecl *Callee);

/// Whether \p T is an Asio execution context or executor: what an I/O
/// object is built on, not input it acts on.
bool isExecutionContextOrExecutor(QualType T);

/// Whether \p T (through references and pointers) is a thread pool of its
/// framework (ThreadPools), or an executor nested in one.
bool isThreadPool(QualType T);

/// Whether \p Callee runs the event loop of an Asio execution context until
/// its work is done: a `run`/`poll` method (ExecutionContextRuns) of a class
/// derived from Boost.Asio's or standalone Asio's `execution_context`,
/// whoever wrote the class (`io_context`, asio-grpc's `GrpcContext`).
bool isExecutionContextRun(const FunctionDecl *Callee);

} // namespace clang::tidy::async::utils

#endif // ASYNC_LINT_UTILS_FRAMEWORKS_H
