//===--- EveryPath.cpp - what a function does whenever it runs ------------===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

#include "EveryPath.h"
#include "Coroutines.h"
#include "Loops.h"
#include "clang/AST/ASTContext.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"

namespace clang::tidy::async::utils {

namespace {

/// Whether \p S holds a statement that can leave the block it is in before
/// what follows it runs: a return, a throw, a goto, or a break or continue
/// that is not of a loop or switch inside \p S.
bool canLeave(const Stmt *S, bool InLoop = false, bool InSwitch = false) {
  if (!S || llvm::isa<LambdaExpr>(S))
    return false;
  if (llvm::isa<ReturnStmt, CoreturnStmt, CXXThrowExpr, GotoStmt,
                IndirectGotoStmt>(S))
    return true;
  if (llvm::isa<ContinueStmt>(S))
    return !InLoop;
  if (llvm::isa<BreakStmt>(S))
    return !InLoop && !InSwitch;
  const bool Loop = InLoop || isLoop(S);
  const bool Switch = InSwitch || llvm::isa<SwitchStmt>(S);
  return llvm::any_of(S->children(), [&](const Stmt *Child) {
    return canLeave(Child, Loop, Switch);
  });
}

/// Whether \p E is a constant result: a literal, `nullptr`, `{}` or a
/// constant expression, not a value the function computed.
bool isConstantResult(const Expr *E, const ASTContext &Ctx) {
  if (!E)
    return true;
  E = E->IgnoreImplicit()->IgnoreParens();
  if (E->isValueDependent())
    return false;
  if (const auto *List = llvm::dyn_cast<InitListExpr>(E))
    return List->getNumInits() == 0;
  if (const auto *Construct = llvm::dyn_cast<CXXConstructExpr>(E))
    return Construct->getNumArgs() == 0;
  return E->isEvaluatable(Ctx);
}

/// Whether \p S is a guard that gives up on unusable input or finds the
/// work already done: `if (cond) return;` with no `else` and nothing but a
/// return of no value or of a constant in its branch (`if (!p ||
/// !p->alive_) return;`, `if (file.is_open()) return true;`). A return of a
/// computed value is another way of doing the work (a fallback), not a
/// guard.
bool isGuardClause(const Stmt *S, const ASTContext &Ctx) {
  const auto *If = llvm::dyn_cast<IfStmt>(S);
  if (!If || If->getElse() || If->getInit() || If->getConditionVariable())
    return false;
  const Stmt *Then = If->getThen();
  if (const auto *Block = llvm::dyn_cast<CompoundStmt>(Then))
    Then = Block->size() == 1 ? Block->body_front() : nullptr;
  if (const auto *Return = llvm::dyn_cast_or_null<ReturnStmt>(Then))
    return isConstantResult(Return->getRetValue(), Ctx);
  if (const auto *Return = llvm::dyn_cast_or_null<CoreturnStmt>(Then))
    return isConstantResult(Return->getOperand(), Ctx);
  return false;
}

/// Whether \p Child is the branch an `if constexpr` whose condition is
/// known takes: in an instantiation the other one is gone.
bool isTakenConstexprBranch(const IfStmt *If, const Stmt *Child,
                            const ASTContext &Ctx) {
  bool Value = false;
  if (!If->isConstexpr() || !If->getCond() ||
      If->getCond()->isValueDependent() ||
      !If->getCond()->EvaluateAsBooleanCondition(Value, Ctx))
    return false;
  return Child == (Value ? If->getThen() : If->getElse());
}

/// Where a block sits, as far as the statements before a child may leave it
/// without making the child optional.
enum class BlockRole {
  Other,
  /// The function's body: guards at its top give up on unusable input; the
  /// function's work is what follows them.
  FunctionBody,
  /// A loop's body: a statement that leaves the loop before the child is
  /// how the loop stops polling (`for (...) { if (done()) return;
  /// sleep_for(...); }`), like its condition.
  LoopBody,
};

/// Whether \p Child runs each time its parent \p P runs, as far as \p P
/// decides.
bool alwaysRunsIn(const Stmt *P, const Stmt *Child, BlockRole Role,
                  const ASTContext &Ctx) {
  if (const auto *If = llvm::dyn_cast<IfStmt>(P))
    return (Child != If->getThen() && Child != If->getElse()) ||
           isTakenConstexprBranch(If, Child, Ctx);
  if (const auto *Switch = llvm::dyn_cast<SwitchStmt>(P))
    return Child != Switch->getBody();
  if (const auto *Cond = llvm::dyn_cast<AbstractConditionalOperator>(P))
    return Child == Cond->getCond();
  if (const auto *Binary = llvm::dyn_cast<BinaryOperator>(P))
    return !Binary->isLogicalOp() || Child == Binary->getLHS();
  if (llvm::isa<CXXCatchStmt, CaseStmt, DefaultStmt>(P))
    return false;
  if (const auto *Block = llvm::dyn_cast<CompoundStmt>(P)) {
    bool AtTop = true;
    for (const Stmt *Before : Block->body()) {
      if (Before == Child)
        break;
      const bool Guard = isGuardClause(Before, Ctx);
      AtTop &= Guard || llvm::isa<DeclStmt, NullStmt>(Before);
      if (!canLeave(Before) || Role == BlockRole::LoopBody ||
          (Role == BlockRole::FunctionBody && Guard && AtTop))
        continue;
      return false;
    }
  }
  return true;
}

} // namespace

bool EveryPath::runsWhenever(const FunctionDecl *Function, const Stmt *S) {
  const BodyTree *Tree = Function && S ? Trees.of(Function) : nullptr;
  if (!Tree || !Tree->contains(S))
    return false;
  const Stmt *Body = Function->getBody();
  if (S == Body)
    return true;
  const Stmt *Child = S;
  for (const Stmt *P = Tree->parent(S);; Child = P, P = Tree->parent(P)) {
    // The top of the tree: a constructor's initializer of Function, or,
    // for a lambda's Function, a statement outside its body.
    if (!P)
      return Tree->function() == Function;
    const Stmt *Above = Tree->parent(P);
    const BlockRole Role = P == Body ? BlockRole::FunctionBody
                           : Above && isLoop(Above) && P == loopBody(Above)
                               ? BlockRole::LoopBody
                               : BlockRole::Other;
    if (!alwaysRunsIn(P, Child, Role, Function->getASTContext()))
      return false;
    if (P == Body)
      return true;
  }
}

} // namespace clang::tidy::async::utils
