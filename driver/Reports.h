//===--- Reports.h - the output formats -----------------------------------===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// text: clang's diagnostic style, byte for byte what clang-tidy prints;
// json: one record per finding (documented in docs/ci.md); sarif: SARIF
// 2.1.0 for code-scanning tools; github: GitHub Actions workflow commands,
// which GitHub shows as annotations on the pull request.
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

/// The one-sentence summary of a check (the first paragraph of its docs
/// page for async-* checks), and the URL of its documentation.
std::string checkSummary(llvm::StringRef Check);
std::string checkHelpUri(llvm::StringRef Check, llvm::StringRef DocsUrl);

} // namespace clang::tidy::async::lint

#endif
