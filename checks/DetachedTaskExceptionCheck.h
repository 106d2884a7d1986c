//===--- DetachedTaskExceptionCheck.h - async-detached-task-exception -----===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

#ifndef ASYNC_LINT_DETACHEDTASKEXCEPTIONCHECK_H
#define ASYNC_LINT_DETACHEDTASKEXCEPTIONCHECK_H

#include "clang-tidy/utils/IncludeInserter.h"
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
  void registerPPCallbacks(const SourceManager &SM, Preprocessor *PP,
                           Preprocessor *ModuleExpanderPP) override;

  struct Start;
  enum class Loss;

private:
  void report(const Start &S, ASTContext &Ctx);
  void noteWhereItThrows(const Start &S);
  void suggestHandler(const Start &S, Loss Why, ASTContext &Ctx);

  /// Also what rests on assumptions: a callee whose body is not visible, or
  /// a library call that is not documented to throw, may throw; a coroutine
  /// declared `noexcept` may still throw.
  const bool StrictMode;
  /// The handler the fix writes in place of one that drops the exception,
  /// and the header it needs; empty for the framework's own (one that
  /// reports the exception, or rethrows it out of an event loop the code
  /// runs inside a `try`).
  const std::string ExceptionHandler;
  const std::string ExceptionHandlerHeader;
  tidy::utils::IncludeInserter Inserter;
  /// What the unit's callees can throw, computed once per unit.
  std::optional<utils::ExceptionAnalysis> Analysis;
};

} // namespace clang::tidy::async

#endif // ASYNC_LINT_DETACHEDTASKEXCEPTIONCHECK_H
