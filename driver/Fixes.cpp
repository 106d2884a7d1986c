//===--- Fixes.cpp - --fix and --fix-notes --------------------------------===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

#include "Fixes.h"

#include "Project.h"
#include "clang/Format/Format.h"
#include "clang/Tooling/Core/Replacement.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include <map>
#include <tuple>

namespace clang::tidy::async::lint {

namespace {

// Whether two replacements in one file touch the same text. Replacements
// that only meet at a boundary do not, nor do two insertions at one offset:
// each keeps its text, and they go in the order they were planned (two
// declarations hoisted before one loop).
bool overlap(const tooling::Replacement &A, const tooling::Replacement &B) {
  unsigned AEnd = A.getOffset() + A.getLength();
  unsigned BEnd = B.getOffset() + B.getLength();
  if (A.getLength() == 0 && B.getLength() == 0)
    return false;
  if (A.getLength() == 0)
    return B.getOffset() < A.getOffset() && A.getOffset() < BEnd;
  if (B.getLength() == 0)
    return A.getOffset() < B.getOffset() && B.getOffset() < AEnd;
  return A.getOffset() < BEnd && B.getOffset() < AEnd;
}

// The first planned replacement \p R overlaps, if any.
const tooling::Replacement *
firstOverlap(const tooling::Replacement &R,
             const llvm::StringMap<tooling::Replacements> &Planned) {
  auto File = Planned.find(R.getFilePath());
  if (File == Planned.end())
    return nullptr;
  for (const tooling::Replacement &Other : File->second)
    if (Other == R)
      return nullptr; // the same edit, planned by another finding
  for (const tooling::Replacement &Other : File->second)
    if (overlap(R, Other))
      return &Other;
  return nullptr;
}

// Adds \p R, which overlaps nothing in \p Target. An insertion where one is
// already planned goes after it.
void addPlanned(tooling::Replacements &Target, const tooling::Replacement &R) {
  llvm::Error Err = Target.add(R);
  if (!Err)
    return;
  llvm::consumeError(std::move(Err));
  tooling::Replacements Merged;
  for (const tooling::Replacement &Old : Target) {
    if (Old.getLength() == 0 && R.getLength() == 0 &&
        Old.getOffset() == R.getOffset())
      llvm::cantFail(Merged.add(tooling::Replacement(
          Old.getFilePath(), Old.getOffset(), 0,
          (Old.getReplacementText() + R.getReplacementText()).str())));
    else
      llvm::cantFail(Merged.add(Old));
  }
  Target = std::move(Merged);
}

} // namespace

FixPlan planFixes(std::vector<Finding> &Findings, bool Notes) {
  FixPlan Plan;
  // Which finding planned each replacement, to say whose fix is in the way.
  std::map<std::tuple<std::string, unsigned, unsigned>, const Finding *> Owner;
  // Warnings' own fixes first, then (with --fix-notes) notes' fixes, which
  // change behaviour: where the two overlap, the safe one is applied.
  std::vector<Finding *> Order;
  for (bool FromNote : {false, true})
    for (Finding &F : Findings)
      if (F.Diag.Message.Fix.empty() == FromNote)
        Order.push_back(&F);
  for (Finding *Each : Order) {
    Finding &F = *Each;
    if (F.isCompileError() || F.FromBrokenUnit)
      continue;
    const llvm::StringMap<tooling::Replacements> *Fix = F.fix(Notes);
    if (!Fix)
      continue;
    // A fix is applied whole or not at all: part of one is broken code.
    const tooling::Replacement *Blocker = nullptr;
    std::vector<const tooling::Replacement *> Edits;
    for (const auto &Entry : *Fix)
      for (const tooling::Replacement &R : Entry.second) {
        if (!R.isApplicable())
          continue;
        Edits.push_back(&R);
        if (!Blocker)
          Blocker = firstOverlap(R, Plan.ByFile);
      }
    if (Edits.empty())
      continue;
    llvm::sort(Edits, [](const tooling::Replacement *A,
                         const tooling::Replacement *B) { return *A < *B; });
    Plan.Attempted += Edits.size();
    for (const tooling::Replacement *R : Edits)
      F.FixAttempts.push_back(
          {R->getFilePath().str(), R->getOffset(), !Blocker});
    if (Blocker) {
      const Finding *Other =
          Owner[{Blocker->getFilePath().str(), Blocker->getOffset(),
                 Blocker->getLength()}];
      Plan.Refused.push_back({&F, Other});
      continue;
    }
    for (const tooling::Replacement *R : Edits) {
      tooling::Replacements &Target = Plan.ByFile[R->getFilePath()];
      if (llvm::is_contained(Target, *R))
        continue;
      addPlanned(Target, *R);
      Owner[{R->getFilePath().str(), R->getOffset(), R->getLength()}] = &F;
    }
    Plan.Planned += Edits.size();
    F.Fixed = true;
  }
  return Plan;
}

llvm::Expected<FixResult>
applyFixes(const FixPlan &Plan, const Options &Opts,
           const llvm::StringMap<std::string> &Linted) {
  FixResult Result;
  llvm::Expected<std::unique_ptr<ClangTidyOptionsProvider>> Provider =
      createOptionsProvider(Opts);
  if (!Provider)
    return Provider.takeError();
  for (const auto &Entry : Plan.ByFile) {
    llvm::StringRef File = Entry.getKey();
    llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Buffer =
        llvm::MemoryBuffer::getFile(File);
    if (!Buffer)
      return toolError("cannot read " + File +
                       " to fix it: " + Buffer.getError().message());
    llvm::StringRef Code = (*Buffer)->getBuffer();
    // The offsets of the fixes hold in the text that was linted, and only
    // there.
    auto Seen = Linted.find(File);
    llvm::SmallString<256> Real;
    if (Seen == Linted.end() && !llvm::sys::fs::real_path(File, Real))
      Seen = Linted.find(Real);
    if (Seen == Linted.end() || Seen->second.empty() ||
        Seen->second != sha256Hex(Code)) {
      Result.Changed.push_back(File.str());
      continue;
    }
    std::string StyleName =
        (*Provider)->getOptions(File).FormatStyle.value_or("none");
    llvm::Expected<format::FormatStyle> Style =
        format::getStyle(StyleName, File, "none");
    if (!Style)
      return toolError("bad FormatStyle '" + StyleName + "' for " + File +
                       ": " + llvm::toString(Style.takeError()));
    tooling::Replacements Replacements = Entry.second;
    // Clean up around the fixes (empty lines, stray commas), then format
    // them when a style asks for it, exactly as clang-tidy does.
    if (llvm::Expected<tooling::Replacements> Cleaned =
            format::cleanupAroundReplacements(Code, Replacements, *Style))
      Replacements = std::move(*Cleaned);
    else
      llvm::consumeError(Cleaned.takeError());
    if (llvm::Expected<tooling::Replacements> Formatted =
            format::formatReplacements(Code, Replacements, *Style))
      Replacements = std::move(*Formatted);
    else
      llvm::consumeError(Formatted.takeError());
    llvm::Expected<std::string> Fixed =
        tooling::applyAllReplacements(Code, Replacements);
    if (!Fixed)
      return toolError("cannot fix " + File + ": " +
                       llvm::toString(Fixed.takeError()));
    if (llvm::Error Err = writeFileAtomically(File, *Fixed))
      return Err;
    ++Result.Files;
    Result.Applied += Entry.second.size();
    Result.Written.insert(File);
  }
  return Result;
}

llvm::StringMap<std::string> lintedContents(llvm::ArrayRef<UnitResult> Units) {
  llvm::StringMap<std::string> Contents;
  for (const UnitResult &U : Units)
    for (const InputFile &File : U.Inputs) {
      auto [It, New] = Contents.try_emplace(File.Path, File.Hash);
      if (!New && It->second != File.Hash)
        It->second.clear();
    }
  return Contents;
}

} // namespace clang::tidy::async::lint
