//===--- FunctionBodyCheck.h - the base of the module's checks -*- C++ -*-===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Part of async-lint. Every check of the module looks at function
// definitions and walks their bodies by hand, so that what an expression
// means (awaited, discarded, in a loop, in a handler) comes from its place in
// the walk. The decisions they share are taken once, here.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_UTILS_FUNCTIONBODYCHECK_H
#define ASYNC_LINT_UTILS_FUNCTIONBODYCHECK_H

#include "Coroutines.h"
#include "clang-tidy/ClangTidyCheck.h"
#include <optional>

namespace clang::tidy::async::utils {

/// A check that matches every function definition (matchFunctionDefinitions)
/// and reads its body itself.
class FunctionBodyCheck : public ClangTidyCheck {
public:
  using ClangTidyCheck::ClangTidyCheck;

  /// Coroutines are C++20; a check that also applies to ordinary functions
  /// says so.
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus20;
  }
  /// The body walks look through implicit nodes themselves.
  std::optional<TraversalKind> getCheckTraversalKind() const override {
    return TK_AsIs;
  }
  void registerMatchers(ast_matchers::MatchFinder *Finder) override {
    matchFunctionDefinitions(Finder, this);
  }
};

} // namespace clang::tidy::async::utils

#endif // ASYNC_LINT_UTILS_FUNCTIONBODYCHECK_H
