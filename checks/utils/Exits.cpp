//===--- Exits.cpp - the ways control leaves a statement ------------------===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

#include "Exits.h"
#include "Coroutines.h"
#include "Loops.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"

namespace clang::tidy::async::utils {

namespace {

class ExitWalker {
public:
  ExitWalker(const ASTContext &Ctx, BranchOracle Oracle, ExitSet Leaving)
      : Ctx(Ctx), Oracle(Oracle), Leaving(Leaving) {}

  ExitSet walk(const Stmt *S) {
    if (!S)
      return Exit::FallThrough;
    if (const auto *Compound = llvm::dyn_cast<CompoundStmt>(S))
      return walkSequence(Compound->body());
    if (const auto *If = llvm::dyn_cast<IfStmt>(S))
      return walkIf(If);
    if (llvm::isa<WhileStmt, ForStmt, DoStmt, CXXForRangeStmt>(S))
      return walkLoop(S);
    if (const auto *Switch = llvm::dyn_cast<SwitchStmt>(S))
      return walkSwitch(Switch);
    if (const auto *Try = llvm::dyn_cast<CXXTryStmt>(S)) {
      ExitSet Result = walk(Try->getTryBlock());
      for (unsigned I = 0, N = Try->getNumHandlers(); I < N; ++I)
        Result |= walk(Try->getHandler(I)->getHandlerBlock());
      return Result;
    }
    if (const auto *Case = llvm::dyn_cast<SwitchCase>(S))
      return walk(Case->getSubStmt());
    if (const auto *Label = llvm::dyn_cast<LabelStmt>(S))
      return walk(Label->getSubStmt());
    if (const auto *Attributed = llvm::dyn_cast<AttributedStmt>(S))
      return walk(Attributed->getSubStmt());
    if (llvm::isa<ReturnStmt, CoreturnStmt>(S))
      return Exit::Return;
    if (llvm::isa<BreakStmt>(S))
      return Exit::Break;
    if (llvm::isa<ContinueStmt>(S))
      return Exit::Continue;
    if (llvm::isa<GotoStmt, IndirectGotoStmt>(S))
      return Exit::Jump;
    if (const auto *E = llvm::dyn_cast<Expr>(S))
      return alwaysThrows(E) ? ExitSet(Exit::Throw)
                             : ExitSet(Exit::FallThrough);
    return Exit::FallThrough;
  }

private:
  // Statements run one after another. A label (or a case label inside a
  // switch body) can be reached by a jump even when the statement before it
  // cannot complete.
  ExitSet walkSequence(CompoundStmt::body_const_range Body) {
    ExitSet Result = Exit::FallThrough;
    for (const Stmt *Child : Body) {
      const bool Labelled = llvm::isa<SwitchCase, LabelStmt>(Child);
      if (!Result.has(Exit::FallThrough) && !Labelled)
        continue;
      Result = Result.without(Exit::FallThrough) | walk(Child);
    }
    return Result;
  }

  ExitSet walkIf(const IfStmt *If) {
    const Branch Taken = Oracle ? Oracle(If) : Branch::Both;
    if (Taken == Branch::Then)
      return walk(If->getThen());
    if (Taken == Branch::Else)
      return walk(If->getElse());
    ExitSet Then = walk(If->getThen());
    ExitSet Else = walk(If->getElse());
    if (Taken == Branch::Guard) {
      if (!Then.empty() && Then.isSubsetOf(Leaving))
        return Then;
      if (If->getElse() && !Else.empty() && Else.isSubsetOf(Leaving))
        return Else;
    }
    return Then | Else;
  }

  ExitSet walkLoop(const Stmt *Loop) {
    const Stmt *Body = nullptr;
    const Expr *Cond = nullptr;
    bool MayEndByCondition = true;
    if (const auto *While = llvm::dyn_cast<WhileStmt>(Loop)) {
      Body = While->getBody();
      Cond = While->getCond();
    } else if (const auto *For = llvm::dyn_cast<ForStmt>(Loop)) {
      Body = For->getBody();
      Cond = For->getCond();
      if (!Cond)
        MayEndByCondition = false;
    } else if (const auto *Do = llvm::dyn_cast<DoStmt>(Loop)) {
      Body = Do->getBody();
      Cond = Do->getCond();
    } else {
      Body = llvm::cast<CXXForRangeStmt>(Loop)->getBody();
    }
    if (Cond && isConstantTrue(Cond))
      MayEndByCondition = false;
    ExitSet Inner = walk(Body);
    ExitSet Result =
        Inner.without({Exit::FallThrough, Exit::Break, Exit::Continue});
    if (Inner.has(Exit::Break) || MayEndByCondition)
      Result |= Exit::FallThrough;
    return Result;
  }

  ExitSet walkSwitch(const SwitchStmt *Switch) {
    ExitSet Inner = walk(Switch->getBody());
    bool HasDefault = false;
    for (const SwitchCase *Case = Switch->getSwitchCaseList(); Case;
         Case = Case->getNextSwitchCase())
      HasDefault |= llvm::isa<DefaultStmt>(Case);
    ExitSet Result = Inner.without({Exit::FallThrough, Exit::Break});
    if (Inner.has(Exit::FallThrough) || Inner.has(Exit::Break) || !HasDefault)
      Result |= Exit::FallThrough;
    return Result;
  }

  bool isConstantTrue(const Expr *Cond) const {
    if (Cond->isValueDependent() || Cond->isTypeDependent())
      return false;
    bool Value = false;
    return Cond->EvaluateAsBooleanCondition(Value, Ctx) && Value;
  }

  // An expression statement that never completes: a throw, or a call to a
  // function that does not return (std::rethrow_exception, std::terminate).
  static bool alwaysThrows(const Expr *E) {
    E = E->IgnoreImplicit()->IgnoreParens();
    if (const auto *Cast = llvm::dyn_cast<CStyleCastExpr>(E))
      if (Cast->getTypeAsWritten()->isVoidType())
        E = Cast->getSubExpr()->IgnoreImplicit()->IgnoreParens();
    if (llvm::isa<CXXThrowExpr>(E))
      return true;
    if (const auto *Call = llvm::dyn_cast<CallExpr>(E))
      if (const FunctionDecl *Callee = Call->getDirectCallee())
        return Callee->isNoReturn();
    return false;
  }

  const ASTContext &Ctx;
  BranchOracle Oracle;
  ExitSet Leaving;
};

} // namespace

ExitSet exitsOf(const Stmt *S, const ASTContext &Ctx, BranchOracle Oracle,
                ExitSet Leaving) {
  return ExitWalker(Ctx, Oracle, Leaving).walk(S);
}

BodyPaths::BodyPaths(const Stmt *Body) {
  // An explicit stack, in pre-order: a statement reached twice keeps the
  // parent it was reached from last.
  llvm::SmallVector<std::pair<const Stmt *, const Stmt *>, 64> Stack;
  if (Body)
    Stack.push_back({Body, nullptr});
  while (!Stack.empty()) {
    auto [S, Parent] = Stack.pop_back_val();
    if (Parent)
      Parents[S] = Parent;
    llvm::SmallVector<const Stmt *, 4> Children = evaluatedChildren(S);
    for (const Stmt *Child : llvm::reverse(Children))
      Stack.push_back({Child, S});
  }
}

bool BodyPaths::isInside(const Stmt *S, const Stmt *Ancestor) const {
  for (; S; S = parent(S))
    if (S == Ancestor)
      return true;
  return false;
}

const Stmt *BodyPaths::enclosingLoop(const Stmt *S) const {
  for (S = parent(S); S; S = parent(S))
    if (isLoop(S))
      return S;
  return nullptr;
}

const Stmt *BodyPaths::enclosingBreakTarget(const Stmt *S) const {
  for (S = parent(S); S; S = parent(S))
    if (isLoop(S) || llvm::isa<SwitchStmt>(S))
      return S;
  return nullptr;
}

bool BodyPaths::leadsTo(const Stmt *S, ExitSet Exits, StmtPredicate Holds,
                        const ASTContext &Ctx) const {
  if (Exits.has(Exit::Continue) && enclosingLoop(S))
    return true;
  if (Exits.has(Exit::Break))
    if (const Stmt *Target = enclosingBreakTarget(S);
        Target && reachesAfter(Target, Holds, Ctx))
      return true;
  return Exits.has(Exit::FallThrough) && reachesAfter(S, Holds, Ctx);
}

// Climbs from S to the statements that run after it completes normally.
bool BodyPaths::reachesAfter(const Stmt *S, StmtPredicate Holds,
                             const ASTContext &Ctx) const {
  for (;;) {
    const Stmt *P = parent(S);
    if (!P)
      return false;
    if (const auto *Compound = llvm::dyn_cast<CompoundStmt>(P)) {
      const auto *Next = llvm::find(Compound->body(), S);
      if (Next != Compound->body_end())
        ++Next;
      for (const Stmt *Sibling : llvm::make_range(Next, Compound->body_end())) {
        if (Holds(Sibling))
          return true;
        ExitSet Exits = exitsOf(Sibling, Ctx);
        if (leadsTo(Sibling, Exits.without(Exit::FallThrough), Holds, Ctx))
          return true;
        if (!Exits.has(Exit::FallThrough))
          return false;
      }
      S = P;
      continue;
    }
    // The loop runs its body again, and the body holds S.
    if (isLoop(P))
      return true;
    // A handler completes its `try` statement.
    if (llvm::isa<CXXCatchStmt>(P)) {
      S = parent(P);
      continue;
    }
    if (llvm::isa<CXXTryStmt, IfStmt, SwitchStmt, SwitchCase, LabelStmt,
                  AttributedStmt>(P)) {
      S = P;
      continue;
    }
    return false;
  }
}

} // namespace clang::tidy::async::utils
