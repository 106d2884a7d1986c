//===--- Loops.h - the parts of a loop statement ---------------*- C++ -*-===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

#ifndef ASYNC_LINT_UTILS_LOOPS_H
#define ASYNC_LINT_UTILS_LOOPS_H

#include "clang/AST/Stmt.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"

namespace clang::tidy::async::utils {

/// True for `for`, range-based `for`, `while` and `do` statements.
inline bool isLoop(const Stmt *S) {
  return llvm::isa_and_nonnull<ForStmt, CXXForRangeStmt, WhileStmt, DoStmt>(S);
}

/// The body of the loop \p Loop, or null when \p Loop is not a loop.
const Stmt *loopBody(const Stmt *Loop);

/// The condition a loop tests before each iteration (after it, for `do`):
/// null for a range-based `for`, for `for (;;)`, and for a non-loop.
const Expr *loopCondition(const Stmt *Loop);

/// Whether \p Loc lies in \p Range (both taken where they are written in
/// a file).
bool isWithin(SourceLocation Loc, SourceRange Range, const SourceManager &SM);

} // namespace clang::tidy::async::utils

#endif // ASYNC_LINT_UTILS_LOOPS_H
