//===--- Options.cpp - reading check options ------------------------------===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

#include "Options.h"

namespace clang::tidy::async::utils {

bool parseBoolOption(llvm::StringRef Value, bool Default) {
  Value = Value.trim();
  if (Value.equals_insensitive("true"))
    return true;
  if (Value.equals_insensitive("false"))
    return false;
  long long Number = 0;
  if (!Value.getAsInteger(10, Number))
    return Number != 0;
  return Default;
}

} // namespace clang::tidy::async::utils
