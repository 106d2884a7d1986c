//===--- Installation.cpp - where an installed front end finds its files --===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

#include "Installation.h"
#include "clang/Options/OptionUtils.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

namespace clang::tidy::async {
namespace {

// Any symbol of this executable, to find its path.
int ExecutableAnchor;

std::string mainExecutable() {
  return llvm::sys::fs::getMainExecutable(nullptr, &ExecutableAnchor);
}

// A resource directory is real when it has clang's builtin headers; a
// directory that merely exists (or an LLVM install without them) is not.
bool hasBuiltinHeaders(llvm::StringRef Dir) {
  llvm::SmallString<256> Header(Dir);
  llvm::sys::path::append(Header, "include", "stddef.h");
  return !Dir.empty() && llvm::sys::fs::exists(Header);
}

} // namespace

std::string identityLine(llvm::StringRef Program) {
  return (Program + " (async-lint " + ASYNC_LINT_VERSION +
          "), built with LLVM " + LLVM_VERSION_STRING)
      .str();
}

std::optional<std::string> findResourceDir() {
  // Clang's own rule is <executable's directory>/../lib/clang/<major>, which
  // holds for clang-tidy-22 in /usr/lib/llvm-22/bin but not for a binary in
  // a build tree or in ~/bin. So the directory clang-22 itself uses, which
  // was asked at build time, comes first.
  const std::string Candidates[] = {
      ASYNC_LINT_CLANG_RESOURCE_DIR,
      clang::GetResourcesPath(mainExecutable().c_str(), &ExecutableAnchor),
      "/usr/lib/llvm-" + std::to_string(ASYNC_LINT_LLVM_MAJOR) + "/lib/clang/" +
          std::to_string(ASYNC_LINT_LLVM_MAJOR),
      "/usr/lib/clang/" + std::to_string(ASYNC_LINT_LLVM_MAJOR),
  };
  for (const std::string &Dir : Candidates)
    if (hasBuiltinHeaders(Dir))
      return Dir;
  return std::nullopt;
}

std::string installedDocsUrl(llvm::StringRef Configured,
                             llvm::StringRef Installed) {
  if (!Configured.starts_with("file://"))
    return Configured.str();
  // <prefix>/bin/async-lint -> <prefix>/share/doc/async-lint/<Installed>.
  llvm::SmallString<256> Path(mainExecutable());
  llvm::sys::path::remove_filename(Path);
  llvm::sys::path::remove_filename(Path);
  llvm::sys::path::append(Path, "share", "doc", "async-lint", Installed);
  if (!llvm::sys::path::is_absolute(Path) || !llvm::sys::fs::exists(Path))
    return Configured.str();
  std::string Url = "file://" + Path.str().str();
  if (Configured.ends_with("/"))
    Url += "/";
  return Url;
}

} // namespace clang::tidy::async
