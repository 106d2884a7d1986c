//===--- Link.cpp - the link step: findings across translation units ------===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

#include "Link.h"
#include "clang-tidy/GlobList.h"
#include "utils/Facts.h"
#include "utils/SessionFacts.h"
#include "llvm/Support/FormatVariadic.h"

namespace clang::tidy::async::lint {

namespace {

constexpr llvm::StringLiteral BlockingCheck =
    "async-blocking-call-in-coroutine";
constexpr llvm::StringLiteral SessionCheck = "async-session-per-request";

tooling::DiagnosticMessage message(std::string Text,
                                   const utils::FactSite &At) {
  tooling::DiagnosticMessage M;
  M.Message = std::move(Text);
  M.FilePath = At.File;
  M.FileOffset = At.Offset;
  return M;
}

// Whether the comment \p Marker (NOLINT or NOLINTNEXTLINE) in \p Line
// applies to \p Check.
bool nolintIn(llvm::StringRef Line, llvm::StringRef Marker,
              llvm::StringRef Check) {
  for (size_t At = Line.find(Marker); At != llvm::StringRef::npos;
       At = Line.find(Marker, At + 1)) {
    llvm::StringRef Rest = Line.drop_front(At + Marker.size());
    // NOLINTNEXTLINE is not NOLINT; NOLINTBEGIN/END are regions.
    if (!Rest.empty() &&
        (std::isalnum(static_cast<unsigned char>(Rest[0])) || Rest[0] == '_'))
      continue;
    if (!Rest.consume_front("("))
      return true;
    llvm::StringRef List = Rest.take_until([](char C) { return C == ')'; });
    std::string Globs;
    for (llvm::StringRef Item : llvm::split(List, ','))
      Globs += (Globs.empty() ? "" : ",") + Item.trim().str();
    if (GlobList(Globs).contains(Check))
      return true;
  }
  return false;
}

} // namespace

bool suppressedByNolint(llvm::StringRef Line, llvm::StringRef Previous,
                        llvm::StringRef Check) {
  return nolintIn(Line, "NOLINT", Check) ||
         nolintIn(Previous, "NOLINTNEXTLINE", Check);
}

llvm::Expected<std::vector<ClangTidyError>>
linkFacts(llvm::StringRef FactsDir, const llvm::StringSet<> *Units,
          const Options &Opts, SourceFiles &Sources) {
  utils::FactsLink Blocking(utils::readUnitFacts(FactsDir, "blocking"));
  utils::FactsLink Sessions(
      utils::readUnitFacts(FactsDir, utils::SessionFactsKind));
  for (const auto &[Path, Linked] :
       {std::pair(utils::linkedFactsPath(FactsDir), Blocking.linked()),
        std::pair(utils::linkedSessionsPath(FactsDir),
                  Sessions.linkedSessions())}) {
    std::string Text;
    llvm::raw_string_ostream(Text) << llvm::formatv("{0:1}", Linked) << "\n";
    if (llvm::Error Err = utils::writeAtomically(Path, Text))
      return toolError(llvm::toString(std::move(Err)));
  }

  llvm::Expected<std::unique_ptr<ClangTidyOptionsProvider>> Provider =
      createOptionsProvider(Opts);
  if (!Provider)
    return Provider.takeError();
  std::vector<ClangTidyError> Errors;
  // The finding of \p Check in \p Unit at \p At, as clang-tidy would
  // report it; none when a NOLINT comment suppresses it.
  auto Report = [&](llvm::StringRef Check, llvm::StringRef Unit,
                    std::string Text,
                    const utils::FactSite &At) -> ClangTidyError * {
    Position Pos = Sources.position(At.File, At.Offset);
    if (Pos.Line == 0 ||
        suppressedByNolint(
            Sources.line(At.File, Pos.Line),
            Pos.Line > 1 ? Sources.line(At.File, Pos.Line - 1) : "", Check))
      return nullptr;
    ClangTidyOptions Config = (*Provider)->getOptions(Unit);
    bool AsError = Config.WarningsAsErrors &&
                   GlobList(*Config.WarningsAsErrors).contains(Check);
    ClangTidyError &Error = Errors.emplace_back(
        Check.str(), tooling::Diagnostic::Warning, "", AsError);
    Error.Message = message(std::move(Text), At);
    return &Error;
  };

  for (const utils::LinkedFinding &F : Blocking.findings()) {
    if (Units && !Units->contains(F.Unit))
      continue;
    ClangTidyError *Error =
        Report(BlockingCheck, F.Unit, utils::linkedWarning(F.Site, F.Path.Hit),
               F.Site.At);
    if (!Error)
      continue;
    if (F.Site.Virtual)
      Error->Notes.push_back(message(
          utils::linkedVirtualNote(F.Site, F.BlockingTargets, F.Targets),
          F.Site.At));
    for (const utils::LinkedStep &Step : F.Path.Chain)
      Error->Notes.push_back(
          message(utils::linkedStepNote(Step), Step.Call.At));
    Error->Notes.push_back(message(
        "blocking call to '" + F.Path.Hit.Api + "' is here", F.Path.Hit.At));
    Error->Notes.push_back(
        message("move the blocking call to a thread pool and await its result",
                F.Site.At));
  }

  // A construction reached from another unit's root is the finding of
  // either unit: of the one that builds it, and of the one that spawns.
  for (const utils::PerRequestFinding &F : Sessions.perRequestFindings()) {
    if (Units && !Units->contains(F.Unit) && !Units->contains(F.RootUnit))
      continue;
    ClangTidyError *Error = Report(
        SessionCheck, F.Unit,
        utils::perRequestWarning(F.Hit, utils::shortName(F.Path.Name), F.Path),
        F.Hit.At);
    if (!Error)
      continue;
    Error->Notes.push_back(
        message(utils::perRequestRootNote(F.Path), F.Path.Root));
    for (const utils::CallFact &Step : F.Path.Steps)
      Error->Notes.push_back(message(utils::perRequestStepNote(Step), Step.At));
    Error->Notes.push_back(message(utils::PerRequestAdvice.str(), F.Hit.At));
  }
  return Errors;
}

} // namespace clang::tidy::async::lint
