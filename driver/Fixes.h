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

namespace clang::tidy::async::lint {

struct FixPlan {
  llvm::StringMap<tooling::Replacements> ByFile;
  unsigned Attempted = 0;
  unsigned Planned = 0;
};

/// Chooses the fix of each finding (the warning's, or with \p Notes a
/// note's), merges them per file, and records in each finding what will
/// happen (FixAttempts, Fixed). Findings of units that did not compile, and
/// compiler errors, are left alone. Touches no file.
FixPlan planFixes(std::vector<Finding> &Findings, bool Notes);

struct FixResult {
  unsigned Applied = 0;
  unsigned Files = 0;
};

/// Writes every file of the plan once, after clang-format's clean-up in the
/// configured FormatStyle, as clang-tidy does.
llvm::Expected<FixResult> applyFixes(const FixPlan &Plan, const Options &Opts);

} // namespace clang::tidy::async::lint

#endif
