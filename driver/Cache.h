//===--- Cache.h - a unit's result, kept until one of its inputs changes --===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Parsing is what a user waits for; the checks cost milliseconds. So each
// unit's result -- its findings with their fixes and notes, and the facts it
// wrote for the link step -- is kept, and reused while nothing it depends on
// has changed. As in ccache's direct mode, the key is read off the inputs
// without preprocessing:
//
//   key     = SHA-256 of the unit's path, its compile command, the effective
//             check configuration, and async-lint's identity (version, LLVM
//             version, and the executable's size and modification time, so
//             that a rebuilt async-lint never reuses an older one's results);
//   entry   = <cache dir>/<key[0..2]>/<key>.json: every file the unit read
//             (the main file and each header) with the SHA-256 of the text
//             the compiler read and its stat (Inputs.h), and the result.
//
// An entry is used when every file still has the content the compiler read:
// a file is hashed again unless its whole stat (size, times, inode) matches
// one that can be trusted (Inputs.h).
//
// The result is kept raw: every finding with every fix, before any choice
// between fixes that overlap. That choice depends on the run's fix mode
// (--fix or --fix-notes) and is made after the cache, the same way for a
// cached result as for a fresh one (Fixes.h).
//
// Outside the key, as in ccache's direct mode: a new header that would
// shadow one the unit read (an earlier directory of the include path), a
// `__has_include` whose answer would change, and environment variables that
// add include directories (CPATH, CPLUS_INCLUDE_PATH). Run with --no-cache,
// or clear the cache, after such a change.
// Entries are written through a temporary file and a rename, so concurrent
// runs see an old entry or a new one, never half of one; an entry that
// cannot be read is a miss. A unit that does not compile is not cached. The
// cache is bounded: after a run, the least recently used entries go until
// it is under its size.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_DRIVER_CACHE_H
#define ASYNC_LINT_DRIVER_CACHE_H

#include "Findings.h"
#include "Project.h"
#include "llvm/Support/JSON.h"
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace clang::tidy::async::lint {

/// What is kept of one unit.
struct CachedUnit {
  std::vector<ClangTidyError> Errors;
  /// The facts files the unit wrote (utils/Facts.h), as text, by kind.
  std::map<std::string, std::string> Facts;
  /// Every file the unit read.
  std::vector<InputFile> Inputs;
};

/// clang-tidy's findings as JSON and back: everything a report, a fix or a
/// baseline needs.
llvm::json::Value toJson(const ClangTidyError &Error);
std::optional<ClangTidyError> errorFromJson(const llvm::json::Value &V);

/// A shard's unit results, kept in the facts directory for `async-lint
/// merge`: <facts dir>/results/shard-K-of-N.json.
llvm::Error writeShardResults(llvm::StringRef FactsDir, unsigned Shard,
                              unsigned Shards,
                              const std::vector<UnitResult> &Results);
/// Every shard's results in \p FactsDir, sorted by unit. An error when
/// there are none, one cannot be read, or a unit is in two of them.
llvm::Expected<std::vector<UnitResult>>
readShardResults(llvm::StringRef FactsDir);

class ResultCache {
public:
  /// \p Dir is created when the first entry is stored. \p MaxBytes bounds
  /// its size after each run.
  ResultCache(std::string Dir, uint64_t MaxBytes);

  const std::string &dir() const { return Dir; }

  /// The key of a unit linted with \p Job's commands and \p Config (the
  /// effective configuration as text).
  static std::string keyOf(const Job &J, llvm::StringRef Config);

  /// The entry for \p Key, when every file it depends on is unchanged.
  std::optional<CachedUnit> lookup(llvm::StringRef Key) const;

  /// Keeps \p Unit under \p Key. A failure to write is not an error: the
  /// next run lints the unit again.
  void store(llvm::StringRef Key, const CachedUnit &Unit) const;

  /// A unit that does not compile is never cached (a missing header may
  /// appear later, which no list of the files it read can tell); its key
  /// only remembers that, so that the next run can say why it lints the
  /// unit again.
  void storeFailure(llvm::StringRef Key) const;
  /// Whether the last run that linted \p Key found it did not compile.
  bool failedBefore(llvm::StringRef Key) const;

  /// Removes the least recently used entries until the cache holds at most
  /// 90% of its bound. Returns how many were removed.
  size_t evict() const;

private:
  std::string entryPath(llvm::StringRef Key) const;
  std::string Dir;
  uint64_t MaxBytes;
};

} // namespace clang::tidy::async::lint

#endif
