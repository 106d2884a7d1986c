//===--- Installation.h - where an installed front end finds its files ----===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// async-lint and async-clangd run from the build tree, from the Debian
// package (/usr/bin) or from wherever a user copied them. Wherever that is,
// they must name themselves, compile with clang 22's own resource directory
// (its builtin headers such as <stddef.h>), and link findings to the check
// pages that are installed with them.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_DRIVER_INSTALLATION_H
#define ASYNC_LINT_DRIVER_INSTALLATION_H

#include "llvm/ADT/StringRef.h"
#include <optional>
#include <string>

namespace clang::tidy::async {

/// One line naming the front end, async-lint's version and the LLVM it is
/// built with: "async-clangd (async-lint 0.1.0), built with LLVM 22.1.8".
std::string identityLine(llvm::StringRef Program);

/// Clang 22's resource directory (the one that holds include/stddef.h):
/// the one clang-22 reported when async-lint was built, else the one clang
/// derives from this executable's location, else Debian's fixed locations.
/// std::nullopt when none of them exists.
std::optional<std::string> findResourceDir();

/// \p Configured (a URL set when building) unless it is a file:// URL and
/// this executable runs from an installation that holds \p Installed, a path
/// under <prefix>/share/doc/async-lint/ (for example "docs/checks" or
/// "README.md"): then the file:// URL of the installed copy, with a trailing
/// slash when \p Configured has one.
std::string installedDocsUrl(llvm::StringRef Configured,
                             llvm::StringRef Installed);

} // namespace clang::tidy::async

#endif // ASYNC_LINT_DRIVER_INSTALLATION_H
