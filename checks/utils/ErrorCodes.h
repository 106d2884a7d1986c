//===--- ErrorCodes.h - what a condition says about an error code ---------===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Part of async-lint. Asio reports a cancelled operation as the error code
// `operation_aborted` (through `as_tuple`, `redirect_error`, or the
// `system_error` it throws). Whether a loop stops on cancellation depends on
// what its conditions test: `if (ec)`, `if (!ec)`, `ec == error::eof`,
// `e.code() != error::operation_aborted`. This file finds where awaited
// operations store their error codes, and reads such conditions.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_UTILS_ERRORCODES_H
#define ASYNC_LINT_UTILS_ERRORCODES_H

#include "Exits.h"
#include "Frameworks.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallVector.h"
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

/// An `if` whose condition is a TruthTest.
struct ErrorTest {
  const IfStmt *If;
  TruthTest Test;
};

/// The `if` statements of \p Ifs whose conditions are TruthTests, in order.
llvm::SmallVector<ErrorTest, 8> errorTests(llvm::ArrayRef<const IfStmt *> Ifs);

/// An awaited operation that stores its error code in a variable.
struct ErrorCodeSite {
  const ValueDecl *Code;
  /// The `co_await` (or `co_yield`) of the operation.
  const Stmt *Await;
  /// Boost.Asio or standalone Asio.
  Framework Library;
};

/// Whether \p E is an Asio completion token that stores the operation's
/// error code in a variable: a `redirect_error_t`, whatever made it.
bool isRedirectErrorToken(const Expr *E);

/// The error code a redirect_error token stores into: the error-code
/// argument of the call that makes it (Asio's `redirect_error`, or a
/// project's wrapper such as `operator[](error_code &)`), through a variable
/// that holds the token. Null when no single code is named.
const ValueDecl *redirectedCode(const Expr *Token);

/// The awaited Asio operations in \p Body that store their error code in a
/// variable, in source order: `auto [ec, n] = co_await op(as_tuple(...));`,
/// `error_code ec = co_await ...;`, `std::tie(ec, n) = co_await ...;` and
/// `co_await op(redirect_error(use_awaitable, ec));`. The framework is that
/// of the awaited operand, else of the token, else \p Coroutine; sites of
/// other frameworks are left out.
llvm::SmallVector<ErrorCodeSite, 4> errorCodeSites(const Stmt *Body,
                                                   Framework Coroutine);

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

/// Reads conditions for what they say about cancellation: comparisons of
/// error codes with `operation_aborted` (see evaluateCancelled()), and other
/// ways of asking whether the coroutine was cancelled: its cancellation
/// state, `stop_requested()`, or a test for one of the cancellation exception
/// classes given to the constructor (a `dynamic_cast`, a `typeid`, a
/// template argument such as `is_compatible_with<folly::OperationCancelled>`).
class CancellationConditions {
public:
  CancellationConditions(const ASTContext &Ctx,
                         llvm::ArrayRef<const CXXRecordDecl *> Classes)
      : Ctx(Ctx), Classes(Classes.begin(), Classes.end()) {}

  /// Whether \p S, a condition or part of one, asks about cancellation
  /// anywhere.
  bool mentionsCancellation(const Stmt *S) const;

  /// Whether the init-statement, condition variable or condition of \p If
  /// asks about cancellation.
  bool testsCancellation(const IfStmt *If) const;

  /// Which branches of \p If a path can take when the error codes that
  /// \p IsCancelled accepts hold `operation_aborted`: the one the condition
  /// evaluates to, else Guard when it asks about cancellation, else Both.
  Branch branchWhenCancelled(const IfStmt *If, CodePredicate IsCancelled) const;

  /// The exits of \p S (see exitsOf()) for a cancellation whose error code
  /// \p IsCancelled recognises.
  ExitSet exitsWhenCancelled(const Stmt *S, CodePredicate IsCancelled) const;

private:
  const ASTContext &Ctx;
  llvm::SmallPtrSet<const CXXRecordDecl *, 4> Classes;
};

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

/// A read awaited with a completion token that throws its failure
/// (`use_awaitable`, `deferred`), and the error it throws once its stream
/// has ended.
struct ThrowingRead {
  const Stmt *Await;
  TerminalError Error;
};

/// The first such read awaited in \p Block (not in a lambda inside it): the
/// read whose end of stream the handlers of a `try` around \p Block
/// receive.
std::optional<ThrowingRead> throwingTerminalRead(const Stmt *Block);

/// Whether \p S mentions a terminal error enumerator (one
/// terminalErrorOfRead() can return) anywhere.
bool mentionsTerminalError(const Stmt *S);

} // namespace clang::tidy::async::utils

#endif // ASYNC_LINT_UTILS_ERRORCODES_H
