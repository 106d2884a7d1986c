//===--- FixIts.h - rewriting only what the user wrote --------------------===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

#ifndef ASYNC_LINT_UTILS_FIXITS_H
#define ASYNC_LINT_UTILS_FIXITS_H

#include "clang/AST/Expr.h"
#include "clang/Basic/SourceManager.h"
#include <optional>
#include <string>

namespace clang::tidy::async::utils {

/// The file text of \p S when the user wrote all of it in the file: either
/// directly, or as one macro argument. std::nullopt when any part comes from
/// a macro body, because rewriting a macro changes every expansion.
std::optional<CharSourceRange> writtenRange(const Stmt *S,
                                            const SourceManager &SM,
                                            const LangOptions &LangOpts);

/// The whitespace that starts the line of the file location \p Loc: the
/// indentation for a statement inserted on a line of its own before it.
std::string lineIndentation(SourceLocation Loc, const SourceManager &SM);

/// Whether only whitespace precedes the file location \p Loc on its line.
bool startsLine(SourceLocation Loc, const SourceManager &SM);

} // namespace clang::tidy::async::utils

#endif // ASYNC_LINT_UTILS_FIXITS_H
