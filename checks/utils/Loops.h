//===--- Loops.h - the parts of a loop statement ---------------*- C++ -*-===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

#ifndef ASYNC_LINT_UTILS_LOOPS_H
#define ASYNC_LINT_UTILS_LOOPS_H

#include "clang/AST/Stmt.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"
#include <optional>

namespace clang {
class ASTContext;
} // namespace clang

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

/// Whether \p Loop runs its body at most once: every iteration leaves it
/// (`for (;;) { ...; break; }`), its condition is constant false before the
/// first iteration (`while (false)`), or it is a `do ... while (0)`.
bool runsAtMostOnce(const Stmt *Loop, const ASTContext &Ctx);

/// How many times \p Loop runs when the code fixes it: a counting `for`
/// (`for (int i = 0; i < 3; ++i)`, `<`, `<=` or `!=`, `++`/`--`/`+= 1`, the
/// counter not changed in the body, bounds that are constants), or a
/// range-based `for` over a braced list or an array of known size. Nothing
/// when the count depends on values the code reads at run time.
std::optional<uint64_t> constantTripCount(const Stmt *Loop, ASTContext &Ctx);

} // namespace clang::tidy::async::utils

#endif // ASYNC_LINT_UTILS_LOOPS_H
