//===--- SessionPerRequestCheck.h - async-session-per-request -------------===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

#ifndef ASYNC_LINT_SESSIONPERREQUESTCHECK_H
#define ASYNC_LINT_SESSIONPERREQUESTCHECK_H

#include "utils/BodyTree.h"
#include "utils/FunctionBodyCheck.h"
#include "utils/SessionFacts.h"
#include "utils/Sessions.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/MapVector.h"
#include <optional>

namespace clang::tidy::async {

/// Finds expensive clients and sessions (TLS contexts, HTTP clients, gRPC
/// channels, event loops) that are built once per item or per request
/// instead of once for the program.
///
/// For the user-facing documentation see:
/// docs/checks/async-session-per-request.md
class SessionPerRequestCheck : public utils::FunctionBodyCheck {
public:
  SessionPerRequestCheck(StringRef Name, ClangTidyContext *Context);
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus;
  }
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onStartOfTranslationUnit() override;
  void onEndOfTranslationUnit() override;

  /// Where the statement being walked sits.
  struct Place {
    const Stmt *Loop = nullptr;               ///< Innermost enclosing loop.
    const CompoundStmt *LoopParent = nullptr; ///< The block holding Loop.
    const CompoundStmt *LoopBody = nullptr;   ///< Loop's body, if a block.
    const CompoundStmt *Block = nullptr;      ///< The block holding the stmt.
  };

  /// One construction of a session object found in a function body.
  struct Construction {
    SourceLocation Loc;
    SourceRange Range;
    const NamedDecl *What; ///< The session class, or the factory function.
    llvm::StringRef Why;
    const Stmt *Loop;   ///< The innermost enclosing loop, if any.
    const VarDecl *Var; ///< The declared variable, if any.
    const Expr *Made;   ///< The construction or factory call.
    /// The variable that holds the object: Var, or the variable a
    /// `std::make_shared<T>(...)` or factory call initialises.
    const VarDecl *Holder;
    std::optional<std::pair<CharSourceRange, std::string>> Hoist;
    /// Built each time the function runs, not once per object under a
    /// guard.
    bool Whenever = true;
  };
  /// Why a function runs once per item or per request: the first call site
  /// that says so.
  struct RepeatedCall {
    SourceLocation Loc;
    const NamedDecl *Spawner;   ///< Null when the call sits in a loop.
    const FunctionDecl *Caller; ///< The function the call sits in.
  };
  /// A function the unit runs once per request, found breadth first.
  struct Reached {
    const FunctionDecl *Function; ///< canonical
    int Parent;                   ///< -1 for a root
    SourceLocation CallLoc;       ///< in the parent
    const NamedDecl *Via;         ///< the spawner it is handed to, if any
  };

private:
  /// Walks \p Function (its constructor initializers first): the session
  /// objects it builds, its calls, and what it runs once per item.
  void walk(const FunctionDecl *Function, ASTContext &Ctx);
  struct BodyWalk;
  /// The steps of walk(): a constructor's initializer, a declaration, a
  /// construction, a call, and the children to visit next.
  void pushInitializer(BodyWalk &W, const CXXCtorInitializer *Init);
  void visitDeclaration(BodyWalk &W, const DeclStmt *DS, const Place &P);
  void visitConstruction(BodyWalk &W, const CXXConstructExpr *Construct,
                         const Place &P);
  void visitCall(BodyWalk &W, const CallExpr *Call, const Place &P);
  void pushChildren(BodyWalk &W, const Stmt *S);
  /// Where \p S sits, from its parents in the function's BodyTree.
  Place placeOf(BodyWalk &W, const Stmt *S);
  /// Whether \p Loop runs per item (utils::repeatsPerItem), asked once.
  bool perItem(BodyWalk &W, const Stmt *Loop);
  /// \p Callee runs once per item (or request): its call sits in a loop
  /// that runs per item, or it is handed to \p Spawner there.
  void noteRepeated(const BodyWalk &W, const FunctionDecl *Callee,
                    SourceLocation Loc, const NamedDecl *Spawner);
  /// \p Handed is handed to \p Spawner at \p Loc: a step of a chain.
  void noteSpawned(const BodyWalk &W, const Stmt *Site,
                   const FunctionDecl *Handed, SourceLocation Loc,
                   const NamedDecl *Spawner, const Place &P);
  /// The functions handed to \p Spawner, when it is one, among \p Args.
  void noteSpawnedArguments(const BodyWalk &W, const Stmt *Site,
                            CallExpr::const_arg_range Args,
                            const NamedDecl *Spawner, const Place &P);
  /// Keeps a session object \p Made builds.
  void record(BodyWalk &W, const Expr *Made, SourceLocation Loc,
              SourceRange Range, const NamedDecl *What, llvm::StringRef Why,
              const Place &P, const VarDecl *Var, const DeclStmt *DS);
  /// Reports the constructions of \p Found made in loops that run per item;
  /// keeps the others for the end of the unit.
  void reportLoopConstructions(const FunctionDecl *Function,
                               llvm::SmallVectorImpl<Construction> &Found,
                               ASTContext &Ctx);
  /// The chain from a root of Repeated down to Reach[N].
  llvm::SmallVector<const Reached *, 4> chainTo(size_t N) const;
  /// Writes the unit's session facts (utils/SessionFacts.h).
  void writeFacts();
  /// Reports the constructions of the functions the link step found to run
  /// once per request through other units.
  void reportLinked();

  const std::string SessionTypes;
  const std::string SessionFactories;
  const std::string IgnoredTypes;
  /// Cross-unit facts (utils/Facts.h), as async-blocking-call-in-coroutine
  /// reads these options.
  const std::string FactsDir;
  const bool WriteFacts;
  const bool ReadFacts;
  /// Also what rests on assumptions: what a once-per-object guard protects
  /// may still run per request.
  const bool StrictMode;
  /// Whether \p S, in the function \p W walks, runs each time the function
  /// runs as far as a chain is concerned: it is not under a guard that lets
  /// it run once per object (always under StrictMode).
  bool runsWhenever(const BodyWalk &W, const Stmt *S);
  /// Notes the branch of \p If that a once-per-object flag guards
  /// (`if (!inited_) init();`, where the guarded code sets `inited_ = true`).
  void noteOnceGuard(BodyWalk &W, const IfStmt *If);
  ClangTidyContext *const Tidy;
  std::optional<utils::SessionCatalog> Catalog;
  /// Recognises timers, whose awaits pace a loop (utils::repeatsPerItem).
  std::optional<utils::SerialResources> Timers;
  /// Where the statements of the unit's functions sit.
  utils::BodyTrees Trees;
  // Facts gathered over the whole translation unit, reported at its end:
  // the constructions outside loops of each function, and the functions
  // that are run once per item or per request.
  llvm::MapVector<const FunctionDecl *, llvm::SmallVector<Construction, 2>>
      LocalConstructions;
  llvm::MapVector<const FunctionDecl *, RepeatedCall> Repeated;
  /// The user functions each function calls (or awaits), in source order:
  /// what runs per request runs its callees per request too.
  llvm::DenseMap<const FunctionDecl *, llvm::SmallVector<utils::CallSite, 4>>
      CallsOf;
  /// What runs per request, breadth first from Repeated, and where each
  /// function is in it.
  std::vector<Reached> Reach;
  llvm::DenseMap<const FunctionDecl *, size_t> ReachIndex;
  /// The unit's definitions, its main file, facts directory and context.
  std::vector<const FunctionDecl *> Defined;
  /// Constructors the compiler wrote that the unit constructs with, walked
  /// once each.
  llvm::SmallPtrSet<const FunctionDecl *, 8> WalkedImplicit;
  llvm::SmallVector<const FunctionDecl *, 4> ImplicitCtors;
  std::string MainFile;
  std::string UnitFactsDir;
  ASTContext *UnitCtx = nullptr;
  utils::FactsRecorder Recorder;
  utils::LinkedFile<utils::LinkedSessions> Linked;
};

} // namespace clang::tidy::async

#endif // ASYNC_LINT_SESSIONPERREQUESTCHECK_H
