//===--- Walk.cpp - walking a body with each expression's context ---------===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

#include "Walk.h"
#include "Coroutines.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ExprConcepts.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::async::utils {

namespace {

/// Operands that are never evaluated: nothing in them runs.
bool isUnevaluated(const Stmt *S) {
  if (llvm::isa<UnaryExprOrTypeTraitExpr, CXXNoexceptExpr, RequiresExpr,
                ConceptSpecializationExpr>(S))
    return true;
  if (const auto *TypeId = llvm::dyn_cast<CXXTypeidExpr>(S))
    return !TypeId->isPotentiallyEvaluated();
  return false;
}

/// Wrappers that stand where their operand is written and hand its value
/// on: an implicit conversion (`sock.accept().close()` converts the socket
/// to its base class) is used exactly as its operand is.
bool isTransparent(const Stmt *S) {
  return llvm::isa<ExprWithCleanups, ConstantExpr, MaterializeTemporaryExpr,
                   CXXBindTemporaryExpr, ImplicitCastExpr>(S);
}

bool isCastToVoid(const Stmt *S) {
  const auto *Cast = llvm::dyn_cast<ExplicitCastExpr>(S);
  return Cast && Cast->getTypeAsWritten()->isVoidType();
}

struct Pending {
  const Stmt *S;
  EvaluationContext Context;
};

/// Pushes the children of \p S with their contexts, given \p S's own.
void pushChildren(const Stmt *S, const EvaluationContext &Parent,
                  const ASTContext &Ctx,
                  llvm::SmallVectorImpl<Pending> &Stack) {
  llvm::SmallVector<Pending, 4> Children;
  auto With = [&Parent](ValueUse Use, bool Postfix = false) {
    EvaluationContext C = Parent;
    C.Use = Use;
    C.PostfixOperand = Postfix;
    return C;
  };
  const EvaluationContext Statement = With(ValueUse::Discarded);
  const EvaluationContext Operand = With(ValueUse::Used);
  const EvaluationContext Postfix = With(ValueUse::Used, true);
  auto Add = [&Children](const Stmt *Child, const EvaluationContext &C) {
    if (Child)
      Children.push_back({Child, C});
  };
  // A condition is either its variable's declaration or an expression.
  auto AddCondition = [&](const DeclStmt *Var, const Expr *Cond) {
    if (Var)
      Add(Var, Operand);
    else
      Add(Cond, Operand);
  };

  if (const auto *Compound = llvm::dyn_cast<CompoundStmt>(S)) {
    EvaluationContext InBlock = Statement;
    InBlock.Block = Compound;
    for (const Stmt *Child : Compound->body())
      Add(Child, InBlock);
  } else if (const auto *If = llvm::dyn_cast<IfStmt>(S)) {
    Add(If->getInit(), Statement);
    std::optional<const Stmt *> Kept =
        If->isConstexpr() ? If->getNondiscardedCase(Ctx) : std::nullopt;
    if (Kept) {
      // Only the branch `if constexpr` keeps is compiled.
      Add(*Kept, Statement);
    } else {
      AddCondition(If->getConditionVariableDeclStmt(), If->getCond());
      Add(If->getThen(), Statement);
      Add(If->getElse(), Statement);
    }
  } else if (const auto *While = llvm::dyn_cast<WhileStmt>(S)) {
    AddCondition(While->getConditionVariableDeclStmt(), While->getCond());
    Add(While->getBody(), Statement);
  } else if (const auto *For = llvm::dyn_cast<ForStmt>(S)) {
    Add(For->getInit(), Statement);
    AddCondition(For->getConditionVariableDeclStmt(), For->getCond());
    Add(For->getInc(), Statement);
    Add(For->getBody(), Statement);
  } else if (const auto *Do = llvm::dyn_cast<DoStmt>(S)) {
    Add(Do->getBody(), Statement);
    Add(Do->getCond(), Operand);
  } else if (const auto *Range = llvm::dyn_cast<CXXForRangeStmt>(S)) {
    Add(Range->getInit(), Statement);
    Add(Range->getRangeInit(), Operand);
    Add(Range->getBody(), Statement);
  } else if (const auto *Switch = llvm::dyn_cast<SwitchStmt>(S)) {
    Add(Switch->getInit(), Statement);
    AddCondition(Switch->getConditionVariableDeclStmt(), Switch->getCond());
    Add(Switch->getBody(), Statement);
  } else if (const auto *Case = llvm::dyn_cast<SwitchCase>(S)) {
    Add(Case->getSubStmt(), Statement);
  } else if (const auto *Label = llvm::dyn_cast<LabelStmt>(S)) {
    Add(Label->getSubStmt(), Statement);
  } else if (const auto *Attributed = llvm::dyn_cast<AttributedStmt>(S)) {
    Add(Attributed->getSubStmt(), Statement);
  } else if (const auto *Catch = llvm::dyn_cast<CXXCatchStmt>(S)) {
    // `co_await` is ill-formed inside a handler.
    EvaluationContext InHandler = Statement;
    InHandler.InHandler = true;
    InHandler.NoAwait = true;
    Add(Catch->getHandlerBlock(), InHandler);
  } else if (llvm::isa<CXXTryStmt>(S)) {
    for (const Stmt *Child : S->children())
      Add(Child, Statement);
  } else if (const auto *Decls = llvm::dyn_cast<DeclStmt>(S)) {
    for (const Decl *D : Decls->decls())
      if (const auto *Var = llvm::dyn_cast<VarDecl>(D)) {
        // Nor may a static local's initialiser await.
        EvaluationContext Init = Operand;
        Init.NoAwait = Parent.NoAwait || Var->isStaticLocal();
        Add(Var->getInit(), Init);
      }
  } else if (isCastToVoid(S)) {
    Add(llvm::cast<ExplicitCastExpr>(S)->getSubExpr(),
        With(ValueUse::VoidCast));
  } else if (const auto *Binary = llvm::dyn_cast<BinaryOperator>(S);
             Binary && Binary->isCommaOp()) {
    Add(Binary->getLHS(), Statement);
    Add(Binary->getRHS(), With(Parent.Use));
  } else if (const auto *Cond =
                 llvm::dyn_cast<AbstractConditionalOperator>(S)) {
    Add(Cond->getCond(), Operand);
    Add(Cond->getTrueExpr(), With(Parent.Use));
    Add(Cond->getFalseExpr(), With(Parent.Use));
  } else if (isTransparent(S)) {
    for (const Stmt *Child : S->children())
      Add(Child, Parent);
  } else if (const auto *Paren = llvm::dyn_cast<ParenExpr>(S)) {
    Add(Paren->getSubExpr(), With(Parent.Use));
  } else if (const auto *Member = llvm::dyn_cast<MemberExpr>(S)) {
    Add(Member->getBase(), Postfix);
  } else if (const auto *Subscript = llvm::dyn_cast<ArraySubscriptExpr>(S)) {
    Add(Subscript->getLHS(), Postfix);
    Add(Subscript->getRHS(), Operand);
  } else if (const auto *Op = llvm::dyn_cast<CXXOperatorCallExpr>(S)) {
    const bool PostfixOp = Op->getOperator() == OO_Arrow ||
                           Op->getOperator() == OO_Call ||
                           Op->getOperator() == OO_Subscript;
    for (unsigned I = 0, N = Op->getNumArgs(); I < N; ++I)
      Add(Op->getArg(I), I == 0 && PostfixOp ? Postfix : Operand);
  } else if (const auto *Call = llvm::dyn_cast<CallExpr>(S)) {
    Add(Call->getCallee(), Postfix);
    for (const Expr *Arg : Call->arguments())
      Add(Arg, Operand);
  } else {
    for (const Stmt *Child : evaluatedChildren(S))
      Add(Child, Operand);
  }
  // Reverse, so that children are visited in source order.
  for (auto It = Children.rbegin(), End = Children.rend(); It != End; ++It)
    Stack.push_back(*It);
}

} // namespace

void forEachEvaluatedStmtInContext(
    const Stmt *Root, const ASTContext &Ctx,
    llvm::function_ref<bool(const Stmt *, const EvaluationContext &)> Visit) {
  // An explicit stack: deeply nested expressions must not overflow the
  // native stack.
  llvm::SmallVector<Pending, 64> Stack;
  if (Root)
    Stack.push_back({Root, {}});
  while (!Stack.empty()) {
    const Pending Item = Stack.pop_back_val();
    if (isUnevaluated(Item.S) || !Visit(Item.S, Item.Context))
      continue;
    pushChildren(Item.S, Item.Context, Ctx, Stack);
  }
}

} // namespace clang::tidy::async::utils
