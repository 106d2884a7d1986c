//===--- Baseline.h - fingerprints, baselines and changed lines -----------===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Adopting a linter on an existing codebase: a baseline records today's
// findings so that only new ones fail, and --changed-since limits a
// pre-merge run to the lines a branch touched.
//
// A finding's fingerprint is built from its check, its file (relative to the
// project root), the text of the flagged line with all whitespace removed,
// and its index among the findings that share those three. It has no line
// number, so it survives lines inserted above and reformatting elsewhere.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_DRIVER_BASELINE_H
#define ASYNC_LINT_DRIVER_BASELINE_H

#include "Findings.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Error.h"

namespace clang::tidy::async::lint {

/// Sets Finding::Fingerprint on every finding (they must be in report
/// order, which mergeResults gives).
void assignFingerprints(std::vector<Finding> &Findings, SourceFiles &Sources);

/// Writes the findings (compiler errors excepted) as a baseline file,
/// atomically.
llvm::Error writeBaseline(llvm::StringRef Path,
                          llvm::ArrayRef<Finding> Findings);

/// The fingerprints a baseline file holds.
llvm::Expected<llvm::StringSet<>> readBaseline(llvm::StringRef Path);

/// The lines added or changed in the work tree since a git revision.
class ChangedLines {
public:
  /// Whether line \p Line of \p File (absolute) is new or changed.
  bool contains(llvm::StringRef File, unsigned Line) const;
  /// Whether anything in \p File changed.
  bool touches(llvm::StringRef File) const;
  llvm::ArrayRef<std::string> files() const { return Files; }

  /// Runs git in \p Root's work tree.
  static llvm::Expected<ChangedLines> since(llvm::StringRef Rev,
                                            llvm::StringRef Root);

private:
  llvm::StringMap<std::vector<std::pair<unsigned, unsigned>>> Ranges;
  llvm::StringSet<> Whole;
  std::vector<std::string> Files;
};

/// The top of the git work tree containing \p Dir, if any.
std::optional<std::string> gitTopLevel(llvm::StringRef Dir);

} // namespace clang::tidy::async::lint

#endif
