//===--- AsyncLintMain.cpp - the async-lint command -----------------------===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// async-lint is the one binary a CI job needs: clang-tidy's library with the
// async module linked in, run over a whole compile database in parallel,
// speaking text, JSON, SARIF and GitHub annotations, with baselines and a
// changed-lines mode, and exit statuses a pipeline can trust:
//   0  no findings;
//   1  findings, or a translation unit that does not compile;
//   2  async-lint could not do its job (one line on stderr says why).
//
// Options.cpp reads the command line and the configuration, Project.cpp
// plans the jobs, Runner.cpp lints them, Findings.cpp merges the results,
// Baseline.cpp filters them, Fixes.cpp applies fixes and TextReport.cpp and
// Reports.cpp write them out.
//
//===----------------------------------------------------------------------===//

#include "Baseline.h"
#include "Fixes.h"
#include "Init.h"
#include "Link.h"
#include "Options.h"
#include "Project.h"
#include "Reports.h"
#include "Runner.h"
#include "clang-tidy/ClangTidy.h"
#include "utils/Facts.h"
// Links in every upstream clang-tidy module, so that their checks can be
// enabled as in clang-tidy.
#include "clang-tidy/ClangTidyForceLinker.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/raw_ostream.h"
#include <chrono>

extern volatile int AsyncLintModuleAnchorSource;

namespace clang::tidy::async::lint {
namespace {

int fail(llvm::Error Err) {
  llvm::errs() << "async-lint: error: " << llvm::toString(std::move(Err))
               << "\n";
  return 2;
}

std::string plural(size_t N, llvm::StringRef One, llvm::StringRef Many) {
  return std::to_string(N) + " " + (N == 1 ? One : Many).str();
}

// "[12/340] src/net/session.cpp" on one line that keeps being rewritten.
// "check at path:line:col", as a one-line message names a finding.
std::string describe(const Finding &F) {
  return F.check().str() + " at " + F.RelPath + ":" +
         std::to_string(F.Pos.Line) + ":" + std::to_string(F.Pos.Column);
}

class Progress {
public:
  Progress(bool Enabled, size_t Total, std::string Root)
      : Enabled(Enabled), Total(Total), Root(std::move(Root)) {}
  void update(size_t Done, const Job &J) {
    if (!Enabled)
      return;
    llvm::errs() << "\r\x1b[K[" << Done << "/" << Total << "] "
                 << relativeToRoot(J.File, Root);
    llvm::errs().flush();
  }
  void finish() {
    if (Enabled)
      llvm::errs() << "\r\x1b[K";
  }

private:
  bool Enabled;
  size_t Total;
  std::string Root;
};

// Removes a directory and what is in it when the run ends.
class DirectoryRemover {
public:
  explicit DirectoryRemover(llvm::StringRef Dir) : Dir(Dir) {}
  DirectoryRemover(const DirectoryRemover &) = delete;
  DirectoryRemover &operator=(const DirectoryRemover &) = delete;
  ~DirectoryRemover() { llvm::sys::fs::remove_directories(Dir); }

private:
  std::string Dir;
};

// --shard K/N: the files go, largest first, each to the share with the
// fewest bytes so far (the lowest-numbered on a tie), which any machine
// computes the same way; the share keeps the plan's order.
std::vector<Job> shardOf(std::vector<Job> Jobs, unsigned Shard,
                         unsigned Shards) {
  std::vector<std::pair<uint64_t, size_t>> BySize;
  for (size_t I = 0; I < Jobs.size(); ++I) {
    uint64_t Size = 0;
    if (llvm::sys::fs::file_size(Jobs[I].File, Size))
      Size = 0;
    BySize.push_back({Size, I});
  }
  llvm::stable_sort(
      BySize, [](const auto &A, const auto &B) { return A.first > B.first; });
  std::vector<uint64_t> Load(Shards, 0);
  std::vector<bool> Keep(Jobs.size(), false);
  for (const auto &[Size, I] : BySize) {
    size_t Lightest = std::min_element(Load.begin(), Load.end()) - Load.begin();
    Load[Lightest] += Size;
    Keep[I] = Lightest + 1 == Shard;
  }
  std::vector<Job> Mine;
  for (size_t I = 0; I < Jobs.size(); ++I)
    if (Keep[I])
      Mine.push_back(std::move(Jobs[I]));
  return Mine;
}

// The facts go where --facts-dir says, else next to the compile database;
// without either, in a temporary directory that lives as long as the run.
llvm::Error chooseFactsDir(Options &Opts, llvm::StringRef Database,
                           std::optional<DirectoryRemover> &Temporary) {
  if (!Opts.FactsDir.empty()) {
    Opts.FactsDir = normalizePath(Opts.FactsDir);
    if ((Opts.LinkOnly || Opts.MergeOnly) &&
        !llvm::sys::fs::is_directory(Opts.FactsDir))
      return toolError("no such directory: " + Opts.FactsDir +
                       " (given with --facts-dir)");
    return llvm::Error::success();
  }
  if (Opts.LinkOnly || Opts.MergeOnly)
    return toolError(std::string("async-lint ") +
                     (Opts.LinkOnly ? "link" : "merge") + " needs --facts-dir");
  if (Opts.Shards)
    return toolError("--shard needs --facts-dir, where `async-lint link` "
                     "will find the facts of every shard");
  if (!Database.empty()) {
    llvm::SmallString<256> Dir(llvm::sys::path::parent_path(Database));
    llvm::sys::path::append(Dir, ".async-lint");
    Opts.FactsDir = std::string(Dir);
    // Tools' own state, never the project's: git leaves it alone.
    llvm::SmallString<256> Ignore(Dir);
    llvm::sys::path::append(Ignore, ".gitignore");
    if (!llvm::sys::fs::exists(Ignore)) {
      if (std::error_code EC = llvm::sys::fs::create_directories(Dir))
        return toolError("cannot create " + Opts.FactsDir + ": " +
                         EC.message());
      if (llvm::Error Err = writeFileAtomically(Ignore, "*\n"))
        return Err;
    }
    return llvm::Error::success();
  }
  llvm::SmallString<256> Dir;
  if (std::error_code EC =
          llvm::sys::fs::createUniqueDirectory("async-lint-facts", Dir))
    return toolError("cannot create a temporary directory: " + EC.message());
  Opts.FactsDir = std::string(Dir);
  Temporary.emplace(Dir);
  return llvm::Error::success();
}

int run(Options &Opts) {
  auto Start = std::chrono::steady_clock::now();
  std::string Cwd = currentDirectory();
  std::string Root;
  if (!Opts.Root.empty()) {
    Root = normalizePath(Opts.Root);
    if (!llvm::sys::fs::is_directory(Root))
      return fail(toolError("no such directory: " + Opts.Root +
                            " (given with --root)"));
  } else {
    Root = gitTopLevel(Cwd).value_or(Cwd);
  }

  if (Opts.ListChecks || Opts.DumpConfig) {
    std::string File = Opts.Paths.empty() ? normalizePath("dummy.cpp")
                                          : normalizePath(Opts.Paths.front());
    if (llvm::Error Err = validateConfiguration(Opts, {File}))
      return fail(std::move(Err));
    return Opts.ListChecks ? listChecks(Opts, File) : dumpConfig(Opts, File);
  }

  std::vector<Job> Jobs;
  std::string Database;
  std::vector<std::string> DatabaseUnits;
  const bool NoUnits = Opts.LinkOnly || Opts.MergeOnly;
  if (!NoUnits) {
    llvm::Expected<Plan> Planned = planJobs(Opts);
    if (!Planned)
      return fail(Planned.takeError());
    Jobs = std::move(Planned->Jobs);
    Database = std::move(Planned->Database);
    DatabaseUnits = std::move(Planned->DatabaseUnits);
    if (Opts.Shards)
      Jobs = shardOf(std::move(Jobs), Opts.Shard, Opts.Shards);
  }
  std::vector<std::string> Files;
  for (const Job &J : Jobs)
    Files.push_back(J.File);
  if (llvm::Error Err = validateConfiguration(Opts, Files))
    return fail(std::move(Err));

  std::optional<llvm::StringSet<>> Baseline;
  if (!Opts.Baseline.empty()) {
    llvm::Expected<llvm::StringSet<>> Read = readBaseline(Opts.Baseline);
    if (!Read)
      return fail(Read.takeError());
    Baseline = std::move(*Read);
  }
  std::optional<ChangedLines> Changed;
  if (!Opts.ChangedSince.empty()) {
    llvm::Expected<ChangedLines> Lines =
        ChangedLines::since(Opts.ChangedSince, Root);
    if (!Lines)
      return fail(Lines.takeError());
    Changed = std::move(*Lines);
    // A finding survives only on a changed line. If every changed file is
    // itself a translation unit of the run, nothing else can produce one,
    // so only those units need linting; a changed header needs them all.
    llvm::StringSet<> JobFiles;
    for (const Job &J : Jobs)
      JobFiles.insert(J.File);
    bool OnlyUnits = llvm::all_of(Changed->files(), [&](const std::string &F) {
      return JobFiles.contains(F);
    });
    if (OnlyUnits)
      llvm::erase_if(Jobs,
                     [&](const Job &J) { return !Changed->touches(J.File); });
  }

  // Every unit writes its facts; after the run, the link step follows the
  // calls that cross units (a shard leaves that to `async-lint link`).
  std::optional<DirectoryRemover> TemporaryFacts;
  if (llvm::Error Err = chooseFactsDir(Opts, Database, TemporaryFacts))
    return fail(std::move(Err));
  if (!NoUnits)
    Opts.UnitFactsDir = Opts.FactsDir;

  std::optional<ResultCache> Cache;
  if (!Opts.NoCache && !NoUnits) {
    std::string Dir = Opts.CacheDir;
    if (Dir.empty() && !Database.empty()) {
      llvm::SmallString<256> Default(llvm::sys::path::parent_path(Database));
      llvm::sys::path::append(Default, ".async-lint", "cache");
      Dir = std::string(Default);
    }
    if (!Dir.empty())
      Cache.emplace(normalizePath(Dir), uint64_t(Opts.CacheMiB) << 20);
  }

  unsigned Threads = threadCount(Opts.Jobs, Jobs.size());
  Progress Bar(!Opts.Quiet && llvm::sys::Process::StandardErrIsDisplayed(),
               Jobs.size(), Root);
  std::vector<UnitResult> Results = runJobs(
      Jobs, Opts, Threads,
      [&](size_t Done, const Job &J) { Bar.update(Done, J); },
      Cache ? &*Cache : nullptr);
  Bar.finish();
  size_t Cached =
      llvm::count_if(Results, [](const UnitResult &R) { return R.FromCache; });
  size_t Relinted = llvm::count_if(
      Results, [](const UnitResult &R) { return R.BrokenBefore; });
  if (Cache)
    Cache->evict();
  if (Opts.Shards)
    if (llvm::Error Err =
            writeShardResults(Opts.FactsDir, Opts.Shard, Opts.Shards, Results))
      return fail(std::move(Err));
  if (Opts.MergeOnly) {
    llvm::Expected<std::vector<UnitResult>> Merged =
        readShardResults(Opts.FactsDir);
    if (!Merged)
      return fail(Merged.takeError());
    Results = std::move(*Merged);
  }
  // The units this report covers.
  const size_t Units = Opts.MergeOnly ? Results.size() : Jobs.size();

  size_t BrokenUnits =
      llvm::count_if(Results, [](const UnitResult &R) { return R.Failed; });
  SourceFiles Sources;
  if (!Opts.Shards && !Opts.NoLink) {
    llvm::StringSet<> Linted;
    for (const UnitResult &R : Results)
      if (!R.Failed)
        Linted.insert(R.File);
    llvm::Expected<std::vector<ClangTidyError>> Linked =
        linkFacts(Opts.FactsDir, Opts.LinkOnly ? nullptr : &Linted, Opts);
    if (!Linked)
      return fail(Linked.takeError());
    // A run over some files links with the facts earlier runs left for the
    // others; say when some have none.
    if (!Opts.LinkOnly && !Opts.Quiet) {
      size_t Missing = llvm::count_if(DatabaseUnits, [&](const std::string &U) {
        return !Linted.contains(U) &&
               !llvm::sys::fs::exists(
                   utils::unitFactsPath(Opts.FactsDir, U, "blocking"));
      });
      if (Missing && Linted.size() < DatabaseUnits.size())
        llvm::errs() << "async-lint: " << Missing
                     << (Missing == 1 ? " unit has" : " units have")
                     << " no facts: run async-lint over the whole database "
                        "for findings that cross units\n";
    }
    UnitResult FromLink;
    FromLink.Errors = std::move(*Linked);
    Results.push_back(std::move(FromLink));
  }
  const llvm::StringMap<std::string> Linted = lintedContents(Results);
  std::vector<Finding> Findings =
      mergeResults(std::move(Results), Sources, Root);
  assignFingerprints(Findings, Sources);

  auto Seconds = [&] {
    std::chrono::duration<double> D = std::chrono::steady_clock::now() - Start;
    std::string Text;
    llvm::raw_string_ostream(Text) << llvm::format("%.1fs", D.count());
    return Text;
  };

  if (!Opts.WriteBaseline.empty()) {
    if (llvm::Error Err = writeBaseline(Opts.WriteBaseline, Findings))
      return fail(std::move(Err));
    size_t Written = llvm::count_if(
        Findings, [](const Finding &F) { return !F.isCompileError(); });
    if (!Opts.Quiet)
      llvm::errs() << "async-lint: wrote "
                   << plural(Written, "finding", "findings") << " to "
                   << Opts.WriteBaseline << "; "
                   << plural(Units, "file", "files") << " checked in "
                   << Seconds() << "\n";
    if (BrokenUnits) {
      llvm::errs() << "async-lint: "
                   << plural(BrokenUnits, "file does", "files do")
                   << " not compile; their errors are not in the baseline\n";
      return 1;
    }
    return 0;
  }

  // Compiler errors always count: a unit that does not compile was not
  // checked, whatever the filters.
  size_t InBaseline = 0, Unchanged = 0;
  llvm::erase_if(Findings, [&](const Finding &F) {
    if (F.isCompileError())
      return false;
    if (Changed && !Changed->contains(F.file(), F.Pos.Line)) {
      ++Unchanged;
      return true;
    }
    if (Baseline && Baseline->contains(F.Fingerprint)) {
      ++InBaseline;
      return true;
    }
    return false;
  });

  FixPlan Fixes;
  if (Opts.Fix)
    Fixes = planFixes(Findings, Opts.FixNotes);

  ReportSettings Settings;
  Settings.Root = Root;
  Settings.DocsUrl = Opts.DocsUrl;
  Settings.FixNotes = Opts.FixNotes;
  Settings.Color = Opts.Format == OutputFormat::Text &&
                   (Opts.Color == ColorMode::Always ||
                    (Opts.Color == ColorMode::Auto && Opts.OutputFile.empty() &&
                     llvm::sys::Process::StandardOutIsDisplayed()));
  std::string Report;
  {
    llvm::raw_string_ostream OS(Report);
    switch (Opts.Format) {
    case OutputFormat::Text:
      writeText(Findings, Settings, OS);
      break;
    case OutputFormat::Json:
      writeJson(Findings, Settings, Sources, OS);
      break;
    case OutputFormat::Sarif:
      writeSarif(Findings, Settings, Sources, OS);
      break;
    case OutputFormat::Github:
      writeGithub(Findings, Settings, Sources, OS);
      break;
    }
  }
  if (Opts.OutputFile.empty()) {
    llvm::outs() << Report;
    llvm::outs().flush();
  } else if (llvm::Error Err = writeFileAtomically(Opts.OutputFile, Report)) {
    return fail(std::move(Err));
  }

  if (!Opts.ExportFixes.empty()) {
    // The fixes --fix would choose: one of two that overlap is left out,
    // as clang-tidy's own export does.
    std::vector<Finding> Chosen = Findings;
    planFixes(Chosen, Opts.FixNotes);
    std::vector<ClangTidyError> Errors;
    for (Finding &F : Chosen) {
      if (!F.FixAttempts.empty() && !F.Fixed) {
        F.Diag.Message.Fix.clear();
        for (tooling::DiagnosticMessage &Note : F.Diag.Notes)
          Note.Fix.clear();
      }
      Errors.push_back(std::move(F.Diag));
    }
    std::string Yaml;
    llvm::raw_string_ostream OS(Yaml);
    exportReplacements(Jobs.empty() ? "" : Jobs.front().File, Errors, OS);
    if (llvm::Error Err = writeFileAtomically(Opts.ExportFixes, Yaml))
      return fail(std::move(Err));
  }

  FixResult Applied;
  if (Opts.Fix && !Fixes.ByFile.empty()) {
    llvm::Expected<FixResult> Written = applyFixes(Fixes, Opts, Linted);
    if (!Written)
      return fail(Written.takeError());
    Applied = std::move(*Written);
    // A finding is fixed only when its file was written.
    for (Finding &F : Findings)
      if (F.Fixed && llvm::any_of(F.FixAttempts, [&](const FixAttempt &A) {
            return !Applied.Written.contains(A.File);
          }))
        F.Fixed = false;
  }

  size_t Remaining =
      llvm::count_if(Findings, [](const Finding &F) { return !F.Fixed; });
  size_t FixedCount = Findings.size() - Remaining;
  if (!Opts.Quiet) {
    llvm::raw_ostream &OS = llvm::errs();
    for (const FixPlan::Refusal &R : Fixes.Refused)
      OS << "async-lint: not applying the fix of " << describe(*R.Refused)
         << ": it overlaps the fix of "
         << (R.Kept ? describe(*R.Kept) : std::string("another finding"))
         << "\n";
    for (const std::string &File : Applied.Changed)
      OS << "async-lint: not fixing " << relativeToRoot(File, Root)
         << ": it changed since it was linted; run async-lint again\n";
    if (Opts.Fix) {
      unsigned Written = Fixes.Planned;
      for (const std::string &File : Applied.Changed)
        if (auto It = Fixes.ByFile.find(File); It != Fixes.ByFile.end())
          Written -= It->second.size();
      OS << "async-lint: applied " << Written << " of "
         << plural(Fixes.Attempted, "fix", "fixes") << " to "
         << plural(Applied.Files, "file", "files") << "\n";
    }
    if (BrokenUnits)
      OS << "async-lint: " << plural(BrokenUnits, "file does", "files do")
         << " not compile (see the errors above)\n";
    size_t FixableByFix = 0, FixableByNotes = 0;
    for (const Finding &F : Findings) {
      if (F.Fixed || F.isCompileError())
        continue;
      if (F.fix(false))
        ++FixableByFix;
      else if (F.fix(true))
        ++FixableByNotes;
    }
    size_t Shown = llvm::count_if(
        Findings, [](const Finding &F) { return !F.isCompileError(); });
    OS << "async-lint: ";
    if (Shown == 0)
      OS << "no findings";
    else
      OS << plural(Shown, "finding", "findings");
    if (FixableByFix || FixableByNotes) {
      OS << " (";
      if (FixableByFix)
        OS << FixableByFix << " fixable with --fix";
      if (FixableByNotes)
        OS << (FixableByFix ? ", " : "") << FixableByNotes
           << (FixableByFix ? " more" : "") << " with --fix-notes";
      OS << ")";
    }
    if (Opts.Fix)
      OS << ", " << FixedCount << " fixed";
    if (Baseline)
      OS << ", " << InBaseline << " in the baseline not shown";
    if (Changed)
      OS << ", " << Unchanged << " on unchanged lines not shown";
    OS << "; " << plural(Units, "file", "files") << " checked in " << Seconds();
    if (Cached)
      OS << " (" << Cached << " from the cache)";
    if (Relinted)
      OS << "; " << plural(Relinted, "file", "files")
         << " linted again: " << (Relinted == 1 ? "it" : "they")
         << " did not compile last time, and such files are not cached";
    OS << "\n";
  }
  return (BrokenUnits || Remaining) ? 1 : 0;
}

} // namespace
} // namespace clang::tidy::async::lint

int main(int argc, const char **argv) {
  // Keep the async module's registration in the link.
  (void)AsyncLintModuleAnchorSource;
  if (argc > 1 && llvm::StringRef(argv[1]) == "init")
    return clang::tidy::async::runInit(argc - 1, argv + 1);
  llvm::InitLLVM X(argc, argv);
  using namespace clang::tidy::async::lint;
  // `async-lint link --facts-dir DIR [output options]`: the link step alone,
  // over the facts of every unit linted before (by shards, say).
  // `async-lint merge --facts-dir DIR [output options]`: the shards'
  // results and the link step, as one report.
  llvm::StringRef Command = argc > 1 ? argv[1] : "";
  bool LinkOnly = Command == "link";
  bool MergeOnly = Command == "merge";
  std::vector<const char *> Args(argv, argv + argc);
  if (LinkOnly || MergeOnly)
    Args.erase(Args.begin() + 1);
  ParsedCommandLine Parsed = parseCommandLine(Args.size(), Args.data());
  if (!Parsed.Opts)
    return Parsed.ExitStatus;
  Parsed.Opts->LinkOnly = LinkOnly;
  Parsed.Opts->MergeOnly = MergeOnly;
  if ((LinkOnly || MergeOnly) && !Parsed.Opts->Paths.empty()) {
    llvm::errs() << "async-lint: error: async-lint " << Command
                 << " takes no paths; it reads the facts in --facts-dir\n";
    return 2;
  }
  llvm::InitializeAllTargetInfos();
  llvm::InitializeAllTargetMCs();
  llvm::InitializeAllAsmParsers();
  return run(*Parsed.Opts);
}
