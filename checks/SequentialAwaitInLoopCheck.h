//===--- SequentialAwaitInLoopCheck.h - async-sequential-await-in-loop ----===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

#ifndef ASYNC_LINT_SEQUENTIALAWAITINLOOPCHECK_H
#define ASYNC_LINT_SEQUENTIALAWAITINLOOPCHECK_H

#include "clang-tidy/utils/IncludeInserter.h"
#include "utils/Frameworks.h"
#include "utils/FunctionBodyCheck.h"
#include <memory>
#include <optional>

namespace clang::tidy::async {

namespace sequential_await_in_loop {
class Knowledge;
struct Finding;
} // namespace sequential_await_in_loop

/// Finds loops in coroutines that await independent per-item work one item
/// at a time, where the iterations could run concurrently.
///
/// For the user-facing documentation see:
/// docs/checks/async-sequential-await-in-loop.md
class SequentialAwaitInLoopCheck : public utils::FunctionBodyCheck {
public:
  SequentialAwaitInLoopCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerPPCallbacks(const SourceManager &SM, Preprocessor *PP,
                           Preprocessor *ModuleExpanderPP) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onStartOfTranslationUnit() override;

private:
  /// How this unit spells namespaces in fixes and notes.
  utils::NamespaceAliases Aliases;
  void report(const sequential_await_in_loop::Finding &Finding,
              const FunctionDecl *Coroutine, ASTContext &Ctx);

  const std::string SerialTypes;
  const std::string ConcurrentTypes;
  const std::string IgnoredFunctions;
  /// How many tasks the rewrite's windowed join runs at once; 0: all.
  const unsigned MaxConcurrency;
  const std::string LazyTaskTypes;
  const std::string EagerTaskTypes;
  tidy::utils::IncludeInserter Inserter;
  /// What the analysis knows about types and functions, with its answers
  /// cached for one translation unit.
  std::shared_ptr<sequential_await_in_loop::Knowledge> Known;
};

} // namespace clang::tidy::async

#endif // ASYNC_LINT_SEQUENTIALAWAITINLOOPCHECK_H
