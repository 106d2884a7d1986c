//===--- DanglingTaskReferenceCheck.h - async-dangling-task-reference -----===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

#ifndef ASYNC_LINT_DANGLINGTASKREFERENCECHECK_H
#define ASYNC_LINT_DANGLINGTASKREFERENCECHECK_H

#include "utils/FunctionBodyCheck.h"
#include "utils/Lifetimes.h"
#include "utils/TaskTypes.h"
#include "llvm/ADT/DenseSet.h"
#include <optional>

namespace clang::tidy::async {

/// Finds lazy coroutine tasks that keep a reference, pointer or view to an
/// object (a temporary, a local, a lambda's captures) and can run after that
/// object is destroyed.
///
/// For the user-facing documentation see:
/// docs/checks/async-dangling-task-reference.md
class DanglingTaskReferenceCheck : public utils::FunctionBodyCheck {
public:
  DanglingTaskReferenceCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onStartOfTranslationUnit() override;

private:
  void checkTaskCall(const CallExpr *Call, const FunctionDecl *Function,
                     ASTContext &Ctx);
  void checkSpawnedLambda(const LambdaExpr *Lambda,
                          const FunctionDecl *Function, ASTContext &Ctx);
  void reportArgument(const CallExpr *Call, const FunctionDecl *Callee,
                      const ParmVarDecl *Param, const Expr *Arg,
                      const utils::Referent &Referent,
                      const utils::TaskEscape &Escape,
                      const FunctionDecl *Function, const utils::BodyTree &Tree,
                      ASTContext &Ctx);

  const std::string LazyTaskTypes;
  const std::string EagerTaskTypes;
  std::optional<utils::TaskTypeClassifier> Classifier;
  /// The operands of the `co_await`s of the function being checked: a task
  /// awaited in its own full-expression, known without building the
  /// function's BodyTree (most calls are these).
  llvm::DenseSet<const Expr *> AwaitedOperands;
  /// Where the statements of the unit's functions sit.
  utils::BodyTrees Trees;
  /// Parameters already offered the by-value fix in this unit: one fix per
  /// declaration, however many calls dangle.
  llvm::DenseSet<const ParmVarDecl *> FixedParams;
};

} // namespace clang::tidy::async

#endif // ASYNC_LINT_DANGLINGTASKREFERENCECHECK_H
