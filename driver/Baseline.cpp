//===--- Baseline.cpp - fingerprints, baselines and changed lines ---------===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

#include "Baseline.h"

#include "Options.h"
#include "Project.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/SHA256.h"
#include <map>

namespace clang::tidy::async::lint {

namespace {

constexpr int BaselineVersion = 1;

std::string withoutWhitespace(llvm::StringRef Text) {
  std::string Out;
  for (char C : Text)
    if (!llvm::isSpace(C))
      Out += C;
  return Out;
}

std::string hash(llvm::StringRef Text) {
  std::array<uint8_t, 32> Digest = llvm::SHA256::hash(llvm::ArrayRef<uint8_t>(
      reinterpret_cast<const uint8_t *>(Text.data()), Text.size()));
  return llvm::toHex(llvm::ArrayRef<uint8_t>(Digest).take_front(16),
                     /*LowerCase=*/true);
}

} // namespace

void assignFingerprints(std::vector<Finding> &Findings, SourceFiles &Sources) {
  std::map<std::string, unsigned> Occurrences;
  for (Finding &F : Findings) {
    // Without a location (a broken command line) the message is all there is.
    std::string Anchor =
        F.Pos.Line ? withoutWhitespace(Sources.line(F.file(), F.Pos.Line))
                   : F.Diag.Message.Message;
    std::string Key = "v1";
    for (llvm::StringRef Part :
         {F.check(), llvm::StringRef(F.RelPath), llvm::StringRef(Anchor)}) {
      Key += '\0';
      Key += Part;
    }
    unsigned Index = Occurrences[Key]++;
    F.Fingerprint = hash(Key + '\0' + std::to_string(Index));
  }
}

llvm::Error writeBaseline(llvm::StringRef Path,
                          llvm::ArrayRef<Finding> Findings) {
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  {
    llvm::json::OStream J(OS, 2);
    J.object([&] {
      J.attribute("version", BaselineVersion);
      J.attribute("tool", "async-lint");
      J.attributeArray("findings", [&] {
        for (const Finding &F : Findings) {
          if (F.isCompileError())
            continue;
          J.object([&] {
            J.attribute("fingerprint", F.Fingerprint);
            J.attribute("check", F.check());
            J.attribute("file", F.RelPath);
            J.attribute("line", F.Pos.Line);
            J.attribute("message", F.Diag.Message.Message);
          });
        }
      });
    });
  }
  OS << "\n";
  return writeFileAtomically(Path, Text);
}

llvm::Expected<llvm::StringSet<>> readBaseline(llvm::StringRef Path) {
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Text =
      llvm::MemoryBuffer::getFile(Path);
  if (!Text)
    return toolError("cannot read baseline " + Path + ": " +
                     Text.getError().message());
  llvm::Expected<llvm::json::Value> Parsed =
      llvm::json::parse((*Text)->getBuffer());
  if (!Parsed)
    return toolError("malformed baseline " + Path + ": " +
                     llvm::toString(Parsed.takeError()));
  const llvm::json::Object *Root = Parsed->getAsObject();
  const llvm::json::Array *List = Root ? Root->getArray("findings") : nullptr;
  if (!Root || Root->getInteger("version") != BaselineVersion || !List)
    return toolError("malformed baseline " + Path +
                     ": expected an object with \"version\": 1 and a "
                     "\"findings\" array (written by --write-baseline)");
  llvm::StringSet<> Fingerprints;
  for (const llvm::json::Value &Entry : *List) {
    const llvm::json::Object *Object = Entry.getAsObject();
    std::optional<llvm::StringRef> Fingerprint =
        Object ? Object->getString("fingerprint") : std::nullopt;
    if (!Fingerprint)
      return toolError("malformed baseline " + Path +
                       ": a finding without a \"fingerprint\"");
    Fingerprints.insert(*Fingerprint);
  }
  return Fingerprints;
}

//===----------------------------------------------------------------------===//
// git
//===----------------------------------------------------------------------===//

namespace {

struct GitOutput {
  int Status = -1;
  std::string Out;
  std::string Err;
};

llvm::Expected<GitOutput> runGit(llvm::ArrayRef<llvm::StringRef> Args,
                                 llvm::StringRef Dir) {
  llvm::ErrorOr<std::string> Git = llvm::sys::findProgramByName("git");
  if (!Git)
    return toolError("git is not installed (needed by --changed-since)");
  llvm::SmallString<128> OutFile, ErrFile;
  if (std::error_code EC =
          llvm::sys::fs::createTemporaryFile("async-lint-git", "out", OutFile))
    return toolError("cannot create a temporary file: " + EC.message());
  if (std::error_code EC =
          llvm::sys::fs::createTemporaryFile("async-lint-git", "err", ErrFile))
    return toolError("cannot create a temporary file: " + EC.message());
  std::vector<llvm::StringRef> Argv = {*Git, "-C", Dir, "-c",
                                       "core.quotepath=false"};
  Argv.insert(Argv.end(), Args.begin(), Args.end());
  std::optional<llvm::StringRef> Redirects[] = {llvm::StringRef(""),
                                                OutFile.str(), ErrFile.str()};
  GitOutput Result;
  Result.Status =
      llvm::sys::ExecuteAndWait(*Git, Argv, std::nullopt, Redirects);
  if (auto Buffer = llvm::MemoryBuffer::getFile(OutFile))
    Result.Out = (*Buffer)->getBuffer().str();
  if (auto Buffer = llvm::MemoryBuffer::getFile(ErrFile))
    Result.Err = (*Buffer)->getBuffer().str();
  llvm::sys::fs::remove(OutFile);
  llvm::sys::fs::remove(ErrFile);
  return Result;
}

// A path as git prints it in a diff header, C-quoted when unusual.
std::string unquote(llvm::StringRef Path) {
  if (!Path.starts_with("\"") || !Path.ends_with("\""))
    return Path.str();
  Path = Path.drop_front().drop_back();
  std::string Out;
  for (size_t I = 0; I < Path.size(); ++I) {
    if (Path[I] != '\\' || I + 1 == Path.size()) {
      Out += Path[I];
      continue;
    }
    char C = Path[++I];
    if (C >= '0' && C <= '7' && I + 2 < Path.size()) {
      Out += static_cast<char>((C - '0') * 64 + (Path[I + 1] - '0') * 8 +
                               (Path[I + 2] - '0'));
      I += 2;
    } else {
      Out += C == 'n' ? '\n' : C == 't' ? '\t' : C;
    }
  }
  return Out;
}

} // namespace

std::optional<std::string> gitTopLevel(llvm::StringRef Dir) {
  llvm::Expected<GitOutput> Out = runGit({"rev-parse", "--show-toplevel"}, Dir);
  if (!Out) {
    llvm::consumeError(Out.takeError());
    return std::nullopt;
  }
  if (Out->Status != 0)
    return std::nullopt;
  llvm::StringRef Top = llvm::StringRef(Out->Out).trim();
  if (Top.empty())
    return std::nullopt;
  return normalizePath(Top);
}

bool ChangedLines::contains(llvm::StringRef File, unsigned Line) const {
  if (Whole.contains(File))
    return true;
  auto It = Ranges.find(File);
  if (It == Ranges.end())
    return false;
  return llvm::any_of(It->second, [&](const std::pair<unsigned, unsigned> &R) {
    return Line >= R.first && Line < R.first + R.second;
  });
}

bool ChangedLines::touches(llvm::StringRef File) const {
  return Whole.contains(File) || Ranges.count(File);
}

llvm::Expected<ChangedLines> ChangedLines::since(llvm::StringRef Rev,
                                                 llvm::StringRef Root) {
  std::optional<std::string> Top = gitTopLevel(Root);
  if (!Top)
    return toolError("--changed-since needs a git work tree, and " + Root +
                     " is not in one");
  std::string Commit = (Rev + "^{commit}").str();
  llvm::Expected<GitOutput> Verify =
      runGit({"rev-parse", "--verify", "--quiet", Commit}, *Top);
  if (!Verify)
    return Verify.takeError();
  if (Verify->Status != 0)
    return toolError("unknown git revision '" + Rev +
                     "' (given with "
                     "--changed-since)");

  ChangedLines Result;
  llvm::Expected<GitOutput> Diff =
      runGit({"diff", "--no-color", "--no-ext-diff", "--no-renames",
              "--unified=0", "--no-prefix", Rev, "--"},
             *Top);
  if (!Diff)
    return Diff.takeError();
  if (Diff->Status != 0)
    return toolError("git diff " + Rev +
                     " failed: " + llvm::StringRef(Diff->Err).trim());
  std::string Current;
  llvm::SmallVector<llvm::StringRef> Lines;
  llvm::StringRef(Diff->Out).split(Lines, '\n');
  for (llvm::StringRef Line : Lines) {
    if (Line.consume_front("+++ ")) {
      Current = Line == "/dev/null" ? std::string()
                                    : normalizePath(unquote(Line), *Top);
      if (!Current.empty() && !Result.touches(Current))
        Result.Files.push_back(Current);
      continue;
    }
    if (!Line.consume_front("@@ ") || Current.empty())
      continue;
    // "@@ -a,b +c,d @@": lines c .. c+d-1 are new (d defaults to 1).
    size_t Plus = Line.find('+');
    if (Plus == llvm::StringRef::npos)
      continue;
    llvm::StringRef New =
        Line.drop_front(Plus + 1).take_until([](char C) { return C == ' '; });
    auto [StartText, CountText] = New.split(',');
    unsigned Start = 0, Count = 1;
    if (StartText.getAsInteger(10, Start) ||
        (!CountText.empty() && CountText.getAsInteger(10, Count)))
      continue;
    if (Count)
      Result.Ranges[Current].push_back({Start, Count});
  }

  // Files git does not track yet are new in their entirety.
  llvm::Expected<GitOutput> Untracked =
      runGit({"ls-files", "--others", "--exclude-standard", "-z"}, *Top);
  if (!Untracked)
    return Untracked.takeError();
  llvm::SmallVector<llvm::StringRef> Names;
  llvm::StringRef(Untracked->Out).split(Names, '\0', -1, false);
  for (llvm::StringRef Name : Names) {
    std::string File = normalizePath(Name, *Top);
    if (!Result.touches(File))
      Result.Files.push_back(File);
    Result.Whole.insert(File);
  }
  return Result;
}

} // namespace clang::tidy::async::lint
