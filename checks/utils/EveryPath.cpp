//===--- EveryPath.cpp - what a function does whenever it runs ------------===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

#include "EveryPath.h"
#include "Coroutines.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMap.h"
#include "clang/AST/StmtCXX.h"

namespace clang::tidy::async::utils {

EveryPath::EveryPath() = default;
EveryPath::~EveryPath() = default;
EveryPath::EveryPath(EveryPath &&) = default;
EveryPath &EveryPath::operator=(EveryPath &&) = default;

void EveryPath::clear() { Parents.clear(); }

const ParentMap *EveryPath::parentsOf(const FunctionDecl *Function) {
  auto [It, New] = Parents.try_emplace(Function);
  if (New) {
    Stmt *Body = Function->getBody();
    if (!Body)
      return nullptr;
    It->second = std::make_unique<ParentMap>(Body);
    for (const Expr *Init : initializerExprs(Function))
      It->second->addStmt(const_cast<Expr *>(Init));
  }
  return It->second.get();
}

namespace {

bool isLoop(const Stmt *S) {
  return llvm::isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt>(S);
}

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

/// Whether \p Child runs each time its parent \p P runs, as far as \p P
/// decides.
bool alwaysRunsIn(const Stmt *P, const Stmt *Child) {
  if (const auto *If = llvm::dyn_cast<IfStmt>(P))
    return Child != If->getThen() && Child != If->getElse();
  if (const auto *Switch = llvm::dyn_cast<SwitchStmt>(P))
    return Child != Switch->getBody();
  if (const auto *Cond = llvm::dyn_cast<AbstractConditionalOperator>(P))
    return Child == Cond->getCond();
  if (const auto *Binary = llvm::dyn_cast<BinaryOperator>(P))
    return !Binary->isLogicalOp() || Child == Binary->getLHS();
  if (llvm::isa<CXXCatchStmt, CaseStmt, DefaultStmt>(P))
    return false;
  if (const auto *Block = llvm::dyn_cast<CompoundStmt>(P)) {
    for (const Stmt *Before : Block->body()) {
      if (Before == Child)
        break;
      if (canLeave(Before))
        return false;
    }
  }
  return true;
}

} // namespace

bool EveryPath::runsWhenever(const FunctionDecl *Function, const Stmt *S) {
  const ParentMap *PM = Function && S ? parentsOf(Function) : nullptr;
  if (!PM || !PM->hasParent(S))
    return PM && S == Function->getBody();
  const Stmt *Child = S;
  for (const Stmt *P = PM->getParent(S); P; Child = P, P = PM->getParent(P))
    if (!alwaysRunsIn(P, Child))
      return false;
  return true;
}

} // namespace clang::tidy::async::utils
