//===--- Reports.h - the output formats -----------------------------------===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// text: clang's diagnostic style, byte for byte what clang-tidy prints;
// json: one record per finding (documented in docs/ci.md); sarif: SARIF
// 2.1.0 for code-scanning tools; github: GitHub Actions workflow commands,
// which GitHub shows as annotations on the pull request; gitlab, junit and
// rdjson (CiReports.cpp): GitLab's Code Quality report, JUnit XML for test
// report viewers, and reviewdog's diagnostic format; html (HtmlReport.cpp):
// one self-contained page for people, with source lines, chains and diffs.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_DRIVER_REPORTS_H
#define ASYNC_LINT_DRIVER_REPORTS_H

#include "Findings.h"
#include "Options.h"
#include "llvm/Support/raw_ostream.h"

namespace clang::tidy::async::lint {

struct ReportSettings {
  std::string Root;
  std::string DocsUrl;
  bool Color = false;
  bool FixNotes = false;
};

void writeText(llvm::ArrayRef<Finding> Findings, const ReportSettings &S,
               llvm::raw_ostream &OS);
void writeJson(llvm::ArrayRef<Finding> Findings, const ReportSettings &S,
               SourceFiles &Sources, llvm::raw_ostream &OS);
void writeSarif(llvm::ArrayRef<Finding> Findings, const ReportSettings &S,
                SourceFiles &Sources, llvm::raw_ostream &OS);
void writeGithub(llvm::ArrayRef<Finding> Findings, const ReportSettings &S,
                 SourceFiles &Sources, llvm::raw_ostream &OS);
/// GitLab's Code Quality report (the merge request widget).
void writeGitlab(llvm::ArrayRef<Finding> Findings, const ReportSettings &S,
                 llvm::raw_ostream &OS);
/// JUnit XML: a test suite per file, a failing test case per finding, and a
/// passing one for each linted file with none (\p Linted, absolute).
void writeJunit(llvm::ArrayRef<Finding> Findings, const ReportSettings &S,
                SourceFiles &Sources, llvm::ArrayRef<std::string> Linted,
                llvm::raw_ostream &OS);
/// reviewdog's diagnostic format (rdjson): fix-its as suggestions, notes as
/// related locations.
void writeRdjson(llvm::ArrayRef<Finding> Findings, const ReportSettings &S,
                 SourceFiles &Sources, llvm::raw_ostream &OS);
/// One self-contained HTML page (inline style and script, nothing loaded):
/// findings by file with counts by check and a filter, each with its source
/// lines, its chain steps and its fixes as diffs.
void writeHtml(llvm::ArrayRef<Finding> Findings, const ReportSettings &S,
               SourceFiles &Sources, llvm::raw_ostream &OS);

/// Text for XML or HTML content and attribute values: `&`, `<`, `>`, `"`
/// and `'` as entities. XML keeps tab, line feed and carriage return as
/// character references and writes its other control characters, which it
/// cannot represent, as `?`; HTML keeps tab and line feed and writes the
/// other control characters, which it does not allow, as U+FFFD.
enum class Markup { Xml, Html };
std::string escapeMarkup(llvm::StringRef Text, Markup Kind);

/// "error", "warning" or "remark".
const char *levelName(const Finding &F);
/// Which fix option would apply \p F's fix: "fix", "fix-notes", or none.
std::optional<llvm::StringRef> fixableBy(const Finding &F);

/// One edit of a fix, with its place in both forms.
struct Edit {
  std::string File; // absolute
  Position Begin, End;
  unsigned Offset, Length;
  std::string Text;
};
/// The edits of \p Fix, sorted by file and offset.
std::vector<Edit> edits(const llvm::StringMap<tooling::Replacements> &Fix,
                        SourceFiles &Sources);

/// The one-sentence summary of a check (the first paragraph of its docs
/// page for async-* checks), and the URL of its documentation.
std::string checkSummary(llvm::StringRef Check);
std::string checkHelpUri(llvm::StringRef Check, llvm::StringRef DocsUrl);

} // namespace clang::tidy::async::lint

#endif
