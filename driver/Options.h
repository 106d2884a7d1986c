//===--- Options.h - async-lint's command line and configuration ----------===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The command line of async-lint, parsed into one plain struct, and the
// clang-tidy configuration it implies (.clang-tidy files, --checks, --config,
// --config-file), with the validation that makes a bad configuration an
// error (exit status 2) rather than a silently empty run.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_DRIVER_OPTIONS_H
#define ASYNC_LINT_DRIVER_OPTIONS_H

#include "clang-tidy/ClangTidyOptions.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/VirtualFileSystem.h"
#include <optional>
#include <string>
#include <vector>

namespace clang::tidy::async::lint {

enum class OutputFormat {
  Text,
  Json,
  Sarif,
  Github,
  Gitlab,
  Junit,
  Rdjson,
  Html
};
enum class ColorMode { Auto, Always, Never };

struct Options {
  // What to lint.
  std::vector<std::string> Paths;
  std::optional<std::string> BuildPath;
  /// Compiler flags after `--`, for files without a compile command.
  std::optional<std::vector<std::string>> FallbackFlags;
  std::string Root;

  // How.
  unsigned Jobs = 0;
  bool Fix = false;
  bool FixNotes = false;
  std::string Baseline;
  std::string WriteBaseline;
  std::string ChangedSince;
  /// Facts for the link step (empty: the default place).
  std::string FactsDir;
  /// The result cache: --cache-dir (empty: the default place), --no-cache,
  /// --cache-size.
  std::string CacheDir;
  bool NoCache = false;
  unsigned CacheMiB = 1024;
  /// --no-link: facts are written, the link step is left for later.
  bool NoLink = false;
  /// --shard K/N (1-based); 0/0 without it.
  unsigned Shard = 0;
  unsigned Shards = 0;
  /// The facts directory the units of this run write to (set by the run,
  /// not the command line).
  std::string UnitFactsDir;
  /// `async-lint link`: no units, only the link step over FactsDir.
  bool LinkOnly = false;
  /// `async-lint merge`: no units; the shards' results in FactsDir and the
  /// link step, reported as one run would.
  bool MergeOnly = false;

  // Output.
  OutputFormat Format = OutputFormat::Text;
  std::string OutputFile;
  ColorMode Color = ColorMode::Auto;
  bool Quiet = false;
  std::string DocsUrl;
  std::string ExportFixes;

  // Queries that print something and exit.
  bool ListChecks = false;
  bool DumpConfig = false;

  // clang-tidy's own settings; unset means "as the configuration says".
  std::optional<std::string> Checks;
  std::optional<std::string> Config;
  std::optional<std::string> ConfigFile;
  std::optional<std::string> HeaderFilter;
  std::optional<std::string> ExcludeHeaderFilter;
  std::optional<std::string> WarningsAsErrors;
  std::optional<std::string> FormatStyle;
  std::optional<bool> SystemHeaders;
  std::vector<std::string> ExtraArgs;
  std::vector<std::string> ExtraArgsBefore;
};

/// The outcome of reading the command line: options to run with, or an exit
/// status when it was fully handled (--help, --version) or is wrong.
struct ParsedCommandLine {
  std::optional<Options> Opts;
  int ExitStatus = 0;
};

/// Parses argv. Prints --help and --version itself; a bad option gives one
/// error line on stderr and exit status 2.
ParsedCommandLine parseCommandLine(int Argc, const char **Argv);

/// Reports anything that stops async-lint from doing its job: one line on
/// stderr, "async-lint: error: <Message>".
llvm::Error toolError(const llvm::Twine &Message);

/// Collects the problems found while reading configuration files, so that a
/// malformed .clang-tidy is an error and not a silently skipped file.
class ConfigDiagnostics;

/// Makes the clang-tidy options provider the command line asks for: the
/// closest .clang-tidy of each file, or --config / --config-file, with
/// --checks and the other command-line settings on top. Every worker thread
/// makes its own (providers cache and are not thread-safe), over its own
/// file system \p FS so that relative paths resolve against the directory
/// its unit is compiled in (default: the real file system).
llvm::Expected<std::unique_ptr<ClangTidyOptionsProvider>> createOptionsProvider(
    const Options &Opts, std::shared_ptr<ConfigDiagnostics> Diags = nullptr,
    llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> FS = nullptr);

/// Checks the configuration that applies to each of \p Files: every
/// .clang-tidy file involved parses, and every positive glob of `Checks`
/// names at least one known check. Also fails when no check is enabled.
llvm::Error validateConfiguration(const Options &Opts,
                                  llvm::ArrayRef<std::string> Files);

/// --list-checks and --dump-config, for the configuration of \p File.
int listChecks(const Options &Opts, llvm::StringRef File);
int dumpConfig(const Options &Opts, llvm::StringRef File);

/// The enabled check names for \p File (sorted).
std::vector<std::string> enabledChecks(const ClangTidyOptions &Effective);

} // namespace clang::tidy::async::lint

#endif
