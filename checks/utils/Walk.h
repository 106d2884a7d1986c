//===--- Walk.h - walking a body with each expression's context -*- C++ -*-===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Part of async-lint. forEachEvaluatedStmt (Coroutines.h) visits what a body
// evaluates; the walk here also tells each visited statement how its parent
// uses it: whether its value is thrown away, whether a prefix operator put in
// front of it would bind to only part of a postfix expression, and whether a
// `co_await` may be written there at all.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_UTILS_WALK_H
#define ASYNC_LINT_UTILS_WALK_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/STLFunctionalExtras.h"

namespace clang::tidy::async::utils {

/// How the value of an expression is used by its parent.
enum class ValueUse {
  Used,      ///< Read by something: an argument, an initialiser, an operand.
  Discarded, ///< Thrown away: an expression statement, a comma's left side.
  VoidCast,  ///< Thrown away explicitly with a cast to void.
};

/// Where a statement sits, as far as reading or rewriting it is concerned.
struct EvaluationContext {
  ValueUse Use = ValueUse::Discarded;
  /// The operand of a postfix operator (`.`, `->`, a call, a subscript): a
  /// prefix `co_await` in front of it needs parentheses.
  bool PostfixOperand = false;
  /// Inside a catch handler.
  bool InHandler = false;
  /// `co_await` is ill-formed here: a catch handler, or the initialiser of a
  /// static local.
  bool NoAwait = false;
  /// The innermost block around the statement (null for the root itself).
  const CompoundStmt *Block = nullptr;

  bool discarded() const { return Use != ValueUse::Used; }
};

/// Calls \p Visit on \p Root (as a statement whose value is discarded) and,
/// in pre-order and source order, on every statement it evaluates as part of
/// the same function, with its context. Leaves out what forEachEvaluatedStmt
/// leaves out (nested lambda, block and local class bodies), and also
/// unevaluated operands (`sizeof`, `noexcept`, `decltype`, non-polymorphic
/// `typeid`, requires-expressions) and the branch an `if constexpr`
/// discards. Returning false from \p Visit skips the statement's children.
void forEachEvaluatedStmtInContext(
    const Stmt *Root, const ASTContext &Ctx,
    llvm::function_ref<bool(const Stmt *, const EvaluationContext &)> Visit);

} // namespace clang::tidy::async::utils

#endif // ASYNC_LINT_UTILS_WALK_H
