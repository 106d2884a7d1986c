//===--- AsyncClangdMain.cpp - clangd with the async checks linked in -----===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Stock clangd cannot load clang-tidy plugins, so async-clangd is clangd-22's
// own main program with the async module linked in. Everything else (flags,
// configuration, index, completion, exit codes) is clangd's.
//
// clangd links every clang-tidy finding to the clang-tidy documentation site,
// which has no pages for our checks, and offers a note's fix as the preferred
// quick-fix when it is the only one. Neither can be configured, and clangd's
// headers are not installed, so async-clangd owns its output stream instead:
// clangd writes into a pipe, and a filter thread forwards every message,
// rewriting only the links and quick-fix preferences of async-* findings
// (see LspOutputFilter.h).
//
// It also says what it is: `--version` prints async-lint's identity line
// before clangd's own lines, and every other run logs that line first, so
// that a user can tell from the editor's log which server it runs. And it
// hands clangd clang 22's real resource directory (clangd would derive one
// from its own location, which only holds for a binary installed next to
// clang), unless the user passes --resource-dir.
//
//===----------------------------------------------------------------------===//

#include "Installation.h"
#include "LspOutputFilter.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>
#include <vector>

// clangd does not install its headers; this is the entry point of the
// clangdMain library that Debian ships.
namespace clang::clangd {
int clangdMain(int argc, char *argv[]);
} // namespace clang::clangd

extern volatile int AsyncLintModuleAnchorSource;

namespace {

// llvm::cl accepts one or two dashes and a value after '='.
bool isFlag(llvm::StringRef Arg, llvm::StringRef Name) {
  if (!Arg.consume_front("-"))
    return false;
  Arg.consume_front("-");
  return Arg.consume_front(Name) && (Arg.empty() || Arg.starts_with("="));
}

bool hasFlag(int Argc, char *Argv[], llvm::StringRef Name) {
  for (int I = 1; I < Argc; ++I)
    if (isFlag(Argv[I], Name))
      return true;
  // clangd also reads options from $CLANGD_FLAGS, separated by spaces.
  llvm::SmallVector<llvm::StringRef> EnvArgs;
  if (const char *Env = std::getenv("CLANGD_FLAGS"))
    llvm::StringRef(Env).split(EnvArgs, ' ', -1, /*KeepEmpty=*/false);
  return llvm::any_of(EnvArgs,
                      [&](llvm::StringRef Arg) { return isFlag(Arg, Name); });
}

// A line in clangd's log format: "I[14:02:07.123] message" (I: information,
// E: error).
void logLine(char Level, const std::string &Message) {
  auto Now = std::chrono::system_clock::now();
  std::time_t Seconds = std::chrono::system_clock::to_time_t(Now);
  int Millis =
      static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(
                           Now.time_since_epoch())
                           .count() %
                       1000);
  std::tm Local{};
  localtime_r(&Seconds, &Local);
  char Stamp[32];
  std::strftime(Stamp, sizeof(Stamp), "%H:%M:%S", &Local);
  std::fprintf(stderr, "%c[%s.%03d] %s\n", Level, Stamp, Millis,
               Message.c_str());
  std::fflush(stderr);
}

} // namespace

int main(int argc, char *argv[]) {
  using namespace clang::tidy::async;
  // Keep the async module's registration in the link.
  (void)AsyncLintModuleAnchorSource;

  const std::string Identity = identityLine("async-clangd");
  const bool Version = hasFlag(argc, argv, "version");
  const bool Help = hasFlag(argc, argv, "help") ||
                    hasFlag(argc, argv, "help-hidden") ||
                    hasFlag(argc, argv, "help-list") ||
                    hasFlag(argc, argv, "help-list-hidden");
  if (Version) {
    std::fprintf(stdout, "%s\n", Identity.c_str());
    std::fflush(stdout);
  } else if (!Help) {
    logLine('I', Identity);
  }

  std::vector<char *> Args(argv, argv + argc);
  std::string ResourceDirArg;
  if (!Args.empty() && !hasFlag(argc, argv, "resource-dir")) {
    if (std::optional<std::string> Dir = findResourceDir()) {
      ResourceDirArg = "--resource-dir=" + *Dir;
      // Right after the program name, ahead of anything the user wrote.
      Args.insert(Args.begin() + 1, ResourceDirArg.data());
    } else if (!Version && !Help) {
      logLine('E', "async-clangd: clang " +
                       std::to_string(ASYNC_LINT_LLVM_MAJOR) +
                       "'s resource directory (builtin headers) was not found; "
                       "install libclang-common-" +
                       std::to_string(ASYNC_LINT_LLVM_MAJOR) +
                       "-dev or pass --resource-dir");
    }
  }
  Args.push_back(nullptr);

  installLspOutputFilter(
      {installedDocsUrl(ASYNC_LINT_DOCS_BASE_URL, "docs/checks")});
  const int Status =
      clang::clangd::clangdMain(static_cast<int>(Args.size()) - 1, Args.data());
  finishLspOutputFilter();
  return Status;
}
