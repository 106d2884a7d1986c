//===--- SessionFacts.h - per-request facts of a unit ------*- C++ -*-===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Part of async-lint. The AST side of async-session-per-request's facts
// (Facts.h, kind `session`): for each function a unit defines, the calls it
// makes and the first session object it builds outside loops; for each
// function the unit runs once per request, why. The link step follows the
// calls across units; the check reports what the link found for its unit.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_UTILS_SESSIONFACTS_H
#define ASYNC_LINT_UTILS_SESSIONFACTS_H

#include "FactsRecorder.h"
#include "clang/AST/Decl.h"

namespace clang::tidy::async::utils {

/// The kind of the session check's facts.
inline constexpr llvm::StringLiteral SessionFactsKind = "session";

/// A call from one function of the unit to another, where it is.
struct CallSite {
  const FunctionDecl *Callee; ///< canonical
  SourceLocation Loc;
  /// The spawner the callee is handed to at Loc, or null for a call.
  const NamedDecl *Via = nullptr;
  /// The call is made each time its function runs, not once per object
  /// under a guard: the chain may go on through it.
  bool Whenever = true;
};

/// \p D's qualified name as the unit's own diagnostics print it (`%q`).
std::string diagnosticName(const NamedDecl *D);

/// The construction of a session object (\p What: the class, or the
/// factory called) at \p Loc, as facts record it; none when \p Loc is in no
/// file.
std::optional<HitFact> sessionHit(const NamedDecl *What, llvm::StringRef Why,
                                  SourceLocation Loc, const ASTContext &Ctx);

/// The name notes give \p FD: its name as Clang prints it, or empty for a
/// lambda.
std::string noteName(const FunctionDecl *FD);

/// Records the definition \p Def: the first of \p Calls to each linkable
/// user function, and \p Hit, its first construction outside loops.
void recordSessionFunction(FactsRecorder &Recorder, const FunctionDecl *Def,
                           llvm::ArrayRef<CallSite> Calls,
                           std::optional<HitFact> Hit);

/// Records that \p Function runs once per request (or item): \p Root is
/// handed to \p Spawner at \p RootLoc (or called there in a loop, when
/// \p Spawner is null), and \p Steps lead from \p Root down to \p Function.
/// \p Followed is false for a function a loop in main() calls. Nothing is
/// recorded for a function another unit cannot name.
void recordPerRequest(FactsRecorder &Recorder, const FunctionDecl *Function,
                      const FunctionDecl *Root, SourceLocation RootLoc,
                      const NamedDecl *Spawner, llvm::ArrayRef<CallSite> Steps,
                      bool Followed);

} // namespace clang::tidy::async::utils

#endif // ASYNC_LINT_UTILS_SESSIONFACTS_H
