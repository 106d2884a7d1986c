//===--- LspFilterMain.cpp - async-clangd's output filter, standalone -----===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// A test harness: filters an LSP stream from standard input to standard
// output exactly as async-clangd filters clangd's output.
//
//   async-lsp-filter [DOCS-BASE-URL]
//
//===----------------------------------------------------------------------===//

#include "LspOutputFilter.h"
#include <unistd.h>

int main(int argc, char *argv[]) {
  clang::tidy::async::LspMessageRewriter Rewriter({argc > 1 ? argv[1] : ""});
  clang::tidy::async::filterLspStream(STDIN_FILENO, STDOUT_FILENO, Rewriter);
  return 0;
}
