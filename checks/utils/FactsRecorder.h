//===--- FactsRecorder.h - a unit's facts, from its AST ----*- C++ -*-===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Part of async-lint. The AST side of Facts.h: a check that reasons about
// callees records, for each function the unit defines, what it does directly
// and which user functions it calls (by USR), and writes them when the unit
// ends; and a finding that the link step supplies is put back on the AST's
// source locations.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_UTILS_FACTSRECORDER_H
#define ASYNC_LINT_UTILS_FACTSRECORDER_H

#include "Facts.h"
#include "clang/AST/Decl.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include <optional>
#include <string>

namespace clang::tidy::async::utils {

/// The USR of \p D: the name every unit gives the same declaration. Empty
/// for what has none that holds across units (lambdas, locals).
std::string usrOf(const Decl *D);

/// Where \p Loc is, in the file it is spelled or expanded in; the path is
/// absolute (against the working directory of the unit's file system).
std::optional<FactSite> siteOf(SourceLocation Loc, const SourceManager &SM);

/// \p Site as a location of \p SM, loading its file when the unit did not
/// include it. None when the file is gone or shorter than it was.
SourceLocation locationOf(const FactSite &Site, SourceManager &SM);

/// The facts directory of a unit: \p Configured (relative to the build
/// directory) when set; else `.async-lint` in the build directory when that
/// holds one; else the nearest `.async-lint` or `build/.async-lint` above the
/// main file. Empty when there is none.
std::string findFactsDir(llvm::StringRef Configured, llvm::StringRef BuildDir,
                         llvm::StringRef MainFile);

/// A call to \p Callee at \p Loc as facts record it; none when the callee
/// has no USR or the place no file.
std::optional<CallFact> callFact(const FunctionDecl *Callee, SourceLocation Loc,
                                 const SourceManager &SM, bool Virtual = false);

/// Whether a call to \p Callee can be resolved by another unit: a user
/// function (not in a system header) that is no lambda or local. A
/// template's instantiation is linked as the template (usrOf names the
/// pattern), so that facts taken from a template where it is written serve
/// every instantiation.
bool isLinkable(const FunctionDecl *Callee);

/// The unit's main file, absolute (as siteOf gives it); empty when it has
/// none.
std::string mainFileOf(const SourceManager &SM);

/// Collects one unit's facts as its functions are checked.
class FactsRecorder {
public:
  /// What a call blocks on, if it does: the hit of the facts.
  using HitFn = llvm::function_ref<std::optional<HitFact>(const Expr *)>;
  /// Whether a call to this function is left out (the user ignores it).
  using SkipFn = llvm::function_ref<bool(const FunctionDecl *)>;

  void clear() { *this = FactsRecorder(); }

  /// Whether a call in a function that is not a coroutine counts: with a
  /// check's default evidence rule, only what runs on every path through the
  /// function (EveryPath).
  using CountsFn = llvm::function_ref<bool(const Expr *)>;

  /// Records \p Def (a definition the unit checks): for a coroutine the
  /// calls of its body, for any other function also its first hit; of a
  /// function that is not a coroutine, only the calls \p Counts accepts.
  void record(const FunctionDecl *Def, bool Coroutine, HitFn Hit, SkipFn Skip,
              CountsFn Counts = nullptr);

  /// The fact of \p Def (a definition the unit checks) with its name, place
  /// and overrides, for the caller to fill in; null when \p Def is not
  /// linkable or was recorded already.
  FunctionFact *add(const FunctionDecl *Def, bool Coroutine);

  /// Records that the unit runs a function once per request.
  void addPerRequest(PerRequestFact Fact) {
    PerRequest.push_back(std::move(Fact));
  }

  /// Writes the facts as \p Kind for the unit \p MainFile (which compiled
  /// without errors unless \p Complete is false: then nothing is written
  /// and an earlier file is removed), taken under the options whose
  /// optionsFingerprint() is \p Options.
  llvm::Error write(llvm::StringRef FactsDir, llvm::StringRef Kind,
                    llvm::StringRef MainFile, unsigned MaxDepth,
                    llvm::StringRef Options, bool Complete);

private:
  std::vector<FunctionFact> Functions;
  std::vector<PerRequestFact> PerRequest;
  llvm::StringSet<> Seen;
};

} // namespace clang::tidy::async::utils

#endif // ASYNC_LINT_UTILS_FACTSRECORDER_H
