//===--- Link.cpp - the link step: findings across translation units ------===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

#include "Link.h"
#include "utils/Facts.h"
#include "utils/SessionFacts.h"
#include "clang/Basic/FileManager.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/Support/FormatVariadic.h"
#include <map>

namespace clang::tidy::async::lint {

namespace {

constexpr llvm::StringLiteral BlockingCheck =
    "async-blocking-call-in-coroutine";
constexpr llvm::StringLiteral SessionCheck = "async-session-per-request";

/// A finding the link step makes: the warning and its notes, each at a place.
struct LinkedReport {
  llvm::StringRef Check;
  std::string Unit; ///< the unit whose finding it is
  std::vector<std::pair<std::string, utils::FactSite>> Messages;
};

// Reports findings that no parse produced through clang-tidy's own
// diagnostic consumer, as if the unit's parse had: NOLINT, NOLINTNEXTLINE,
// NOLINTBEGIN/END (with check globs), the unit's Checks, HeaderFilterRegex
// and WarningsAsErrors apply by the same code as to the unit's own findings
// and to what the plugin reports from the linked facts.
class TidyReporter {
public:
  explicit TidyReporter(std::unique_ptr<ClangTidyOptionsProvider> Provider)
      : Files(FileSystemOptions()), Context(std::move(Provider)),
        Consumer(Context, nullptr, /*RemoveIncompatibleErrors=*/false,
                 /*GetFixesFromNotes=*/false) {
    auto DiagOpts = std::make_unique<DiagnosticOptions>();
    Engine = std::make_unique<DiagnosticsEngine>(DiagnosticIDs::create(),
                                                 *DiagOpts, &Consumer,
                                                 /*ShouldOwnClient=*/false);
    Context.setDiagnosticsEngine(std::move(DiagOpts), Engine.get());
    // One source manager for every unit: the engine keeps state per file.
    SM = std::make_unique<SourceManager>(*Engine, Files);
    Context.setSourceManager(SM.get());
  }

  /// Reports \p Reports, all of one unit.
  void report(llvm::StringRef Unit, llvm::ArrayRef<LinkedReport> Reports) {
    // The unit is the main file, as in its own parse: a finding in a header
    // is subject to the header filter.
    Context.setCurrentFile(Unit);
    FileID Main = fileOf(Unit);
    if (Main.isInvalid())
      return;
    SM->setMainFileID(Main);
    for (const LinkedReport &R : Reports) {
      std::vector<SourceLocation> Locs;
      for (const auto &[Text, At] : R.Messages)
        Locs.push_back(location(At));
      // A place beyond its file's end is stale: no finding.
      if (llvm::is_contained(Locs, SourceLocation()))
        continue;
      for (size_t I = 0; I < R.Messages.size(); ++I)
        Context.diag(R.Check, Locs[I], "%0",
                     I == 0 ? DiagnosticIDs::Warning : DiagnosticIDs::Note)
            << R.Messages[I].first;
    }
    // The last finding is judged while this unit's files are known.
    std::vector<ClangTidyError> Found = Consumer.take();
    Errors.insert(Errors.end(), std::make_move_iterator(Found.begin()),
                  std::make_move_iterator(Found.end()));
  }

  std::vector<ClangTidyError> take() { return std::move(Errors); }

private:
  FileID fileOf(llvm::StringRef Path) {
    llvm::Expected<FileEntryRef> File = Files.getFileRef(Path);
    if (!File) {
      llvm::consumeError(File.takeError());
      return FileID();
    }
    return SM->getOrCreateFileID(*File, SrcMgr::C_User);
  }
  SourceLocation location(const utils::FactSite &At) {
    FileID ID = fileOf(At.File);
    if (ID.isInvalid())
      return SourceLocation();
    std::optional<llvm::StringRef> Text = SM->getBufferDataOrNone(ID);
    if (!Text || At.Offset > Text->size())
      return SourceLocation();
    return SM->getLocForStartOfFile(ID).getLocWithOffset(At.Offset);
  }

  FileManager Files;
  ClangTidyContext Context;
  ClangTidyDiagnosticConsumer Consumer;
  std::unique_ptr<DiagnosticsEngine> Engine;
  std::unique_ptr<SourceManager> SM;
  std::vector<ClangTidyError> Errors;
};

// The facts of \p Kind in \p FactsDir that \p Check wrote under the options
// in force now; facts taken under others describe another configuration
// (a function the user now ignores, say) and are left out, with one line.
std::vector<utils::UnitFacts> currentFacts(llvm::StringRef FactsDir,
                                           llvm::StringRef Kind,
                                           llvm::StringRef Check,
                                           ClangTidyOptionsProvider &Provider) {
  std::vector<utils::UnitFacts> Facts = utils::readUnitFacts(FactsDir, Kind);
  size_t Before = Facts.size();
  llvm::erase_if(Facts, [&](const utils::UnitFacts &U) {
    return utils::optionsFingerprint(Provider.getOptions(U.Unit).CheckOptions,
                                     Check) != U.Options;
  });
  if (size_t Stale = Before - Facts.size())
    llvm::errs() << "async-lint: " << Stale
                 << (Stale == 1 ? " unit's facts were" : " units' facts were")
                 << " taken under other options of " << Check
                 << " and are not used; lint " << (Stale == 1 ? "it" : "them")
                 << " again\n";
  return Facts;
}

} // namespace

llvm::Expected<std::vector<ClangTidyError>>
linkFacts(llvm::StringRef FactsDir, const llvm::StringSet<> *Units,
          const Options &Opts) {
  llvm::Expected<std::unique_ptr<ClangTidyOptionsProvider>> Provider =
      createOptionsProvider(Opts);
  if (!Provider)
    return Provider.takeError();
  utils::FactsLink Blocking(
      currentFacts(FactsDir, "blocking", BlockingCheck, **Provider));
  utils::FactsLink Sessions(currentFacts(FactsDir, utils::SessionFactsKind,
                                         SessionCheck, **Provider));
  for (const auto &[Path, Linked] :
       {std::pair(utils::linkedFactsPath(FactsDir), Blocking.linked()),
        std::pair(utils::linkedSessionsPath(FactsDir),
                  Sessions.linkedSessions())}) {
    std::string Text;
    llvm::raw_string_ostream(Text) << llvm::formatv("{0:1}", Linked) << "\n";
    if (llvm::Error Err = utils::writeAtomically(Path, Text))
      return toolError(llvm::toString(std::move(Err)));
  }

  // The findings by unit, each unit's in the order the link found them.
  std::map<std::string, std::vector<LinkedReport>> ByUnit;
  auto Report = [&](llvm::StringRef Check, llvm::StringRef Unit,
                    std::string Text,
                    const utils::FactSite &At) -> LinkedReport & {
    LinkedReport &R = ByUnit[Unit.str()].emplace_back();
    R.Check = Check;
    R.Unit = Unit.str();
    R.Messages.emplace_back(std::move(Text), At);
    return R;
  };

  for (const utils::LinkedFinding &F : Blocking.findings()) {
    if (Units && !Units->contains(F.Unit))
      continue;
    LinkedReport &R =
        Report(BlockingCheck, F.Unit, utils::linkedWarning(F.Site, F.Path.Hit),
               F.Site.At);
    if (F.Site.Virtual)
      R.Messages.emplace_back(
          utils::linkedVirtualNote(F.Site, F.BlockingTargets, F.Targets),
          F.Site.At);
    for (const utils::LinkedStep &Step : F.Path.Chain)
      R.Messages.emplace_back(utils::linkedStepNote(Step), Step.Call.At);
    R.Messages.emplace_back("blocking call to '" + F.Path.Hit.Api + "' is here",
                            F.Path.Hit.At);
    R.Messages.emplace_back(
        "move the blocking call to a thread pool and await its result",
        F.Site.At);
  }

  // A construction reached from another unit's root is the finding of
  // either unit: of the one that builds it, and of the one that spawns.
  for (const utils::PerRequestFinding &F : Sessions.perRequestFindings()) {
    if (Units && !Units->contains(F.Unit) && !Units->contains(F.RootUnit))
      continue;
    LinkedReport &R = Report(
        SessionCheck, F.Unit,
        utils::perRequestWarning(F.Hit, utils::shortName(F.Path.Name), F.Path),
        F.Hit.At);
    R.Messages.emplace_back(utils::perRequestRootNote(F.Path), F.Path.Root);
    for (const utils::CallFact &Step : F.Path.Steps)
      R.Messages.emplace_back(utils::perRequestStepNote(Step), Step.At);
    R.Messages.emplace_back(utils::PerRequestAdvice.str(), F.Hit.At);
  }

  TidyReporter Reporter(std::move(*Provider));
  for (const auto &[Unit, Reports] : ByUnit)
    Reporter.report(Unit, Reports);
  return Reporter.take();
}

} // namespace clang::tidy::async::lint
