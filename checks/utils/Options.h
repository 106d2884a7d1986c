//===--- Options.h - reading check options --------------------------------===//

#ifndef ASYNC_LINT_UTILS_OPTIONS_H
#define ASYNC_LINT_UTILS_OPTIONS_H

#include "llvm/ADT/StringRef.h"

namespace clang::tidy::async::utils {

/// Parses a boolean option value the way clang-tidy does (`true`/`false`,
/// any case, or an integer), falling back to \p Default for anything else.
///
/// Checks read booleans as strings and parse them here because
/// `OptionsView::get<bool>` cannot be linked from code built with GCC against
/// Debian's Clang-built libclangTidy (the two compilers mangle its
/// `enable_if` return type differently).
bool parseBoolOption(llvm::StringRef Value, bool Default);

/// The text parseBoolOption() reads back as \p Value.
inline llvm::StringRef boolOptionText(bool Value) {
  return Value ? "true" : "false";
}

} // namespace clang::tidy::async::utils

#endif // ASYNC_LINT_UTILS_OPTIONS_H
