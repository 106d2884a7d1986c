//===--- TimerRewrite.h - a blocking sleep as an awaited timer --*- C++ -*-===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Part of async-lint. A coroutine that sleeps the thread stalls everything on
// it; the cure is the timer of its framework: Asio's `steady_timer` with
// `use_awaitable`, `folly::coro::sleep`, libcoro's `yield_for` on a
// scheduler. This file knows std::chrono's durations and time points well
// enough to pass a sleep's argument on to such a timer (as written when it
// converts implicitly, rounded up with `ceil` when not), and writes the
// awaited replacement.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_UTILS_TIMERREWRITE_H
#define ASYNC_LINT_UTILS_TIMERREWRITE_H

#include "Frameworks.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/APSInt.h"
#include "llvm/ADT/ArrayRef.h"
#include <optional>
#include <string>
#include <utility>

namespace clang::tidy::async::utils {

/// A `std::chrono::duration` type's representation and period.
struct DurationInfo {
  /// The representation is a floating-point type.
  bool Floating;
  /// The period, Num/Den seconds.
  llvm::APSInt Num;
  llvm::APSInt Den;
};

/// The representation and period of \p T, when it is a specialization of
/// `std::chrono::duration` with a `std::ratio` period.
std::optional<DurationInfo> durationInfo(QualType T);

/// Whether a duration converts to another implicitly, as std::chrono allows:
/// into a floating-point representation, or from an integral one when no
/// precision is lost (the ratio of the periods is a whole number).
bool convertsImplicitly(const DurationInfo &From, const DurationInfo &To);

/// The clock and duration of a `std::chrono::time_point` type.
struct TimePointInfo {
  const CXXRecordDecl *Clock;
  QualType Duration;
};

std::optional<TimePointInfo> timePointInfo(QualType T);

/// Whether \p E is a constant zero: a number, a duration of zero ticks, or a
/// time point at its clock's epoch. A zero timeout turns a timed wait into a
/// poll.
bool isConstantZero(const Expr *E, const ASTContext &Ctx);

/// How a sleep function takes its one argument.
enum class SleepArgument {
  Duration,     ///< A std::chrono duration: `std::this_thread::sleep_for`.
  TimePoint,    ///< A std::chrono time point: `sleep_until`.
  Seconds,      ///< A number of seconds: POSIX `sleep`.
  Microseconds, ///< A number of microseconds: POSIX `usleep`.
};

/// The coroutine a sleep is replaced in.
struct TimerScope {
  const FunctionDecl *Coroutine;
  /// The framework of its return type, whose timer replaces the sleep.
  Framework Library;
  /// The local variables of its body, each with the block that declares it,
  /// in source order: where a scheduler may be found.
  llvm::ArrayRef<std::pair<const VarDecl *, const CompoundStmt *>> Locals;
  /// How the unit spells namespaces, for the replacement's text.
  NamespaceAliases &Aliases;
};

/// The text that replaces the call \p Sleep with an awaited timer of the
/// coroutine's framework (`co_await asio::steady_timer(co_await
/// asio::this_coro::executor, d).async_wait(asio::use_awaitable)`,
/// `co_await folly::coro::sleep(d)`, `co_await sched.yield_for(d)`). None
/// when the framework has no timer the coroutine can await, when its
/// declarations are not visible, when the argument is not written in the
/// file, or for `sleep`/`usleep` whose result is used (\p ResultUsed): the
/// timer has no result.
std::optional<std::string>
sleepReplacement(const CallExpr *Sleep, SleepArgument Argument, bool ResultUsed,
                 const TimerScope &Scope, const ASTContext &Ctx);

/// An object of one of the classes \p Classes (qualified names) that code at
/// \p Call can name: the nearest local declared before it in a block around
/// it, else a parameter of the coroutine, else a member of its class. How to
/// reach it (`sched.`, `sched->`, through a pointer or a std smart pointer),
/// with its class; none when there is no such object.
std::optional<std::pair<std::string, const CXXRecordDecl *>>
objectInScope(const CallExpr *Call, llvm::ArrayRef<llvm::StringRef> Classes,
              const TimerScope &Scope, const SourceManager &SM);

} // namespace clang::tidy::async::utils

#endif // ASYNC_LINT_UTILS_TIMERREWRITE_H
