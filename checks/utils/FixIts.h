//===--- FixIts.h - rewriting only what the user wrote --------------------===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

#ifndef ASYNC_LINT_UTILS_FIXITS_H
#define ASYNC_LINT_UTILS_FIXITS_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
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

/// Whether a comment is written in \p Range. True as well when the text of
/// \p Range cannot be read, so that a caller keeps its hands off.
bool hasComment(CharSourceRange Range, const SourceManager &SM,
                const LangOptions &LangOpts);

/// A name for a new variable: \p Base, or \p Base with a number appended,
/// that no identifier in \p Text already uses.
std::string freshName(llvm::StringRef Base, llvm::StringRef Text);

/// Whether a declaration of the function, function template or class named
/// \p Path (qualified and split, e.g. {"folly", "coro", "collectAllRange"})
/// comes before \p Loc in the translation unit: a fix that uses the name
/// there needs no include for it.
bool declaredBefore(const ASTContext &Ctx, llvm::ArrayRef<llvm::StringRef> Path,
                    SourceLocation Loc);

} // namespace clang::tidy::async::utils

#endif // ASYNC_LINT_UTILS_FIXITS_H
