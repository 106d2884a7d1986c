//===--- SharedState.h - state other coroutines can change -----*- C++ -*-===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Part of async-lint. While a coroutine is suspended, other coroutines on
// the same executor run. The state they can change under it is what it does
// not own: a member of the object the coroutine runs on (`counter_`,
// `this->balance_`), a variable with static storage (a global, a static
// local, a static data member), and a variable a lambda coroutine captured
// by reference. Locals, parameters and by-value captures live in the
// coroutine's own frame.
//
// The engine names that state (the declaration), finds where a statement
// writes it, and finds the async-mutex acquisitions that keep other
// coroutines out (AsyncMutexLocks in Frameworks.cpp).
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_UTILS_SHAREDSTATE_H
#define ASYNC_LINT_UTILS_SHAREDSTATE_H

#include "BodyTree.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"

namespace clang::tidy::async::utils {

/// The shared state \p E names in the body of \p Function (see the file
/// comment): a FieldDecl for `member` or `this->member`, a VarDecl for a
/// variable with static storage or one \p Function, a lambda's call
/// operator, captured by reference. Null for anything else, including
/// constants and std::atomic objects (whose operations are not the plain
/// reads and writes this engine follows). \p Tree holds \p Function.
const ValueDecl *sharedStateOf(const Expr *E, const FunctionDecl *Function,
                               const BodyTree &Tree);

/// A write to shared state: an assignment, a compound assignment or an
/// increment, built in or overloaded.
struct StateWrite {
  const ValueDecl *State = nullptr;
  const Expr *Write = nullptr;  ///< The whole assignment.
  const Expr *Target = nullptr; ///< The state as written on the left.
  const Expr *Value = nullptr;  ///< The right side; null for `++`/`--`.
  /// `=` (BO_Assign), a compound assignment's operator (BO_AddAssign, ...),
  /// or BO_Comma for an increment or decrement.
  BinaryOperatorKind Op = BO_Comma;
};

/// The write \p S is, if it writes shared state.
std::optional<StateWrite>
stateWriteOf(const Stmt *S, const FunctionDecl *Function, const BodyTree &Tree);

/// Whether \p Await (a `co_await`) acquires an async mutex of a framework
/// (AsyncMutexLocks: folly's `co_scoped_lock`/`co_lock`, cppcoro's
/// `scoped_lock_async`/`lock_async`, libcoro's `lock`/`scoped_lock`,
/// async_simple's `coScopedLock`/`coLock`, concurrencpp's
/// `async_lock::lock`). Sets \p Mutex to the mutex's declaration when the
/// object is a variable or member.
bool acquiresAsyncMutex(const Expr *Await, const ValueDecl *&Mutex);

} // namespace clang::tidy::async::utils

#endif // ASYNC_LINT_UTILS_SHAREDSTATE_H
