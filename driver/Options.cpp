//===--- Options.cpp - async-lint's command line and configuration --------===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

#include "Options.h"

#include "Installation.h"
#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/GlobList.h"
#include "clang/Basic/Version.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/VirtualFileSystem.h"
#include <mutex>
#include <unistd.h>

namespace clang::tidy::async::lint {

namespace cl = llvm::cl;

namespace {

constexpr llvm::StringLiteral DefaultChecks = "-*,async-*";

constexpr llvm::StringLiteral Overview =
    R"(async-lint: find misuse of C++20 coroutines (the clang-tidy module 'async').

USAGE: async-lint [options] [PATH...] [-- COMPILER-FLAGS...]

PATHs are source files or directories. A directory means every translation
unit of the compile database under it; with no database, every C/C++ source
file under it. No PATH means every translation unit of the database.

The compile database is DIR/compile_commands.json for -p DIR; without -p,
./compile_commands.json, then ./build/compile_commands.json. Files that are
not in the database, or all files when there is none, are compiled with the
flags after '--'. Configuration comes from .clang-tidy files exactly as for
clang-tidy; the default checks are 'async-*', and clang-tidy's own checks can
be added with --checks or in .clang-tidy.

Translation units run in parallel (-j); the output is the same, in the same
order, whatever the number of jobs.

EXIT STATUS:
  0  no findings
  1  findings, or a translation unit failed to compile
  2  async-lint could not do its job: a bad option, an unreadable or
     malformed compile database, a missing file, a bad configuration or an
     unknown check (one line on stderr says what and where)

EXAMPLES:
  async-lint -p build                         lint the whole project
  async-lint src/net -j 8                     one directory, eight jobs
  async-lint file.cpp -- -std=c++20           no compile database
  async-lint --format sarif --output a.sarif  for code scanning
  async-lint --changed-since origin/main      only lines a branch changed
  async-lint --write-baseline .async-lint-baseline.json   adopt, then:
  async-lint --baseline .async-lint-baseline.json

Documentation: README.md and docs/ci.md (GitHub Actions, pre-commit, the json
format).
)";

cl::OptionCategory RunCategory("Running");
cl::OptionCategory OutputCategory("Output");
cl::OptionCategory ConfigCategory("Configuration (as for clang-tidy)");

cl::list<std::string> PathArgs(cl::Positional, cl::desc("[PATH...]"),
                               cl::ZeroOrMore, cl::cat(RunCategory));
cl::opt<std::string> BuildPathArg(
    "p", cl::value_desc("dir"),
    cl::desc("Directory of compile_commands.json (or the file itself).\n"
             "Default: ./compile_commands.json, then "
             "./build/compile_commands.json."),
    cl::cat(RunCategory));
cl::opt<unsigned> JobsArg(
    "j", cl::value_desc("N"),
    cl::desc("Translation units linted in parallel. Default: all cores."),
    cl::init(0), cl::Prefix, cl::cat(RunCategory));
cl::opt<bool> FixArg("fix", cl::desc("Apply the fixes carried by warnings."),
                     cl::cat(RunCategory));
cl::opt<bool> FixNotesArg(
    "fix-notes",
    cl::desc("Also apply a fix carried by a note when the warning has none\n"
             "and exactly one note has one (such fixes change behaviour;\n"
             "review them). Implies --fix."),
    cl::cat(RunCategory));
cl::opt<std::string> BaselineArg(
    "baseline", cl::value_desc("file"),
    cl::desc("Report only findings that are not in this baseline file."),
    cl::cat(RunCategory));
cl::opt<std::string> WriteBaselineArg(
    "write-baseline", cl::value_desc("file"),
    cl::desc("Write every current finding to this baseline file and exit\n"
             "0 (1 when a translation unit does not compile)."),
    cl::cat(RunCategory));
cl::opt<std::string> ChangedSinceArg(
    "changed-since", cl::value_desc("rev"),
    cl::desc("Report only findings on lines added or changed since this\n"
             "git revision (committed or not), headers included."),
    cl::cat(RunCategory));
cl::opt<std::string> FactsDirArg(
    "facts-dir", cl::value_desc("dir"),
    cl::desc("Where each unit's facts and the link step's result are kept,\n"
             "for findings across translation units. Default: .async-lint\n"
             "next to compile_commands.json (without one: a temporary\n"
             "directory). Required by `async-lint link`."),
    cl::cat(RunCategory));
cl::opt<std::string> CacheDirArg(
    "cache-dir", cl::value_desc("dir"),
    cl::desc("Where unit results are kept between runs, to be reused\n"
             "while nothing a unit reads has changed. Default:\n"
             ".async-lint/cache next to compile_commands.json (without\n"
             "one, no cache)."),
    cl::cat(RunCategory));
cl::opt<bool> NoCacheArg("no-cache",
                         cl::desc("Neither read nor write the result cache."),
                         cl::cat(RunCategory));
cl::opt<unsigned> CacheSizeArg(
    "cache-size", cl::value_desc("MiB"),
    cl::desc("Bound on the cache's size; the least recently used results\n"
             "go first. Default: 1024."),
    cl::init(1024), cl::cat(RunCategory));
cl::opt<bool>
    NoLinkArg("no-link",
              cl::desc("Write each unit's facts but do not run the link step\n"
                       "(run `async-lint link` once the units are done)."),
              cl::cat(RunCategory));
cl::opt<std::string> ShardArg(
    "shard", cl::value_desc("K/N"),
    cl::desc("Lint only the K-th of N shares of the files (balanced by\n"
             "size) and write their facts; `async-lint link` then reports\n"
             "what crosses shards."),
    cl::cat(RunCategory));
cl::opt<std::string> RootArg(
    "root", cl::value_desc("dir"),
    cl::desc("Project root: paths in json, sarif, github output and in\n"
             "baselines are relative to it. Default: the git work tree\n"
             "of the current directory, else the current directory."),
    cl::cat(RunCategory));

cl::opt<OutputFormat> FormatArg(
    "format", cl::desc("Output format:"), cl::init(OutputFormat::Text),
    cl::values(
        clEnumValN(OutputFormat::Text, "text",
                   "clang-style diagnostics with source line, caret and fix "
                   "(default)"),
        clEnumValN(OutputFormat::Json, "json", "one JSON record per finding"),
        clEnumValN(OutputFormat::Sarif, "sarif", "SARIF 2.1.0"),
        clEnumValN(OutputFormat::Github, "github",
                   "GitHub Actions workflow commands (annotations)"),
        clEnumValN(OutputFormat::Gitlab, "gitlab",
                   "GitLab Code Quality report (JSON)"),
        clEnumValN(OutputFormat::Junit, "junit",
                   "JUnit XML: a test suite per file, a failing test case "
                   "per finding"),
        clEnumValN(OutputFormat::Rdjson, "rdjson",
                   "reviewdog's diagnostic format, fix-its as suggestions"),
        clEnumValN(OutputFormat::Html, "html",
                   "one self-contained HTML page: source lines, chains, "
                   "fixes as diffs")),
    cl::cat(OutputCategory));
cl::opt<std::string> OutputArg(
    "output", cl::value_desc("file"),
    cl::desc("Write the report to this file (atomically) instead of stdout."),
    cl::cat(OutputCategory));
cl::opt<bool> UseColorArg(
    "use-color",
    cl::desc("Colours in text output (--use-color=false: none). Default:\n"
             "when stdout is a terminal."),
    cl::cat(OutputCategory));
cl::opt<bool> QuietArg("quiet",
                       cl::desc("No closing summary and no progress on "
                                "stderr."),
                       cl::cat(OutputCategory));
cl::opt<std::string> DocsUrlArg(
    "docs-url", cl::value_desc("url"),
    cl::desc("Base URL of the check documentation pages (<url>/<check>.md)\n"
             "used as helpUri in SARIF. Default: the docs/checks directory\n"
             "async-lint was built from."),
    cl::cat(OutputCategory));
cl::opt<std::string> ExportFixesArg(
    "export-fixes", cl::value_desc("file"),
    cl::desc("Also write the findings and fixes as clang-tidy's YAML."),
    cl::cat(OutputCategory));
cl::opt<bool> ListChecksArg("list-checks",
                            cl::desc("List the enabled checks and exit."),
                            cl::cat(OutputCategory));
cl::opt<bool>
    DumpConfigArg("dump-config",
                  cl::desc("Print the effective configuration and exit."),
                  cl::cat(OutputCategory));

cl::opt<std::string> ChecksArg(
    "checks", cl::value_desc("globs"),
    cl::desc("Comma-separated globs, '-' to disable, added after the checks\n"
             "of the closest .clang-tidy. Default checks: async-*."),
    cl::cat(ConfigCategory));
cl::opt<std::string> ConfigArg(
    "config", cl::value_desc("yaml"),
    cl::desc("Configuration in YAML/JSON; .clang-tidy files are ignored."),
    cl::cat(ConfigCategory));
cl::opt<std::string> ConfigFileArg(
    "config-file", cl::value_desc("file"),
    cl::desc("Read the configuration from this file; .clang-tidy files are\n"
             "ignored."),
    cl::cat(ConfigCategory));
cl::opt<std::string> HeaderFilterArg(
    "header-filter", cl::value_desc("regex"),
    cl::desc("Headers whose findings are shown (default '.*': every\n"
             "non-system header)."),
    cl::cat(ConfigCategory));
cl::opt<std::string>
    ExcludeHeaderFilterArg("exclude-header-filter", cl::value_desc("regex"),
                           cl::desc("Headers whose findings are not shown."),
                           cl::cat(ConfigCategory));
cl::opt<bool> SystemHeadersArg("system-headers",
                               cl::desc("Show findings in system headers."),
                               cl::cat(ConfigCategory));
cl::opt<std::string> WarningsAsErrorsArg(
    "warnings-as-errors", cl::value_desc("globs"),
    cl::desc("Checks whose findings are reported as errors."),
    cl::cat(ConfigCategory));
cl::opt<std::string> FormatStyleArg(
    "format-style", cl::value_desc("style"),
    cl::desc("clang-format style applied around fixes (default: none)."),
    cl::cat(ConfigCategory));
cl::list<std::string>
    ExtraArgArg("extra-arg", cl::value_desc("flag"),
                cl::desc("Compiler flag appended to every compile command."),
                cl::cat(ConfigCategory));
cl::list<std::string> ExtraArgBeforeArg(
    "extra-arg-before", cl::value_desc("flag"),
    cl::desc("Compiler flag prepended to every compile command."),
    cl::cat(ConfigCategory));

void printVersion(llvm::raw_ostream &OS) {
  OS << "async-lint " << ASYNC_LINT_VERSION << "\n"
     << "  built with LLVM " << LLVM_VERSION_STRING << "\n"
     << "  " << clang::getClangFullVersion() << "\n"
     << "  clang resource directory: "
     << findResourceDir().value_or("not found") << "\n";
}

template <typename T> std::optional<T> given(const cl::opt<T> &Opt) {
  if (Opt.getNumOccurrences())
    return Opt.getValue();
  return std::nullopt;
}

// llvm::cl reports a bad option on several lines ("Unknown command line
// argument...", "Did you mean..."); async-lint promises one.
std::string oneLine(llvm::StringRef Text, llvm::StringRef Program) {
  llvm::SmallVector<llvm::StringRef> Lines;
  Text.split(Lines, '\n', -1, /*KeepEmpty=*/false);
  std::string Result;
  for (llvm::StringRef Line : Lines) {
    Line = Line.trim();
    if (Line.consume_front(Program))
      Line = Line.drop_while([](char C) { return C == ':' || C == ' '; });
    std::string::size_type Try = Line.find("Try: '");
    if (Try != llvm::StringRef::npos)
      Line = Line.take_front(Try).rtrim();
    Line = Line.rtrim('.');
    if (Line.empty())
      continue;
    if (!Result.empty())
      Result += "; ";
    Result += llvm::toLower(Line.front());
    Result += Line.drop_front().str();
  }
  return Result + " (see async-lint --help)";
}

// Redirects file descriptor 2 into a temporary file until finish().
class StderrCapture {
public:
  StderrCapture() {
    llvm::errs().flush();
    llvm::SmallString<128> Path;
    if (llvm::sys::fs::createTemporaryFile("async-lint-args", "txt", FD, Path))
      return;
    llvm::sys::fs::remove(Path);
    Saved = ::dup(2);
    ::dup2(FD, 2);
  }
  std::string finish() {
    if (Saved < 0)
      return "";
    llvm::errs().flush();
    ::dup2(Saved, 2);
    ::close(Saved);
    Saved = -1;
    std::string Text;
    char Buffer[4096];
    ::lseek(FD, 0, SEEK_SET);
    for (ssize_t N; (N = ::read(FD, Buffer, sizeof(Buffer))) > 0;)
      Text.append(Buffer, N);
    ::close(FD);
    return Text;
  }
  ~StderrCapture() { finish(); }

private:
  int FD = -1;
  int Saved = -1;
};

} // namespace

llvm::Error toolError(const llvm::Twine &Message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), Message);
}

ParsedCommandLine parseCommandLine(int Argc, const char **Argv) {
  // Everything after "--" is compiler flags, as for clang-tidy.
  std::optional<std::vector<std::string>> Fallback;
  int End = Argc;
  for (int I = 1; I < Argc; ++I) {
    if (llvm::StringRef(Argv[I]) == "--") {
      Fallback.emplace(Argv + I + 1, Argv + Argc);
      End = I;
      break;
    }
  }

  cl::SetVersionPrinter(printVersion);
  cl::HideUnrelatedOptions({&RunCategory, &OutputCategory, &ConfigCategory});
  // Some of llvm::cl's complaints go straight to stderr rather than to the
  // stream it is given; catch them all, to print one line.
  std::string Errors;
  bool Parsed;
  {
    llvm::raw_string_ostream ErrorStream(Errors);
    StderrCapture Capture;
    Parsed = cl::ParseCommandLineOptions(End, Argv, Overview, &ErrorStream);
    Errors += Capture.finish();
  }
  if (!Parsed) {
    llvm::errs() << "async-lint: error: "
                 << oneLine(Errors, llvm::sys::path::filename(Argv[0])) << "\n";
    return {std::nullopt, 2};
  }

  Options Opts;
  Opts.Paths.assign(PathArgs.begin(), PathArgs.end());
  Opts.BuildPath = given(BuildPathArg);
  Opts.FallbackFlags = std::move(Fallback);
  Opts.Root = RootArg;
  Opts.Jobs = JobsArg;
  Opts.FixNotes = FixNotesArg;
  Opts.Fix = FixArg || FixNotesArg;
  Opts.Baseline = BaselineArg;
  Opts.WriteBaseline = WriteBaselineArg;
  Opts.ChangedSince = ChangedSinceArg;
  Opts.FactsDir = FactsDirArg;
  Opts.NoLink = NoLinkArg;
  Opts.CacheDir = CacheDirArg;
  Opts.NoCache = NoCacheArg;
  Opts.CacheMiB = CacheSizeArg;
  Opts.Format = FormatArg;
  Opts.OutputFile = OutputArg;
  if (UseColorArg.getNumOccurrences())
    Opts.Color = UseColorArg ? ColorMode::Always : ColorMode::Never;
  Opts.Quiet = QuietArg;
  Opts.DocsUrl = DocsUrlArg.empty()
                     ? installedDocsUrl(ASYNC_LINT_DOCS_URL, "docs/checks")
                     : DocsUrlArg.getValue();
  Opts.ExportFixes = ExportFixesArg;
  Opts.ListChecks = ListChecksArg;
  Opts.DumpConfig = DumpConfigArg;
  Opts.Checks = given(ChecksArg);
  Opts.Config = given(ConfigArg);
  Opts.ConfigFile = given(ConfigFileArg);
  Opts.HeaderFilter = given(HeaderFilterArg);
  Opts.ExcludeHeaderFilter = given(ExcludeHeaderFilterArg);
  Opts.WarningsAsErrors = given(WarningsAsErrorsArg);
  Opts.FormatStyle = given(FormatStyleArg);
  Opts.SystemHeaders = given(SystemHeadersArg);
  Opts.ExtraArgs.assign(ExtraArgArg.begin(), ExtraArgArg.end());
  Opts.ExtraArgsBefore.assign(ExtraArgBeforeArg.begin(),
                              ExtraArgBeforeArg.end());

  auto Bad = [](const llvm::Twine &Message) {
    llvm::errs() << "async-lint: error: " << Message << "\n";
    return ParsedCommandLine{std::nullopt, 2};
  };
  if (!ShardArg.empty()) {
    auto [K, N] = llvm::StringRef(ShardArg).split('/');
    if (K.getAsInteger(10, Opts.Shard) || N.getAsInteger(10, Opts.Shards) ||
        Opts.Shards == 0 || Opts.Shard == 0 || Opts.Shard > Opts.Shards)
      return Bad("--shard expects K/N with 1 <= K <= N, not '" + ShardArg +
                 "'");
  }
  if (Opts.NoCache && !Opts.CacheDir.empty())
    return Bad("--no-cache and --cache-dir cannot be used together");
  if (Opts.CacheMiB == 0)
    return Bad("--cache-size must be at least 1 (MiB)");
  if (Opts.Config && Opts.ConfigFile)
    return Bad("--config and --config-file cannot be used together");
  if (!Opts.Baseline.empty() && !Opts.WriteBaseline.empty())
    return Bad("--baseline and --write-baseline cannot be used together");
  if (!Opts.WriteBaseline.empty() && Opts.Fix)
    return Bad("--write-baseline cannot be used with --fix or --fix-notes");
  return {std::move(Opts), 0};
}

class ConfigDiagnostics {
public:
  void add(std::string Problem) {
    std::lock_guard<std::mutex> Lock(Mutex);
    if (First.empty())
      First = std::move(Problem);
  }
  std::string first() {
    std::lock_guard<std::mutex> Lock(Mutex);
    return First;
  }

private:
  std::mutex Mutex;
  std::string First;
};

namespace {

// Parses a configuration, turning YAML errors into one line with the file,
// line and column.
llvm::Expected<ClangTidyOptions> parseConfig(llvm::MemoryBufferRef Buffer) {
  std::string Problem;
  llvm::ErrorOr<ClangTidyOptions> Parsed =
      parseConfigurationWithDiags(Buffer, [&](const llvm::SMDiagnostic &D) {
        if (D.getKind() != llvm::SourceMgr::DK_Error || !Problem.empty())
          return;
        Problem = (D.getFilename() + ":" + llvm::Twine(D.getLineNo()) + ":" +
                   llvm::Twine(D.getColumnNo() + 1) + ": " + D.getMessage())
                      .str();
      });
  if (Parsed)
    return std::move(*Parsed);
  if (Problem.empty())
    Problem =
        (Buffer.getBufferIdentifier() + ": " + Parsed.getError().message())
            .str();
  return toolError("invalid configuration in " + Problem);
}

ClangTidyOptions defaultOptions(const Options &Opts) {
  ClangTidyOptions Defaults = ClangTidyOptions::getDefaults();
  Defaults.Checks = DefaultChecks.str();
  Defaults.WarningsAsErrors = "";
  Defaults.User = llvm::sys::Process::GetEnv("USER");
  return Defaults;
}

ClangTidyOptions overrideOptions(const Options &Opts) {
  ClangTidyOptions Overrides;
  Overrides.Checks = Opts.Checks;
  Overrides.WarningsAsErrors = Opts.WarningsAsErrors;
  Overrides.HeaderFilterRegex = Opts.HeaderFilter;
  Overrides.ExcludeHeaderFilterRegex = Opts.ExcludeHeaderFilter;
  Overrides.SystemHeaders = Opts.SystemHeaders;
  Overrides.FormatStyle = Opts.FormatStyle;
  if (!Opts.ExtraArgs.empty())
    Overrides.ExtraArgs = Opts.ExtraArgs;
  if (!Opts.ExtraArgsBefore.empty())
    Overrides.ExtraArgsBefore = Opts.ExtraArgsBefore;
  if (!Opts.UnitFactsDir.empty()) {
    // async-lint links the facts itself after the run: every unit writes
    // its own, and none reads an earlier run's.
    constexpr unsigned Highest = 1u << 30;
    Overrides.CheckOptions["FactsDir"] = {Opts.UnitFactsDir, Highest};
    Overrides.CheckOptions["WriteFacts"] = {"true", Highest};
    Overrides.CheckOptions["ReadFacts"] = {"false", Highest};
  }
  return Overrides;
}

// clang-tidy's provider of .clang-tidy files, with our parser: a malformed
// file is reported (and makes validateConfiguration fail) instead of being
// skipped with a message on stderr.
class StrictFileOptionsProvider : public FileOptionsProvider {
public:
  StrictFileOptionsProvider(ClangTidyOptions Defaults,
                            ClangTidyOptions Overrides,
                            llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> FS,
                            std::shared_ptr<ConfigDiagnostics> Diags)
      : FileOptionsProvider(ClangTidyGlobalOptions(), std::move(Defaults),
                            std::move(Overrides), std::move(FS)) {
    ConfigHandlers.clear();
    ConfigHandlers.emplace_back(
        ".clang-tidy",
        [Diags](
            llvm::MemoryBufferRef Buffer) -> llvm::ErrorOr<ClangTidyOptions> {
          llvm::Expected<ClangTidyOptions> Parsed = parseConfig(Buffer);
          if (Parsed)
            return std::move(*Parsed);
          std::string Message = llvm::toString(Parsed.takeError());
          if (Diags)
            Diags->add(Message);
          // Recorded above, and fatal before any unit runs; an error here
          // would only make clang-tidy print its own message too.
          return ClangTidyOptions();
        });
  }
};

} // namespace

llvm::Expected<std::unique_ptr<ClangTidyOptionsProvider>>
createOptionsProvider(const Options &Opts,
                      std::shared_ptr<ConfigDiagnostics> Diags,
                      llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> FS) {
  if (!FS)
    FS = llvm::vfs::getRealFileSystem();
  ClangTidyOptions Defaults = defaultOptions(Opts);
  ClangTidyOptions Overrides = overrideOptions(Opts);

  std::optional<std::string> ConfigText;
  std::string ConfigSource = "--config";
  if (Opts.ConfigFile) {
    llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Text =
        llvm::MemoryBuffer::getFile(*Opts.ConfigFile);
    if (!Text)
      return toolError("cannot read configuration file " + *Opts.ConfigFile +
                       ": " + Text.getError().message());
    ConfigText = (*Text)->getBuffer().str();
    ConfigSource = *Opts.ConfigFile;
  } else if (Opts.Config) {
    ConfigText = *Opts.Config;
  }
  if (ConfigText) {
    llvm::Expected<ClangTidyOptions> Parsed =
        parseConfig(llvm::MemoryBufferRef(*ConfigText, ConfigSource));
    if (!Parsed)
      return Parsed.takeError();
    return std::make_unique<ConfigOptionsProvider>(
        ClangTidyGlobalOptions(), std::move(Defaults), std::move(*Parsed),
        std::move(Overrides), std::move(FS));
  }

  return std::make_unique<StrictFileOptionsProvider>(
      std::move(Defaults), std::move(Overrides), std::move(FS),
      std::move(Diags));
}

std::vector<std::string> enabledChecks(const ClangTidyOptions &Effective) {
  return getCheckNames(Effective, /*AllowEnablingAnalyzerAlphaCheckers=*/false,
                       /*ExperimentalCustomChecks=*/false);
}

namespace {

// Where a set of raw options came from, in the words of async-lint's
// command line.
std::string describeSource(llvm::StringRef Source, const Options &Opts) {
  if (Source ==
      ClangTidyOptionsProvider::OptionsSourceTypeCheckCommandLineOption)
    return "--checks";
  if (Source ==
      ClangTidyOptionsProvider::OptionsSourceTypeConfigCommandLineOption)
    return Opts.ConfigFile ? *Opts.ConfigFile : std::string("--config");
  return Source.str();
}

} // namespace

llvm::Error validateConfiguration(const Options &Opts,
                                  llvm::ArrayRef<std::string> Files) {
  auto Diags = std::make_shared<ConfigDiagnostics>();
  llvm::Expected<std::unique_ptr<ClangTidyOptionsProvider>> Provider =
      createOptionsProvider(Opts, Diags);
  if (!Provider)
    return Provider.takeError();

  ChecksAndOptions Known = getAllChecksAndOptions(false, false);
  llvm::StringSet<> Validated;
  std::string Directory;
  for (const std::string &File : Files) {
    // Configuration is per directory; look at each directory once.
    llvm::StringRef Dir = llvm::sys::path::parent_path(File);
    if (!Validated.insert(Dir).second)
      continue;
    std::vector<ClangTidyOptionsProvider::OptionsSource> Raw =
        (*Provider)->getRawOptions(File);
    if (std::string Problem = Diags->first(); !Problem.empty())
      return toolError(Problem);
    for (const auto &[RawOpts, Source] : Raw) {
      if (Source == ClangTidyOptionsProvider::OptionsSourceTypeDefaultBinary ||
          !RawOpts.Checks)
        continue;
      GlobList Globs(*RawOpts.Checks);
      for (const auto &Item : Globs.getItems()) {
        if (!Item.IsPositive || Item.Text.empty() ||
            Item.Text.starts_with("clang-diagnostic-"))
          continue;
        bool Matches = llvm::any_of(Known.Checks, [&](const auto &Entry) {
          return Item.Regex.match(Entry.getKey());
        });
        if (!Matches)
          return toolError("unknown check '" + Item.Text + "' in " +
                           describeSource(Source, Opts) +
                           ": it matches no check (see --list-checks)");
      }
    }
    ClangTidyOptions Effective = (*Provider)->getOptions(File);
    if (enabledChecks(Effective).empty())
      return toolError("no check is enabled for " + File + " (checks: '" +
                       Effective.Checks.value_or("") + "')");
  }
  return llvm::Error::success();
}

int listChecks(const Options &Opts, llvm::StringRef File) {
  auto Provider = createOptionsProvider(Opts);
  if (!Provider) {
    llvm::errs() << "async-lint: error: "
                 << llvm::toString(Provider.takeError()) << "\n";
    return 2;
  }
  std::vector<std::string> Enabled =
      enabledChecks((*Provider)->getOptions(File));
  llvm::outs() << "Enabled checks:";
  for (const std::string &Name : Enabled)
    llvm::outs() << "\n    " << Name;
  llvm::outs() << "\n\n";
  return 0;
}

int dumpConfig(const Options &Opts, llvm::StringRef File) {
  auto Provider = createOptionsProvider(Opts);
  if (!Provider) {
    llvm::errs() << "async-lint: error: "
                 << llvm::toString(Provider.takeError()) << "\n";
    return 2;
  }
  ClangTidyOptions Effective = (*Provider)->getOptions(File);
  std::vector<std::string> Enabled = enabledChecks(Effective);
  Effective.CheckOptions = getCheckOptions(Effective, false, false);
  ClangTidyOptions Dump = ClangTidyOptions::getDefaults().merge(Effective, 0);
  filterCheckOptions(Dump, Enabled);
  llvm::outs() << configurationAsText(Dump) << "\n";
  return 0;
}

} // namespace clang::tidy::async::lint
