//===--- UnawaitedCoroutineCheck.h - async-unawaited-coroutine ------------===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

#ifndef ASYNC_LINT_UNAWAITEDCOROUTINECHECK_H
#define ASYNC_LINT_UNAWAITEDCOROUTINECHECK_H

#include "utils/Frameworks.h"
#include "utils/FunctionBodyCheck.h"
#include "utils/TaskTypes.h"
#include <optional>

namespace clang::tidy::async {

/// Finds coroutine tasks whose result is thrown away, so that a lazy task's
/// body never runs and an eager task's result and exceptions are never
/// observed.
///
/// For the user-facing documentation see:
/// docs/checks/async-unawaited-coroutine.md
class UnawaitedCoroutineCheck : public utils::FunctionBodyCheck {
public:
  UnawaitedCoroutineCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onStartOfTranslationUnit() override;

private:
  /// How this unit spells namespaces in fixes and notes.
  utils::NamespaceAliases Aliases;
  struct FunctionContext;
  void reportDiscarded(const FunctionContext &Fn, const CallExpr *Call,
                       utils::TaskKind Kind);
  void reportUnusedVariable(const FunctionContext &Fn, const VarDecl *Var,
                            const CallExpr *Init, utils::TaskKind Kind,
                            bool SoleDeclaration);
  void addRunNote(const FunctionContext &Fn, const Expr *Task);

  const std::string LazyTaskTypes;
  const std::string EagerTaskTypes;
  std::optional<utils::TaskTypeClassifier> Classifier;
};

} // namespace clang::tidy::async

#endif // ASYNC_LINT_UNAWAITEDCOROUTINECHECK_H
