//===--- CiReports.cpp - gitlab, junit and rdjson output ------------------===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The reports other CIs read: GitLab's Code Quality report (the merge
// request widget), JUnit XML (Jenkins and most test-report viewers), and
// reviewdog's diagnostic format, which reviewdog posts as review comments
// and suggested changes on any forge. Each is a pure function of the
// findings, so that the bytes are the same for any -j and from the cache.
//
//===----------------------------------------------------------------------===//

#include "Installation.h"
#include "Reports.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/JSON.h"
#include <map>

namespace clang::tidy::async::lint {

namespace {

/// A note's place, as the reports name it.
struct NotePlace {
  std::string Path; // relative to the root
  Position Pos;
};

NotePlace placeOf(const tooling::DiagnosticMessage &Note,
                  const ReportSettings &S, SourceFiles &Sources) {
  return {relativeToRoot(Note.FilePath, S.Root),
          Sources.position(Note.FilePath, Note.FileOffset)};
}

} // namespace

//===----------------------------------------------------------------------===//
// gitlab
//===----------------------------------------------------------------------===//

void writeGitlab(llvm::ArrayRef<Finding> Findings, const ReportSettings &S,
                 llvm::raw_ostream &OS) {
  // Severities: GitLab's scale is info, minor, major, critical, blocker. A
  // unit that does not compile was not checked at all.
  auto Severity = [](const Finding &F) {
    if (F.isCompileError())
      return "blocker";
    if (F.isError())
      return "critical";
    return F.Diag.DiagLevel == tooling::Diagnostic::Remark ? "info" : "major";
  };
  llvm::json::OStream J(OS, 2);
  J.array([&] {
    for (const Finding &F : Findings)
      J.object([&] {
        J.attribute("type", "issue");
        J.attribute("description", F.Diag.Message.Message);
        J.attribute("check_name", F.check());
        J.attribute("fingerprint", F.Fingerprint);
        J.attribute("severity", Severity(F));
        J.attributeObject("location", [&] {
          J.attribute("path", F.RelPath);
          J.attributeObject("lines", [&] { J.attribute("begin", F.Pos.Line); });
        });
      });
  });
  OS << "\n";
}

//===----------------------------------------------------------------------===//
// junit
//===----------------------------------------------------------------------===//

namespace {

/// XML text and attribute values.
std::string escapeXml(llvm::StringRef Text) {
  return escapeMarkup(Text, Markup::Xml);
}

/// A finding as its failure's text says it: the diagnostic line and its
/// notes, as the text format starts them.
std::string failureText(const Finding &F, const ReportSettings &S,
                        SourceFiles &Sources) {
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  OS << F.RelPath << ":" << F.Pos.Line << ":" << F.Pos.Column << ": "
     << levelName(F) << ": " << F.Diag.Message.Message << " [" << F.check()
     << "]";
  for (const tooling::DiagnosticMessage &Note : F.Diag.Notes) {
    NotePlace P = placeOf(Note, S, Sources);
    OS << "\n"
       << P.Path << ":" << P.Pos.Line << ":" << P.Pos.Column
       << ": note: " << Note.Message;
  }
  return Text;
}

} // namespace

void writeJunit(llvm::ArrayRef<Finding> Findings, const ReportSettings &S,
                SourceFiles &Sources, llvm::ArrayRef<std::string> Linted,
                llvm::raw_ostream &OS) {
  // One suite per file, in path order: the files findings point into, and
  // every linted file (a clean one passes its one test case).
  std::map<std::string, std::vector<const Finding *>> ByFile;
  for (const std::string &File : Linted)
    ByFile[relativeToRoot(File, S.Root)];
  for (const Finding &F : Findings)
    ByFile[F.RelPath].push_back(&F);
  size_t Tests = 0;
  for (const auto &[File, InFile] : ByFile)
    Tests += std::max<size_t>(InFile.size(), 1);
  OS << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  OS << "<testsuites name=\"async-lint\" tests=\"" << Tests << "\" failures=\""
     << Findings.size() << "\">\n";
  for (const auto &[File, InFile] : ByFile) {
    const std::string Name = escapeXml(File.empty() ? "(no file)" : File);
    OS << "  <testsuite name=\"" << Name << "\" tests=\""
       << std::max<size_t>(InFile.size(), 1) << "\" failures=\""
       << InFile.size() << "\">\n";
    if (InFile.empty())
      OS << "    <testcase name=\"async-lint\" classname=\"" << Name
         << "\" file=\"" << Name << "\"/>\n";
    for (const Finding *F : InFile) {
      OS << "    <testcase name=\"" << escapeXml(F->check()) << " at "
         << F->Pos.Line << ":" << F->Pos.Column << "\" classname=\"" << Name
         << "\" file=\"" << Name << "\" line=\"" << F->Pos.Line << "\">\n";
      OS << "      <failure type=\"" << escapeXml(F->check()) << "\" message=\""
         << escapeXml(F->Diag.Message.Message) << "\">"
         << escapeXml(failureText(*F, S, Sources)) << "</failure>\n";
      OS << "    </testcase>\n";
    }
    OS << "  </testsuite>\n";
  }
  OS << "</testsuites>\n";
}

//===----------------------------------------------------------------------===//
// rdjson
//===----------------------------------------------------------------------===//

namespace {

void writeRange(llvm::json::OStream &J, Position Begin,
                std::optional<Position> End) {
  J.attributeObject("range", [&] {
    J.attributeObject("start", [&] {
      J.attribute("line", Begin.Line);
      J.attribute("column", Begin.Column);
    });
    if (End)
      J.attributeObject("end", [&] {
        J.attribute("line", End->Line);
        J.attribute("column", End->Column);
      });
  });
}

} // namespace

void writeRdjson(llvm::ArrayRef<Finding> Findings, const ReportSettings &S,
                 SourceFiles &Sources, llvm::raw_ostream &OS) {
  auto Severity = [](const Finding &F) {
    if (F.isError())
      return "ERROR";
    return F.Diag.DiagLevel == tooling::Diagnostic::Remark ? "INFO" : "WARNING";
  };
  llvm::json::OStream J(OS, 2);
  J.object([&] {
    J.attributeObject("source", [&] {
      J.attribute("name", "async-lint");
      J.attribute("url", installedDocsUrl(ASYNC_LINT_HOMEPAGE, "README.md"));
    });
    J.attributeArray("diagnostics", [&] {
      for (const Finding &F : Findings)
        J.object([&] {
          J.attribute("message", F.Diag.Message.Message);
          J.attributeObject("location", [&] {
            J.attribute("path", F.RelPath);
            writeRange(J, F.Pos, std::nullopt);
          });
          J.attribute("severity", Severity(F));
          J.attributeObject("code", [&] {
            J.attribute("value", F.check());
            J.attribute("url", checkHelpUri(F.check(), S.DocsUrl));
          });
          // The warning's own fix, as suggestions reviewdog offers as a
          // change: only when every edit is in the finding's file, so that
          // it is applied whole or not at all. Fixes on notes change what
          // the program does and are not suggested.
          std::vector<Edit> Fix = edits(F.Diag.Message.Fix, Sources);
          if (!Fix.empty() && llvm::all_of(Fix, [&](const Edit &E) {
                return E.File == F.file();
              }))
            J.attributeArray("suggestions", [&] {
              for (const Edit &E : Fix)
                J.object([&] {
                  writeRange(J, E.Begin, E.End);
                  J.attribute("text", E.Text);
                });
            });
          if (!F.Diag.Notes.empty())
            J.attributeArray("related_locations", [&] {
              for (const tooling::DiagnosticMessage &Note : F.Diag.Notes)
                J.object([&] {
                  NotePlace P = placeOf(Note, S, Sources);
                  J.attribute("message", Note.Message);
                  J.attributeObject("location", [&] {
                    J.attribute("path", P.Path);
                    writeRange(J, P.Pos, std::nullopt);
                  });
                });
            });
        });
    });
  });
  OS << "\n";
}

} // namespace clang::tidy::async::lint
