//===--- Inputs.cpp - the files a unit read, as the compiler read them ----===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

#include "Inputs.h"

#include "clang/Basic/FileManager.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SHA256.h"
#include <sys/stat.h>

namespace clang::tidy::async::lint {

namespace json = llvm::json;

std::string sha256Hex(llvm::StringRef Text) {
  std::array<uint8_t, 32> Digest = llvm::SHA256::hash(llvm::ArrayRef(
      reinterpret_cast<const uint8_t *>(Text.data()), Text.size()));
  return llvm::toHex(Digest, /*LowerCase=*/true);
}

namespace {

int64_t nanoseconds(const struct timespec &T) {
  return static_cast<int64_t>(T.tv_sec) * 1000000000 + T.tv_nsec;
}

std::optional<std::string> hashOnDisk(llvm::StringRef Path) {
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Buffer =
      llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                  /*RequiresNullTerminator=*/false);
  if (!Buffer)
    return std::nullopt;
  return sha256Hex((*Buffer)->getBuffer());
}

// File systems stamp times from a coarse clock, and network file systems
// from another machine's: a file changed after the parse began may carry a
// time a little before it. A second covers both, as ccache's check does.
constexpr std::chrono::seconds TimeGranularity{1};

} // namespace

std::optional<FileStat> statOf(llvm::StringRef Path) {
  struct stat S;
  if (::stat(Path.str().c_str(), &S) != 0)
    return std::nullopt;
  FileStat Result;
  Result.Size = static_cast<uint64_t>(S.st_size);
  Result.ModTime = nanoseconds(S.st_mtim);
  Result.ChangeTime = nanoseconds(S.st_ctim);
  Result.Inode = static_cast<uint64_t>(S.st_ino);
  Result.Device = static_cast<uint64_t>(S.st_dev);
  return Result;
}

std::vector<InputFile>
inputsOf(const SourceManager &SM,
         std::chrono::system_clock::time_point LintStart) {
  const int64_t RacyFrom = std::chrono::duration_cast<std::chrono::nanoseconds>(
                               (LintStart - TimeGranularity).time_since_epoch())
                               .count();
  FileManager &FM = SM.getFileManager();
  std::vector<InputFile> Inputs;
  for (auto It = SM.fileinfo_begin(), End = SM.fileinfo_end(); It != End;
       ++It) {
    InputFile File;
    File.Path = FM.getCanonicalName(It->first).str();
    std::optional<FileStat> Stat = statOf(File.Path);
    std::optional<llvm::StringRef> Read = It->second->getBufferDataIfLoaded();
    std::optional<std::string> Hash =
        Read ? std::optional<std::string>(sha256Hex(*Read))
             : hashOnDisk(File.Path);
    // A file that cannot be stated or read now cannot be checked later: it
    // is recorded with no hash, which no later content matches.
    if (Hash)
      File.Hash = std::move(*Hash);
    if (Stat) {
      File.Stat = *Stat;
      File.Racy = !Read || Stat->ModTime >= RacyFrom ||
                  Stat->ChangeTime >= RacyFrom || File.Hash.empty();
    }
    Inputs.push_back(std::move(File));
  }
  llvm::sort(Inputs, [](const InputFile &A, const InputFile &B) {
    return A.Path < B.Path;
  });
  Inputs.erase(std::unique(Inputs.begin(), Inputs.end(),
                           [](const InputFile &A, const InputFile &B) {
                             return A.Path == B.Path;
                           }),
               Inputs.end());
  return Inputs;
}

bool hasContent(llvm::StringRef Path, llvm::StringRef Hash) {
  if (Hash.empty())
    return false;
  std::optional<std::string> Now = hashOnDisk(Path);
  return Now && *Now == Hash;
}

bool stillHolds(const InputFile &File) {
  std::optional<FileStat> Now = statOf(File.Path);
  if (!Now || Now->Size != File.Stat.Size)
    return false;
  if (!File.Racy && *Now == File.Stat)
    return true;
  return hasContent(File.Path, File.Hash);
}

json::Value toJson(const InputFile &File) {
  return json::Object{{"path", File.Path},
                      {"sha256", File.Hash},
                      {"size", static_cast<int64_t>(File.Stat.Size)},
                      {"mtime", File.Stat.ModTime},
                      {"ctime", File.Stat.ChangeTime},
                      {"inode", std::to_string(File.Stat.Inode)},
                      {"device", std::to_string(File.Stat.Device)},
                      {"racy", File.Racy}};
}

std::optional<InputFile> inputFromJson(const json::Value &V) {
  const json::Object *O = V.getAsObject();
  if (!O)
    return std::nullopt;
  std::optional<llvm::StringRef> Path = O->getString("path");
  std::optional<llvm::StringRef> Hash = O->getString("sha256");
  std::optional<int64_t> Size = O->getInteger("size");
  std::optional<int64_t> MTime = O->getInteger("mtime");
  std::optional<int64_t> CTime = O->getInteger("ctime");
  std::optional<llvm::StringRef> Inode = O->getString("inode");
  std::optional<llvm::StringRef> Device = O->getString("device");
  std::optional<bool> Racy = O->getBoolean("racy");
  InputFile File;
  if (!Path || !Hash || !Size || !MTime || !CTime || !Inode || !Device ||
      !Racy || Inode->getAsInteger(10, File.Stat.Inode) ||
      Device->getAsInteger(10, File.Stat.Device))
    return std::nullopt;
  File.Path = Path->str();
  File.Hash = Hash->str();
  File.Stat.Size = static_cast<uint64_t>(*Size);
  File.Stat.ModTime = *MTime;
  File.Stat.ChangeTime = *CTime;
  File.Racy = *Racy;
  return File;
}

} // namespace clang::tidy::async::lint
