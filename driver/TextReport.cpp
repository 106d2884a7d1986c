//===--- TextReport.cpp - clang-style diagnostics -------------------------===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Renders findings through clang's own TextDiagnosticPrinter, the way
// clang-tidy's reporter does: "file:line:col: warning: message [check]", the
// source line, a caret under the range, the fix-it text, then the notes. The
// test runner compares this output with the plugin's in stock clang-tidy, so
// it must stay identical.
//
//===----------------------------------------------------------------------===//

#include "Reports.h"

#include "clang/Basic/DiagnosticFrontend.h"
#include "clang/Basic/FileManager.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/TextDiagnosticPrinter.h"
#include "llvm/ADT/StringExtras.h"

namespace clang::tidy::async::lint {

namespace {

class TextRenderer {
public:
  TextRenderer(llvm::raw_ostream &OS, bool Color)
      : Files(FileSystemOptions()), Printer(OS, DiagOpts),
        Diags(DiagnosticIDs::create(), DiagOpts, &Printer,
              /*ShouldOwnClient=*/false),
        Sources(Diags, Files) {
    DiagOpts.ShowColors = Color;
    if (Color)
      OS.enable_colors(true);
    Printer.BeginSourceFile(LangOpts, nullptr);
  }
  ~TextRenderer() { Printer.EndSourceFile(); }

  void render(const Finding &F) {
    const ClangTidyError &E = F.Diag;
    auto Level = static_cast<DiagnosticsEngine::Level>(E.DiagLevel);
    std::string Name = E.DiagnosticName;
    if (!E.EnabledDiagnosticAliases.empty())
      Name += "," + llvm::join(E.EnabledDiagnosticAliases, ",");
    if (E.IsWarningAsError) {
      Name += ",-warnings-as-errors";
      Level = DiagnosticsEngine::Error;
    }
    {
      DiagnosticBuilder Diag =
          Diags.Report(location(E.Message.FilePath, E.Message.FileOffset),
                       Diags.getCustomDiagID(Level, "%0 [%1]"))
          << E.Message.Message << Name;
      for (const tooling::FileByteRange &Range : E.Message.Ranges)
        Diag << range(Range.FilePath, Range.FileOffset, Range.Length);
      addFixIts(Diag, E.Message.Fix);
    }
    for (const FixAttempt &Attempt : F.FixAttempts)
      Diags.Report(location(Attempt.File, Attempt.Offset),
                   Attempt.Applied ? diag::note_fixit_applied
                                   : diag::note_fixit_failed);
    for (const tooling::DiagnosticMessage &Note : E.Notes) {
      DiagnosticBuilder Diag =
          Diags.Report(location(Note.FilePath, Note.FileOffset),
                       Diags.getCustomDiagID(DiagnosticsEngine::Note, "%0"))
          << Note.Message;
      for (const tooling::FileByteRange &Range : Note.Ranges)
        Diag << range(Range.FilePath, Range.FileOffset, Range.Length);
      addFixIts(Diag, Note.Fix);
    }
  }

private:
  SourceLocation location(llvm::StringRef File, unsigned Offset) {
    if (File.empty())
      return {};
    OptionalFileEntryRef Entry = Files.getOptionalFileRef(File);
    if (!Entry)
      return {};
    FileID ID = Sources.getOrCreateFileID(*Entry, SrcMgr::C_User);
    return Sources.getLocForStartOfFile(ID).getLocWithOffset(Offset);
  }

  CharSourceRange range(llvm::StringRef File, unsigned Offset,
                        unsigned Length) {
    SourceLocation Begin = location(File, Offset);
    return CharSourceRange::getCharRange(Begin, Begin.getLocWithOffset(Length));
  }

  void addFixIts(const DiagnosticBuilder &Diag,
                 const llvm::StringMap<tooling::Replacements> &Fix) {
    for (const auto &Entry : Fix)
      for (const tooling::Replacement &R : Entry.second)
        if (R.isApplicable())
          Diag << FixItHint::CreateReplacement(
              range(R.getFilePath(), R.getOffset(), R.getLength()),
              R.getReplacementText());
  }

  FileManager Files;
  LangOptions LangOpts;
  DiagnosticOptions DiagOpts;
  TextDiagnosticPrinter Printer;
  DiagnosticsEngine Diags;
  SourceManager Sources;
};

} // namespace

void writeText(llvm::ArrayRef<Finding> Findings, const ReportSettings &S,
               llvm::raw_ostream &OS) {
  TextRenderer Renderer(OS, S.Color);
  for (const Finding &F : Findings)
    Renderer.render(F);
  OS.flush();
}

} // namespace clang::tidy::async::lint
