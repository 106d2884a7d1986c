//===--- Runner.cpp - linting translation units in parallel ---------------===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

#include "Runner.h"
#include "utils/Facts.h"
#include "utils/Options.h"
#include "utils/SessionFacts.h"

#include "Installation.h"
#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/ClangTidyModule.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendActions.h"
#include "clang/Lex/PreprocessorOptions.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/Threading.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/Support/thread.h"
#include <atomic>
#include <mutex>

namespace clang::tidy::async::lint {

namespace {

// Clang wants deep stacks for deeply nested templates; this is what it asks
// for on its own main thread.
constexpr unsigned WorkerStackSize = 8 << 20;

// The compile commands planned for one file.
class PlannedCommands : public tooling::CompilationDatabase {
public:
  explicit PlannedCommands(const Job &J) : J(J) {}
  std::vector<tooling::CompileCommand>
  getCompileCommands(llvm::StringRef File) const override {
    return J.Commands;
  }
  std::vector<std::string> getAllFiles() const override { return {J.File}; }

private:
  const Job &J;
};

class LintActionFactory : public tooling::FrontendActionFactory {
public:
  LintActionFactory(ClangTidyContext &Context,
                    llvm::IntrusiveRefCntPtr<llvm::vfs::OverlayFileSystem> FS,
                    std::vector<InputFile> &Inputs)
      : ConsumerFactory(Context, std::move(FS)), Inputs(Inputs) {}

  std::unique_ptr<FrontendAction> create() override {
    return std::make_unique<Action>(ConsumerFactory, Inputs);
  }

  bool runInvocation(std::shared_ptr<CompilerInvocation> Invocation,
                     FileManager *Files,
                     std::shared_ptr<PCHContainerOperations> PCHContainerOps,
                     DiagnosticConsumer *DiagConsumer) override {
    // clang-tidy defines __clang_analyzer__ while linting; so do we, so that
    // code reads the same to both.
    Invocation->getPreprocessorOpts().SetUpStaticAnalyzer = true;
    // No "N warnings generated." from each unit: async-lint reports.
    Invocation->getDiagnosticOpts().ShowCarets = false;
    return FrontendActionFactory::runInvocation(
        std::move(Invocation), Files, std::move(PCHContainerOps), DiagConsumer);
  }

private:
  class Action : public ASTFrontendAction {
  public:
    Action(ClangTidyASTConsumerFactory &Factory, std::vector<InputFile> &Inputs)
        : Factory(Factory), Inputs(Inputs),
          Start(std::chrono::system_clock::now()) {}
    std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &Compiler,
                                                   StringRef File) override {
      return Factory.createASTConsumer(Compiler, File);
    }
    // Every file the compiler read, as it read it: for the result cache and
    // for --fix.
    void EndSourceFileAction() override {
      Inputs = inputsOf(getCompilerInstance().getSourceManager(), Start);
    }

  private:
    ClangTidyASTConsumerFactory &Factory;
    std::vector<InputFile> &Inputs;
    std::chrono::system_clock::time_point Start;
  };

  ClangTidyASTConsumerFactory ConsumerFactory;
  std::vector<InputFile> &Inputs;
};

/// The kinds of facts the checks write (utils/Facts.h).
constexpr llvm::StringLiteral FactKinds[] = {"blocking",
                                             utils::SessionFactsKind};

// A cached unit's facts go back where the checks would have written them,
// stamped as the files are now (their contents were checked to be the
// same): the link step then takes them as current.
void restoreFacts(const Options &Opts, const Job &J,
                  const std::map<std::string, std::string> &Facts) {
  if (Opts.UnitFactsDir.empty())
    return;
  for (llvm::StringRef Kind : FactKinds) {
    std::string Path = utils::unitFactsPath(Opts.UnitFactsDir, J.File, Kind);
    auto Text = Facts.find(Kind.str());
    llvm::Expected<llvm::json::Value> V =
        Text == Facts.end() ? llvm::createStringError("no facts")
                            : llvm::json::parse(Text->second);
    llvm::Expected<utils::UnitFacts> Unit =
        V ? utils::unitFactsFromJson(*V)
          : llvm::Expected<utils::UnitFacts>(V.takeError());
    if (!Unit) {
      llvm::consumeError(Unit.takeError());
      llvm::sys::fs::remove(Path);
      continue;
    }
    for (utils::FileStamp &Stamp : Unit->Files)
      if (std::optional<utils::FileStamp> Now = utils::stampOf(Stamp.Path))
        Stamp = *Now;
    if (llvm::Error Err = utils::writeUnitFacts(Path, *Unit))
      llvm::consumeError(std::move(Err));
  }
}

std::map<std::string, std::string> readFacts(const Options &Opts,
                                             const Job &J) {
  std::map<std::string, std::string> Facts;
  if (Opts.UnitFactsDir.empty())
    return Facts;
  for (llvm::StringRef Kind : FactKinds)
    if (llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Buffer =
            llvm::MemoryBuffer::getFile(
                utils::unitFactsPath(Opts.UnitFactsDir, J.File, Kind)))
      Facts[Kind.str()] = (*Buffer)->getBuffer().str();
  return Facts;
}

UnitResult lintUnit(const Job &J, const Options &Opts,
                    const ResultCache *Cache) {
  UnitResult Result;
  Result.File = J.File;

  // A physical file system of our own: ClangTool changes its working
  // directory to each command's, which must not be the process's.
  llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> Physical(
      llvm::vfs::createPhysicalFileSystem().release());
  llvm::IntrusiveRefCntPtr<llvm::vfs::OverlayFileSystem> FS(
      new llvm::vfs::OverlayFileSystem(Physical));

  // The configuration was validated before any worker started.
  llvm::Expected<std::unique_ptr<ClangTidyOptionsProvider>> Provider =
      createOptionsProvider(Opts, nullptr, FS);
  if (!Provider) {
    llvm::consumeError(Provider.takeError());
    Result.Failed = true;
    return Result;
  }
  ClangTidyContext Context(std::move(*Provider), false, false, false);

  std::string Key;
  if (Cache) {
    // Where facts go is not what they say: a shard's --facts-dir shares the
    // whole run's results.
    ClangTidyOptions Config = Context.getOptionsForFile(J.File);
    Config.CheckOptions.erase(utils::FactsDirOption);
    Key = ResultCache::keyOf(J, configurationAsText(Config));
    if (std::optional<CachedUnit> Hit = Cache->lookup(Key)) {
      restoreFacts(Opts, J, Hit->Facts);
      Result.Errors = std::move(Hit->Errors);
      Result.Inputs = std::move(Hit->Inputs);
      Result.FromCache = true;
      return Result;
    }
    Result.BrokenBefore = Cache->failedBefore(Key);
  }

  PlannedCommands Commands(J);
  tooling::ClangTool Tool(Commands, {J.File},
                          std::make_shared<PCHContainerOperations>(), FS);
  Tool.setPrintErrorMessage(false);
  // ExtraArgs and ExtraArgsBefore of the configuration, as clang-tidy does.
  Tool.appendArgumentsAdjuster(
      [&Context, &J](const tooling::CommandLineArguments &Args,
                     llvm::StringRef) {
        ClangTidyOptions FileOpts = Context.getOptionsForFile(J.File);
        tooling::CommandLineArguments Adjusted = Args;
        if (FileOpts.ExtraArgsBefore) {
          auto At = Adjusted.begin();
          if (At != Adjusted.end() && !llvm::StringRef(*At).starts_with("-"))
            ++At; // after the compiler's name
          Adjusted.insert(At, FileOpts.ExtraArgsBefore->begin(),
                          FileOpts.ExtraArgsBefore->end());
        }
        if (FileOpts.ExtraArgs)
          Adjusted.insert(Adjusted.end(), FileOpts.ExtraArgs->begin(),
                          FileOpts.ExtraArgs->end());
        return Adjusted;
      });
  Tool.appendArgumentsAdjuster(tooling::getStripPluginsAdjuster());
  // ClangTool would derive the resource directory from async-lint's own
  // location, which only holds for a binary installed next to clang; use
  // clang 22's real one, unless the command names one itself.
  Tool.appendArgumentsAdjuster(
      [](const tooling::CommandLineArguments &Args, llvm::StringRef) {
        static const std::optional<std::string> ResourceDir = findResourceDir();
        if (!ResourceDir || llvm::any_of(Args, [](const std::string &Arg) {
              return llvm::StringRef(Arg).starts_with("-resource-dir");
            }))
          return Args;
        tooling::CommandLineArguments Adjusted = Args;
        auto At = Adjusted.begin();
        if (At != Adjusted.end() && !llvm::StringRef(*At).starts_with("-"))
          ++At; // after the compiler's name
        Adjusted.insert(At, "-resource-dir=" + *ResourceDir);
        return Adjusted;
      });

  // The raw result: every fix of every finding. Which of two overlapping
  // fixes is applied depends on the fix mode and is decided after the
  // cache, the same way for every result (Fixes.h).
  ClangTidyDiagnosticConsumer Consumer(Context, nullptr,
                                       /*RemoveIncompatibleErrors=*/false,
                                       /*GetFixesFromNotes=*/false);
  auto DiagOpts = std::make_unique<DiagnosticOptions>();
  DiagnosticsEngine Engine(DiagnosticIDs::create(), *DiagOpts, &Consumer,
                           /*ShouldOwnClient=*/false);
  Context.setDiagnosticsEngine(std::move(DiagOpts), &Engine);
  Tool.setDiagnosticConsumer(&Consumer);

  LintActionFactory Factory(Context, FS, Result.Inputs);
  int Status = Tool.run(&Factory);
  Result.Errors = Consumer.take();
  bool CompileErrors = llvm::any_of(Result.Errors, [](const ClangTidyError &E) {
    return E.DiagLevel == tooling::Diagnostic::Error &&
           llvm::StringRef(E.DiagnosticName).starts_with("clang-diagnostic-");
  });
  Result.Failed = Status != 0 || CompileErrors;
  if (Result.Failed && !CompileErrors) {
    // The compiler did not even start (a broken command line); say so as a
    // compiler error would.
    ClangTidyError Error("clang-diagnostic-error", tooling::Diagnostic::Error,
                         J.Commands.front().Directory, false);
    Error.Message.Message = "cannot compile this file with its compile command";
    Error.Message.FilePath = J.File;
    Result.Errors.push_back(std::move(Error));
  }
  // A unit that does not compile may compile once a missing file appears,
  // which no list of the files it read can tell: it is never cached.
  if (Cache && !Result.Failed)
    Cache->store(Key, {Result.Errors, readFacts(Opts, J), Result.Inputs});
  else if (Cache)
    Cache->storeFailure(Key);
  return Result;
}

} // namespace

unsigned threadCount(unsigned Requested, size_t Jobs) {
  unsigned N = Requested ? Requested
                         : llvm::hardware_concurrency().compute_thread_count();
  N = std::max(1u, N);
  return static_cast<unsigned>(std::min<size_t>(N, std::max<size_t>(Jobs, 1)));
}

std::vector<UnitResult> runJobs(const std::vector<Job> &Jobs,
                                const Options &Opts, unsigned Threads,
                                const ProgressFn &Progress,
                                const ResultCache *Cache) {
  std::vector<UnitResult> Results(Jobs.size());
  std::atomic<size_t> Next{0};
  std::mutex ProgressMutex;
  size_t Done = 0;
  auto Work = [&] {
    for (size_t I = Next++; I < Jobs.size(); I = Next++) {
      Results[I] = lintUnit(Jobs[I], Opts, Cache);
      std::lock_guard<std::mutex> Lock(ProgressMutex);
      ++Done;
      if (Progress)
        Progress(Done, Jobs[I]);
    }
  };
  std::vector<llvm::thread> Workers;
  for (unsigned T = 0; T < Threads; ++T)
    Workers.emplace_back(std::optional<unsigned>(WorkerStackSize), Work);
  for (llvm::thread &W : Workers)
    W.join();
  return Results;
}

} // namespace clang::tidy::async::lint
