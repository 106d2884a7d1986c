//===--- AsyncClangdMain.cpp - clangd with the async checks linked in
//------===//
//
// Stock clangd cannot load clang-tidy plugins, so async-clangd is clangd-22's
// own main program with the async module linked in. Everything else (flags,
// configuration, index, completion) is clangd's.
//
//===----------------------------------------------------------------------===//

// clangd does not install its headers; this is the entry point of the
// clangdMain library that Debian ships.
namespace clang::clangd {
int clangdMain(int argc, char *argv[]);
} // namespace clang::clangd

extern volatile int AsyncLintModuleAnchorSource;

int main(int argc, char *argv[]) {
  // Keep the async module's registration in the link.
  (void)AsyncLintModuleAnchorSource;
  return clang::clangd::clangdMain(argc, argv);
}
