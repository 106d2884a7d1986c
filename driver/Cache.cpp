//===--- Cache.cpp - a unit's result, kept until one of its inputs changes ===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

#include "Cache.h"
#include "utils/Facts.h"
#include "clang/Basic/Version.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include <algorithm>

namespace clang::tidy::async::lint {

namespace json = llvm::json;
namespace fs = llvm::sys::fs;

/// Bump when the shape of an entry changes.
constexpr int64_t CacheFormat = 3;

namespace {

json::Array toJson(const std::vector<InputFile> &Inputs) {
  json::Array Array;
  for (const InputFile &File : Inputs)
    Array.push_back(toJson(File));
  return Array;
}

std::optional<std::vector<InputFile>> inputsFromJson(const json::Array *A) {
  if (!A)
    return std::nullopt;
  std::vector<InputFile> Inputs;
  for (const json::Value &V : *A) {
    std::optional<InputFile> File = inputFromJson(V);
    if (!File)
      return std::nullopt;
    Inputs.push_back(std::move(*File));
  }
  return Inputs;
}

} // namespace

// ---------------------------------------------------------------------------
// Findings as JSON.

namespace {

json::Value toJson(const tooling::DiagnosticMessage &M) {
  json::Array Ranges;
  for (const tooling::FileByteRange &R : M.Ranges)
    Ranges.push_back(json::Object{
        {"file", R.FilePath}, {"offset", R.FileOffset}, {"length", R.Length}});
  // Sorted by file, so that equal findings give equal text.
  std::vector<std::string> Files;
  for (const auto &Entry : M.Fix)
    Files.push_back(Entry.getKey().str());
  llvm::sort(Files);
  json::Array Fix;
  for (const std::string &File : Files)
    for (const tooling::Replacement &R : M.Fix.find(File)->second)
      Fix.push_back(json::Object{{"file", R.getFilePath()},
                                 {"offset", R.getOffset()},
                                 {"length", R.getLength()},
                                 {"text", R.getReplacementText()}});
  return json::Object{{"message", M.Message},
                      {"file", M.FilePath},
                      {"offset", M.FileOffset},
                      {"ranges", std::move(Ranges)},
                      {"fix", std::move(Fix)}};
}

std::optional<tooling::DiagnosticMessage>
messageFromJson(const json::Value &V) {
  const json::Object *O = V.getAsObject();
  if (!O)
    return std::nullopt;
  std::optional<llvm::StringRef> Text = O->getString("message");
  std::optional<llvm::StringRef> File = O->getString("file");
  std::optional<int64_t> Offset = O->getInteger("offset");
  const json::Array *Ranges = O->getArray("ranges");
  const json::Array *Fix = O->getArray("fix");
  if (!Text || !File || !Offset || !Ranges || !Fix)
    return std::nullopt;
  tooling::DiagnosticMessage M(*Text);
  M.FilePath = File->str();
  M.FileOffset = static_cast<unsigned>(*Offset);
  for (const json::Value &R : *Ranges) {
    const json::Object *RO = R.getAsObject();
    if (!RO || !RO->getString("file") || !RO->getInteger("offset") ||
        !RO->getInteger("length"))
      return std::nullopt;
    tooling::FileByteRange Range;
    Range.FilePath = RO->getString("file")->str();
    Range.FileOffset = static_cast<unsigned>(*RO->getInteger("offset"));
    Range.Length = static_cast<unsigned>(*RO->getInteger("length"));
    M.Ranges.push_back(std::move(Range));
  }
  for (const json::Value &R : *Fix) {
    const json::Object *RO = R.getAsObject();
    if (!RO || !RO->getString("file") || !RO->getInteger("offset") ||
        !RO->getInteger("length") || !RO->getString("text"))
      return std::nullopt;
    tooling::Replacement Replacement(
        *RO->getString("file"),
        static_cast<unsigned>(*RO->getInteger("offset")),
        static_cast<unsigned>(*RO->getInteger("length")),
        *RO->getString("text"));
    if (llvm::Error Err = M.Fix[Replacement.getFilePath()].add(Replacement)) {
      llvm::consumeError(std::move(Err));
      return std::nullopt;
    }
  }
  return M;
}

} // namespace

json::Value toJson(const ClangTidyError &Error) {
  json::Array Notes;
  for (const tooling::DiagnosticMessage &Note : Error.Notes)
    Notes.push_back(toJson(Note));
  json::Array Aliases;
  for (const std::string &Alias : Error.EnabledDiagnosticAliases)
    Aliases.push_back(Alias);
  return json::Object{{"check", Error.DiagnosticName},
                      {"level", static_cast<int64_t>(Error.DiagLevel)},
                      {"buildDirectory", Error.BuildDirectory},
                      {"asError", Error.IsWarningAsError},
                      {"aliases", std::move(Aliases)},
                      {"message", toJson(Error.Message)},
                      {"notes", std::move(Notes)}};
}

std::optional<ClangTidyError> errorFromJson(const json::Value &V) {
  const json::Object *O = V.getAsObject();
  if (!O)
    return std::nullopt;
  std::optional<llvm::StringRef> Check = O->getString("check");
  std::optional<int64_t> Level = O->getInteger("level");
  std::optional<llvm::StringRef> BuildDir = O->getString("buildDirectory");
  std::optional<bool> AsError = O->getBoolean("asError");
  const json::Array *Aliases = O->getArray("aliases");
  const json::Array *Notes = O->getArray("notes");
  const json::Value *Message = O->get("message");
  if (!Check || !Level || !BuildDir || !AsError || !Aliases || !Notes ||
      !Message ||
      (*Level != tooling::Diagnostic::Remark &&
       *Level != tooling::Diagnostic::Warning &&
       *Level != tooling::Diagnostic::Error))
    return std::nullopt;
  ClangTidyError Error(*Check, static_cast<tooling::Diagnostic::Level>(*Level),
                       *BuildDir, *AsError);
  std::optional<tooling::DiagnosticMessage> Main = messageFromJson(*Message);
  if (!Main)
    return std::nullopt;
  Error.Message = std::move(*Main);
  for (const json::Value &Note : *Notes) {
    std::optional<tooling::DiagnosticMessage> N = messageFromJson(Note);
    if (!N)
      return std::nullopt;
    Error.Notes.push_back(std::move(*N));
  }
  for (const json::Value &Alias : *Aliases) {
    std::optional<llvm::StringRef> A = Alias.getAsString();
    if (!A)
      return std::nullopt;
    Error.EnabledDiagnosticAliases.push_back(A->str());
  }
  return Error;
}

// ---------------------------------------------------------------------------
// Shard results.

llvm::Error writeShardResults(llvm::StringRef FactsDir, unsigned Shard,
                              unsigned Shards,
                              const std::vector<UnitResult> &Results) {
  json::Array Units;
  for (const UnitResult &R : Results) {
    json::Array Errors;
    for (const ClangTidyError &E : R.Errors)
      Errors.push_back(toJson(E));
    Units.push_back(json::Object{{"file", R.File},
                                 {"failed", R.Failed},
                                 {"errors", std::move(Errors)},
                                 {"inputs", toJson(R.Inputs)}});
  }
  std::string Text;
  llvm::raw_string_ostream(Text) << json::Value(json::Object{
      {"format", CacheFormat},
      {"shard", std::to_string(Shard) + "/" + std::to_string(Shards)},
      {"units", std::move(Units)}});
  llvm::SmallString<256> Path(FactsDir);
  llvm::sys::path::append(Path, "results",
                          "shard-" + std::to_string(Shard) + "-of-" +
                              std::to_string(Shards) + ".json");
  if (llvm::Error Err = utils::writeAtomically(Path, Text))
    return toolError(llvm::toString(std::move(Err)));
  return llvm::Error::success();
}

llvm::Expected<std::vector<UnitResult>>
readShardResults(llvm::StringRef FactsDir) {
  llvm::SmallString<256> Dir(FactsDir);
  llvm::sys::path::append(Dir, "results");
  std::vector<std::string> Files;
  std::error_code EC;
  for (fs::directory_iterator It(Dir, EC), End; It != End && !EC;
       It.increment(EC))
    if (llvm::StringRef(It->path()).ends_with(".json"))
      Files.push_back(It->path());
  llvm::sort(Files);
  if (Files.empty())
    return toolError("no shard results in " + Dir +
                     " (run `async-lint --shard K/N --facts-dir " + FactsDir +
                     "` first)");
  std::vector<UnitResult> Results;
  llvm::StringMap<std::string> FromFile;
  for (const std::string &File : Files) {
    auto Bad = [&] { return toolError("malformed shard results: " + File); };
    llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Buffer =
        llvm::MemoryBuffer::getFile(File);
    if (!Buffer)
      return toolError("cannot read " + File + ": " +
                       Buffer.getError().message());
    llvm::Expected<json::Value> V = json::parse((*Buffer)->getBuffer());
    if (!V) {
      llvm::consumeError(V.takeError());
      return Bad();
    }
    const json::Object *O = V->getAsObject();
    const json::Array *Units = O ? O->getArray("units") : nullptr;
    if (!Units || O->getInteger("format") != CacheFormat)
      return Bad();
    for (const json::Value &U : *Units) {
      const json::Object *UO = U.getAsObject();
      const json::Array *Errors = UO ? UO->getArray("errors") : nullptr;
      if (!Errors || !UO->getString("file") || !UO->getBoolean("failed"))
        return Bad();
      std::optional<std::vector<InputFile>> Inputs =
          inputsFromJson(UO->getArray("inputs"));
      if (!Inputs)
        return Bad();
      UnitResult R;
      R.File = UO->getString("file")->str();
      R.Failed = *UO->getBoolean("failed");
      R.Inputs = std::move(*Inputs);
      for (const json::Value &E : *Errors) {
        std::optional<ClangTidyError> Error = errorFromJson(E);
        if (!Error)
          return Bad();
        R.Errors.push_back(std::move(*Error));
      }
      auto [Seen, New] = FromFile.try_emplace(R.File, File);
      if (!New)
        return toolError(R.File + " is in two shard results (" + Seen->second +
                         " and " + File + "); remove " + Dir +
                         " before linting the shards again");
      Results.push_back(std::move(R));
    }
  }
  llvm::sort(Results, [](const UnitResult &A, const UnitResult &B) {
    return A.File < B.File;
  });
  return Results;
}

// ---------------------------------------------------------------------------
// The cache.

namespace {

/// The running executable's identity: a rebuilt async-lint is another one.
std::string executableIdentity() {
  std::string Self = fs::getMainExecutable(nullptr, nullptr);
  fs::file_status Status;
  if (Self.empty() || fs::status(Self, Status))
    return "unknown";
  return Self + ":" + std::to_string(Status.getSize()) + ":" +
         std::to_string(
             Status.getLastModificationTime().time_since_epoch().count());
}

} // namespace

ResultCache::ResultCache(std::string Dir, uint64_t MaxBytes)
    : Dir(std::move(Dir)), MaxBytes(MaxBytes) {}

std::string ResultCache::keyOf(const Job &J, llvm::StringRef Config) {
  std::string Input;
  llvm::raw_string_ostream OS(Input);
  OS << "async-lint " << ASYNC_LINT_VERSION << "\nLLVM " << LLVM_VERSION_STRING
     << "\n"
     << executableIdentity() << "\nformat " << CacheFormat << "\nunit "
     << J.File << "\n";
  for (const tooling::CompileCommand &C : J.Commands) {
    OS << "command in " << C.Directory << " for " << C.Filename << ":";
    for (const std::string &Arg : C.CommandLine)
      OS << " " << Arg.size() << ":" << Arg;
    OS << "\n";
  }
  OS << "config\n" << Config;
  return sha256Hex(Input);
}

std::string ResultCache::entryPath(llvm::StringRef Key) const {
  llvm::SmallString<256> Path(Dir);
  llvm::sys::path::append(Path, Key.take_front(2), Key + ".json");
  return std::string(Path);
}

std::optional<CachedUnit> ResultCache::lookup(llvm::StringRef Key) const {
  std::string Path = entryPath(Key);
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Buffer =
      llvm::MemoryBuffer::getFile(Path);
  if (!Buffer)
    return std::nullopt;
  llvm::Expected<json::Value> V = json::parse((*Buffer)->getBuffer());
  if (!V) {
    llvm::consumeError(V.takeError());
    return std::nullopt;
  }
  const json::Object *O = V->getAsObject();
  const json::Array *Errors = O ? O->getArray("errors") : nullptr;
  if (!O || O->getInteger("format") != CacheFormat || !Errors)
    return std::nullopt;
  std::optional<std::vector<InputFile>> Inputs =
      inputsFromJson(O->getArray("inputs"));
  if (!Inputs || !llvm::all_of(*Inputs, stillHolds))
    return std::nullopt;

  CachedUnit Unit;
  Unit.Inputs = std::move(*Inputs);
  for (const json::Value &E : *Errors) {
    std::optional<ClangTidyError> Error = errorFromJson(E);
    if (!Error)
      return std::nullopt;
    Unit.Errors.push_back(std::move(*Error));
  }
  if (const json::Object *Facts = O->getObject("facts"))
    for (const auto &[Kind, Text] : *Facts)
      if (std::optional<llvm::StringRef> S = Text.getAsString())
        Unit.Facts[Kind.str()] = S->str();
  // Recently used: eviction goes by modification time.
  int FD = -1;
  if (!fs::openFileForWrite(Path, FD, fs::CD_OpenExisting, fs::OF_Append)) {
    fs::setLastAccessAndModificationTime(FD, std::chrono::system_clock::now());
    llvm::sys::Process::SafelyCloseFileDescriptor(FD);
  }
  return Unit;
}

void ResultCache::store(llvm::StringRef Key, const CachedUnit &Unit) const {
  // A file that could not be read when it was recorded cannot be checked
  // later: no entry.
  if (Unit.Inputs.empty() || llvm::any_of(Unit.Inputs, [](const InputFile &F) {
        return F.Hash.empty();
      }))
    return;
  json::Array Errors;
  for (const ClangTidyError &E : Unit.Errors)
    Errors.push_back(toJson(E));
  json::Object Entry{{"format", CacheFormat},
                     {"inputs", toJson(Unit.Inputs)},
                     {"errors", std::move(Errors)}};
  json::Object Facts;
  for (const auto &[Kind, Text] : Unit.Facts)
    Facts[Kind] = Text;
  Entry["facts"] = std::move(Facts);
  std::string Text;
  llvm::raw_string_ostream(Text) << json::Value(std::move(Entry));
  if (llvm::Error Err = utils::writeAtomically(entryPath(Key), Text))
    llvm::consumeError(std::move(Err));
}

void ResultCache::storeFailure(llvm::StringRef Key) const {
  std::string Text;
  llvm::raw_string_ostream(Text)
      << json::Value(json::Object{{"format", CacheFormat}, {"failed", true}});
  if (llvm::Error Err = utils::writeAtomically(entryPath(Key), Text))
    llvm::consumeError(std::move(Err));
}

bool ResultCache::failedBefore(llvm::StringRef Key) const {
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Buffer =
      llvm::MemoryBuffer::getFile(entryPath(Key));
  if (!Buffer)
    return false;
  llvm::Expected<json::Value> V = json::parse((*Buffer)->getBuffer());
  if (!V) {
    llvm::consumeError(V.takeError());
    return false;
  }
  const json::Object *O = V->getAsObject();
  return O && O->getInteger("format") == CacheFormat &&
         O->getBoolean("failed") == true;
}

size_t ResultCache::evict() const {
  struct Entry {
    std::string Path;
    uint64_t Size;
    std::chrono::system_clock::time_point Used;
  };
  std::vector<Entry> Entries;
  uint64_t Total = 0;
  std::error_code EC;
  for (fs::recursive_directory_iterator It(Dir, EC), End; It != End && !EC;
       It.increment(EC)) {
    fs::file_status Status;
    if (!llvm::StringRef(It->path()).ends_with(".json") ||
        fs::status(It->path(), Status) || !fs::is_regular_file(Status))
      continue;
    Entries.push_back(
        {It->path(), Status.getSize(), Status.getLastModificationTime()});
    Total += Status.getSize();
  }
  if (Total <= MaxBytes)
    return 0;
  llvm::sort(Entries, [](const Entry &A, const Entry &B) {
    return A.Used != B.Used ? A.Used < B.Used : A.Path < B.Path;
  });
  size_t Removed = 0;
  const uint64_t Target = MaxBytes / 10 * 9;
  for (const Entry &E : Entries) {
    if (Total <= Target)
      break;
    if (!fs::remove(E.Path)) {
      Total -= E.Size;
      ++Removed;
    }
  }
  return Removed;
}

} // namespace clang::tidy::async::lint
