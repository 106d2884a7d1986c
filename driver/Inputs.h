//===--- Inputs.h - the files a unit read, as the compiler read them ------===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Two decisions rest on knowing exactly which text a result came from:
// whether a cached result still holds, and whether a fix may still be
// written (its offsets are only right in the text that was linted). Both
// compare against the SHA-256 of the buffers the compiler read -- taken from
// the SourceManager, never by reading the file again later, so an edit saved
// while a unit is being linted is never recorded as seen.
//
// Hashing every header of every unit on every run would cost more than the
// checks, so a file's stat may stand in for its content, as in ccache: only
// when its size, modification time, change time, inode and device all match
// the recorded ones, and only when the recorded stat was taken of a file that
// was not changed while or just before the unit was linted (a "racy" file is
// always hashed). `cp -p`, `rsync -t` and `tar x` keep the modification time
// but not the change time or the inode, so they are hashed.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_DRIVER_INPUTS_H
#define ASYNC_LINT_DRIVER_INPUTS_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/JSON.h"
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace clang {
class SourceManager;
} // namespace clang

namespace clang::tidy::async::lint {

/// The SHA-256 of \p Text, hex.
std::string sha256Hex(llvm::StringRef Text);

/// What stat(2) says of a file.
struct FileStat {
  uint64_t Size = 0;
  int64_t ModTime = 0;    ///< nanoseconds since the epoch
  int64_t ChangeTime = 0; ///< nanoseconds since the epoch
  uint64_t Inode = 0;
  uint64_t Device = 0;
  bool operator==(const FileStat &O) const {
    return Size == O.Size && ModTime == O.ModTime &&
           ChangeTime == O.ChangeTime && Inode == O.Inode && Device == O.Device;
  }
};

std::optional<FileStat> statOf(llvm::StringRef Path);

/// A file a unit read: its content's hash as the compiler read it, and a
/// stat that may stand in for the content when it can be trusted.
struct InputFile {
  std::string Path;
  std::string Hash; ///< SHA-256 of the content read, hex
  FileStat Stat;
  /// The stat was taken of a file changed while or just before the unit
  /// was linted: it may not describe the content read, so it never stands
  /// in for it.
  bool Racy = true;
};

/// Every file \p SM read, sorted by path, each with the hash of the buffer
/// the compiler used. \p LintStart: when the unit's parse began (files
/// changed after it, or within the file system's time granularity before
/// it, are racy). Files whose buffer was never loaded are hashed from disk
/// and marked racy.
std::vector<InputFile>
inputsOf(const SourceManager &SM,
         std::chrono::system_clock::time_point LintStart);

/// Whether \p File still has the content it had when it was read.
bool stillHolds(const InputFile &File);

/// Whether the file at \p Path now has the content hashed as \p Hash.
bool hasContent(llvm::StringRef Path, llvm::StringRef Hash);

llvm::json::Value toJson(const InputFile &File);
std::optional<InputFile> inputFromJson(const llvm::json::Value &V);

} // namespace clang::tidy::async::lint

#endif
