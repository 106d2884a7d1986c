//===--- SwallowedCancellationCheck.h - async-swallowed-cancellation ------===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

#ifndef ASYNC_LINT_SWALLOWEDCANCELLATIONCHECK_H
#define ASYNC_LINT_SWALLOWEDCANCELLATIONCHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include "llvm/ADT/StringMap.h"
#include <optional>

namespace clang::tidy::async {

/// Finds coroutines that catch their own cancellation and carry on: a catch
/// handler that takes the framework's cancellation exception (or Asio's
/// `operation_aborted` error) without rethrowing it, and loops that treat an
/// awaited `operation_aborted` error code like any other error.
///
/// For the user-facing documentation see:
/// docs/checks/async-swallowed-cancellation.md
class SwallowedCancellationCheck : public ClangTidyCheck {
public:
  SwallowedCancellationCheck(StringRef Name, ClangTidyContext *Context);
  ~SwallowedCancellationCheck() override;
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus20;
  }
  std::optional<TraversalKind> getCheckTraversalKind() const override {
    // The body walk looks through implicit nodes itself.
    return TK_AsIs;
  }
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onStartOfTranslationUnit() override;

  /// What a cancelled operation delivers, per framework.
  struct Cancellation;
  struct CoroutineContext;

private:
  void checkHandlers(CoroutineContext &Coro, const CXXTryStmt *Try);
  void checkErrorCodeLoops(CoroutineContext &Coro);
  /// A loop that stops on cancellation but reads again after its stream
  /// reported its end (eof, end_of_stream, closed).
  void checkTerminalRead(CoroutineContext &Coro, const IfStmt *If,
                         const ValueDecl *Code, const Expr *Ref,
                         const Stmt *Await, const Stmt *Loop,
                         const Stmt *ErrorBranch);
  const Cancellation &classCancellation(ASTContext &Ctx,
                                        llvm::StringRef QualifiedName);
  const Cancellation &asioCancellation(ASTContext &Ctx, bool Boost);

  const std::string CancellationExceptions;
  const bool StrictMode;
  /// The cancellations known in the current translation unit, by name.
  llvm::StringMap<std::unique_ptr<Cancellation>> Known;
};

} // namespace clang::tidy::async

#endif // ASYNC_LINT_SWALLOWEDCANCELLATIONCHECK_H
