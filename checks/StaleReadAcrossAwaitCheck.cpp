//===--- StaleReadAcrossAwaitCheck.cpp - async-stale-read-across-await ----===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// A coroutine copies shared state into a local, suspends, and writes the
// state back from the copy: `auto n = counter_; co_await flush(); counter_ =
// n + 1;`. What another coroutine wrote to the state while this one was
// suspended is lost. Reported when the code shows each step: the local is
// initialised from the state and never changed, an await that runs whenever
// the write runs lies between them, nothing else in the coroutine writes the
// state in between, no async mutex acquired before the read is held at the
// write, and (outside StrictMode) another coroutine of the unit writes the
// same state.
//
//===----------------------------------------------------------------------===//

#include "StaleReadAcrossAwaitCheck.h"
#include "utils/Coroutines.h"
#include "utils/FixIts.h"
#include "utils/Frameworks.h"
#include "utils/Lifetimes.h"
#include "utils/Options.h"
#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Analysis/Analyses/ExprMutationAnalyzer.h"
#include "clang/Lex/Lexer.h"

using namespace clang::ast_matchers;

namespace clang::tidy::async {

static constexpr llvm::StringLiteral StrictModeKey = "StrictMode";

namespace {

/// Whether the children of \p S may not run when \p S runs: a branch, a
/// loop, a handler, a short-circuit operand, a lambda's body.
bool isBranch(const Stmt *S) {
  if (const auto *Binary = llvm::dyn_cast<BinaryOperator>(S))
    return Binary->isLogicalOp();
  return llvm::isa<IfStmt, SwitchStmt, ForStmt, CXXForRangeStmt, WhileStmt,
                   DoStmt, AbstractConditionalOperator, CXXTryStmt,
                   CXXCatchStmt, LambdaExpr>(S);
}

/// Whether \p Suspension runs whenever \p Write does: no branch lies
/// between it and the innermost statement that holds both.
bool runsWheneverWriteDoes(const Expr *Suspension, const Expr *Write,
                           const utils::BodyTree &Tree) {
  llvm::SmallPtrSet<const Stmt *, 16> AboveWrite;
  for (const Stmt *S = Write; S; S = Tree.parent(S))
    AboveWrite.insert(S);
  for (const Stmt *S = Tree.parent(Suspension); S; S = Tree.parent(S)) {
    if (AboveWrite.contains(S))
      return true;
    if (isBranch(S))
      return false;
  }
  return false;
}

/// The local of \p Reads that \p Value mentions, when there is exactly one.
const VarDecl *staleLocalIn(
    const Expr *Value, const ValueDecl *State,
    const llvm::DenseMap<const VarDecl *,
                         std::pair<const ValueDecl *, const DeclStmt *>>
        &Reads) {
  const VarDecl *Found = nullptr;
  bool Several = false;
  utils::forEachEvaluatedStmt(Value, [&](const Stmt *S) {
    const auto *Ref = llvm::dyn_cast<DeclRefExpr>(S);
    const auto *Var = Ref ? llvm::dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
    auto It = Var ? Reads.find(Var) : Reads.end();
    if (It == Reads.end() || It->second.first != State)
      return true;
    Several |= Found && Found != Var;
    Found = Var;
    return true;
  });
  return Several ? nullptr : Found;
}

/// Whether the async mutex \p Mutex that \p Lock acquires before \p Read
/// is still held at \p Write: a guard declared in a block that holds both,
/// or a lock whose await gives nothing, in such a block, with no call
/// unlocking \p Mutex between it and the write.
bool heldAcross(const Expr *Lock, const ValueDecl *Mutex, const Stmt *Read,
                const Expr *Write, const utils::BodyTree &Tree,
                const SourceManager &SM) {
  if (!SM.isBeforeInTranslationUnit(Lock->getBeginLoc(), Read->getBeginLoc()))
    return false;
  const Stmt *Statement = Lock;
  while (llvm::isa_and_nonnull<Expr>(Tree.parent(Statement)))
    Statement = Tree.parent(Statement);
  const Stmt *Holder = Tree.parent(Statement);
  const bool Guard = llvm::isa_and_nonnull<DeclStmt>(Holder);
  const Stmt *Block = Guard ? Tree.parent(Holder) : Holder;
  if (!llvm::isa_and_nonnull<CompoundStmt>(Block) ||
      !utils::isWithinScope(Read, Block, Tree) ||
      !utils::isWithinScope(Write, Block, Tree))
    return false;
  if (Guard)
    return true;
  if (!Lock->getType()->isVoidType())
    return false; // a guard made and dropped at once holds nothing
  bool Unlocked = false;
  utils::forEachEvaluatedStmt(Block, [&](const Stmt *S) {
    const auto *Call = llvm::dyn_cast<CXXMemberCallExpr>(S);
    const auto *Method = Call ? Call->getMethodDecl() : nullptr;
    if (!Method || !Method->getIdentifier() || Method->getName() != "unlock" ||
        !SM.isBeforeInTranslationUnit(Lock->getBeginLoc(),
                                      Call->getBeginLoc()) ||
        !SM.isBeforeInTranslationUnit(Call->getBeginLoc(),
                                      Write->getBeginLoc()))
      return true;
    const Expr *Object =
        Call->getImplicitObjectArgument()->IgnoreParenImpCasts();
    const auto *Ref = llvm::dyn_cast<DeclRefExpr>(Object);
    const auto *Member = llvm::dyn_cast<MemberExpr>(Object);
    Unlocked |= !Mutex || (Ref && Ref->getDecl() == Mutex) ||
                (Member && Member->getMemberDecl() == Mutex);
    return !Unlocked;
  });
  return !Unlocked;
}

/// How many times \p Var is named in \p Body.
unsigned usesOf(const VarDecl *Var, const Stmt *Body) {
  unsigned Uses = 0;
  utils::forEachEvaluatedStmt(Body, [&](const Stmt *S) {
    if (const auto *Ref = llvm::dyn_cast<DeclRefExpr>(S))
      Uses += Ref->getDecl() == Var;
    return true;
  });
  return Uses;
}

} // namespace

StaleReadAcrossAwaitCheck::StaleReadAcrossAwaitCheck(StringRef Name,
                                                     ClangTidyContext *Context)
    : FunctionBodyCheck(Name, Context),
      StrictMode(
          utils::parseBoolOption(Options.get(StrictModeKey, "false"), false)) {}

void StaleReadAcrossAwaitCheck::storeOptions(
    ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, StrictModeKey, utils::boolOptionText(StrictMode));
}

void StaleReadAcrossAwaitCheck::onStartOfTranslationUnit() {
  Trees.clear();
  Candidates.clear();
  Writers.clear();
}

void StaleReadAcrossAwaitCheck::check(const MatchFinder::MatchResult &Result) {
  const FunctionDecl *Function = utils::getMatchedFunction(Result);
  if (!Function || !utils::isCoroutine(Function))
    return;
  const utils::BodyTree *Tree = Trees.of(Function);
  if (!Tree)
    return;
  ASTContext &Ctx = *Result.Context;
  const SourceManager &SM = Ctx.getSourceManager();
  Reads.clear();
  Suspensions.clear();
  Locks.clear();
  Writes.clear();
  // One walk: the locals initialised from shared state, the suspension
  // points, the async-mutex acquisitions and the writes to shared state.
  utils::forEachEvaluatedStmt(utils::getUserBody(Function), [&](const Stmt *S) {
    if (const auto *DS = llvm::dyn_cast<DeclStmt>(S)) {
      const auto *Local = DS->isSingleDecl()
                              ? llvm::dyn_cast<VarDecl>(DS->getSingleDecl())
                              : nullptr;
      if (Local && Local->isLocalVarDecl() && !Local->isStaticLocal() &&
          !Local->getType()->isReferenceType() && Local->getInit())
        utils::forEachEvaluatedStmt(Local->getInit(), [&](const Stmt *E) {
          const auto *Read = llvm::dyn_cast<Expr>(E);
          if (const ValueDecl *State =
                  Read ? utils::sharedStateOf(Read, Function, *Tree) : nullptr)
            Reads.try_emplace(Local, State, DS);
          return !Reads.count(Local);
        });
    } else if (utils::isSuspensionPoint(S)) {
      Suspensions.push_back(llvm::cast<Expr>(S));
      const ValueDecl *Mutex = nullptr;
      if (utils::acquiresAsyncMutex(llvm::cast<Expr>(S), Mutex))
        Locks.push_back({llvm::cast<Expr>(S), Mutex});
    } else if (auto W = utils::stateWriteOf(S, Function, *Tree)) {
      Writes.push_back(*W);
    }
    return true;
  });
  const bool MainFile =
      SM.isInMainFile(SM.getExpansionLoc(Function->getLocation()));
  for (const utils::StateWrite &W : Writes) {
    if (MainFile)
      Writers[W.State].push_back({Function->getCanonicalDecl(), W.Write});
    checkWrite(W, Function, Ctx);
  }
}

void StaleReadAcrossAwaitCheck::checkWrite(const utils::StateWrite &W,
                                           const FunctionDecl *Function,
                                           ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  if (!W.Value || W.Write->getBeginLoc().isMacroID())
    return;
  // Written from a local that holds a read of the same state: not the local
  // alone (`state_ = saved;` restores what was there).
  const VarDecl *Local = staleLocalIn(W.Value, W.State, Reads);
  const auto *Alone = llvm::dyn_cast<DeclRefExpr>(
      utils::ignoreValuePreserving(W.Value)->IgnoreParenImpCasts());
  if (!Local || (W.Op == BO_Assign && Alone && Alone->getDecl() == Local))
    return;
  const DeclStmt *Read = Reads.lookup(Local).second;
  const Stmt *Body = utils::getUserBody(Function);
  if (Read->getBeginLoc().isMacroID() ||
      ExprMutationAnalyzer(*Body, Ctx).isMutated(Local))
    return;
  auto Between = [&](const Stmt *S) {
    return SM.isBeforeInTranslationUnit(Read->getEndLoc(), S->getBeginLoc()) &&
           SM.isBeforeInTranslationUnit(S->getBeginLoc(),
                                        W.Write->getBeginLoc());
  };
  // Nothing else in the coroutine writes the state in between: a value
  // saved, changed and put back is the coroutine's own doing.
  if (llvm::any_of(Writes, [&](const utils::StateWrite &Other) {
        return Other.State == W.State && Other.Write != W.Write &&
               Between(Other.Write);
      }))
    return;
  const utils::BodyTree &Tree = *Trees.of(Function);
  const Expr *Suspension = nullptr;
  for (const Expr *S : Suspensions)
    if (!S->getBeginLoc().isMacroID() &&
        SM.isBeforeInTranslationUnit(Read->getEndLoc(), S->getBeginLoc()) &&
        SM.isBeforeInTranslationUnit(S->getBeginLoc(), W.Write->getEndLoc()) &&
        Tree.contains(S) && !utils::isWithinScope(S, W.Target, Tree) &&
        runsWheneverWriteDoes(S, W.Write, Tree)) {
      Suspension = S;
      break;
    }
  if (!Suspension)
    return;
  // An async mutex acquired before the read and still held at the write
  // keeps the other coroutines out: a guard declared in a block that holds
  // both, or a lock with no unlock between it and the write.
  for (const auto &[Lock, Mutex] : Locks)
    if (heldAcross(Lock, Mutex, Read, W.Write, Tree, SM))
      return;
  Candidates.push_back({Function, W, Local, Read, Suspension});
}

void StaleReadAcrossAwaitCheck::onEndOfTranslationUnit() {
  for (const Candidate &C : Candidates) {
    ASTContext &Ctx = C.Function->getASTContext();
    const auto It = Writers.find(C.Write.State);
    const FunctionDecl *Self = C.Function->getCanonicalDecl();
    const Writer *Other = nullptr;
    if (It != Writers.end())
      for (const Writer &W : It->second)
        if (W.Function != Self) {
          Other = &W;
          break;
        }
    if (!Other && !StrictMode)
      continue;
    report(C, Ctx);
    if (Other)
      diag(Other->Write->getBeginLoc(), "%0 also writes %1",
           DiagnosticIDs::Note)
          << Other->Function << C.Write.State;
  }
  Candidates.clear();
  Writers.clear();
  Trees.clear();
}

void StaleReadAcrossAwaitCheck::report(const Candidate &C, ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  diag(C.Write.Write->getBeginLoc(),
       "%0 is written from %1, read before the suspension at line %2; what "
       "another coroutine wrote to %0 while this one was suspended is lost")
      << C.Write.State << C.Local
      << SM.getExpansionLineNumber(C.Suspension->getBeginLoc())
      << C.Write.Write->getSourceRange();
  diag(C.Read->getBeginLoc(), "%0 is read here", DiagnosticIDs::Note)
      << C.Write.State;
  llvm::SmallVector<FixItHint, 2> Fix = compoundFix(C, Ctx);
  if (!Fix.empty()) {
    diag(C.Write.Write->getBeginLoc(),
         "apply the change to the value %0 has after the suspension",
         DiagnosticIDs::Note)
        << C.Write.State << Fix;
    return;
  }
  const llvm::StringRef Advice =
      utils::asyncMutexAdvice(utils::frameworkOf(C.Function->getReturnType()));
  diag(C.Write.Write->getBeginLoc(),
       "read %0 again after the suspension%select{|, or %2}1",
       DiagnosticIDs::Note)
      << C.Write.State << !Advice.empty() << Advice;
}

llvm::SmallVector<FixItHint, 2>
StaleReadAcrossAwaitCheck::compoundFix(const Candidate &C, ASTContext &Ctx) {
  llvm::SmallVector<FixItHint, 2> Fix;
  const SourceManager &SM = Ctx.getSourceManager();
  const LangOptions &LO = Ctx.getLangOpts();
  // `state = local OP rest` (or `rest OP local` for a commutative OP) with
  // built-in operators, the local a plain copy of the state of the same
  // type, named nowhere else.
  const auto *Assign = llvm::dyn_cast<BinaryOperator>(C.Write.Write);
  const auto *Change =
      llvm::dyn_cast<BinaryOperator>(C.Write.Value->IgnoreParenImpCasts());
  if (!Assign || Assign->getOpcode() != BO_Assign || !Change ||
      (!Change->isMultiplicativeOp() && !Change->isAdditiveOp() &&
       !Change->isBitwiseOp() && !Change->isShiftOp()))
    return Fix;
  auto IsLocal = [&](const Expr *E) {
    const auto *Ref = llvm::dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
    return Ref && Ref->getDecl() == C.Local;
  };
  const bool Commutative = Change->getOpcode() == BO_Add ||
                           Change->getOpcode() == BO_Mul ||
                           Change->isBitwiseOp();
  const Expr *Rest = IsLocal(Change->getLHS()) ? Change->getRHS()
                     : Commutative && IsLocal(Change->getRHS())
                         ? Change->getLHS()
                         : nullptr;
  const Expr *Init = C.Local->getInit();
  if (!Rest || !Init ||
      utils::sharedStateOf(Init, C.Function, *Trees.of(C.Function)) !=
          C.Write.State ||
      Init->IgnoreParenImpCasts()
              ->getType()
              .getCanonicalType()
              .getUnqualifiedType() !=
          C.Local->getType().getCanonicalType().getUnqualifiedType() ||
      usesOf(C.Local, utils::getUserBody(C.Function)) != 1)
    return Fix;
  std::optional<CharSourceRange> Target =
      utils::writtenRange(C.Write.Target, SM, LO);
  std::optional<CharSourceRange> Operand = utils::writtenRange(Rest, SM, LO);
  std::optional<CharSourceRange> Whole =
      utils::writtenRange(C.Write.Write, SM, LO);
  std::optional<CharSourceRange> Read = utils::writtenRange(C.Read, SM, LO);
  if (!Target || !Operand || !Whole || !Read)
    return Fix;
  const std::string Text = (Lexer::getSourceText(*Target, SM, LO) + " " +
                            BinaryOperator::getOpcodeStr(Change->getOpcode()) +
                            "= " + Lexer::getSourceText(*Operand, SM, LO))
                               .str();
  Fix.push_back(FixItHint::CreateRemoval(utils::statementRemoval(*Read, SM)));
  Fix.push_back(FixItHint::CreateReplacement(*Whole, Text));
  return Fix;
}

} // namespace clang::tidy::async
