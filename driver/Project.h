//===--- Project.h - which translation units to lint, and how -------------===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Finds the compile database, and turns the PATHs of the command line into
// jobs: one per source file, with the compile commands to lint it with.
// Everything that would make a run meaningless (no database where one is
// needed, a malformed one, a missing file) is an error here, before any
// work starts.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_DRIVER_PROJECT_H
#define ASYNC_LINT_DRIVER_PROJECT_H

#include "Options.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/Support/Error.h"
#include <string>
#include <vector>

namespace clang::tidy::async::lint {

struct Job {
  /// Absolute, normalised path of the source file.
  std::string File;
  std::vector<tooling::CompileCommand> Commands;
};

struct Plan {
  std::vector<Job> Jobs; // sorted by File
  /// The compile database used, empty when there is none.
  std::string Database;
  /// Every translation unit the database lists (also those not linted).
  std::vector<std::string> DatabaseUnits;
};

llvm::Expected<Plan> planJobs(const Options &Opts);

/// \p Path made absolute against \p Base (default: the current directory)
/// with "." and ".." removed.
std::string normalizePath(llvm::StringRef Path, llvm::StringRef Base = "");

/// The current directory.
std::string currentDirectory();

/// Whether \p Path is \p Dir or lies under it (both normalised).
bool isUnder(llvm::StringRef Path, llvm::StringRef Dir);

/// Replaces \p Path with \p Contents through a temporary file in the same
/// directory and a rename, so that no reader ever sees a partial file. An
/// existing file keeps its permissions.
llvm::Error writeFileAtomically(llvm::StringRef Path, llvm::StringRef Contents);

} // namespace clang::tidy::async::lint

#endif
