//===--- DetachedTaskExceptionCheck.h - async-detached-task-exception -----===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

#ifndef ASYNC_LINT_DETACHEDTASKEXCEPTIONCHECK_H
#define ASYNC_LINT_DETACHEDTASKEXCEPTIONCHECK_H

#include "utils/Exceptions.h"
#include "utils/Frameworks.h"
#include "utils/FunctionBodyCheck.h"
#include <optional>

namespace clang::tidy::async {

/// Finds coroutines started detached whose exceptions are lost: the
/// coroutine's visible body can throw outside any handler that catches the
/// exception, and the start drops it (Asio's `detached`, a callback that
/// ignores its result, a discarded future, libcoro's `spawn_detached`).
///
/// For the user-facing documentation see:
/// docs/checks/async-detached-task-exception.md
class DetachedTaskExceptionCheck : public utils::FunctionBodyCheck {
public:
  DetachedTaskExceptionCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onStartOfTranslationUnit() override;

  struct Start;

private:
  void report(const Start &S, ASTContext &Ctx);

  /// Also what rests on assumptions: a callee whose body is not visible, or
  /// a library call that is not documented to throw, may throw; a coroutine
  /// declared `noexcept` may still throw.
  const bool StrictMode;
  /// What the unit's callees can throw, computed once per unit.
  std::optional<utils::ExceptionAnalysis> Analysis;
};

} // namespace clang::tidy::async

#endif // ASYNC_LINT_DETACHEDTASKEXCEPTIONCHECK_H
