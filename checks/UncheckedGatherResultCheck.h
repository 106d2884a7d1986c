//===--- UncheckedGatherResultCheck.h - async-unchecked-gather-result -----===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

#ifndef ASYNC_LINT_UNCHECKEDGATHERRESULTCHECK_H
#define ASYNC_LINT_UNCHECKEDGATHERRESULTCHECK_H

#include "utils/Exceptions.h"
#include "utils/FunctionBodyCheck.h"
#include <optional>

namespace clang::tidy::async {

namespace utils {
struct CapturingGather;
} // namespace utils

/// Finds all-gathers whose per-task failures nobody reads: the result of a
/// gather that captures each task's failure (folly's `collectAllTry`,
/// async_simple's `collectAll`, cppcoro's `when_all_ready`, libcoro's and
/// concurrencpp's `when_all`, Asio's parallel group waited for with
/// `wait_for_all`) discarded, or held in a variable or binding never read,
/// while a gathered task is shown to fail.
///
/// For the user-facing documentation see:
/// docs/checks/async-unchecked-gather-result.md
class UncheckedGatherResultCheck : public utils::FunctionBodyCheck {
public:
  UncheckedGatherResultCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onStartOfTranslationUnit() override;

  /// One awaited gather and what becomes of its result.
  struct Gather;
  /// A gathered task or operation shown to fail, and how.
  struct Failure;

private:
  void judge(const Gather &G, const FunctionDecl *Function, ASTContext &Ctx);
  std::optional<Failure> taskFailure(const Expr *Arg, bool OneTask,
                                     const Stmt *Body, bool &OutOfSight);
  std::optional<Failure> groupFailure(const Gather &G, const Stmt *Body,
                                      bool &OutOfSight);
  /// Reports \p G, with the failure that shows it matters (none under
  /// StrictMode when no task is shown to fail).
  void report(const Gather &G, const Failure *Shown);

  /// Also report when no gathered task is shown to fail (off by default).
  const bool StrictMode;
  /// Per unit: where exceptions escape (its cache is by declaration).
  std::optional<utils::ExceptionAnalysis> Analysis;
};

} // namespace clang::tidy::async

#endif // ASYNC_LINT_UNCHECKEDGATHERRESULTCHECK_H
