//===--- BlockingCallInCoroutineCheck.h -----------------------------------===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

#ifndef ASYNC_LINT_BLOCKINGCALLINCOROUTINECHECK_H
#define ASYNC_LINT_BLOCKINGCALLINCOROUTINECHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include "utils/BlockingApis.h"
#include "utils/NonBlockingIo.h"
#include "utils/Walk.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include <optional>

namespace clang::tidy::async {

/// Finds blocking calls inside coroutines — sleeping, waiting on a thread
/// primitive, running a nested event loop, synchronous network, process or
/// file I/O — which stall every other coroutine on the executor's thread.
///
/// For the user-facing documentation see:
/// docs/checks/async-blocking-call-in-coroutine.md
class BlockingCallInCoroutineCheck : public ClangTidyCheck {
public:
  BlockingCallInCoroutineCheck(StringRef Name, ClangTidyContext *Context);
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus20;
  }
  std::optional<TraversalKind> getCheckTraversalKind() const override {
    // Bodies are walked by hand; implicit nodes are looked through there.
    return TK_AsIs;
  }
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onStartOfTranslationUnit() override;

private:
  struct Coroutine;

  /// A call in the body of a function defined in this translation unit.
  struct CallSite {
    const Expr *Call;
    const FunctionDecl *Callee;
  };
  /// What one non-coroutine function does directly, computed once.
  struct Facts {
    const Expr *BlockingCall = nullptr;
    std::optional<utils::BlockingCall> Blocking;
    /// The first call to each user-defined function it calls.
    llvm::SmallVector<CallSite, 4> Calls;
  };
  /// The shortest way a function reaches a blocking call.
  struct Reach {
    /// The calls from the function down to the one that blocks directly.
    llvm::SmallVector<CallSite, 4> Chain;
    const Expr *BlockingCall;
    utils::BlockingCall Blocking;
  };

  std::optional<utils::BlockingCall> lookup(const Expr *E,
                                            const ASTContext &Ctx) const;
  const Facts &factsOf(const FunctionDecl *Def, const ASTContext &Ctx);
  const std::optional<Reach> &reachOf(const FunctionDecl *Def,
                                      const ASTContext &Ctx);
  bool isNonBlockingIo(const Coroutine &Co, const Expr *Call,
                       const utils::BlockingCall &Blocking,
                       llvm::ArrayRef<CallSite> Chain);
  const FunctionDecl *followedCallee(const Expr *Call,
                                     const ASTContext &Ctx) const;

  void reportDirect(const Coroutine &Co, const Expr *Call,
                    const utils::BlockingCall &Blocking,
                    utils::EvaluationContext Pos);
  void reportTransitive(const Coroutine &Co, const Expr *Call,
                        const FunctionDecl *Callee, const Reach &Path);
  std::optional<std::string> sleepReplacement(const Coroutine &Co,
                                              const CallExpr *Call,
                                              utils::BlockingRemedy Remedy,
                                              utils::EvaluationContext Pos);
  std::optional<std::pair<std::string, const CXXRecordDecl *>>
  schedulerInScope(const Coroutine &Co, const CallExpr *Call,
                   llvm::ArrayRef<llvm::StringRef> Classes) const;
  std::optional<std::string> awaitArgumentReplacement(
      const Coroutine &Co, const CallExpr *Call, utils::BlockingRemedy Remedy,
      utils::EvaluationContext Pos, bool &AwaitableArgument);
  bool noteAsyncTwin(const Coroutine &Co, const CallExpr *Call,
                     utils::EvaluationContext Pos);
  void noteOffload(const Coroutine &Co, SourceLocation Loc,
                   utils::EvaluationContext Pos);
  void noteTimer(const Coroutine &Co, SourceLocation Loc,
                 utils::EvaluationContext Pos);

  const std::string BlockingFunctions;
  const std::string IgnoredFunctions;
  const std::string Categories;
  const unsigned MaxDepth;
  std::optional<utils::BlockingApiTable> Table;
  llvm::DenseMap<const FunctionDecl *, Facts> FactsCache;
  utils::NonBlockingIoFacts NonBlocking;
  llvm::DenseMap<const FunctionDecl *, std::optional<Reach>> ReachCache;
};

} // namespace clang::tidy::async

#endif // ASYNC_LINT_BLOCKINGCALLINCOROUTINECHECK_H
