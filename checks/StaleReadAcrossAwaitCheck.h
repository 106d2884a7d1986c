//===--- StaleReadAcrossAwaitCheck.h - async-stale-read-across-await ------===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

#ifndef ASYNC_LINT_STALEREADACROSSAWAITCHECK_H
#define ASYNC_LINT_STALEREADACROSSAWAITCHECK_H

#include "utils/BodyTree.h"
#include "utils/FunctionBodyCheck.h"
#include "utils/SharedState.h"
#include "llvm/ADT/DenseMap.h"
#include <vector>

namespace clang::tidy::async {

/// Finds shared state read before an await and written back after it from the
/// value read before.
///
/// For the user-facing documentation see:
/// docs/checks/async-stale-read-across-await.md
class StaleReadAcrossAwaitCheck : public utils::FunctionBodyCheck {
public:
  StaleReadAcrossAwaitCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onStartOfTranslationUnit() override;
  void onEndOfTranslationUnit() override;

private:
  /// A write back from a stale read, found in one coroutine: reported at
  /// the end of the unit, once the unit's other writers are known.
  struct Candidate {
    const FunctionDecl *Function;
    utils::StateWrite Write;
    const VarDecl *Local;   ///< Holds the value read before the await.
    const DeclStmt *Read;   ///< Declares Local.
    const Expr *Suspension; ///< The await between the read and the write.
  };
  struct Writer {
    const FunctionDecl *Function; ///< canonical
    const Expr *Write;
  };

  void checkWrite(const utils::StateWrite &W, const FunctionDecl *Function,
                  ASTContext &Ctx);
  void report(const Candidate &C, ASTContext &Ctx);
  /// The fix that applies the write's change to the state's current value
  /// (`counter_ = n + 1` to `counter_ += 1`), when that is all it does.
  llvm::SmallVector<FixItHint, 2> compoundFix(const Candidate &C,
                                              ASTContext &Ctx);

  /// Also a write back no other coroutine of the unit is shown to race
  /// (off by default).
  const bool StrictMode;
  utils::BodyTrees Trees;
  /// Of the function being checked: its locals that hold a read of shared
  /// state, its suspension points and its async-mutex acquisitions.
  llvm::DenseMap<const VarDecl *,
                 std::pair<const ValueDecl *, const DeclStmt *>>
      Reads;
  llvm::SmallVector<const Expr *, 8> Suspensions;
  llvm::SmallVector<std::pair<const Expr *, const ValueDecl *>, 2> Locks;
  llvm::SmallVector<utils::StateWrite, 8> Writes;
  /// Of the unit: the candidates, and the coroutines of the main file that
  /// write each piece of state.
  std::vector<Candidate> Candidates;
  llvm::DenseMap<const ValueDecl *, llvm::SmallVector<Writer, 2>> Writers;
};

} // namespace clang::tidy::async

#endif // ASYNC_LINT_STALEREADACROSSAWAITCHECK_H
