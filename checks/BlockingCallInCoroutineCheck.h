//===--- BlockingCallInCoroutineCheck.h -----------------------------------===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

#ifndef ASYNC_LINT_BLOCKINGCALLINCOROUTINECHECK_H
#define ASYNC_LINT_BLOCKINGCALLINCOROUTINECHECK_H

#include "utils/BlockingApis.h"
#include "utils/CallChains.h"
#include "utils/FactsRecorder.h"
#include "utils/Frameworks.h"
#include "utils/FunctionBodyCheck.h"
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
class BlockingCallInCoroutineCheck : public utils::FunctionBodyCheck {
public:
  BlockingCallInCoroutineCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onStartOfTranslationUnit() override;
  void onEndOfTranslationUnit() override;

private:
  /// How this unit spells namespaces in fixes and notes.
  utils::NamespaceAliases Aliases;
  /// The coroutine being checked.
  struct Coroutine {
    const FunctionDecl *Function;
    ASTContext &Ctx;
    utils::Framework Framework;
    /// The local variables of the body, each with the block that declares it.
    llvm::SmallVector<std::pair<const VarDecl *, const CompoundStmt *>, 8>
        Locals;
  };
  /// Where a finding about \p E is reported: the method name of a member
  /// call, the start of anything else.
  static SourceLocation diagLoc(const Expr *E);

  std::optional<utils::BlockingCall> lookup(const Expr *E,
                                            const ASTContext &Ctx) const;
  bool followed(const FunctionDecl *Def) const;
  bool isNonBlockingIo(const Coroutine &Co, const Expr *Call,
                       const utils::BlockingCall &Blocking,
                       llvm::ArrayRef<utils::CallEdge> Chain);
  /// Reports \p Call when a definition it may run reaches a blocking call
  /// in this unit; true when it does.
  bool checkTransitive(const Coroutine &Co, const Expr *Call);
  /// The same through the facts of other units (linked.json).
  void checkLinked(const Coroutine &Co, const Expr *Call);
  void recordFacts(const FunctionDecl *Function, bool Coroutine,
                   const ASTContext &Ctx);
  const utils::LinkedFacts *linkedFacts(const ASTContext &Ctx);

  void reportDirect(const Coroutine &Co, const Expr *Call,
                    const utils::BlockingCall &Blocking,
                    utils::EvaluationContext Pos);
  void reportTransitive(const Coroutine &Co, const Expr *Call,
                        const FunctionDecl *Callee, const utils::CallPath &Path,
                        llvm::ArrayRef<const FunctionDecl *> Blocking,
                        size_t Targets);
  void noteVirtual(SourceLocation Loc, llvm::StringRef Method,
                   llvm::ArrayRef<std::string> Blocking, size_t Targets);
  std::optional<std::string> sleepReplacement(const Coroutine &Co,
                                              const CallExpr *Call,
                                              utils::BlockingRemedy Remedy,
                                              utils::EvaluationContext Pos);
  std::optional<std::string> awaitArgumentReplacement(
      const Coroutine &Co, const CallExpr *Call, utils::BlockingRemedy Remedy,
      utils::EvaluationContext Pos, bool &AwaitableArgument);
  bool noteAsyncTwin(const Coroutine &Co, const CallExpr *Call,
                     utils::EvaluationContext Pos);
  void noteOffload(const Coroutine &Co, SourceLocation Loc,
                   utils::EvaluationContext Pos);
  void noteTimer(const Coroutine &Co, SourceLocation Loc,
                 utils::EvaluationContext Pos);
  void noteIdiom(SourceLocation Loc, utils::EvaluationContext Pos,
                 const std::string &Idiom, llvm::StringRef Generic,
                 llvm::StringRef WithIdiom);

  const std::string BlockingFunctions;
  const std::string IgnoredFunctions;
  const std::string Categories;
  const unsigned MaxDepth;
  /// Also follow what a called function does only on some paths (a
  /// fallback branch, a loop that may not run): not evidence by default.
  const bool StrictMode;
  /// Cross-unit facts (utils/Facts.h): where they live, whether this unit
  /// writes its own and reads the linked ones.
  const std::string FactsDir;
  const bool WriteFacts;
  const bool ReadFacts;
  ClangTidyContext *const Tidy;

  std::optional<utils::BlockingApiTable> Table;
  utils::CallChains Chains;
  utils::NonBlockingIoFacts NonBlocking;
  utils::FactsRecorder Recorder;
  /// This unit's main file and facts directory, once known.
  std::string MainFile;
  const ASTContext *UnitCtx = nullptr;
  std::optional<std::string> UnitFactsDir;
  /// linked.json as last read.
  utils::LinkedFile<utils::LinkedFacts> Linked;
};

} // namespace clang::tidy::async

#endif // ASYNC_LINT_BLOCKINGCALLINCOROUTINECHECK_H
