//===--- SequentialAwaitInLoopCheck.h - async-sequential-await-in-loop ----===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

#ifndef ASYNC_LINT_SEQUENTIALAWAITINLOOPCHECK_H
#define ASYNC_LINT_SEQUENTIALAWAITINLOOPCHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include "clang-tidy/utils/IncludeInserter.h"
#include "utils/Frameworks.h"
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
class SequentialAwaitInLoopCheck : public ClangTidyCheck {
public:
  SequentialAwaitInLoopCheck(StringRef Name, ClangTidyContext *Context);
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus20;
  }
  std::optional<TraversalKind> getCheckTraversalKind() const override {
    // The loop analysis walks bodies itself and looks through implicit nodes
    // where it means to.
    return TK_AsIs;
  }
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
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
  const std::string LazyTaskTypes;
  const std::string EagerTaskTypes;
  tidy::utils::IncludeInserter Inserter;
  /// What the analysis knows about types and functions, with its answers
  /// cached for one translation unit.
  std::shared_ptr<sequential_await_in_loop::Knowledge> Known;
};

} // namespace clang::tidy::async

#endif // ASYNC_LINT_SEQUENTIALAWAITINLOOPCHECK_H
