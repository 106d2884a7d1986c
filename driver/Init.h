//===--- Init.h - `async-lint init`: set a project up for the checks ------===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// `async-lint init [DIR]` writes, or merges into, DIR/.clang-tidy and
// DIR/.clangd so that clang-tidy, async-lint and async-clangd run the async-*
// checks and the upstream checks for C++20 coroutines that complement them.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_DRIVER_INIT_H
#define ASYNC_LINT_DRIVER_INIT_H

namespace clang::tidy::async {

/// Runs `async-lint init`; \p Argv[0] is "init". Returns the exit status:
/// 0 when both files are written or already set up, 2 on a usage error or
/// when a file cannot be merged safely (then nothing is written).
int runInit(int Argc, const char **Argv);

} // namespace clang::tidy::async

#endif // ASYNC_LINT_DRIVER_INIT_H
