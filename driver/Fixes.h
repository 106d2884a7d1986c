//===--- Fixes.h - --fix and --fix-notes ----------------------------------===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Fixes are gathered from every finding first, per file, and each file is
// written once at the end: a header shared by many translation units gets
// its fixes once (its findings were already merged), never a second write
// over the first.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_DRIVER_FIXES_H
#define ASYNC_LINT_DRIVER_FIXES_H

#include "Findings.h"
#include "Options.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"

namespace clang::tidy::async::lint {

struct FixPlan {
  llvm::StringMap<tooling::Replacements> ByFile;
  /// Replacements of every finding with a fix, and of those planned.
  unsigned Attempted = 0;
  unsigned Planned = 0;
  /// A finding whose fix overlaps the fix of an earlier one (which is
  /// planned), in the order of the findings.
  struct Refusal {
    const Finding *Refused;
    const Finding *Kept;
  };
  std::vector<Refusal> Refused;
};

/// Chooses the fix of each finding (the warning's, or with \p Notes a
/// note's, as clang-tidy's getFixIt does) and merges them per file. A fix is
/// planned whole or not at all: one that overlaps a fix already planned is
/// refused, never shifted. Warnings' own fixes are planned before notes'
/// fixes (which change behaviour), each in the findings' order (file,
/// offset, check): the first wins. The same edit planned by two findings (a
/// header two units report) is made once. Records in each finding what will
/// happen (FixAttempts, Fixed). Findings of units that did not compile, and
/// compiler errors, are left alone. Touches no file.
///
/// The results it plans from are raw (no fix dropped by clang-tidy's own
/// deconfliction), fresh or cached alike, so the plan depends only on the
/// findings and the mode.
FixPlan planFixes(std::vector<Finding> &Findings, bool Notes);

struct FixResult {
  unsigned Applied = 0;
  unsigned Files = 0;
  /// Files not written because their text is no longer what was linted.
  std::vector<std::string> Changed;
  llvm::StringSet<> Written;
};

/// Writes every file of the plan once, after clang-format's clean-up in the
/// configured FormatStyle, as clang-tidy does; atomically, through a
/// temporary file and a rename. A file whose content is not the one the
/// units read when they were linted (\p Linted: SHA-256 by path; empty when
/// the units read different contents) is not written: the fixes' offsets
/// would land on other text.
llvm::Expected<FixResult>
applyFixes(const FixPlan &Plan, const Options &Opts,
           const llvm::StringMap<std::string> &Linted);

/// What each file's content was when the units read it, from \p Units'
/// inputs: SHA-256 by path; empty for a file two units read with different
/// contents (it changed during the run).
llvm::StringMap<std::string> lintedContents(llvm::ArrayRef<UnitResult> Units);

} // namespace clang::tidy::async::lint

#endif
