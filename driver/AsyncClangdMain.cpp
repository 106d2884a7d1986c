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
//===----------------------------------------------------------------------===//

#include "LspOutputFilter.h"

// clangd does not install its headers; this is the entry point of the
// clangdMain library that Debian ships.
namespace clang::clangd {
int clangdMain(int argc, char *argv[]);
} // namespace clang::clangd

extern volatile int AsyncLintModuleAnchorSource;

int main(int argc, char *argv[]) {
  // Keep the async module's registration in the link.
  (void)AsyncLintModuleAnchorSource;
  clang::tidy::async::installLspOutputFilter({ASYNC_LINT_DOCS_BASE_URL});
  const int Status = clang::clangd::clangdMain(argc, argv);
  clang::tidy::async::finishLspOutputFilter();
  return Status;
}
