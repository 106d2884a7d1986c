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

/// What one run knows, phase by phase: the plan, the units' results, the
/// findings, and the counts the summary line reports.
struct Run {
  explicit Run(Options &Opts) : Opts(Opts) {}
  Options &Opts;
  std::chrono::steady_clock::time_point Start =
      std::chrono::steady_clock::now();
  std::string Root;
  Plan Planned;
  std::optional<llvm::StringSet<>> Baseline;
  std::optional<ChangedLines> Changed;
  std::optional<DirectoryRemover> TemporaryFacts;
  std::vector<UnitResult> Results;
  size_t Cached = 0, Relinted = 0, BrokenUnits = 0;
  /// The units this report covers.
  size_t Units = 0;
  SourceFiles Sources;
  llvm::StringMap<std::string> Linted;
  /// The units the report covers, absolute, sorted: a JUnit report has a
  /// passing test case for each one without findings.
  std::vector<std::string> LintedUnits;
  std::vector<Finding> Findings;
  size_t InBaseline = 0, Unchanged = 0;
  FixPlan Fixes;
  FixResult Applied;

  bool noUnits() const { return Opts.LinkOnly || Opts.MergeOnly; }
  std::string seconds() const {
    std::chrono::duration<double> D = std::chrono::steady_clock::now() - Start;
    std::string Text;
    llvm::raw_string_ostream(Text) << llvm::format("%.1fs", D.count());
    return Text;
  }
};

/// The project root: --root, or the git work tree around the current
/// directory, or the current directory.
llvm::Expected<std::string> resolveRoot(const Options &Opts) {
  std::string Cwd = currentDirectory();
  if (Opts.Root.empty())
    return gitTopLevel(Cwd).value_or(Cwd);
  std::string Root = normalizePath(Opts.Root);
  if (!llvm::sys::fs::is_directory(Root))
    return toolError("no such directory: " + Opts.Root +
                     " (given with --root)");
  return Root;
}

/// The units to lint, the configuration checked, and the filters read.
llvm::Error plan(Run &R) {
  Options &Opts = R.Opts;
  if (!R.noUnits()) {
    llvm::Expected<Plan> Planned = planJobs(Opts);
    if (!Planned)
      return Planned.takeError();
    R.Planned = std::move(*Planned);
    if (Opts.Shards)
      R.Planned.Jobs =
          shardOf(std::move(R.Planned.Jobs), Opts.Shard, Opts.Shards);
  }
  std::vector<Job> &Jobs = R.Planned.Jobs;
  std::vector<std::string> Files;
  for (const Job &J : Jobs)
    Files.push_back(J.File);
  if (llvm::Error Err = validateConfiguration(Opts, Files))
    return Err;
  if (!Opts.Baseline.empty()) {
    llvm::Expected<llvm::StringSet<>> Read = readBaseline(Opts.Baseline);
    if (!Read)
      return Read.takeError();
    R.Baseline = std::move(*Read);
  }
  if (!Opts.ChangedSince.empty()) {
    llvm::Expected<ChangedLines> Lines =
        ChangedLines::since(Opts.ChangedSince, R.Root);
    if (!Lines)
      return Lines.takeError();
    R.Changed = std::move(*Lines);
    // A finding survives only on a changed line. If every changed file is
    // itself a translation unit of the run, nothing else can produce one,
    // so only those units need linting; a changed header needs them all.
    llvm::StringSet<> JobFiles;
    for (const Job &J : Jobs)
      JobFiles.insert(J.File);
    bool OnlyUnits =
        llvm::all_of(R.Changed->files(), [&](const std::string &F) {
          return JobFiles.contains(F);
        });
    if (OnlyUnits)
      llvm::erase_if(Jobs,
                     [&](const Job &J) { return !R.Changed->touches(J.File); });
  }
  // Every unit writes its facts; after the run, the link step follows the
  // calls that cross units (a shard leaves that to `async-lint link`).
  if (llvm::Error Err =
          chooseFactsDir(Opts, R.Planned.Database, R.TemporaryFacts))
    return Err;
  if (!R.noUnits())
    Opts.UnitFactsDir = Opts.FactsDir;
  return llvm::Error::success();
}

/// Lints the planned units (through the cache), keeps a shard's results,
/// and reads the shards' results back for a merge.
llvm::Error lintUnits(Run &R) {
  Options &Opts = R.Opts;
  std::optional<ResultCache> Cache;
  if (!Opts.NoCache && !R.noUnits()) {
    std::string Dir = Opts.CacheDir;
    if (Dir.empty() && !R.Planned.Database.empty()) {
      llvm::SmallString<256> Default(
          llvm::sys::path::parent_path(R.Planned.Database));
      llvm::sys::path::append(Default, ".async-lint", "cache");
      Dir = std::string(Default);
    }
    if (!Dir.empty())
      Cache.emplace(normalizePath(Dir), uint64_t(Opts.CacheMiB) << 20);
  }
  const std::vector<Job> &Jobs = R.Planned.Jobs;
  unsigned Threads = threadCount(Opts.Jobs, Jobs.size());
  Progress Bar(!Opts.Quiet && llvm::sys::Process::StandardErrIsDisplayed(),
               Jobs.size(), R.Root);
  R.Results = runJobs(
      Jobs, Opts, Threads,
      [&](size_t Done, const Job &J) { Bar.update(Done, J); },
      Cache ? &*Cache : nullptr);
  Bar.finish();
  R.Cached = llvm::count_if(R.Results,
                            [](const UnitResult &U) { return U.FromCache; });
  R.Relinted = llvm::count_if(
      R.Results, [](const UnitResult &U) { return U.BrokenBefore; });
  if (Cache)
    Cache->evict();
  if (Opts.Shards)
    if (llvm::Error Err = writeShardResults(Opts.FactsDir, Opts.Shard,
                                            Opts.Shards, R.Results))
      return Err;
  if (Opts.MergeOnly) {
    llvm::Expected<std::vector<UnitResult>> Merged =
        readShardResults(Opts.FactsDir);
    if (!Merged)
      return Merged.takeError();
    R.Results = std::move(*Merged);
  }
  R.Units = Opts.MergeOnly ? R.Results.size() : Jobs.size();
  R.BrokenUnits =
      llvm::count_if(R.Results, [](const UnitResult &U) { return U.Failed; });
  return llvm::Error::success();
}

/// The link step over every unit's facts: what crosses units, as one more
/// result. A run over some files says when others have no facts yet.
llvm::Error linkUnits(Run &R) {
  Options &Opts = R.Opts;
  if (Opts.Shards || Opts.NoLink)
    return llvm::Error::success();
  llvm::StringSet<> Linted;
  for (const UnitResult &U : R.Results)
    if (!U.Failed)
      Linted.insert(U.File);
  llvm::Expected<std::vector<ClangTidyError>> Linked =
      linkFacts(Opts.FactsDir, Opts.LinkOnly ? nullptr : &Linted, Opts);
  if (!Linked)
    return Linked.takeError();
  if (!Opts.LinkOnly && !Opts.Quiet) {
    const std::vector<std::string> &All = R.Planned.DatabaseUnits;
    size_t Missing = llvm::count_if(All, [&](const std::string &U) {
      return !Linted.contains(U) && !llvm::sys::fs::exists(utils::unitFactsPath(
                                        Opts.FactsDir, U, "blocking"));
    });
    if (Missing && Linted.size() < All.size())
      llvm::errs() << "async-lint: " << Missing
                   << (Missing == 1 ? " unit has" : " units have")
                   << " no facts: run async-lint over the whole database "
                      "for findings that cross units\n";
  }
  UnitResult FromLink;
  FromLink.Errors = std::move(*Linked);
  R.Results.push_back(std::move(FromLink));
  return llvm::Error::success();
}

/// --write-baseline: writes every finding and returns the exit status.
int writeBaselineOnly(Run &R) {
  if (llvm::Error Err = writeBaseline(R.Opts.WriteBaseline, R.Findings))
    return fail(std::move(Err));
  size_t Written = llvm::count_if(
      R.Findings, [](const Finding &F) { return !F.isCompileError(); });
  if (!R.Opts.Quiet)
    llvm::errs() << "async-lint: wrote "
                 << plural(Written, "finding", "findings") << " to "
                 << R.Opts.WriteBaseline << "; "
                 << plural(R.Units, "file", "files") << " checked in "
                 << R.seconds() << "\n";
  if (R.BrokenUnits) {
    llvm::errs() << "async-lint: "
                 << plural(R.BrokenUnits, "file does", "files do")
                 << " not compile; their errors are not in the baseline\n";
    return 1;
  }
  return 0;
}

/// Leaves out the findings in the baseline and those on unchanged lines.
/// Compiler errors always count: a unit that does not compile was not
/// checked, whatever the filters.
void filterFindings(Run &R) {
  llvm::erase_if(R.Findings, [&](const Finding &F) {
    if (F.isCompileError())
      return false;
    if (R.Changed && !R.Changed->contains(F.file(), F.Pos.Line)) {
      ++R.Unchanged;
      return true;
    }
    if (R.Baseline && R.Baseline->contains(F.Fingerprint)) {
      ++R.InBaseline;
      return true;
    }
    return false;
  });
}

/// Writes the report in the chosen format, to --output or stdout (reading
/// the source files it quotes).
llvm::Error writeReport(Run &R) {
  const Options &Opts = R.Opts;
  ReportSettings Settings;
  Settings.Root = R.Root;
  Settings.DocsUrl = Opts.DocsUrl;
  Settings.FixNotes = Opts.FixNotes;
  Settings.Color = Opts.Format == OutputFormat::Text &&
                   (Opts.Color == ColorMode::Always ||
                    (Opts.Color == ColorMode::Auto && Opts.OutputFile.empty() &&
                     llvm::sys::Process::StandardOutIsDisplayed()));
  std::string Report;
  llvm::raw_string_ostream OS(Report);
  switch (Opts.Format) {
  case OutputFormat::Text:
    writeText(R.Findings, Settings, OS);
    break;
  case OutputFormat::Json:
    writeJson(R.Findings, Settings, R.Sources, OS);
    break;
  case OutputFormat::Sarif:
    writeSarif(R.Findings, Settings, R.Sources, OS);
    break;
  case OutputFormat::Github:
    writeGithub(R.Findings, Settings, R.Sources, OS);
    break;
  case OutputFormat::Gitlab:
    writeGitlab(R.Findings, Settings, OS);
    break;
  case OutputFormat::Junit:
    writeJunit(R.Findings, Settings, R.Sources, R.LintedUnits, OS);
    break;
  case OutputFormat::Rdjson:
    writeRdjson(R.Findings, Settings, R.Sources, OS);
    break;
  case OutputFormat::Html:
    writeHtml(R.Findings, Settings, R.Sources, OS);
    break;
  }
  if (!Opts.OutputFile.empty())
    return writeFileAtomically(Opts.OutputFile, Report);
  llvm::outs() << Report;
  llvm::outs().flush();
  return llvm::Error::success();
}

/// --export-fixes: the fixes --fix would choose, as clang-tidy's YAML (one
/// of two that overlap is left out, as clang-tidy's own export does).
llvm::Error exportFixes(const Run &R) {
  std::vector<Finding> Chosen = R.Findings;
  planFixes(Chosen, R.Opts.FixNotes);
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
  const std::vector<Job> &Jobs = R.Planned.Jobs;
  exportReplacements(Jobs.empty() ? "" : Jobs.front().File, Errors, OS);
  return writeFileAtomically(R.Opts.ExportFixes, Yaml);
}

/// --fix: writes the planned fixes; a finding is fixed only when its file
/// was written.
llvm::Error applyPlannedFixes(Run &R) {
  if (!R.Opts.Fix || R.Fixes.ByFile.empty())
    return llvm::Error::success();
  llvm::Expected<FixResult> Written = applyFixes(R.Fixes, R.Opts, R.Linted);
  if (!Written)
    return Written.takeError();
  R.Applied = std::move(*Written);
  for (Finding &F : R.Findings)
    if (F.Fixed && llvm::any_of(F.FixAttempts, [&](const FixAttempt &A) {
          return !R.Applied.Written.contains(A.File);
        }))
      F.Fixed = false;
  return llvm::Error::success();
}

/// The lines on stderr after the report: refused fixes, files that changed,
/// what was applied, and the summary.
void printSummary(const Run &R, size_t FixedCount) {
  const Options &Opts = R.Opts;
  llvm::raw_ostream &OS = llvm::errs();
  for (const FixPlan::Refusal &Refusal : R.Fixes.Refused)
    OS << "async-lint: not applying the fix of " << describe(*Refusal.Refused)
       << ": it overlaps the fix of "
       << (Refusal.Kept ? describe(*Refusal.Kept)
                        : std::string("another finding"))
       << "\n";
  for (const std::string &File : R.Applied.Changed)
    OS << "async-lint: not fixing " << relativeToRoot(File, R.Root)
       << ": it changed since it was linted; run async-lint again\n";
  if (Opts.Fix) {
    unsigned Written = R.Fixes.Planned;
    for (const std::string &File : R.Applied.Changed)
      if (auto It = R.Fixes.ByFile.find(File); It != R.Fixes.ByFile.end())
        Written -= It->second.size();
    OS << "async-lint: applied " << Written << " of "
       << plural(R.Fixes.Attempted, "fix", "fixes") << " to "
       << plural(R.Applied.Files, "file", "files") << "\n";
  }
  if (R.BrokenUnits)
    OS << "async-lint: " << plural(R.BrokenUnits, "file does", "files do")
       << " not compile (see the errors above)\n";
  size_t FixableByFix = 0, FixableByNotes = 0;
  for (const Finding &F : R.Findings) {
    if (F.Fixed || F.isCompileError())
      continue;
    if (F.fix(false))
      ++FixableByFix;
    else if (F.fix(true))
      ++FixableByNotes;
  }
  size_t Shown = llvm::count_if(
      R.Findings, [](const Finding &F) { return !F.isCompileError(); });
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
  if (R.Baseline)
    OS << ", " << R.InBaseline << " in the baseline not shown";
  if (R.Changed)
    OS << ", " << R.Unchanged << " on unchanged lines not shown";
  OS << "; " << plural(R.Units, "file", "files") << " checked in "
     << R.seconds();
  if (R.Cached)
    OS << " (" << R.Cached << " from the cache)";
  if (R.Relinted)
    OS << "; " << plural(R.Relinted, "file", "files")
       << " linted again: " << (R.Relinted == 1 ? "it" : "they")
       << " did not compile last time, and such files are not cached";
  OS << "\n";
}

int run(Options &Opts) {
  Run R(Opts);
  llvm::Expected<std::string> Root = resolveRoot(Opts);
  if (!Root)
    return fail(Root.takeError());
  R.Root = std::move(*Root);

  if (Opts.ListChecks || Opts.DumpConfig) {
    std::string File = Opts.Paths.empty() ? normalizePath("dummy.cpp")
                                          : normalizePath(Opts.Paths.front());
    if (llvm::Error Err = validateConfiguration(Opts, {File}))
      return fail(std::move(Err));
    return Opts.ListChecks ? listChecks(Opts, File) : dumpConfig(Opts, File);
  }

  if (llvm::Error Err = plan(R))
    return fail(std::move(Err));
  if (llvm::Error Err = lintUnits(R))
    return fail(std::move(Err));
  if (llvm::Error Err = linkUnits(R))
    return fail(std::move(Err));
  R.Linted = lintedContents(R.Results);
  for (const UnitResult &U : R.Results)
    if (!U.File.empty())
      R.LintedUnits.push_back(U.File);
  llvm::sort(R.LintedUnits);
  R.LintedUnits.erase(llvm::unique(R.LintedUnits), R.LintedUnits.end());
  R.Findings = mergeResults(std::move(R.Results), R.Sources, R.Root);
  assignFingerprints(R.Findings, R.Sources);
  if (!Opts.WriteBaseline.empty())
    return writeBaselineOnly(R);

  filterFindings(R);
  if (Opts.Fix)
    R.Fixes = planFixes(R.Findings, Opts.FixNotes);
  if (llvm::Error Err = writeReport(R))
    return fail(std::move(Err));
  if (!Opts.ExportFixes.empty())
    if (llvm::Error Err = exportFixes(R))
      return fail(std::move(Err));
  if (llvm::Error Err = applyPlannedFixes(R))
    return fail(std::move(Err));

  size_t Remaining =
      llvm::count_if(R.Findings, [](const Finding &F) { return !F.Fixed; });
  if (!Opts.Quiet)
    printSummary(R, R.Findings.size() - Remaining);
  return (R.BrokenUnits || Remaining) ? 1 : 0;
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
