//===--- LspOutputFilter.h - async-clangd's rewriting of clangd's output --===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// async-clangd runs clangd's own main with its standard output redirected
// into a pipe; a filter thread forwards every byte to the real standard
// output, rewriting the few LSP messages that concern async-* findings:
//
//  - the documentation link (`codeDescription.href`) of an async-* diagnostic
//    points at our docs page instead of the clang-tidy page clangd derives
//    from the check name, which does not exist; or is removed;
//  - among the quick-fixes of an async-* diagnostic, the fix carried by the
//    warning is the preferred one, and fixes carried by notes are not
//    (clangd folds note fixes into the warning's fix list and marks a fix
//    preferred whenever it is the only one).
//
// Everything else passes through byte for byte.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_DRIVER_LSPOUTPUTFILTER_H
#define ASYNC_LINT_DRIVER_LSPOUTPUTFILTER_H

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include <optional>
#include <string>

namespace clang::tidy::async {

/// How async-* findings are rewritten.
struct LspRewriteOptions {
  /// Prefix of a check's docs page: the link is DocsBaseURL + check + ".md".
  /// Empty: async-* findings carry no documentation link.
  std::string DocsBaseURL;
};

/// Rewrites one JSON-RPC message body. Returns the new body, or nullopt when
/// the message is left as it is.
class LspMessageRewriter {
public:
  explicit LspMessageRewriter(LspRewriteOptions Options)
      : Options(std::move(Options)) {}

  std::optional<std::string> rewrite(llvm::StringRef Body);

  /// The link for \p Check, or nullopt when it should have none (no base
  /// URL, or a file:// page that does not exist).
  std::optional<std::string> docsLink(llvm::StringRef Check);

private:
  LspRewriteOptions Options;
  llvm::StringMap<std::optional<std::string>> LinkCache;
};

/// Copies an LSP stream (Content-Length framed messages, and any other bytes
/// verbatim) from \p InFd to \p OutFd until end of file on \p InFd,
/// rewriting messages with \p Rewriter. When writing fails (the reader went
/// away) the rest of the input is still read and discarded, so that the
/// writer never blocks.
void filterLspStream(int InFd, int OutFd, LspMessageRewriter &Rewriter);

/// Redirects this process's standard output into a pipe drained by a
/// filter thread (see filterLspStream), and restores it when the process
/// exits. Does nothing when standard output is a terminal: nothing speaks
/// LSP to a terminal, and clangd looks at whether its output is displayed.
void installLspOutputFilter(LspRewriteOptions Options);

/// Flushes what this process wrote, points standard output back at the real
/// one, and waits for the filter thread to forward everything. Safe to call
/// more than once; also registered with atexit.
void finishLspOutputFilter();

} // namespace clang::tidy::async

#endif // ASYNC_LINT_DRIVER_LSPOUTPUTFILTER_H
