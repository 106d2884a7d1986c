//===--- LspOutputFilter.cpp ----------------------------------------------===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

#include "LspOutputFilter.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <mutex>
#include <thread>
#include <unistd.h>

namespace json = llvm::json;

namespace clang::tidy::async {
namespace {

constexpr llvm::StringLiteral LengthHeader = "Content-Length:";
constexpr llvm::StringLiteral HeaderEnd = "\r\n\r\n";
// A header block longer than this is not one clangd wrote.
constexpr size_t MaxHeaderBlock = 4096;

/// Whether \p Diagnostic is a finding of one of our checks.
bool isAsyncFinding(const json::Object &Diagnostic) {
  std::optional<llvm::StringRef> Code = Diagnostic.getString("code");
  return Code && Code->starts_with("async-") &&
         Diagnostic.getString("source") == llvm::StringRef("clang-tidy");
}

/// Whether the quick-fix titled \p Title, listed first for the diagnostic
/// whose published message is \p Message, is the fix the warning itself
/// carries (rather than one carried by a note).
///
/// clangd names a warning's fix after its single edit ("insert 'x'",
/// "remove 'x'", "change 'x' to 'y'") or, when the fix has several edits,
/// after the warning's message; a note's fix is named after the note's
/// message. Notes that carry a fix are worded as advice ("add 'co_await'
/// to ..."), never like the names clangd makes up, so the title tells them
/// apart. The warning's fix, when there is one, always comes first.
bool isWarningFix(llvm::StringRef Title, llvm::StringRef Message) {
  if (Title.ends_with("'") &&
      (Title.starts_with("insert '") || Title.starts_with("remove '") ||
       (Title.starts_with("change '") && Title.contains("' to '"))))
    return true;
  // The published message is capitalised, counts the fixes, and has the
  // notes appended after a blank line when the client cannot show them as
  // related information.
  llvm::StringRef Own = Message.split("\n\n").first;
  if (!Own.consume_back(" (fix available)"))
    Own.consume_back(" (fixes available)");
  return !Title.empty() && Title.size() == Own.size() &&
         llvm::toLower(Title.front()) == llvm::toLower(Own.front()) &&
         Title.drop_front() == Own.drop_front();
}

/// Marks the first of \p Actions (the quick-fixes of one diagnostic, in
/// clangd's order) preferred when it is the warning's own fix, and no other.
bool setPreferred(llvm::ArrayRef<json::Object *> Actions,
                  llvm::StringRef Message) {
  bool Changed = false;
  for (size_t I = 0; I < Actions.size(); ++I) {
    json::Object &Action = *Actions[I];
    const bool Preferred =
        I == 0 && isWarningFix(Action.getString("title").value_or(""), Message);
    const json::Value *Current = Action.get("isPreferred");
    if (Preferred) {
      if (!Current || Current->getAsBoolean() != true) {
        Action["isPreferred"] = true;
        Changed = true;
      }
    } else if (Current) {
      // clangd only ever writes `"isPreferred": true`; absent means false.
      Action.erase("isPreferred");
      Changed = true;
    }
  }
  return Changed;
}

/// Percent-encodes \p Path for a file:// URL.
std::string fileURL(llvm::StringRef Path) {
  std::string URL = "file://";
  for (unsigned char C : Path) {
    if (llvm::isAlnum(C) || llvm::StringRef("/-._~").contains(C)) {
      URL += static_cast<char>(C);
    } else {
      URL += '%';
      URL += llvm::hexdigit(C >> 4);
      URL += llvm::hexdigit(C & 15);
    }
  }
  return URL;
}

bool writeAll(int Fd, llvm::StringRef Data) {
  while (!Data.empty()) {
    ssize_t N = ::write(Fd, Data.data(), Data.size());
    if (N < 0) {
      if (errno == EINTR)
        continue;
      return false;
    }
    Data = Data.drop_front(N);
  }
  return true;
}

/// Whether \p Text starts with \p Prefix, or is a beginning of it.
bool startsLike(llvm::StringRef Text, llvm::StringRef Prefix) {
  size_t N = std::min(Text.size(), Prefix.size());
  return Text.take_front(N).equals_insensitive(Prefix.take_front(N));
}

/// The length of the body announced by a header block, if it names one.
std::optional<size_t> contentLength(llvm::StringRef Headers) {
  llvm::SmallVector<llvm::StringRef, 4> Lines;
  Headers.split(Lines, "\r\n", -1, /*KeepEmpty=*/false);
  for (llvm::StringRef Line : Lines) {
    if (!startsLike(Line, LengthHeader) || Line.size() < LengthHeader.size())
      continue;
    size_t Length;
    if (Line.drop_front(LengthHeader.size()).trim().getAsInteger(10, Length))
      return std::nullopt;
    return Length;
  }
  return std::nullopt;
}

/// Forwards the first complete piece of \p Pending (one framed message, or
/// verbatim bytes) through \p Emit. Returns how many bytes it consumed; 0
/// when more input is needed to tell.
template <typename EmitFn>
size_t forwardOne(llvm::StringRef Pending, bool AtEnd,
                  LspMessageRewriter &Rewriter, EmitFn Emit) {
  auto Verbatim = [&](size_t N) {
    Emit(Pending.take_front(N));
    return N;
  };
  if (!startsLike(Pending, LengthHeader)) {
    // Not a message (e.g. --help or --version text): forward it line by
    // line, as soon as it arrives.
    size_t EndOfLine = Pending.find('\n');
    return Verbatim(EndOfLine == llvm::StringRef::npos ? Pending.size()
                                                       : EndOfLine + 1);
  }
  size_t HeadersEnd = Pending.find(HeaderEnd);
  if (HeadersEnd == llvm::StringRef::npos) {
    if (AtEnd || Pending.size() > MaxHeaderBlock)
      return Verbatim(Pending.size());
    return 0;
  }
  const size_t BodyStart = HeadersEnd + HeaderEnd.size();
  std::optional<size_t> Length = contentLength(Pending.take_front(HeadersEnd));
  if (!Length)
    return Verbatim(BodyStart);
  if (Pending.size() - BodyStart < *Length)
    return AtEnd ? Verbatim(Pending.size()) : 0;

  llvm::StringRef Body = Pending.substr(BodyStart, *Length);
  if (std::optional<std::string> NewBody = Rewriter.rewrite(Body)) {
    Emit(llvm::formatv("Content-Length: {0}\r\n\r\n", NewBody->size()).str());
    Emit(*NewBody);
    return BodyStart + *Length;
  }
  return Verbatim(BodyStart + *Length);
}

/// The state of the filter that async-clangd installs on its own output.
/// Allocated once and never freed: it must outlive every exit path.
struct InstalledFilter {
  explicit InstalledFilter(LspRewriteOptions Options)
      : Rewriter(std::move(Options)) {}
  LspMessageRewriter Rewriter;
  int RealStdout = -1;
  std::thread Thread;
  std::mutex Mutex;
  std::condition_variable Drained;
  bool Done = false;
  std::once_flag Finished;
};
InstalledFilter *Installed = nullptr;

} // namespace

std::optional<std::string> LspMessageRewriter::docsLink(llvm::StringRef Check) {
  auto It = LinkCache.find(Check);
  if (It != LinkCache.end())
    return It->second;
  std::optional<std::string> Link;
  if (!Options.DocsBaseURL.empty()) {
    std::string Page = Options.DocsBaseURL + Check.str() + ".md";
    llvm::StringRef Path = Page;
    if (Path.consume_front("file://")) {
      // A page on this machine: link it only when it is there.
      if (llvm::sys::fs::exists(Path))
        Link = fileURL(Path);
    } else {
      Link = std::move(Page);
    }
  }
  LinkCache[Check] = Link;
  return Link;
}

std::optional<std::string> LspMessageRewriter::rewrite(llvm::StringRef Body) {
  // Almost every message has nothing to do with our checks; do not parse it.
  if (!Body.contains("\"async-"))
    return std::nullopt;
  llvm::Expected<json::Value> Parsed = json::parse(Body);
  if (!Parsed) {
    llvm::consumeError(Parsed.takeError());
    return std::nullopt;
  }
  json::Object *Message = Parsed->getAsObject();
  if (!Message)
    return std::nullopt;

  bool Changed = false;
  auto RewriteDiagnostic = [&](json::Object &Diagnostic) {
    if (!isAsyncFinding(Diagnostic))
      return;
    if (json::Object *Description = Diagnostic.getObject("codeDescription")) {
      std::optional<std::string> Link = docsLink(*Diagnostic.getString("code"));
      if (!Link) {
        Diagnostic.erase("codeDescription");
        Changed = true;
      } else if (Description->getString("href") != llvm::StringRef(*Link)) {
        (*Description)["href"] = std::move(*Link);
        Changed = true;
      }
    }
    // clangd's extension: fixes embedded in the diagnostic.
    if (json::Array *Inline = Diagnostic.getArray("codeActions")) {
      llvm::SmallVector<json::Object *, 4> Actions;
      for (json::Value &Action : *Inline)
        if (json::Object *Object = Action.getAsObject())
          Actions.push_back(Object);
      Changed |=
          setPreferred(Actions, Diagnostic.getString("message").value_or(""));
    }
  };

  if (std::optional<llvm::StringRef> Method = Message->getString("method")) {
    if (*Method == "textDocument/publishDiagnostics")
      if (json::Object *Params = Message->getObject("params"))
        if (json::Array *Diagnostics = Params->getArray("diagnostics"))
          for (json::Value &Diagnostic : *Diagnostics)
            if (json::Object *Object = Diagnostic.getAsObject())
              RewriteDiagnostic(*Object);
  } else if (Message->get("id")) {
    // A reply. Only textDocument/codeAction replies hold quick-fixes, each
    // naming the one diagnostic it fixes; clangd lists a diagnostic's fixes
    // together, the warning's own first.
    if (json::Array *Result = Message->getArray("result")) {
      llvm::SmallVector<
          std::pair<const json::Object *, llvm::SmallVector<json::Object *, 4>>,
          4>
          ByDiagnostic;
      for (json::Value &Item : *Result) {
        json::Object *Action = Item.getAsObject();
        if (!Action || Action->getString("kind") != llvm::StringRef("quickfix"))
          continue;
        json::Array *Fixed = Action->getArray("diagnostics");
        if (!Fixed || Fixed->size() != 1)
          continue;
        const json::Object *Diagnostic = (*Fixed)[0].getAsObject();
        if (!Diagnostic || !isAsyncFinding(*Diagnostic))
          continue;
        auto Group = llvm::find_if(ByDiagnostic, [&](const auto &G) {
          return *G.first == *Diagnostic;
        });
        if (Group == ByDiagnostic.end()) {
          ByDiagnostic.push_back({Diagnostic, {}});
          Group = std::prev(ByDiagnostic.end());
        }
        Group->second.push_back(Action);
      }
      for (auto &[Diagnostic, Actions] : ByDiagnostic)
        Changed |= setPreferred(Actions,
                                Diagnostic->getString("message").value_or(""));
    }
  }
  if (!Changed)
    return std::nullopt;

  // Keep clangd's layout: --pretty output is indented by two.
  std::string NewBody;
  llvm::raw_string_ostream OS(NewBody);
  if (Body.contains('\n'))
    OS << llvm::formatv("{0:2}", *Parsed);
  else
    OS << *Parsed;
  return NewBody;
}

void filterLspStream(int InFd, int OutFd, LspMessageRewriter &Rewriter) {
  std::string Pending;
  bool Writable = true;
  auto Emit = [&](llvm::StringRef Data) {
    if (Writable)
      Writable = writeAll(OutFd, Data);
  };
  char Chunk[1 << 16];
  for (;;) {
    ssize_t N = ::read(InFd, Chunk, sizeof(Chunk));
    if (N < 0 && errno == EINTR)
      continue;
    const bool AtEnd = N <= 0;
    if (!AtEnd)
      Pending.append(Chunk, N);
    size_t Done = 0;
    while (Done < Pending.size()) {
      size_t Used = forwardOne(llvm::StringRef(Pending).drop_front(Done), AtEnd,
                               Rewriter, Emit);
      if (!Used)
        break;
      Done += Used;
    }
    Pending.erase(0, Done);
    if (AtEnd)
      return;
  }
}

void installLspOutputFilter(LspRewriteOptions Options) {
  if (Installed || ::isatty(STDOUT_FILENO))
    return;
  int Pipe[2];
  if (::pipe2(Pipe, O_CLOEXEC) != 0)
    return;
  const int RealStdout = ::fcntl(STDOUT_FILENO, F_DUPFD_CLOEXEC, 3);
  if (RealStdout < 0 || ::dup2(Pipe[1], STDOUT_FILENO) < 0) {
    // No standard output to filter: leave it as it is.
    if (RealStdout >= 0)
      ::close(RealStdout);
    ::close(Pipe[0]);
    ::close(Pipe[1]);
    return;
  }
  ::close(Pipe[1]);

  Installed = new InstalledFilter(std::move(Options));
  Installed->RealStdout = RealStdout;
  Installed->Thread = std::thread([Filter = Installed, In = Pipe[0]] {
    filterLspStream(In, Filter->RealStdout, Filter->Rewriter);
    ::close(In);
    std::lock_guard<std::mutex> Lock(Filter->Mutex);
    Filter->Done = true;
    Filter->Drained.notify_all();
  });
  std::atexit(finishLspOutputFilter);
}

void finishLspOutputFilter() {
  InstalledFilter *Filter = Installed;
  if (!Filter)
    return;
  std::call_once(Filter->Finished, [Filter] {
    llvm::outs().flush();
    std::fflush(nullptr);
    // Pointing standard output back at the real one closes this process's
    // last write end of the pipe: the filter thread forwards what is left
    // and sees end of file. Anything written later goes straight out.
    ::dup2(Filter->RealStdout, STDOUT_FILENO);
    if (std::this_thread::get_id() == Filter->Thread.get_id()) {
      // exit() called from the filter thread itself (a SIGPIPE handler).
      Filter->Thread.detach();
      return;
    }
    std::unique_lock<std::mutex> Lock(Filter->Mutex);
    // A child process that inherited the pipe could keep it open forever;
    // do not let it hold up the exit.
    const bool Drained = Filter->Drained.wait_for(
        Lock, std::chrono::seconds(10), [Filter] { return Filter->Done; });
    Lock.unlock();
    if (Drained)
      Filter->Thread.join();
    else
      Filter->Thread.detach();
  });
}

} // namespace clang::tidy::async
