//===--- Reports.cpp - json, sarif and github output ----------------------===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

#include "Reports.h"

#include "Installation.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/ConvertUTF.h"
#include "llvm/Support/JSON.h"

namespace clang::tidy::async::lint {

namespace {

struct CheckDoc {
  llvm::StringLiteral Name;
  llvm::StringLiteral Summary;
};

// Generated from docs/checks/*.md at configure time: each page's summary
// sentence.
constexpr CheckDoc CheckDocs[] = {
#include "CheckDocs.inc"
    {"", ""},
};

} // namespace

std::string escapeMarkup(llvm::StringRef Text, Markup Kind) {
  const bool Html = Kind == Markup::Html;
  std::string Out;
  Out.reserve(Text.size());
  for (unsigned char C : Text) {
    switch (C) {
    case '&':
      Out += "&amp;";
      break;
    case '<':
      Out += "&lt;";
      break;
    case '>':
      Out += "&gt;";
      break;
    case '"':
      Out += "&quot;";
      break;
    case '\'':
      Out += Html ? "&#39;" : "&apos;";
      break;
    default:
      if (Html && ((C < 0x20 && C != '\t' && C != '\n') || C == 0x7f))
        Out += "\xEF\xBF\xBD";
      else if (!Html && (C == '\t' || C == '\n' || C == '\r'))
        Out += "&#" + std::to_string(C) + ";";
      else if (!Html && C < 0x20)
        Out += '?';
      else
        Out += static_cast<char>(C);
    }
  }
  return Out;
}

const char *levelName(const Finding &F) {
  if (F.isError())
    return "error";
  return F.Diag.DiagLevel == tooling::Diagnostic::Remark ? "remark" : "warning";
}

std::optional<llvm::StringRef> fixableBy(const Finding &F) {
  if (F.fix(false))
    return llvm::StringRef("fix");
  if (F.fix(true))
    return llvm::StringRef("fix-notes");
  return std::nullopt;
}

std::vector<Edit> edits(const llvm::StringMap<tooling::Replacements> &Fix,
                        SourceFiles &Sources) {
  std::vector<Edit> Result;
  for (const auto &Entry : Fix)
    for (const tooling::Replacement &R : Entry.second)
      Result.push_back(
          {R.getFilePath().str(),
           Sources.position(R.getFilePath(), R.getOffset()),
           Sources.position(R.getFilePath(), R.getOffset() + R.getLength()),
           R.getOffset(), R.getLength(), R.getReplacementText().str()});
  llvm::sort(Result, [](const Edit &A, const Edit &B) {
    return std::tie(A.File, A.Offset) < std::tie(B.File, B.Offset);
  });
  return Result;
}

std::string checkSummary(llvm::StringRef Check) {
  for (const CheckDoc &Doc : CheckDocs)
    if (Doc.Name == Check)
      return Doc.Summary.str();
  if (Check.starts_with("clang-diagnostic-"))
    return "Clang compiler diagnostic " + Check.str() + ".";
  if (Check.starts_with("clang-analyzer-"))
    return "Clang Static Analyzer checker " + Check.str() + ".";
  return "clang-tidy check " + Check.str() + ".";
}

std::string checkHelpUri(llvm::StringRef Check, llvm::StringRef DocsUrl) {
  for (const CheckDoc &Doc : CheckDocs)
    if (Doc.Name == Check)
      return (DocsUrl.rtrim('/') + "/" + Check + ".md").str();
  if (Check.starts_with("clang-diagnostic-"))
    return "https://clang.llvm.org/docs/DiagnosticsReference.html";
  if (Check.starts_with("clang-analyzer-"))
    return "https://clang.llvm.org/docs/analyzer/checkers.html";
  // clang-tidy's pages are docs/clang-tidy/checks/<module>/<rest>.html.
  auto [Module, Rest] = Check.split('-');
  return ("https://clang.llvm.org/extra/clang-tidy/checks/" + Module + "/" +
          Rest + ".html")
      .str();
}

//===----------------------------------------------------------------------===//
// json
//===----------------------------------------------------------------------===//

void writeJson(llvm::ArrayRef<Finding> Findings, const ReportSettings &S,
               SourceFiles &Sources, llvm::raw_ostream &OS) {
  llvm::json::OStream J(OS, 2);
  auto WriteEdits = [&](const llvm::StringMap<tooling::Replacements> &Fix) {
    J.attributeArray("fix", [&] {
      for (const Edit &E : edits(Fix, Sources))
        J.object([&] {
          J.attribute("file", relativeToRoot(E.File, S.Root));
          J.attribute("line", E.Begin.Line);
          J.attribute("column", E.Begin.Column);
          J.attribute("end_line", E.End.Line);
          J.attribute("end_column", E.End.Column);
          J.attribute("offset", E.Offset);
          J.attribute("length", E.Length);
          J.attribute("replacement", E.Text);
        });
    });
  };
  J.array([&] {
    for (const Finding &F : Findings) {
      J.object([&] {
        J.attribute("check", F.check());
        J.attribute("level", levelName(F));
        J.attribute("message", F.Diag.Message.Message);
        J.attribute("file", F.RelPath);
        J.attribute("line", F.Pos.Line);
        J.attribute("column", F.Pos.Column);
        J.attribute("fingerprint", F.Fingerprint);
        if (std::optional<llvm::StringRef> By = fixableBy(F))
          J.attribute("fixable", *By);
        else
          J.attribute("fixable", nullptr);
        J.attribute("fixed", F.Fixed);
        WriteEdits(F.Diag.Message.Fix);
        J.attributeArray("notes", [&] {
          for (const tooling::DiagnosticMessage &Note : F.Diag.Notes) {
            Position P = Sources.position(Note.FilePath, Note.FileOffset);
            J.object([&] {
              J.attribute("message", Note.Message);
              J.attribute("file", relativeToRoot(Note.FilePath, S.Root));
              J.attribute("line", P.Line);
              J.attribute("column", P.Column);
              WriteEdits(Note.Fix);
            });
          }
        });
      });
    }
  });
  OS << "\n";
}

//===----------------------------------------------------------------------===//
// github
//===----------------------------------------------------------------------===//

namespace {

// GitHub's workflow-command escaping: data escapes %, CR and LF; property
// values also ':' and ','.
std::string escapeData(llvm::StringRef Text) {
  std::string Out;
  for (char C : Text) {
    switch (C) {
    case '%':
      Out += "%25";
      break;
    case '\r':
      Out += "%0D";
      break;
    case '\n':
      Out += "%0A";
      break;
    default:
      Out += C;
    }
  }
  return Out;
}

std::string escapeProperty(llvm::StringRef Text) {
  std::string Out;
  for (char C : escapeData(Text)) {
    switch (C) {
    case ':':
      Out += "%3A";
      break;
    case ',':
      Out += "%2C";
      break;
    default:
      Out += C;
    }
  }
  return Out;
}

} // namespace

void writeGithub(llvm::ArrayRef<Finding> Findings, const ReportSettings &S,
                 SourceFiles &Sources, llvm::raw_ostream &OS) {
  for (const Finding &F : Findings) {
    llvm::StringRef Command = F.isError() ? "error"
                              : F.Diag.DiagLevel == tooling::Diagnostic::Remark
                                  ? "notice"
                                  : "warning";
    OS << "::" << Command << " ";
    if (!F.RelPath.empty()) {
      OS << "file=" << escapeProperty(F.RelPath) << ",line=" << F.Pos.Line
         << ",col=" << F.Pos.Column << ",";
    }
    OS << "title=" << escapeProperty(F.check()) << "::";
    std::string Message = F.Diag.Message.Message;
    for (const tooling::DiagnosticMessage &Note : F.Diag.Notes) {
      Position P = Sources.position(Note.FilePath, Note.FileOffset);
      Message += "\nnote: ";
      if (!Note.FilePath.empty())
        Message += relativeToRoot(Note.FilePath, S.Root) + ":" +
                   std::to_string(P.Line) + ":" + std::to_string(P.Column) +
                   ": ";
      Message += Note.Message;
    }
    OS << escapeData(Message) << "\n";
  }
}

//===----------------------------------------------------------------------===//
// sarif
//===----------------------------------------------------------------------===//

namespace {

// SARIF counts columns in UTF-16 code units by default; clang in bytes.
unsigned utf16Column(llvm::StringRef LineText, unsigned ByteColumn) {
  llvm::StringRef Prefix = LineText.take_front(ByteColumn - 1);
  unsigned Units = 0;
  for (size_t I = 0; I < Prefix.size();) {
    unsigned char C = Prefix[I];
    unsigned Length = llvm::getNumBytesForUTF8(C);
    // Four-byte sequences are outside the BMP: a surrogate pair.
    Units += Length == 4 ? 2 : 1;
    I += std::max(1u, Length);
  }
  if (ByteColumn - 1 > LineText.size())
    Units += ByteColumn - 1 - LineText.size();
  return Units + 1;
}

std::string percentEncode(llvm::StringRef Path) {
  std::string Out;
  for (unsigned char C : Path) {
    if (llvm::isAlnum(C) || llvm::StringRef("/-._~").contains(C))
      Out += C;
    else
      Out += "%" + llvm::utohexstr(C, /*LowerCase=*/false, /*Width=*/2);
  }
  return Out;
}

class SarifWriter {
public:
  SarifWriter(const ReportSettings &S, SourceFiles &Sources,
              llvm::json::OStream &J)
      : S(S), Sources(Sources), J(J) {}

  void artifactLocation(llvm::StringRef File) {
    std::string Rel = relativeToRoot(File, S.Root);
    J.attributeObject("artifactLocation", [&] {
      if (llvm::StringRef(Rel).starts_with("/")) {
        J.attribute("uri", "file://" + percentEncode(Rel));
      } else {
        J.attribute("uri", percentEncode(Rel));
        J.attribute("uriBaseId", "SRCROOT");
      }
    });
  }

  void region(llvm::StringRef File, Position Begin,
              std::optional<Position> End) {
    J.attributeObject(End ? "deletedRegion" : "region", [&] {
      J.attribute("startLine", Begin.Line);
      J.attribute("startColumn",
                  utf16Column(Sources.line(File, Begin.Line), Begin.Column));
      if (End) {
        J.attribute("endLine", End->Line);
        J.attribute("endColumn",
                    utf16Column(Sources.line(File, End->Line), End->Column));
      }
    });
  }

  void physicalLocation(llvm::StringRef File, unsigned Offset) {
    J.attributeObject("physicalLocation", [&] {
      artifactLocation(File);
      Position P = Sources.position(File, Offset);
      if (P.Line)
        region(File, P, std::nullopt);
    });
  }

  void fix(llvm::StringRef Description,
           const llvm::StringMap<tooling::Replacements> &Fix) {
    std::vector<Edit> Edits = edits(Fix, Sources);
    J.object([&] {
      J.attributeObject("description",
                        [&] { J.attribute("text", Description); });
      J.attributeArray("artifactChanges", [&] {
        for (size_t I = 0; I < Edits.size();) {
          size_t End = I;
          while (End < Edits.size() && Edits[End].File == Edits[I].File)
            ++End;
          J.object([&] {
            artifactLocation(Edits[I].File);
            J.attributeArray("replacements", [&] {
              for (size_t K = I; K < End; ++K)
                J.object([&] {
                  region(Edits[K].File, Edits[K].Begin, Edits[K].End);
                  J.attributeObject("insertedContent", [&] {
                    J.attribute("text", Edits[K].Text);
                  });
                });
            });
          });
          I = End;
        }
      });
    });
  }

  void result(const Finding &F, size_t RuleIndex) {
    const ClangTidyError &E = F.Diag;
    J.object([&] {
      J.attribute("ruleId", F.check());
      J.attribute("ruleIndex", static_cast<int64_t>(RuleIndex));
      J.attribute("level", F.isError() ? "error"
                           : E.DiagLevel == tooling::Diagnostic::Remark
                               ? "note"
                               : "warning");
      J.attributeObject(
          "message", [&] { J.attribute("text", sentence(E.Message.Message)); });
      if (!E.Message.FilePath.empty())
        J.attributeArray("locations", [&] {
          J.object([&] {
            physicalLocation(E.Message.FilePath, E.Message.FileOffset);
          });
        });
      if (!E.Notes.empty())
        J.attributeArray("relatedLocations", [&] {
          int Id = 0;
          for (const tooling::DiagnosticMessage &Note : E.Notes) {
            if (Note.FilePath.empty())
              continue;
            J.object([&] {
              J.attribute("id", ++Id);
              J.attributeObject("message", [&] {
                J.attribute("text", sentence(Note.Message));
              });
              physicalLocation(Note.FilePath, Note.FileOffset);
            });
          }
        });
      codeFlows(E);
      J.attributeObject("partialFingerprints", [&] {
        J.attribute("asyncLintFingerprint/v1", F.Fingerprint);
      });
      bool AnyFix =
          !E.Message.Fix.empty() ||
          llvm::any_of(E.Notes, [](const tooling::DiagnosticMessage &N) {
            return !N.Fix.empty();
          });
      if (AnyFix)
        J.attributeArray("fixes", [&] {
          if (!E.Message.Fix.empty())
            fix("Apply the suggested fix.", E.Message.Fix);
          for (const tooling::DiagnosticMessage &Note : E.Notes)
            if (!Note.Fix.empty())
              fix(sentence(Note.Message), Note.Fix);
        });
    });
  }

  /// A finding whose notes point elsewhere without a fix of their own (the
  /// calls of a chain across functions and units, the spawn that runs a
  /// function per request, the throw an exception comes from) is a path: one
  /// thread flow, the finding first, then those notes in the order the check
  /// gives them. Notes that carry a fix, or sit at the finding itself, are
  /// advice and stay in relatedLocations only.
  void codeFlows(const ClangTidyError &E) {
    llvm::SmallVector<const tooling::DiagnosticMessage *, 8> Steps;
    for (const tooling::DiagnosticMessage &Note : E.Notes)
      if (!Note.FilePath.empty() && Note.Fix.empty() &&
          (Note.FilePath != E.Message.FilePath ||
           Note.FileOffset != E.Message.FileOffset))
        Steps.push_back(&Note);
    if (Steps.empty() || E.Message.FilePath.empty())
      return;
    auto Step = [&](const tooling::DiagnosticMessage &M) {
      J.object([&] {
        J.attributeObject("location", [&] {
          J.attributeObject("message",
                            [&] { J.attribute("text", sentence(M.Message)); });
          physicalLocation(M.FilePath, M.FileOffset);
        });
      });
    };
    J.attributeArray("codeFlows", [&] {
      J.object([&] {
        J.attributeArray("threadFlows", [&] {
          J.object([&] {
            J.attributeArray("locations", [&] {
              Step(E.Message);
              for (const tooling::DiagnosticMessage *Note : Steps)
                Step(*Note);
            });
          });
        });
      });
    });
  }

  // SARIF viewers show messages as sentences.
  static std::string sentence(llvm::StringRef Text) {
    std::string Out = Text.str();
    if (!Out.empty())
      Out[0] = llvm::toUpper(Out[0]);
    if (!Out.empty() && !llvm::StringRef(".!?").contains(Out.back()))
      Out += ".";
    return Out;
  }

private:
  const ReportSettings &S;
  SourceFiles &Sources;
  llvm::json::OStream &J;
};

} // namespace

void writeSarif(llvm::ArrayRef<Finding> Findings, const ReportSettings &S,
                SourceFiles &Sources, llvm::raw_ostream &OS) {
  // Rules: every check that has a finding, sorted by name.
  std::vector<std::string> Rules;
  for (const Finding &F : Findings)
    Rules.push_back(F.check().str());
  llvm::sort(Rules);
  Rules.erase(std::unique(Rules.begin(), Rules.end()), Rules.end());
  llvm::StringMap<size_t> RuleIndex;
  for (size_t I = 0; I < Rules.size(); ++I)
    RuleIndex[Rules[I]] = I;

  llvm::json::OStream J(OS, 2);
  SarifWriter W(S, Sources, J);
  J.object([&] {
    J.attribute("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
    J.attribute("version", "2.1.0");
    J.attributeArray("runs", [&] {
      J.object([&] {
        J.attributeObject("tool", [&] {
          J.attributeObject("driver", [&] {
            J.attribute("name", "async-lint");
            J.attribute("version", ASYNC_LINT_VERSION);
            J.attribute("semanticVersion", ASYNC_LINT_VERSION);
            J.attribute("informationUri",
                        installedDocsUrl(ASYNC_LINT_HOMEPAGE, "README.md"));
            J.attributeArray("rules", [&] {
              for (const std::string &Rule : Rules) {
                std::string Summary = checkSummary(Rule);
                J.object([&] {
                  J.attribute("id", Rule);
                  J.attributeObject("shortDescription",
                                    [&] { J.attribute("text", Summary); });
                  J.attributeObject("fullDescription",
                                    [&] { J.attribute("text", Summary); });
                  J.attribute("helpUri", checkHelpUri(Rule, S.DocsUrl));
                  J.attributeObject("help", [&] {
                    J.attribute("text", Summary + " See " +
                                            checkHelpUri(Rule, S.DocsUrl) +
                                            ".");
                  });
                  J.attributeObject("defaultConfiguration", [&] {
                    J.attribute("level", llvm::StringRef(Rule).starts_with(
                                             "clang-diagnostic-error")
                                             ? "error"
                                             : "warning");
                  });
                });
              }
            });
          });
        });
        J.attributeObject("originalUriBaseIds", [&] {
          J.attributeObject("SRCROOT", [&] {
            std::string Root = S.Root;
            if (!llvm::StringRef(Root).ends_with("/"))
              Root += "/";
            J.attribute("uri", "file://" + percentEncode(Root));
          });
        });
        J.attribute("columnKind", "utf16CodeUnits");
        J.attributeArray("results", [&] {
          for (const Finding &F : Findings)
            W.result(F, RuleIndex[F.check()]);
        });
      });
    });
  });
  OS << "\n";
}

} // namespace clang::tidy::async::lint
