//===--- Options.h - reading check options --------------------------------===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

#ifndef ASYNC_LINT_UTILS_OPTIONS_H
#define ASYNC_LINT_UTILS_OPTIONS_H

#include "llvm/ADT/StringRef.h"

namespace clang::tidy::async::utils {

/// The options every check that classifies task types reads, through
/// `getLocalOrGlobal`: one setting at the top of `CheckOptions` (without a
/// check name) reaches all of them, and a check-local one overrides it.
/// Semicolon-separated qualified class names.
inline constexpr llvm::StringLiteral LazyTaskTypesOption = "LazyTaskTypes";
inline constexpr llvm::StringLiteral EagerTaskTypesOption = "EagerTaskTypes";

/// Where the checks that follow calls across translation units keep their
/// facts (utils/Facts.h), and whether they write their unit's and read the
/// linked ones. async-lint sets these for its own runs.
inline constexpr llvm::StringLiteral FactsDirOption = "FactsDir";
inline constexpr llvm::StringLiteral WriteFactsOption = "WriteFacts";
inline constexpr llvm::StringLiteral ReadFactsOption = "ReadFacts";

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
