//===--- OnceGuards.h - code that runs once per object ---------*- C++ -*-===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Part of async-lint. Lazy initialisation: code behind a boolean member that
// the code itself sets runs once per object, however often its function
// runs. async-session-per-request does not follow a chain through it.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_UTILS_ONCEGUARDS_H
#define ASYNC_LINT_UTILS_ONCEGUARDS_H

#include "clang/AST/Decl.h"
#include "clang/AST/Stmt.h"
#include "clang/Basic/SourceManager.h"
#include <optional>

namespace clang::tidy::async::utils {

/// The source range (expansion locations) that \p If, a statement of
/// \p Function, lets run once per object:
/// - `if (!inited_) { ... }` whose branch (or a function it calls, three
///   calls deep) sets the boolean member `inited_ = true`: the branch;
/// - `if (inited_) return ...;` as a statement of the function's body,
///   when a later statement sets `inited_ = true`: the rest of the body.
/// Nothing for any other `if` (one with an `else`, a local flag, a flag the
/// guarded code never sets).
std::optional<SourceRange> onceGuardedRange(const IfStmt *If,
                                            const FunctionDecl *Function,
                                            const SourceManager &SM);

} // namespace clang::tidy::async::utils

#endif // ASYNC_LINT_UTILS_ONCEGUARDS_H
