//===--- Project.cpp - which translation units to lint, and how -----------===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

#include "Project.h"
#include "utils/Facts.h"

#include "clang/Tooling/JSONCompilationDatabase.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/VirtualFileSystem.h"

namespace clang::tidy::async::lint {

namespace fs = llvm::sys::fs;
namespace path = llvm::sys::path;

std::string currentDirectory() {
  llvm::SmallString<256> Dir;
  if (fs::current_path(Dir))
    return "/";
  return std::string(Dir);
}

std::string normalizePath(llvm::StringRef Path, llvm::StringRef Base) {
  llvm::SmallString<256> Result(Path);
  if (!path::is_absolute(Result)) {
    llvm::SmallString<256> Absolute(Base.empty() ? currentDirectory() : Base);
    path::append(Absolute, Result);
    Result = Absolute;
  }
  path::remove_dots(Result, /*remove_dot_dot=*/true);
  return std::string(Result);
}

bool isUnder(llvm::StringRef Path, llvm::StringRef Dir) {
  if (Dir == "/")
    return Path.starts_with("/");
  return Path == Dir ||
         (Path.starts_with(Dir) && path::is_separator(Path[Dir.size()]));
}

llvm::Error writeFileAtomically(llvm::StringRef Path,
                                llvm::StringRef Contents) {
  if (llvm::Error Err =
          utils::writeAtomically(Path, Contents, /*MakeDirectories=*/false))
    return toolError(llvm::toString(std::move(Err)));
  return llvm::Error::success();
}

namespace {

// Source files a directory stands for when there is no compile database.
bool isSourceFile(llvm::StringRef File) {
  llvm::StringRef Ext = path::extension(File);
  return Ext == ".cpp" || Ext == ".cc" || Ext == ".cxx" || Ext == ".c++" ||
         Ext == ".cp" || Ext == ".C" || Ext == ".c" || Ext == ".mm" ||
         Ext == ".m";
}

struct Database {
  std::string Path;
  std::unique_ptr<tooling::CompilationDatabase> Commands;
  /// The commands of every file the database lists, by normalised path.
  llvm::StringMap<std::vector<tooling::CompileCommand>> ByFile;
  std::vector<std::string> Files; // sorted
};

llvm::Expected<std::unique_ptr<tooling::CompilationDatabase>>
loadJson(llvm::StringRef File) {
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Text =
      llvm::MemoryBuffer::getFile(File);
  if (!Text)
    return toolError("cannot read compile database " + File + ": " +
                     Text.getError().message());
  // LLVM's JSON parser gives a precise location; the compile database
  // loader would print a YAML parser's report on stderr instead.
  llvm::Expected<llvm::json::Value> Parsed =
      llvm::json::parse((*Text)->getBuffer());
  if (!Parsed)
    return toolError("malformed compile database " + File + ": " +
                     llvm::toString(Parsed.takeError()));
  std::string Message;
  std::unique_ptr<tooling::CompilationDatabase> DB =
      tooling::JSONCompilationDatabase::loadFromBuffer(
          (*Text)->getBuffer(), Message,
          tooling::JSONCommandLineSyntax::AutoDetect);
  if (!DB)
    return toolError("malformed compile database " + File + ": " + Message);
  return DB;
}

// The database for -p, or the first one found in . and ./build.
llvm::Expected<std::optional<Database>> findDatabase(const Options &Opts) {
  std::vector<std::string> Candidates;
  if (Opts.BuildPath) {
    std::string Given = normalizePath(*Opts.BuildPath);
    if (!fs::exists(Given))
      return toolError("no such directory: " + *Opts.BuildPath +
                       " (given with -p)");
    if (fs::is_directory(Given)) {
      llvm::SmallString<256> Json(Given), Flags(Given);
      path::append(Json, "compile_commands.json");
      path::append(Flags, "compile_flags.txt");
      if (fs::exists(Json))
        Candidates.push_back(std::string(Json));
      else if (fs::exists(Flags))
        Candidates.push_back(std::string(Flags));
      else
        return toolError("no compile_commands.json in " + *Opts.BuildPath +
                         " (given with -p)");
    } else {
      Candidates.push_back(Given);
    }
  } else {
    for (llvm::StringRef Dir : {".", "build"}) {
      std::string Json =
          normalizePath((llvm::Twine(Dir) + "/compile_commands.json").str());
      if (fs::exists(Json)) {
        Candidates.push_back(Json);
        break;
      }
    }
  }
  if (Candidates.empty())
    return std::nullopt;

  Database DB;
  DB.Path = Candidates.front();
  if (path::filename(DB.Path) == "compile_flags.txt") {
    std::string Message;
    DB.Commands =
        tooling::FixedCompilationDatabase::loadFromFile(DB.Path, Message);
    if (!DB.Commands)
      return toolError("cannot read " + DB.Path + ": " + Message);
    return std::optional<Database>(std::move(DB));
  }
  llvm::Expected<std::unique_ptr<tooling::CompilationDatabase>> Json =
      loadJson(DB.Path);
  if (!Json)
    return Json.takeError();
  // As clang-tidy does: response files expanded, target and driver mode
  // inferred from the compiler's name.
  DB.Commands = tooling::inferTargetAndDriverMode(tooling::expandResponseFiles(
      std::move(*Json), llvm::vfs::getRealFileSystem()));
  for (tooling::CompileCommand &Command :
       DB.Commands->getAllCompileCommands()) {
    std::string File = normalizePath(Command.Filename, Command.Directory);
    std::vector<tooling::CompileCommand> &Commands = DB.ByFile[File];
    if (Commands.empty())
      DB.Files.push_back(File);
    Commands.push_back(std::move(Command));
  }
  llvm::sort(DB.Files);
  return std::optional<Database>(std::move(DB));
}

} // namespace

llvm::Expected<Plan> planJobs(const Options &Opts) {
  llvm::Expected<std::optional<Database>> Found = findDatabase(Opts);
  if (!Found)
    return Found.takeError();
  std::optional<Database> &DB = *Found;
  // compile_flags.txt lists no files: it is flags for every file.
  const bool FlagsOnly = DB && DB->Files.empty() &&
                         path::filename(DB->Path) == "compile_flags.txt";

  Plan Result;
  if (DB)
    Result.Database = DB->Path;
  if (DB && !FlagsOnly)
    Result.DatabaseUnits = DB->Files;

  std::vector<std::string> Files;
  if (Opts.Paths.empty()) {
    if (!DB)
      return toolError("nothing to lint: no compile_commands.json in . or "
                       "build/; give -p DIR, or files and the compiler flags "
                       "after --");
    if (DB->Files.empty())
      return toolError("compile database " + DB->Path + " has no entries");
    Files = DB->Files;
  }
  for (const std::string &Arg : Opts.Paths) {
    std::string Path = normalizePath(Arg);
    if (!fs::exists(Path))
      return toolError("no such file or directory: " + Arg);
    if (!fs::is_directory(Path)) {
      Files.push_back(Path);
      continue;
    }
    size_t Before = Files.size();
    if (DB && !FlagsOnly) {
      for (const std::string &File : DB->Files)
        if (isUnder(File, Path))
          Files.push_back(File);
      if (Files.size() == Before)
        return toolError("no translation unit of compile database " + DB->Path +
                         " is under " + Arg);
      continue;
    }
    std::error_code EC;
    for (fs::recursive_directory_iterator It(Path, EC), End; It != End && !EC;
         It.increment(EC)) {
      llvm::StringRef Name = path::filename(It->path());
      if (Name.starts_with(".") &&
          It->type() == fs::file_type::directory_file) {
        It.no_push();
        continue;
      }
      if (It->type() != fs::file_type::directory_file && isSourceFile(Name))
        Files.push_back(normalizePath(It->path()));
    }
    if (EC)
      return toolError("cannot list " + Arg + ": " + EC.message());
    if (Files.size() == Before)
      return toolError("no C or C++ source file under " + Arg);
  }
  llvm::sort(Files);
  Files.erase(std::unique(Files.begin(), Files.end()), Files.end());

  std::optional<tooling::FixedCompilationDatabase> Fallback;
  if (Opts.FallbackFlags)
    Fallback.emplace(currentDirectory(), *Opts.FallbackFlags);
  std::unique_ptr<tooling::CompilationDatabase> Interpolated;

  for (const std::string &File : Files) {
    Job J;
    J.File = File;
    if (DB && !FlagsOnly) {
      auto It = DB->ByFile.find(File);
      if (It != DB->ByFile.end())
        J.Commands = It->second;
    }
    if (J.Commands.empty() && Fallback)
      J.Commands = Fallback->getCompileCommands(File);
    if (J.Commands.empty() && DB) {
      if (FlagsOnly) {
        J.Commands = DB->Commands->getCompileCommands(File);
      } else {
        // A file the database does not list (a header, a new file): flags
        // of the most similar file, as clang-tidy and clangd do.
        if (!Interpolated)
          Interpolated =
              tooling::inferMissingCompileCommands(std::move(DB->Commands));
        J.Commands = Interpolated->getCompileCommands(File);
      }
    }
    if (J.Commands.empty())
      return toolError("no compile command for " + File +
                       ": no compile database found (looked for "
                       "compile_commands.json in . and build/); give -p DIR, "
                       "or the compiler flags after --");
    if (!fs::exists(File))
      return toolError("no such file: " + File + " (listed in " +
                       Result.Database + ")");
    for (const tooling::CompileCommand &Command : J.Commands)
      if (!fs::is_directory(Command.Directory))
        return toolError("compile database " + Result.Database +
                         ": the directory of " + File +
                         " does not exist: " + Command.Directory);
    Result.Jobs.push_back(std::move(J));
  }
  return Result;
}

} // namespace clang::tidy::async::lint
