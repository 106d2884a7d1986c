//===--- FixIts.h - rewriting only what the user wrote --------------------===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

#ifndef ASYNC_LINT_UTILS_FIXITS_H
#define ASYNC_LINT_UTILS_FIXITS_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include <optional>
#include <string>

namespace clang::tidy::async::utils {

class NamespaceAliases;

/// The file text of \p S when the user wrote all of it in the file: either
/// directly, or as one macro argument. std::nullopt when any part comes from
/// a macro body, because rewriting a macro changes every expansion.
std::optional<CharSourceRange> writtenRange(const Stmt *S,
                                            const SourceManager &SM,
                                            const LangOptions &LangOpts);

/// The text to remove to delete the statement written at \p Written (from
/// writtenRange): its lines too, from the end of the line before, when it
/// has them to itself, so that no blank line is left behind.
CharSourceRange statementRemoval(CharSourceRange Written,
                                 const SourceManager &SM);

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

/// The file text of \p E, when the user wrote all of it (see writtenRange()).
std::optional<std::string> sourceText(const Expr *E, const ASTContext &Ctx);

/// Whether a prefix operator such as `co_await` in front of \p E would bind
/// to only part of it: \p E is a binary, assignment, comma or conditional
/// operator, built in or overloaded. Prefix and postfix operators bind
/// tighter than a prefix `co_await` and need none.
bool needsParensAfterPrefix(const Expr *E);

/// The arguments of \p Call that the user wrote: without the object of an
/// overloaded operator call and without defaulted ones.
llvm::SmallVector<const Expr *, 4> writtenArguments(const CallExpr *Call);

/// The fix that awaits \p Call under the name \p NewName with
/// \p LastArgument appended: `sock.read_some(buf)` becomes `co_await
/// sock.async_read_some(buf, asio::use_awaitable)`, in parentheses when the
/// call is the \p PostfixOperand of a member access or call. Empty when the
/// call, its name or its closing parenthesis is not written in the file.
llvm::SmallVector<FixItHint, 4> awaitRenamedCall(const CallExpr *Call,
                                                 llvm::StringRef NewName,
                                                 llvm::StringRef LastArgument,
                                                 bool PostfixOperand,
                                                 const ASTContext &Ctx);

/// An insertion of the statement \p Text at the end of \p Block, before its
/// closing brace: on a line of its own, indented like the block's first
/// statement, when the brace starts a line. None when the brace is not
/// written in the file.
std::optional<FixItHint> insertStatementAtEnd(const CompoundStmt *Block,
                                              llvm::StringRef Text,
                                              const SourceManager &SM);

/// An insertion of the statement \p Text before the statement \p Before: on
/// a line of its own, indented the same, when \p Before starts a line. None
/// when \p Before starts inside a macro body.
std::optional<FixItHint> insertStatementBefore(const Stmt *Before,
                                               llvm::StringRef Text,
                                               const SourceManager &SM,
                                               const LangOptions &LangOpts);

/// How code at \p Loc spells the class \p RD from namespace scope: through
/// the file's alias for its namespace, when it has one (see
/// NamespaceAliases), else by its qualified name.
std::string spellClass(NamespaceAliases &Aliases, const ASTContext &Ctx,
                       const CXXRecordDecl *RD, SourceLocation Loc);

} // namespace clang::tidy::async::utils

#endif // ASYNC_LINT_UTILS_FIXITS_H
