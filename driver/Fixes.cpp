//===--- Fixes.cpp - --fix and --fix-notes --------------------------------===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

#include "Fixes.h"

#include "Project.h"
#include "clang/Format/Format.h"
#include "clang/Tooling/Core/Replacement.h"
#include "llvm/Support/MemoryBuffer.h"

namespace clang::tidy::async::lint {

FixPlan planFixes(std::vector<Finding> &Findings, bool Notes) {
  FixPlan Plan;
  for (Finding &F : Findings) {
    if (F.isCompileError() || F.FromBrokenUnit)
      continue;
    const llvm::StringMap<tooling::Replacements> *Fix = F.fix(Notes);
    if (!Fix)
      continue;
    bool All = true;
    for (const auto &Entry : *Fix) {
      for (const tooling::Replacement &R : Entry.second) {
        if (!R.isApplicable())
          continue;
        ++Plan.Attempted;
        tooling::Replacements &Target = Plan.ByFile[R.getFilePath()];
        bool Applied = true;
        if (llvm::Error Err = Target.add(R)) {
          // Two fixes touch the same code: keep the first, unless the second
          // only needs shifting past an insertion (as clang-tidy does).
          llvm::consumeError(std::move(Err));
          unsigned Offset = Target.getShiftedCodePosition(R.getOffset());
          unsigned Length =
              Target.getShiftedCodePosition(R.getOffset() + R.getLength()) -
              Offset;
          Applied = Length == R.getLength();
          if (Applied)
            Target = Target.merge(tooling::Replacements(tooling::Replacement(
                R.getFilePath(), Offset, Length, R.getReplacementText())));
        }
        if (Applied)
          ++Plan.Planned;
        All &= Applied;
        F.FixAttempts.push_back(
            {R.getFilePath().str(), R.getOffset(), Applied});
      }
    }
    F.Fixed = All && !F.FixAttempts.empty();
  }
  return Plan;
}

llvm::Expected<FixResult> applyFixes(const FixPlan &Plan, const Options &Opts) {
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
  }
  return Result;
}

} // namespace clang::tidy::async::lint
