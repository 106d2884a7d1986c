//===--- ErrorCodes.h - what a condition says about an error code ---------===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Part of async-lint. Asio reports a cancelled operation as the error code
// `operation_aborted` (through `as_tuple`, `redirect_error`, or the
// `system_error` it throws). Whether a loop stops on cancellation depends on
// what its conditions test: `if (ec)`, `if (!ec)`, `ec == error::eof`,
// `e.code() != error::operation_aborted`. This file reads such conditions.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_UTILS_ERRORCODES_H
#define ASYNC_LINT_UTILS_ERRORCODES_H

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include <optional>

namespace clang::tidy::async::utils {

/// True for `std::error_code` and `boost::system::error_code` (through
/// references and cv-qualifiers).
bool isErrorCodeType(QualType T);

/// The variable (or structured binding) \p E names, if it is an error code.
const ValueDecl *errorCodeRef(const Expr *E);

/// The code of a caught system_error: `e.code()`, `se->code()`.
bool isExceptionCode(const Expr *E);

/// A condition that asks whether an error code holds an error.
struct TruthTest {
  const ValueDecl *Code;
  /// The reference to the code in the condition.
  const Expr *Ref;
  /// True when the condition holds on error (`ec`), false when it holds on
  /// success (`!ec`).
  bool Positive;
};

/// Recognises `ec`, `!ec`, `ec.failed()` and conjunctions or disjunctions
/// with them: the conditions that ask whether an error happened.
std::optional<TruthTest> truthTest(const Expr *E);

/// What a condition is known to be when the error code it looks at holds
/// `operation_aborted`.
enum class Truth { Unknown, True, False };

/// Accepts the expressions that hold the error code of the cancellation.
using CodePredicate = llvm::function_ref<bool(const Expr *)>;

/// Whether \p E names an error enumerator, and if so whether it is the one a
/// cancelled operation completes with (`operation_aborted`, or the
/// `operation_canceled` condition it is equivalent to).
std::optional<bool> namesAbortedEnumerator(const Expr *E);

/// Evaluates the condition \p E in the situation where every error code
/// that \p IsCancelled accepts holds `operation_aborted`: comparisons of such
/// a code with error enumerators, its truth value, and `!`, `&&`, `||` over
/// them. Anything else is Unknown.
Truth evaluateCancelled(const Expr *E, CodePredicate IsCancelled);

/// The error a read reports when its stream has ended for good: Asio's
/// `error::eof`, Beast's `http::error::end_of_stream`, Beast's
/// `websocket::error::closed`. Reading again after it spins or fails for
/// ever.
struct TerminalError {
  /// The namespace that declares the `error` enumeration, as qualified.
  llvm::StringRef Namespace;
  /// The enumerator.
  llvm::StringRef Name;
};

/// The terminal error of the read operation \p Operand (an awaited call such
/// as `socket.async_read_some(...)`, `http::async_read(...)` or
/// `ws.async_read(...)`), resolved by the callee's declaration; none for
/// anything that is not a known read.
std::optional<TerminalError> terminalErrorOfRead(const Expr *Operand);

/// Whether \p S mentions a terminal error enumerator (one
/// terminalErrorOfRead() can return) anywhere.
bool mentionsTerminalError(const Stmt *S);

} // namespace clang::tidy::async::utils

#endif // ASYNC_LINT_UTILS_ERRORCODES_H
