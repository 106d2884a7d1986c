//===--- SwallowedCancellationCheck.h - async-swallowed-cancellation ------===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

#ifndef ASYNC_LINT_SWALLOWEDCANCELLATIONCHECK_H
#define ASYNC_LINT_SWALLOWEDCANCELLATIONCHECK_H

#include "utils/Exits.h"
#include "utils/Frameworks.h"
#include "utils/FunctionBodyCheck.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"
#include <optional>

namespace clang::tidy::async {

namespace utils {
struct ErrorCodeSite;
struct ErrorTest;
} // namespace utils

/// Finds coroutines that catch their own cancellation and carry on: a catch
/// handler that takes the framework's cancellation exception (or Asio's
/// `operation_aborted` error) without rethrowing it, and loops that treat an
/// awaited `operation_aborted` error code like any other error.
///
/// For the user-facing documentation see:
/// docs/checks/async-swallowed-cancellation.md
class SwallowedCancellationCheck : public utils::FunctionBodyCheck {
public:
  SwallowedCancellationCheck(StringRef Name, ClangTidyContext *Context);
  ~SwallowedCancellationCheck() override;
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onStartOfTranslationUnit() override;

  /// What a cancelled operation delivers, per framework.
  /// A cancellation a handler receives.
  struct Cancellation {
    enum KindType {
      /// An exception class thrown at the suspension point (folly, cppcoro,
      /// CancellationExceptions).
      Exception,
      /// Asio's system_error carrying error::operation_aborted.
      AsioError,
    };
    KindType Kind;
    /// The qualified name of the exception class.
    std::string Name;
    /// Its declaration; null when the translation unit does not declare it.
    const CXXRecordDecl *Record;
    /// For AsioError: Boost.Asio or standalone Asio.
    utils::Framework Library;
  };

  /// A cancellation that a handler receives, and whether as its own class.
  struct Received {
    const Cancellation *C;
    bool Exact;
  };
  struct CoroutineContext;

private:
  /// How this unit spells namespaces in fixes and notes.
  utils::NamespaceAliases Aliases;
  /// The handlers of \p Try that receive a cancellation and swallow it.
  void checkHandlers(CoroutineContext &Coro, const CXXTryStmt *Try);
  /// The cancellations that the suspension points in \p TryBlock deliver.
  llvm::SmallVector<const Cancellation *, 4>
  cancellationsOf(CoroutineContext &Coro, const Stmt *TryBlock);
  void checkHandler(CoroutineContext &Coro, const CXXTryStmt *Try,
                    const CXXCatchStmt *Handler,
                    llvm::ArrayRef<Received> Receptions);
  std::optional<llvm::SmallVector<FixItHint, 3>>
  rethrowFixes(const ASTContext &Ctx, const CXXCatchStmt *Handler,
               llvm::ArrayRef<Received> Receptions);
  bool addAsioCodeTest(const ASTContext &Ctx, const CXXCatchStmt *Handler,
                       const Cancellation &C,
                       llvm::SmallVectorImpl<FixItHint> &Fixes);

  /// A `try` in a loop around a read that throws once its stream has
  /// ended, whose handler lets the loop read again.
  void checkTerminalHandler(CoroutineContext &Coro, const CXXTryStmt *Try);

  /// Loops that test the error code of an awaited operation and go on when
  /// it holds `operation_aborted`.
  void checkErrorCodeLoops(CoroutineContext &Coro);
  void checkErrorTest(CoroutineContext &Coro, const utils::ErrorTest &Found,
                      const utils::ErrorCodeSite &Site, const Stmt *Loop);
  static bool goesOn(const CoroutineContext &Coro, const IfStmt *If,
                     const Stmt *ErrorBranch, utils::ExitSet Exits);
  void reportUnhandledCode(CoroutineContext &Coro,
                           const utils::ErrorTest &Found,
                           const utils::ErrorCodeSite &Site);
  /// A loop that stops on cancellation but reads again after its stream
  /// reported its end (eof, end_of_stream, closed).
  void checkTerminalRead(CoroutineContext &Coro, const utils::ErrorTest &Found,
                         const utils::ErrorCodeSite &Site, const Stmt *Loop,
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
