//===--- AsyncLintMain.cpp - the standalone async-lint driver --------------===//
//
// async-lint is clang-tidy with the async module linked in and `async-*` as
// its default checks. It reads compile databases, `--` flags and .clang-tidy
// files exactly as clang-tidy does; every clang-tidy check stays available.
//
//===----------------------------------------------------------------------===//

#include "Init.h"
#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang-tidy/ClangTidyForceLinker.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "clang/Basic/Version.h"
#include "clang/Tooling/CommonOptionsParser.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/Support/WithColor.h"

extern volatile int AsyncLintModuleAnchorSource;

namespace clang::tidy::async {
namespace {

namespace cl = llvm::cl;

constexpr llvm::StringLiteral DefaultChecks = "-*,async-*";

cl::OptionCategory Category("async-lint options");

cl::opt<std::string> Checks("checks", cl::desc(R"(
Comma-separated list of globs with optional '-' prefix, added to the
checks of the closest .clang-tidy file. Default: -*,async-*.
)"),
                            cl::init(""), cl::cat(Category));
cl::opt<std::string> Config("config", cl::desc(R"(
Configuration in YAML or JSON, as for clang-tidy --config.
)"),
                            cl::init(""), cl::cat(Category));
cl::opt<std::string> ConfigFile("config-file", cl::desc(R"(
Read the configuration from this file instead of .clang-tidy files.
)"),
                                cl::init(""), cl::cat(Category));
cl::opt<std::string> HeaderFilter("header-filter", cl::desc(R"(
Regular expression of headers whose findings are shown.
)"),
                                  cl::init(""), cl::cat(Category));
cl::opt<std::string> WarningsAsErrors("warnings-as-errors", cl::desc(R"(
Checks whose findings are reported as errors.
)"),
                                      cl::init(""), cl::cat(Category));
cl::opt<bool> Fix("fix", cl::desc("Apply the fixes on warnings."),
                  cl::init(false), cl::cat(Category));
cl::opt<bool> FixNotes("fix-notes", cl::desc(R"(
Also apply a fix carried by a note when the warning has none
(such fixes change behaviour; review them). Implies --fix.
)"),
                       cl::init(false), cl::cat(Category));
cl::opt<bool> ListChecks("list-checks",
                         cl::desc("List the enabled checks and exit."),
                         cl::init(false), cl::cat(Category));
cl::opt<bool> DumpConfig("dump-config",
                         cl::desc("Print the effective configuration and exit."),
                         cl::init(false), cl::cat(Category));
cl::opt<std::string> ExportFixes("export-fixes", cl::desc(R"(
Write the fixes to this YAML file, as clang-tidy does.
)"),
                                 cl::init(""), cl::cat(Category));
cl::opt<bool> Quiet("quiet", cl::desc("Do not print statistics."),
                    cl::init(false), cl::cat(Category));
cl::opt<bool> EnableCheckProfile("enable-check-profile",
                                 cl::desc("Print the time spent in each check."),
                                 cl::init(false), cl::cat(Category));

std::unique_ptr<ClangTidyOptionsProvider>
createOptionsProvider(llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> FS) {
  ClangTidyOptions Defaults;
  Defaults.Checks = DefaultChecks.str();
  Defaults.WarningsAsErrors = "";
  Defaults.HeaderFilterRegex = HeaderFilter;
  Defaults.User = llvm::sys::Process::GetEnv("USER");

  ClangTidyOptions Overrides;
  if (Checks.getNumOccurrences())
    Overrides.Checks = Checks;
  if (WarningsAsErrors.getNumOccurrences())
    Overrides.WarningsAsErrors = WarningsAsErrors;
  if (HeaderFilter.getNumOccurrences())
    Overrides.HeaderFilterRegex = HeaderFilter;

  auto FromText = [&](llvm::StringRef Text, llvm::StringRef Source)
      -> std::unique_ptr<ClangTidyOptionsProvider> {
    llvm::ErrorOr<ClangTidyOptions> Parsed =
        parseConfiguration(llvm::MemoryBufferRef(Text, Source));
    if (!Parsed) {
      llvm::WithColor::error(llvm::errs(), "async-lint")
          << "invalid configuration in " << Source << ": "
          << Parsed.getError().message() << "\n";
      return nullptr;
    }
    return std::make_unique<ConfigOptionsProvider>(
        ClangTidyGlobalOptions(), ClangTidyOptions::getDefaults().merge(Defaults, 0),
        std::move(*Parsed), std::move(Overrides), FS);
  };

  if (ConfigFile.getNumOccurrences()) {
    if (Config.getNumOccurrences()) {
      llvm::WithColor::error(llvm::errs(), "async-lint")
          << "--config and --config-file cannot be used together\n";
      return nullptr;
    }
    auto Text = llvm::MemoryBuffer::getFile(ConfigFile);
    if (!Text) {
      llvm::WithColor::error(llvm::errs(), "async-lint")
          << "cannot read config file '" << ConfigFile
          << "': " << Text.getError().message() << "\n";
      return nullptr;
    }
    return FromText((*Text)->getBuffer(), ConfigFile);
  }
  if (Config.getNumOccurrences())
    return FromText(Config, "<command-line-config>");
  return std::make_unique<FileOptionsProvider>(
      ClangTidyGlobalOptions(), std::move(Defaults), std::move(Overrides), FS);
}

void printVersion(llvm::raw_ostream &OS) {
  OS << "async-lint " << ASYNC_LINT_VERSION << "\n"
     << "  built with LLVM " << LLVM_VERSION_STRING << "\n"
     << "  " << clang::getClangFullVersion() << "\n";
}

int run(int argc, const char **argv) {
  llvm::InitLLVM X(argc, argv);
  cl::SetVersionPrinter(printVersion);
  llvm::Expected<tooling::CommonOptionsParser> Parser =
      tooling::CommonOptionsParser::create(argc, argv, Category,
                                           cl::ZeroOrMore);
  if (!Parser) {
    llvm::WithColor::error(llvm::errs(), "async-lint")
        << llvm::toString(Parser.takeError());
    return 2;
  }

  llvm::IntrusiveRefCntPtr<llvm::vfs::OverlayFileSystem> BaseFS(
      new llvm::vfs::OverlayFileSystem(llvm::vfs::getRealFileSystem()));
  std::unique_ptr<ClangTidyOptionsProvider> Provider =
      createOptionsProvider(BaseFS);
  if (!Provider)
    return 2;

  std::vector<std::string> Files = Parser->getSourcePathList();
  llvm::SmallString<256> FirstFile(Files.empty() ? "dummy" : Files.front());
  llvm::sys::fs::make_absolute(FirstFile);
  ClangTidyOptions Effective = Provider->getOptions(FirstFile);
  std::vector<std::string> Enabled =
      getCheckNames(Effective, /*AllowEnablingAnalyzerAlphaCheckers=*/false,
                    /*ExperimentalCustomChecks=*/false);

  if (ListChecks) {
    llvm::outs() << "Enabled checks:";
    for (const std::string &Name : Enabled)
      llvm::outs() << "\n    " << Name;
    llvm::outs() << "\n\n";
    return Enabled.empty() ? 1 : 0;
  }
  if (DumpConfig) {
    Effective.CheckOptions = getCheckOptions(Effective, false, false);
    ClangTidyOptions Dump = ClangTidyOptions::getDefaults().merge(Effective, 0);
    filterCheckOptions(Dump, Enabled);
    llvm::outs() << configurationAsText(Dump) << "\n";
    return 0;
  }
  if (Enabled.empty()) {
    llvm::WithColor::error(llvm::errs(), "async-lint")
        << "no checks are enabled (checks: '" << Effective.Checks.value_or("")
        << "')\n";
    return 2;
  }
  if (Files.empty()) {
    llvm::WithColor::error(llvm::errs(), "async-lint")
        << "no input files; give source files, or -p with a compile "
           "database\n";
    return 2;
  }

  llvm::InitializeAllTargetInfos();
  llvm::InitializeAllTargetMCs();
  llvm::InitializeAllAsmParsers();

  ClangTidyContext Context(std::move(Provider), false, false, false);
  std::vector<ClangTidyError> Errors =
      runClangTidy(Context, Parser->getCompilations(), Files, BaseFS,
                   /*ApplyAnyFix=*/FixNotes, EnableCheckProfile,
                   /*StoreCheckProfile=*/"", Quiet);
  const bool CompileErrors = llvm::any_of(Errors, [](const ClangTidyError &E) {
    return E.DiagLevel == ClangTidyError::Error;
  });
  FixBehaviour Behaviour = FixNotes ? FB_FixNotes : Fix ? FB_Fix : FB_NoFix;
  unsigned WarningsAsErrorsCount = 0;
  handleErrors(Errors, Context, CompileErrors ? FB_NoFix : Behaviour,
               WarningsAsErrorsCount, BaseFS);

  if (!ExportFixes.empty() && !Errors.empty()) {
    std::error_code EC;
    llvm::raw_fd_ostream OS(ExportFixes, EC, llvm::sys::fs::OF_None);
    if (EC) {
      llvm::WithColor::error(llvm::errs(), "async-lint")
          << "cannot write '" << ExportFixes << "': " << EC.message() << "\n";
      return 2;
    }
    exportReplacements(FirstFile.str(), Errors, OS);
  }
  if (CompileErrors) {
    llvm::errs() << "async-lint: found compiler errors\n";
    return 1;
  }
  return WarningsAsErrorsCount ? 1 : 0;
}

} // namespace
} // namespace clang::tidy::async

int main(int argc, const char **argv) {
  (void)AsyncLintModuleAnchorSource;
  if (argc > 1 && llvm::StringRef(argv[1]) == "init")
    return clang::tidy::async::runInit(argc - 1, argv + 1);
  return clang::tidy::async::run(argc, argv);
}
