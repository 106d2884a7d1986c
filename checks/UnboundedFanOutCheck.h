//===--- UnboundedFanOutCheck.h - async-unbounded-fan-out -----------------===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

#ifndef ASYNC_LINT_UNBOUNDEDFANOUTCHECK_H
#define ASYNC_LINT_UNBOUNDEDFANOUTCHECK_H

#include "utils/FunctionBodyCheck.h"

namespace clang::tidy::async {

/// Finds one task per element of a range the code does not bound, all started
/// at once.
///
/// For the user-facing documentation see:
/// docs/checks/async-unbounded-fan-out.md
class UnboundedFanOutCheck : public utils::FunctionBodyCheck {
public:
  UnboundedFanOutCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;

private:
  void checkLoop(const Stmt *Loop, const ValueDecl *Range,
                 const FunctionDecl *Function, ASTContext &Ctx);
  void reportGather(const CallExpr *Gather, const CXXMemberCallExpr *Append,
                    const ValueDecl *Range, ASTContext &Ctx);

  /// Also ranges the function builds itself (off by default).
  const bool StrictMode;
  /// The window the fix gives the windowed form (default 16).
  const unsigned MaxConcurrency;
};

} // namespace clang::tidy::async

#endif // ASYNC_LINT_UNBOUNDEDFANOUTCHECK_H
