//===--- HtmlReport.cpp - a self-contained HTML page ----------------------===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// One page to open in a browser or keep as a CI artifact: the findings by
// file, with counts by check and a filter, each finding with its source
// lines, its chain (the notes, in order, each with its code line) and its
// fixes as unified diffs. Everything is inline (a style sheet and a few
// lines of script, and a content security policy that forbids loading
// anything else), so the page works offline and from any artifact store.
// Like the other reports it is a pure function of the findings: the same
// bytes for any -j and from the cache, paths relative to the project root.
//
//===----------------------------------------------------------------------===//

#include "Reports.h"

#include "llvm/ADT/StringExtras.h"
#include <map>

namespace clang::tidy::async::lint {

namespace {

/// Lines of source shown above and below a finding's line.
constexpr unsigned ContextLines = 2;

/// Text for HTML content and attribute values.
std::string escapeHtml(llvm::StringRef Text) {
  return escapeMarkup(Text, Markup::Html);
}

unsigned lineCount(llvm::StringRef Text) {
  if (Text.empty())
    return 0;
  return Text.count('\n') + (Text.ends_with("\n") ? 0 : 1);
}

/// "path:line:column", or the path alone without a line.
std::string placeText(llvm::StringRef Path, Position Pos) {
  std::string Out = Path.empty() ? "(no file)" : Path.str();
  if (Pos.Line)
    Out += ":" + std::to_string(Pos.Line) + ":" + std::to_string(Pos.Column);
  return Out;
}

/// One hunk of a fix's diff: lines First..Last of the file as they are, and
/// as the fix leaves them.
struct Hunk {
  unsigned First, Last;
  std::vector<const Edit *> Edits;
};

/// Splits \p Text into lines (without their line breaks).
std::vector<llvm::StringRef> splitLines(llvm::StringRef Text) {
  std::vector<llvm::StringRef> Lines;
  llvm::SmallVector<llvm::StringRef> Parts;
  Text.split(Parts, '\n');
  for (llvm::StringRef P : Parts)
    Lines.push_back(P.rtrim('\r'));
  return Lines;
}

const char Style[] = R"css(
:root { --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --bg2: #f6f8fa;
  --warn: #9a6700; --err: #d1242f; --note: #0969da; --hit: #fff8c5;
  --add: #dafbe1; --del: #ffebe9; }
* { box-sizing: border-box; }
[hidden] { display: none !important; }
body { margin: 0; color: var(--fg); background: #fff;
  font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; }
header, nav, main { padding: 0 16px; max-width: 1100px; margin: 0 auto; }
h1 { font-size: 1.5em; margin: 16px 0 4px; }
h2 { font-size: 1.2em; margin: 20px 0 8px; overflow-wrap: anywhere; }
.summary { color: var(--muted); margin: 0 0 8px; }
.count { display: inline-block; min-width: 1.6em; padding: 0 6px;
  border-radius: 10px; background: var(--bg2); border: 1px solid var(--line);
  font-size: .85em; text-align: center; }
nav .groups { display: flex; flex-wrap: wrap; gap: 8px 32px; }
nav section { flex: 1 1 300px; min-width: 0; }
nav ul { list-style: none; margin: 0; padding: 0; }
nav li { margin: 4px 0; overflow-wrap: anywhere; }
nav .summary-text { color: var(--muted); font-size: .9em; margin-left: 1.7em; }
nav button { font: inherit; font-size: .85em; margin-right: 6px; }
code, pre { font: 13px/1.4 ui-monospace, "DejaVu Sans Mono", monospace; }
.finding { border: 1px solid var(--line); border-radius: 6px; margin: 12px 0;
  padding: 8px 12px; min-width: 0; }
.finding h3 { font-size: 1em; font-weight: normal; margin: 0 0 6px;
  overflow-wrap: anywhere; }
.level { font-weight: 600; }
.level.warning { color: var(--warn); }
.level.error { color: var(--err); }
.level.remark { color: var(--note); }
.where { color: var(--muted); font-family: ui-monospace, monospace; }
.message { font-weight: 600; }
.badge { font-size: .8em; padding: 0 6px; border-radius: 10px;
  border: 1px solid var(--line); color: var(--muted); white-space: nowrap; }
pre { margin: 6px 0; padding: 6px 0; background: var(--bg2);
  border-radius: 4px; overflow-x: auto; max-width: 100%; }
pre code { display: block; width: max-content; min-width: 100%; }
pre .l { display: block; padding: 0 8px; white-space: pre; }
pre .ln { display: inline-block; min-width: 3.5em; color: var(--muted);
  user-select: none; }
pre .hit { background: var(--hit); }
pre .add { background: var(--add); }
pre .del { background: var(--del); }
pre .hdr { color: var(--muted); }
.chain { margin: 6px 0; padding-left: 1.6em; }
.chain li { margin: 6px 0; overflow-wrap: anywhere; }
.fix h4 { font-size: .95em; margin: 10px 0 0; }
@media (max-width: 640px) {
  body { font-size: 14px; }
  header, nav, main { padding: 0 8px; }
  .finding { padding: 6px 8px; }
  pre .ln { min-width: 2.5em; }
}
)css";

const char Script[] = R"js(
(function () {
  var boxes = document.querySelectorAll('input.check-filter');
  function apply() {
    var on = {};
    boxes.forEach(function (b) { on[b.value] = b.checked; });
    var shown = 0;
    document.querySelectorAll('article.finding').forEach(function (f) {
      var visible = on[f.getAttribute('data-check')] === true;
      f.hidden = !visible;
      if (visible) shown++;
    });
    document.querySelectorAll('section.file').forEach(function (s) {
      s.hidden = s.querySelector('article.finding:not([hidden])') === null;
    });
    document.getElementById('shown').textContent = String(shown);
  }
  function setAll(value) {
    boxes.forEach(function (b) { b.checked = value; });
    apply();
  }
  boxes.forEach(function (b) { b.addEventListener('change', apply); });
  document.getElementById('all').addEventListener('click', function () {
    setAll(true);
  });
  document.getElementById('none').addEventListener('click', function () {
    setAll(false);
  });
  apply();
})();
)js";

class HtmlWriter {
public:
  HtmlWriter(const ReportSettings &S, SourceFiles &Sources,
             llvm::raw_ostream &OS)
      : S(S), Sources(Sources), OS(OS) {}

  void page(llvm::ArrayRef<Finding> Findings);

private:
  void overview(llvm::ArrayRef<Finding> Findings,
                const std::vector<std::pair<std::string, size_t>> &Files);
  void finding(const Finding &F, size_t Index);
  void sourceLines(llvm::StringRef File, unsigned First, unsigned Last,
                   unsigned Marked);
  void chain(const Finding &F);
  void fix(llvm::StringRef Title,
           const llvm::StringMap<tooling::Replacements> &Fix);
  void fileDiff(llvm::ArrayRef<Edit> Edits);
  void hunk(llvm::StringRef File, const Hunk &H, int &Shift);

  const ReportSettings &S;
  SourceFiles &Sources;
  llvm::raw_ostream &OS;
};

void HtmlWriter::page(llvm::ArrayRef<Finding> Findings) {
  // Files in report order (the findings are sorted by file), each with its
  // findings' indices.
  std::vector<std::pair<std::string, size_t>> Files;
  for (const Finding &F : Findings) {
    if (Files.empty() || Files.back().first != F.RelPath)
      Files.push_back({F.RelPath, 0});
    ++Files.back().second;
  }
  OS << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta "
        "charset=\"utf-8\">\n"
     << "<meta name=\"viewport\" content=\"width=device-width, "
        "initial-scale=1\">\n"
     << "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src "
        "'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n"
     << "<title>async-lint report</title>\n<style>" << Style
     << "</style>\n</head>\n<body>\n";
  overview(Findings, Files);
  OS << "<main>\n";
  size_t Index = 0;
  for (size_t FileIndex = 0; FileIndex < Files.size(); ++FileIndex) {
    const auto &[Path, Count] = Files[FileIndex];
    OS << "<section class=\"file\" id=\"file-" << FileIndex + 1 << "\">\n"
       << "<h2>" << escapeHtml(Path.empty() ? "(no file)" : Path)
       << " <span class=\"count\">" << Count << "</span></h2>\n";
    for (size_t I = 0; I < Count; ++I, ++Index)
      finding(Findings[Index], Index);
    OS << "</section>\n";
  }
  if (Findings.empty())
    OS << "<p class=\"clean\">No findings.</p>\n";
  OS << "</main>\n<script>" << Script << "</script>\n</body>\n</html>\n";
}

void HtmlWriter::overview(
    llvm::ArrayRef<Finding> Findings,
    const std::vector<std::pair<std::string, size_t>> &Files) {
  std::map<std::string, size_t> Checks;
  size_t Fixable = 0;
  for (const Finding &F : Findings) {
    ++Checks[F.check().str()];
    Fixable += fixableBy(F).has_value();
  }
  OS << "<header>\n<h1>async-lint report</h1>\n<p class=\"summary\">"
     << "<span id=\"shown\">" << Findings.size() << "</span> of "
     << Findings.size() << (Findings.size() == 1 ? " finding" : " findings")
     << " shown; " << Files.size() << (Files.size() == 1 ? " file" : " files")
     << ", " << Checks.size() << (Checks.size() == 1 ? " check" : " checks")
     << ", " << Fixable << " with a fix</p>\n</header>\n";
  OS << "<nav>\n<div class=\"groups\">\n<section id=\"by-check\">\n"
     << "<h2>By check</h2>\n<p><button type=\"button\" id=\"all\">All</button>"
     << "<button type=\"button\" id=\"none\">None</button></p>\n<ul>\n";
  for (const auto &[Check, Count] : Checks) {
    std::string Name = escapeHtml(Check);
    OS << "<li><label><input type=\"checkbox\" class=\"check-filter\" value=\""
       << Name << "\" checked> <a href=\""
       << escapeHtml(checkHelpUri(Check, S.DocsUrl)) << "\">" << Name
       << "</a></label> <span class=\"count\">" << Count << "</span>"
       << "<div class=\"summary-text\">" << escapeHtml(checkSummary(Check))
       << "</div></li>\n";
  }
  OS << "</ul>\n</section>\n<section id=\"by-file\">\n<h2>By file</h2>\n<ul>\n";
  for (size_t I = 0; I < Files.size(); ++I)
    OS << "<li><a href=\"#file-" << I + 1 << "\">"
       << escapeHtml(Files[I].first.empty() ? "(no file)" : Files[I].first)
       << "</a> <span class=\"count\">" << Files[I].second << "</span></li>\n";
  OS << "</ul>\n</section>\n</div>\n</nav>\n";
}

void HtmlWriter::finding(const Finding &F, size_t Index) {
  const char *Level = levelName(F);
  OS << "<article class=\"finding\" id=\"finding-" << Index + 1
     << "\" data-check=\"" << escapeHtml(F.check()) << "\">\n"
     << "<h3><span class=\"level " << Level << "\">" << Level << "</span> "
     << "<span class=\"where\">" << escapeHtml(placeText(F.RelPath, F.Pos))
     << "</span> <span class=\"message\">" << escapeHtml(F.Diag.Message.Message)
     << "</span> <a class=\"check\" "
     << "href=\"" << escapeHtml(checkHelpUri(F.check(), S.DocsUrl)) << "\">["
     << escapeHtml(F.check()) << "]</a>";
  if (F.Fixed)
    OS << " <span class=\"badge\">fixed</span>";
  else if (std::optional<llvm::StringRef> By = fixableBy(F))
    OS << " <span class=\"badge\">--" << *By << "</span>";
  OS << "</h3>\n";
  if (F.Pos.Line) {
    unsigned Last = std::min(F.Pos.Line + ContextLines,
                             lineCount(Sources.contents(F.file())));
    sourceLines(F.file(),
                F.Pos.Line > ContextLines ? F.Pos.Line - ContextLines : 1,
                std::max(Last, F.Pos.Line), F.Pos.Line);
  }
  chain(F);
  if (!F.Diag.Message.Fix.empty())
    fix("Fix (--fix applies it)", F.Diag.Message.Fix);
  for (const tooling::DiagnosticMessage &Note : F.Diag.Notes)
    if (!Note.Fix.empty())
      fix("Fix-notes fix (--fix-notes applies it), from the note: " +
              Note.Message,
          Note.Fix);
  OS << "</article>\n";
}

void HtmlWriter::sourceLines(llvm::StringRef File, unsigned First,
                             unsigned Last, unsigned Marked) {
  OS << "<pre class=\"source\"><code>";
  for (unsigned Line = First; Line <= Last; ++Line)
    OS << "<span class=\"l" << (Line == Marked ? " hit" : "")
       << "\"><span class=\"ln\">" << Line << "</span>"
       << escapeHtml(Sources.line(File, Line)) << "\n</span>";
  OS << "</code></pre>\n";
}

void HtmlWriter::chain(const Finding &F) {
  if (F.Diag.Notes.empty())
    return;
  OS << "<ol class=\"chain\">\n";
  for (const tooling::DiagnosticMessage &Note : F.Diag.Notes) {
    Position P = Sources.position(Note.FilePath, Note.FileOffset);
    OS << "<li class=\"step\"><span class=\"where\">"
       << escapeHtml(placeText(relativeToRoot(Note.FilePath, S.Root), P))
       << "</span> <span class=\"note\">" << escapeHtml(Note.Message)
       << "</span>";
    if (!Note.Fix.empty())
      OS << " <span class=\"badge\">--fix-notes</span>";
    OS << "\n";
    if (P.Line)
      sourceLines(Note.FilePath, P.Line, P.Line, P.Line);
    OS << "</li>\n";
  }
  OS << "</ol>\n";
}

void HtmlWriter::fix(llvm::StringRef Title,
                     const llvm::StringMap<tooling::Replacements> &Fix) {
  std::vector<Edit> Edits = edits(Fix, Sources);
  OS << "<div class=\"fix\">\n<h4>" << escapeHtml(Title) << "</h4>\n"
     << "<pre class=\"diff\"><code>";
  for (size_t I = 0; I < Edits.size();) {
    size_t End = I;
    while (End < Edits.size() && Edits[End].File == Edits[I].File)
      ++End;
    fileDiff(llvm::ArrayRef(Edits).slice(I, End - I));
    I = End;
  }
  OS << "</code></pre>\n</div>\n";
}

/// The diff of one file: the edits (sorted by offset) grouped into hunks of
/// the lines they touch.
void HtmlWriter::fileDiff(llvm::ArrayRef<Edit> Edits) {
  llvm::StringRef File = Edits.front().File;
  std::string Path = escapeHtml(relativeToRoot(File, S.Root));
  OS << "<span class=\"l hdr\">--- a/" << Path << "\n</span>"
     << "<span class=\"l hdr\">+++ b/" << Path << "\n</span>";
  std::vector<Hunk> Hunks;
  for (const Edit &E : Edits) {
    unsigned First = E.Begin.Line, Last = std::max(E.End.Line, First);
    if (!Hunks.empty() && First <= Hunks.back().Last) {
      Hunks.back().Last = std::max(Hunks.back().Last, Last);
      Hunks.back().Edits.push_back(&E);
    } else {
      Hunks.push_back({First, Last, {&E}});
    }
  }
  int Shift = 0;
  for (const Hunk &H : Hunks)
    hunk(File, H, Shift);
}

/// One hunk: the lines before and after the edits, unchanged lines at
/// either end as context. \p Shift is how many lines the earlier hunks
/// added (or removed), for the new side's line numbers.
void HtmlWriter::hunk(llvm::StringRef File, const Hunk &H, int &Shift) {
  llvm::StringRef Text = Sources.contents(File);
  llvm::StringRef FirstLine = Sources.line(File, H.First);
  llvm::StringRef LastLine = Sources.line(File, H.Last);
  auto Inside = [&](llvm::StringRef L) {
    return L.data() >= Text.data() && L.data() <= Text.end();
  };
  if (H.First == 0 || !Inside(FirstLine) || !Inside(LastLine)) {
    // The file cannot be read: the replacement text is all there is.
    for (const Edit *E : H.Edits)
      for (llvm::StringRef L : splitLines(E->Text))
        OS << "<span class=\"l add\">+" << escapeHtml(L) << "\n</span>";
    return;
  }
  size_t Begin = FirstLine.data() - Text.data();
  size_t End = LastLine.end() - Text.data();
  std::string New;
  size_t Cursor = Begin;
  for (const Edit *E : H.Edits) {
    if (E->Offset >= Cursor)
      New += Text.slice(Cursor, E->Offset).str();
    New += E->Text;
    Cursor = std::max<size_t>(Cursor, E->Offset + E->Length);
  }
  if (Cursor < End)
    New += Text.slice(Cursor, End).str();
  std::vector<llvm::StringRef> Old = splitLines(Text.slice(Begin, End));
  std::vector<llvm::StringRef> Now = splitLines(New);
  size_t Same = 0, SameEnd = 0;
  while (Same < Old.size() && Same < Now.size() && Old[Same] == Now[Same])
    ++Same;
  while (SameEnd + Same < Old.size() && SameEnd + Same < Now.size() &&
         Old[Old.size() - 1 - SameEnd] == Now[Now.size() - 1 - SameEnd])
    ++SameEnd;
  OS << "<span class=\"l hdr\">@@ -" << H.First << "," << Old.size() << " +"
     << static_cast<int>(H.First) + Shift << "," << Now.size()
     << " @@\n</span>";
  for (size_t I = 0; I < Same; ++I)
    OS << "<span class=\"l ctx\"> " << escapeHtml(Old[I]) << "\n</span>";
  for (size_t I = Same; I < Old.size() - SameEnd; ++I)
    OS << "<span class=\"l del\">-" << escapeHtml(Old[I]) << "\n</span>";
  for (size_t I = Same; I < Now.size() - SameEnd; ++I)
    OS << "<span class=\"l add\">+" << escapeHtml(Now[I]) << "\n</span>";
  for (size_t I = Old.size() - SameEnd; I < Old.size(); ++I)
    OS << "<span class=\"l ctx\"> " << escapeHtml(Old[I]) << "\n</span>";
  Shift += static_cast<int>(Now.size()) - static_cast<int>(Old.size());
}

} // namespace

void writeHtml(llvm::ArrayRef<Finding> Findings, const ReportSettings &S,
               SourceFiles &Sources, llvm::raw_ostream &OS) {
  HtmlWriter(S, Sources, OS).page(Findings);
}

} // namespace clang::tidy::async::lint
