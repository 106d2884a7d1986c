//===--- Findings.h - what a run found ------------------------------------===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// A finding is clang-tidy's ClangTidyError with every path made absolute and
// normalised (so that the same header finding from two translation units is
// recognisably the same), plus what the reports need: its line and column,
// its path relative to the project root and its fingerprint.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_DRIVER_FINDINGS_H
#define ASYNC_LINT_DRIVER_FINDINGS_H

#include "Inputs.h"
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/MemoryBuffer.h"
#include <memory>
#include <string>
#include <vector>

namespace clang::tidy::async::lint {

struct Position {
  unsigned Line = 0;   // 1-based; 0 when there is no location
  unsigned Column = 0; // 1-based, in bytes (as clang counts)
};

/// One replacement --fix tried to make, and whether it could.
struct FixAttempt {
  std::string File;
  unsigned Offset = 0;
  bool Applied = false;
};

struct Finding {
  explicit Finding(ClangTidyError Diag) : Diag(std::move(Diag)) {}

  ClangTidyError Diag;
  Position Pos;
  /// The path relative to the project root ("/"-separated), or the absolute
  /// path for a file outside it. Empty for a diagnostic without a file.
  std::string RelPath;
  std::string Fingerprint;
  /// What --fix did with this finding's fix (empty without --fix).
  std::vector<FixAttempt> FixAttempts;
  /// Its fix was written to disk by --fix.
  bool Fixed = false;
  /// Every unit that reported it failed to compile (its fix is not applied).
  bool FromBrokenUnit = false;

  llvm::StringRef file() const { return Diag.Message.FilePath; }
  llvm::StringRef check() const { return Diag.DiagnosticName; }
  bool isError() const {
    return Diag.DiagLevel == tooling::Diagnostic::Error ||
           Diag.IsWarningAsError;
  }
  /// A compiler error: the translation unit did not compile.
  bool isCompileError() const {
    return Diag.DiagLevel == tooling::Diagnostic::Error &&
           llvm::StringRef(Diag.DiagnosticName)
               .starts_with("clang-diagnostic-");
  }
  /// The fix --fix (or, with \p Notes, --fix-notes) applies, if any.
  const llvm::StringMap<tooling::Replacements> *fix(bool Notes) const {
    return getFixIt(Diag, Notes);
  }
};

/// The text of the files findings point into, read once.
class SourceFiles {
public:
  /// The contents of \p File, or empty when it cannot be read.
  llvm::StringRef contents(llvm::StringRef File);
  Position position(llvm::StringRef File, unsigned Offset);
  /// The text of 1-based line \p Line, without its line break.
  llvm::StringRef line(llvm::StringRef File, unsigned Line);

private:
  struct Entry {
    std::unique_ptr<llvm::MemoryBuffer> Buffer;
    std::vector<unsigned> LineStarts;
  };
  Entry &get(llvm::StringRef File);
  llvm::StringMap<Entry> Cache;
};

/// A translation unit's result, as the runner hands it over.
struct UnitResult {
  std::string File;
  std::vector<ClangTidyError> Errors;
  /// The compile command could not be run at all, or the unit has compiler
  /// errors.
  bool Failed = false;
  /// Taken from the result cache, not linted.
  bool FromCache = false;
  /// Linted again although its inputs may not have changed: the last run
  /// found it did not compile, and such units are never cached.
  bool BrokenBefore = false;
  /// Every file the unit read, as it read it: fixes are written only into
  /// text that is still what was linted.
  std::vector<InputFile> Inputs;
};

/// Merges the results of every unit (in job order) into one list: paths
/// normalised, each finding once even when several units report it (a
/// shared header), sorted by file, offset, check and message -- the order
/// clang-tidy prints one translation unit's findings in.
std::vector<Finding> mergeResults(std::vector<UnitResult> Units,
                                  SourceFiles &Sources, llvm::StringRef Root);

/// \p File relative to \p Root with "/" separators, or \p File itself when
/// it is not under the root.
std::string relativeToRoot(llvm::StringRef File, llvm::StringRef Root);

} // namespace clang::tidy::async::lint

#endif
