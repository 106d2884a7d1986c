//===--- Link.cpp - the link step: findings across translation units ------===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

#include "Link.h"
#include "clang-tidy/GlobList.h"
#include "utils/Facts.h"
#include "llvm/Support/FormatVariadic.h"

namespace clang::tidy::async::lint {

namespace {

constexpr llvm::StringLiteral BlockingCheck =
    "async-blocking-call-in-coroutine";

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
  utils::FactsLink Link(utils::readUnitFacts(FactsDir, "blocking"));
  std::string Linked;
  llvm::raw_string_ostream(Linked)
      << llvm::formatv("{0:1}", Link.linked()) << "\n";
  if (llvm::Error Err =
          utils::writeAtomically(utils::linkedFactsPath(FactsDir), Linked))
    return toolError(llvm::toString(std::move(Err)));

  llvm::Expected<std::unique_ptr<ClangTidyOptionsProvider>> Provider =
      createOptionsProvider(Opts);
  if (!Provider)
    return Provider.takeError();
  std::vector<ClangTidyError> Errors;
  for (const utils::LinkedFinding &F : Link.findings()) {
    if (Units && !Units->contains(F.Unit))
      continue;
    Position Pos = Sources.position(F.Site.At.File, F.Site.At.Offset);
    if (Pos.Line == 0 ||
        suppressedByNolint(
            Sources.line(F.Site.At.File, Pos.Line),
            Pos.Line > 1 ? Sources.line(F.Site.At.File, Pos.Line - 1) : "",
            BlockingCheck))
      continue;
    ClangTidyOptions Config = (*Provider)->getOptions(F.Unit);
    bool AsError = Config.WarningsAsErrors &&
                   GlobList(*Config.WarningsAsErrors).contains(BlockingCheck);
    ClangTidyError Error(BlockingCheck.str(), tooling::Diagnostic::Warning, "",
                         AsError);
    Error.Message =
        message(utils::linkedWarning(F.Site, F.Path.Blocks), F.Site.At);
    if (F.Site.Virtual)
      Error.Notes.push_back(message(
          utils::linkedVirtualNote(F.Site, F.BlockingTargets, F.Targets),
          F.Site.At));
    for (const utils::LinkedStep &Step : F.Path.Chain)
      Error.Notes.push_back(message(utils::linkedStepNote(Step), Step.Call.At));
    Error.Notes.push_back(
        message("blocking call to '" + F.Path.Blocks.Api + "' is here",
                F.Path.Blocks.At));
    Error.Notes.push_back(
        message("move the blocking call to a thread pool and await its result",
                F.Site.At));
    Errors.push_back(std::move(Error));
  }
  return Errors;
}

} // namespace clang::tidy::async::lint
