//===--- Init.h - async-lint init -------------------------------------------===//
//
// `async-lint init [DIR]` sets a project up: a .clang-tidy enabling async-*
// and clang-tidy's own coroutine checks, and a .clangd that runs them in the
// editor. Existing files are merged into, never overwritten.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_DRIVER_INIT_H
#define ASYNC_LINT_DRIVER_INIT_H

namespace clang::tidy::async::lint {

/// Runs `init` with its own arguments (argv[0] is "init").
int runInit(int Argc, const char **Argv);

} // namespace clang::tidy::async::lint

#endif
