//===--- Init.cpp - async-lint init -----------------------------------------===//

#include "Init.h"

#include "llvm/Support/raw_ostream.h"

namespace clang::tidy::async::lint {

int runInit(int Argc, const char **Argv) {
  llvm::errs() << "async-lint: error: init is not implemented yet\n";
  return 2;
}

} // namespace clang::tidy::async::lint
