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

/// Collects the children of one statement with their contexts, given the
/// statement's own.
class Children {
public:
  Children(const EvaluationContext &Parent, const ASTContext &Ctx)
      : Parent(Parent), Ctx(Ctx), Statement(with(ValueUse::Discarded)),
        Operand(with(ValueUse::Used)), Postfix(with(ValueUse::Used, true)) {}

  /// Pushes them onto \p Stack, so that they are visited in source order.
  void pushOnto(llvm::SmallVectorImpl<Pending> &Stack) const {
    for (auto It = Found.rbegin(), End = Found.rend(); It != End; ++It)
      Stack.push_back(*It);
  }

  /// The children of a statement that is not an expression; false for an
  /// expression.
  bool ofStatement(const Stmt *S);
  /// The children of an expression.
  void ofExpression(const Stmt *S);

private:
  EvaluationContext with(ValueUse Use, bool IsPostfix = false) const {
    EvaluationContext C = Parent;
    C.Use = Use;
    C.PostfixOperand = IsPostfix;
    return C;
  }
  void add(const Stmt *Child, const EvaluationContext &C) {
    if (Child)
      Found.push_back({Child, C});
  }
  /// A condition is either its variable's declaration or an expression.
  void addCondition(const DeclStmt *Var, const Expr *Cond) {
    if (Var)
      add(Var, Operand);
    else
      add(Cond, Operand);
  }

  const EvaluationContext &Parent;
  const ASTContext &Ctx;
  const EvaluationContext Statement, Operand, Postfix;
  llvm::SmallVector<Pending, 4> Found;
};

bool Children::ofStatement(const Stmt *S) {
  if (const auto *Compound = llvm::dyn_cast<CompoundStmt>(S)) {
    EvaluationContext InBlock = Statement;
    InBlock.Block = Compound;
    for (const Stmt *Child : Compound->body())
      add(Child, InBlock);
  } else if (const auto *If = llvm::dyn_cast<IfStmt>(S)) {
    add(If->getInit(), Statement);
    std::optional<const Stmt *> Kept =
        If->isConstexpr() ? If->getNondiscardedCase(Ctx) : std::nullopt;
    if (Kept) {
      // Only the branch `if constexpr` keeps is compiled.
      add(*Kept, Statement);
    } else {
      addCondition(If->getConditionVariableDeclStmt(), If->getCond());
      add(If->getThen(), Statement);
      add(If->getElse(), Statement);
    }
  } else if (const auto *While = llvm::dyn_cast<WhileStmt>(S)) {
    addCondition(While->getConditionVariableDeclStmt(), While->getCond());
    add(While->getBody(), Statement);
  } else if (const auto *For = llvm::dyn_cast<ForStmt>(S)) {
    add(For->getInit(), Statement);
    addCondition(For->getConditionVariableDeclStmt(), For->getCond());
    add(For->getInc(), Statement);
    add(For->getBody(), Statement);
  } else if (const auto *Do = llvm::dyn_cast<DoStmt>(S)) {
    add(Do->getBody(), Statement);
    add(Do->getCond(), Operand);
  } else if (const auto *Range = llvm::dyn_cast<CXXForRangeStmt>(S)) {
    add(Range->getInit(), Statement);
    add(Range->getRangeInit(), Operand);
    add(Range->getBody(), Statement);
  } else if (const auto *Switch = llvm::dyn_cast<SwitchStmt>(S)) {
    add(Switch->getInit(), Statement);
    addCondition(Switch->getConditionVariableDeclStmt(), Switch->getCond());
    add(Switch->getBody(), Statement);
  } else if (const auto *Case = llvm::dyn_cast<SwitchCase>(S)) {
    add(Case->getSubStmt(), Statement);
  } else if (const auto *Label = llvm::dyn_cast<LabelStmt>(S)) {
    add(Label->getSubStmt(), Statement);
  } else if (const auto *Attributed = llvm::dyn_cast<AttributedStmt>(S)) {
    add(Attributed->getSubStmt(), Statement);
  } else if (const auto *Catch = llvm::dyn_cast<CXXCatchStmt>(S)) {
    // `co_await` is ill-formed inside a handler.
    EvaluationContext InHandler = Statement;
    InHandler.InHandler = true;
    InHandler.NoAwait = true;
    add(Catch->getHandlerBlock(), InHandler);
  } else if (llvm::isa<CXXTryStmt>(S)) {
    for (const Stmt *Child : S->children())
      add(Child, Statement);
  } else if (const auto *Decls = llvm::dyn_cast<DeclStmt>(S)) {
    for (const Decl *D : Decls->decls())
      if (const auto *Var = llvm::dyn_cast<VarDecl>(D)) {
        // Nor may a static local's initialiser await.
        EvaluationContext Init = Operand;
        Init.NoAwait = Parent.NoAwait || Var->isStaticLocal();
        add(Var->getInit(), Init);
      }
  } else {
    return false;
  }
  return true;
}

void Children::ofExpression(const Stmt *S) {
  if (isCastToVoid(S)) {
    add(llvm::cast<ExplicitCastExpr>(S)->getSubExpr(),
        with(ValueUse::VoidCast));
  } else if (const auto *Binary = llvm::dyn_cast<BinaryOperator>(S);
             Binary && Binary->isCommaOp()) {
    add(Binary->getLHS(), Statement);
    add(Binary->getRHS(), with(Parent.Use));
  } else if (const auto *Cond =
                 llvm::dyn_cast<AbstractConditionalOperator>(S)) {
    add(Cond->getCond(), Operand);
    add(Cond->getTrueExpr(), with(Parent.Use));
    add(Cond->getFalseExpr(), with(Parent.Use));
  } else if (isTransparent(S)) {
    for (const Stmt *Child : S->children())
      add(Child, Parent);
  } else if (const auto *Paren = llvm::dyn_cast<ParenExpr>(S)) {
    add(Paren->getSubExpr(), with(Parent.Use));
  } else if (const auto *Member = llvm::dyn_cast<MemberExpr>(S)) {
    add(Member->getBase(), Postfix);
  } else if (const auto *Subscript = llvm::dyn_cast<ArraySubscriptExpr>(S)) {
    add(Subscript->getLHS(), Postfix);
    add(Subscript->getRHS(), Operand);
  } else if (const auto *Op = llvm::dyn_cast<CXXOperatorCallExpr>(S)) {
    const bool PostfixOp = Op->getOperator() == OO_Arrow ||
                           Op->getOperator() == OO_Call ||
                           Op->getOperator() == OO_Subscript;
    for (unsigned I = 0, N = Op->getNumArgs(); I < N; ++I)
      add(Op->getArg(I), I == 0 && PostfixOp ? Postfix : Operand);
  } else if (const auto *Call = llvm::dyn_cast<CallExpr>(S)) {
    add(Call->getCallee(), Postfix);
    for (const Expr *Arg : Call->arguments())
      add(Arg, Operand);
  } else {
    for (const Stmt *Child : evaluatedChildren(S))
      add(Child, Operand);
  }
}

/// Pushes the children of \p S with their contexts, given \p S's own.
void pushChildren(const Stmt *S, const EvaluationContext &Parent,
                  const ASTContext &Ctx,
                  llvm::SmallVectorImpl<Pending> &Stack) {
  Children Of(Parent, Ctx);
  if (!Of.ofStatement(S))
    Of.ofExpression(S);
  Of.pushOnto(Stack);
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
