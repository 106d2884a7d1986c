//===--- PluginLoader.cpp - the libAsyncLint.so clang-tidy plugin ---------===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// `clang-tidy -load libAsyncLint.so` loads this small library first. It has
// no LLVM dependency of its own, so it can always be loaded; it asks the host
// process which LLVM it runs on and only then loads the checks
// (libAsyncLintChecks.so, next to this file), which are built against one
// LLVM version and would crash any other. In a host of another version it
// prints one line saying so and exits with status 2, so that a CI job cannot
// mistake the missing checks for a clean result.
//
//===----------------------------------------------------------------------===//

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dlfcn.h>
#include <string>

namespace {

constexpr int ExpectedMajor = ASYNC_LINT_LLVM_MAJOR;

// The LLVM major version of the host process, or -1 when it cannot be told.
int hostLLVMMajor() {
  // LLVM's C API has reported its version since LLVM 16.
  using GetVersionFn = void (*)(unsigned *, unsigned *, unsigned *);
  if (auto *GetVersion = reinterpret_cast<GetVersionFn>(
          dlsym(RTLD_DEFAULT, "LLVMGetVersion"))) {
    unsigned Major = 0, Minor = 0, Patch = 0;
    GetVersion(&Major, &Minor, &Patch);
    return static_cast<int>(Major);
  }
  // Older hosts: clang::getClangFullVersion() returns a std::string such as
  // "Debian clang version 14.0.6". Its ABI has not changed across versions.
  using FullVersionFn = std::string (*)();
  if (auto *FullVersion = reinterpret_cast<FullVersionFn>(
          dlsym(RTLD_DEFAULT, "_ZN5clang19getClangFullVersionB5cxx11Ev"))) {
    std::string Text = FullVersion();
    std::string::size_type Pos = Text.find("version ");
    if (Pos != std::string::npos)
      return std::atoi(Text.c_str() + Pos + 8);
  }
  return -1;
}

// The directory this library was loaded from, with a trailing slash.
std::string ownDirectory() {
  Dl_info Info;
  if (!dladdr(reinterpret_cast<void *>(&hostLLVMMajor), &Info) ||
      !Info.dli_fname)
    return "";
  std::string Path = Info.dli_fname;
  std::string::size_type Slash = Path.rfind('/');
  return Slash == std::string::npos ? "" : Path.substr(0, Slash + 1);
}

__attribute__((constructor)) void loadAsyncLintChecks() {
  int Major = hostLLVMMajor();
  if (Major != ExpectedMajor) {
    std::fprintf(stderr,
                 "error: libAsyncLint.so was built for LLVM %d, but this "
                 "clang-tidy is %s%d; run it with clang-tidy-%d instead\n",
                 ExpectedMajor, Major < 0 ? "an unknown version " : "LLVM ",
                 Major < 0 ? 0 : Major, ExpectedMajor);
    std::fflush(stderr);
    std::_Exit(2);
  }
  std::string Checks = ownDirectory() + "libAsyncLintChecks.so";
  if (!dlopen(Checks.c_str(), RTLD_NOW | RTLD_GLOBAL)) {
    std::fprintf(stderr, "error: libAsyncLint.so could not load %s: %s\n",
                 Checks.c_str(), dlerror());
    std::fflush(stderr);
    std::_Exit(2);
  }
}

} // namespace
