//===--- Findings.cpp - what a run found ----------------------------------===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

#include "Findings.h"

#include "Project.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Path.h"
#include <map>
#include <tuple>

namespace clang::tidy::async::lint {

SourceFiles::Entry &SourceFiles::get(llvm::StringRef File) {
  auto [It, Inserted] = Cache.try_emplace(File);
  Entry &E = It->second;
  if (!Inserted)
    return E;
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Buffer =
      llvm::MemoryBuffer::getFile(File, /*IsText=*/false,
                                  /*RequiresNullTerminator=*/false);
  E.Buffer =
      Buffer ? std::move(*Buffer) : llvm::MemoryBuffer::getMemBuffer("", File);
  llvm::StringRef Text = E.Buffer->getBuffer();
  E.LineStarts.push_back(0);
  for (size_t I = 0; I < Text.size(); ++I)
    if (Text[I] == '\n')
      E.LineStarts.push_back(I + 1);
  return E;
}

llvm::StringRef SourceFiles::contents(llvm::StringRef File) {
  return get(File).Buffer->getBuffer();
}

Position SourceFiles::position(llvm::StringRef File, unsigned Offset) {
  if (File.empty())
    return {};
  Entry &E = get(File);
  auto It = std::upper_bound(E.LineStarts.begin(), E.LineStarts.end(), Offset);
  unsigned Line = It - E.LineStarts.begin();
  return {Line, Offset - E.LineStarts[Line - 1] + 1};
}

llvm::StringRef SourceFiles::line(llvm::StringRef File, unsigned Line) {
  Entry &E = get(File);
  if (Line == 0 || Line > E.LineStarts.size())
    return "";
  llvm::StringRef Text = E.Buffer->getBuffer();
  unsigned Begin = E.LineStarts[Line - 1];
  unsigned End = Line < E.LineStarts.size() ? E.LineStarts[Line] : Text.size();
  return Text.slice(Begin, End).rtrim("\r\n");
}

std::string relativeToRoot(llvm::StringRef File, llvm::StringRef Root) {
  if (File.empty() || !isUnder(File, Root) || File == Root)
    return File.str();
  llvm::StringRef Rel = File.drop_front(Root.size());
  while (!Rel.empty() && llvm::sys::path::is_separator(Rel.front()))
    Rel = Rel.drop_front();
  return llvm::sys::path::convert_to_slash(Rel);
}

namespace {

// Paths in a ClangTidyError may be relative to the directory the unit was
// compiled in; make every one absolute and normalised.
void normalize(tooling::DiagnosticMessage &Message, llvm::StringRef BuildDir) {
  auto Fix = [&](std::string &Path) {
    if (!Path.empty())
      Path = normalizePath(Path, BuildDir);
  };
  Fix(Message.FilePath);
  for (tooling::FileByteRange &Range : Message.Ranges)
    Fix(Range.FilePath);
  llvm::StringMap<tooling::Replacements> Fixes;
  for (const auto &Entry : Message.Fix) {
    for (const tooling::Replacement &R : Entry.second) {
      std::string Path = R.getFilePath().str();
      Fix(Path);
      tooling::Replacements &Target = Fixes[Path];
      // Replacements of one diagnostic never conflict; if normalising made
      // two of them collide, keep the first.
      llvm::consumeError(Target.add(tooling::Replacement(
          Path, R.getOffset(), R.getLength(), R.getReplacementText())));
    }
  }
  Message.Fix = std::move(Fixes);
}

} // namespace

std::vector<Finding> mergeResults(std::vector<UnitResult> Units,
                                  SourceFiles &Sources, llvm::StringRef Root) {
  std::vector<Finding> All;
  for (UnitResult &Unit : Units) {
    for (ClangTidyError &Error : Unit.Errors) {
      normalize(Error.Message, Error.BuildDirectory);
      for (tooling::DiagnosticMessage &Note : Error.Notes)
        normalize(Note, Error.BuildDirectory);
      All.emplace_back(std::move(Error));
      All.back().FromBrokenUnit = Unit.Failed;
    }
  }
  // Ties keep their order: within a unit that is clang-tidy's own, across
  // units the order of the jobs, which does not depend on -j.
  std::stable_sort(
      All.begin(), All.end(), [](const Finding &A, const Finding &B) {
        return std::tie(A.Diag.Message.FilePath, A.Diag.Message.FileOffset) <
               std::tie(B.Diag.Message.FilePath, B.Diag.Message.FileOffset);
      });
  std::map<std::tuple<std::string, unsigned, std::string, std::string>, size_t>
      Seen;
  std::vector<Finding> Unique;
  for (Finding &F : All) {
    auto [It, New] =
        Seen.try_emplace({F.Diag.Message.FilePath, F.Diag.Message.FileOffset,
                          F.Diag.DiagnosticName, F.Diag.Message.Message},
                         Unique.size());
    if (!New) {
      Unique[It->second].FromBrokenUnit &= F.FromBrokenUnit;
      continue;
    }
    F.Pos = Sources.position(F.file(), F.Diag.Message.FileOffset);
    F.RelPath = relativeToRoot(F.file(), Root);
    Unique.push_back(std::move(F));
  }
  return Unique;
}

} // namespace clang::tidy::async::lint
