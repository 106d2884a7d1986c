//===--- Coroutines.cpp - what a coroutine is, and walking its body -------===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

#include "Coroutines.h"
#include "BodyTree.h"
#include "Frameworks.h"
#include "Names.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprObjC.h"
#include "clang/ASTMatchers/ASTMatchers.h"

using namespace clang::ast_matchers;

namespace clang::tidy::async::utils {

static constexpr llvm::StringLiteral FunctionId = "function";
static constexpr llvm::StringLiteral LambdaId = "lambda";

const CoroutineBodyStmt *getCoroutineBody(const FunctionDecl *FD) {
  if (!FD || !FD->doesThisDeclarationHaveABody())
    return nullptr;
  return llvm::dyn_cast_or_null<CoroutineBodyStmt>(FD->getBody());
}

const Stmt *getUserBody(const FunctionDecl *FD) {
  if (const CoroutineBodyStmt *Coro = getCoroutineBody(FD))
    return Coro->getBody();
  return FD ? FD->getBody() : nullptr;
}

bool isInTemplateInstantiation(const Decl *D) {
  for (; D; D = llvm::dyn_cast_or_null<Decl>(D->getDeclContext())) {
    if (const auto *FD = llvm::dyn_cast<FunctionDecl>(D)) {
      if (FD->isTemplateInstantiation())
        return true;
    } else if (const auto *Spec =
                   llvm::dyn_cast<ClassTemplateSpecializationDecl>(D)) {
      if (Spec->getSpecializationKind() != TSK_ExplicitSpecialization)
        return true;
    } else if (const auto *RD = llvm::dyn_cast<CXXRecordDecl>(D)) {
      if (RD->getTemplateSpecializationKind() == TSK_ImplicitInstantiation)
        return true;
    }
  }
  return false;
}

const Expr *soleReturnValue(const FunctionDecl *F) {
  const auto *Body =
      F ? llvm::dyn_cast_or_null<CompoundStmt>(F->getBody()) : nullptr;
  if (!Body || Body->size() != 1)
    return nullptr;
  const auto *Return = llvm::dyn_cast<ReturnStmt>(Body->body_front());
  return Return ? Return->getRetValue() : nullptr;
}

std::optional<bool> constantResult(const FunctionDecl *Method) {
  const Expr *Value = soleReturnValue(Method);
  const auto *Literal =
      Value ? llvm::dyn_cast<CXXBoolLiteralExpr>(Value->IgnoreImpCasts())
            : nullptr;
  if (!Literal)
    return std::nullopt;
  return Literal->getValue();
}

bool isSuspensionPoint(const Stmt *S) {
  // In a template, what the framework documents as never suspending is
  // known from the operand's type when that does not depend on the
  // arguments (`co_await this_coro::executor` in a class template).
  if (const auto *Dependent = llvm::dyn_cast_or_null<DependentCoawaitExpr>(S))
    return !Dependent->getOperand() ||
           Dependent->getOperand()->isTypeDependent() ||
           !completesAtOnce(Dependent->getOperand()->getType());
  const auto *Suspend = llvm::dyn_cast_or_null<CoroutineSuspendExpr>(S);
  if (!Suspend)
    return false;
  const Expr *Ready = Suspend->getReadyExpr();
  if (!Ready)
    return true;
  // What the framework documents as never suspending, whether or not the
  // awaiter's body was parsed.
  if (const Expr *Operand = Suspend->getOperand();
      Operand && completesAtOnce(Operand->getType()))
    return false;
  Ready = Ready->IgnoreImplicit();
  // `await_ready()` of a standard awaiter may be a constant expression.
  if (const auto *Call = llvm::dyn_cast<CallExpr>(Ready))
    if (constantResult(Call->getDirectCallee()).value_or(false))
      return false;
  return true;
}

bool neverSuspends(const FunctionDecl *FD) {
  const FunctionDecl *Definition = FD ? FD->getDefinition() : nullptr;
  const CoroutineBodyStmt *Body = getCoroutineBody(Definition);
  if (!Body || !Body->getBody())
    return false;
  bool Suspends = false;
  forEachEvaluatedStmt(Body->getBody(), [&Suspends](const Stmt *S) {
    Suspends |= isSuspensionPoint(S) || llvm::isa<CoyieldExpr>(S);
    return !Suspends;
  });
  return !Suspends;
}

bool containsSuspensionPoint(const Stmt *S) {
  bool Found = false;
  forEachEvaluatedStmt(S, [&Found](const Stmt *Child) {
    Found |= isSuspensionPoint(Child);
    return !Found;
  });
  return Found;
}

const Expr *suspensionOperand(const Stmt *S) {
  if (const auto *Suspend = llvm::dyn_cast_or_null<CoroutineSuspendExpr>(S))
    return Suspend->getOperand();
  if (const auto *Await = llvm::dyn_cast_or_null<DependentCoawaitExpr>(S))
    return Await->getOperand();
  return nullptr;
}

bool containsCompileErrors(const FunctionDecl *FD) {
  if (!FD || FD->isInvalidDecl())
    return true;
  llvm::SmallVector<const Stmt *, 64> Stack;
  if (const Stmt *Body = FD->getBody())
    Stack.push_back(Body);
  while (!Stack.empty()) {
    const Stmt *S = Stack.pop_back_val();
    // An expression carries the error bit of every sub-expression, so the
    // walk need not enter it.
    if (const auto *E = llvm::dyn_cast<Expr>(S)) {
      if (E->containsErrors())
        return true;
      continue;
    }
    if (const auto *DS = llvm::dyn_cast<DeclStmt>(S))
      for (const Decl *D : DS->decls())
        if (D->isInvalidDecl())
          return true;
    for (const Stmt *Child : S->children())
      if (Child)
        Stack.push_back(Child);
  }
  return false;
}

void matchFunctionDefinitions(MatchFinder *Finder,
                              MatchFinder::MatchCallback *CB) {
  Finder->addMatcher(
      functionDecl(isDefinition(),
                   unless(cxxMethodDecl(ofClass(cxxRecordDecl(isLambda())))))
          .bind(FunctionId),
      CB);
  Finder->addMatcher(lambdaExpr().bind(LambdaId), CB);
}

const FunctionDecl *getMatchedFunction(const MatchFinder::MatchResult &Result) {
  const FunctionDecl *FD = Result.Nodes.getNodeAs<FunctionDecl>(FunctionId);
  if (!FD)
    if (const auto *Lambda = Result.Nodes.getNodeAs<LambdaExpr>(LambdaId))
      FD = Lambda->getCallOperator();
  if (!FD || !FD->doesThisDeclarationHaveABody() || FD->isDefaulted() ||
      isInTemplateInstantiation(FD) || containsCompileErrors(FD))
    return nullptr;
  return FD;
}

llvm::SmallVector<const Expr *, 4> initializerExprs(const FunctionDecl *FD) {
  llvm::SmallVector<const Expr *, 4> Exprs;
  const auto *Ctor = llvm::dyn_cast_or_null<CXXConstructorDecl>(FD);
  if (!Ctor)
    return Exprs;
  for (const CXXCtorInitializer *Init : Ctor->inits()) {
    const Expr *E = Init->getInit();
    // A default member initializer is evaluated here, but written in the
    // class: CXXDefaultInitExpr has no children.
    if (const auto *Default = llvm::dyn_cast_or_null<CXXDefaultInitExpr>(E))
      E = Default->getExpr();
    if (E)
      Exprs.push_back(E);
  }
  return Exprs;
}

llvm::SmallVector<const Stmt *, 4> evaluatedChildren(const Stmt *S) {
  llvm::SmallVector<const Stmt *, 4> Children;
  if (!S)
    return Children;
  if (const auto *Lambda = llvm::dyn_cast<LambdaExpr>(S)) {
    for (const Expr *Init : Lambda->capture_inits())
      if (Init)
        Children.push_back(Init);
    return Children;
  }
  if (llvm::isa<BlockExpr>(S))
    return Children;
  if (const auto *Suspend = llvm::dyn_cast<CoroutineSuspendExpr>(S)) {
    if (const Expr *Operand = Suspend->getOperand())
      Children.push_back(Operand);
    return Children;
  }
  if (const auto *Await = llvm::dyn_cast<DependentCoawaitExpr>(S)) {
    Children.push_back(Await->getOperand());
    return Children;
  }
  if (const auto *Return = llvm::dyn_cast<CoreturnStmt>(S)) {
    if (const Expr *Operand = Return->getOperand())
      Children.push_back(Operand);
    return Children;
  }
  for (const Stmt *Child : S->children())
    if (Child)
      Children.push_back(Child);
  return Children;
}

void forEachEvaluatedStmt(const Stmt *Root,
                          llvm::function_ref<bool(const Stmt *)> Visit) {
  // An explicit stack: deeply nested expressions must not overflow the
  // native stack.
  llvm::SmallVector<const Stmt *, 64> Stack;
  if (Root)
    Stack.push_back(Root);
  while (!Stack.empty()) {
    const Stmt *S = Stack.pop_back_val();
    if (!Visit(S))
      continue;
    llvm::SmallVector<const Stmt *, 4> Children = evaluatedChildren(S);
    // Push in reverse so that children are visited in source order.
    for (auto It = Children.rbegin(), End = Children.rend(); It != End; ++It)
      Stack.push_back(*It);
  }
}

bool calleeIsCoroutine(const FunctionDecl *Callee) {
  return !Callee || !declaredInLibraryHeader(Callee);
}

const FunctionDecl *handedFunction(const Expr *Arg) {
  Arg = ignoreValuePreserving(Arg)->IgnoreParenImpCasts();
  if (const auto *Call = llvm::dyn_cast<CallExpr>(Arg))
    return Call->getDirectCallee();
  if (const auto *Op = llvm::dyn_cast<UnaryOperator>(Arg);
      Op && Op->getOpcode() == UO_AddrOf)
    Arg = Op->getSubExpr()->IgnoreParenImpCasts();
  if (const auto *Ref = llvm::dyn_cast<DeclRefExpr>(Arg))
    return llvm::dyn_cast<FunctionDecl>(Ref->getDecl());
  if (const auto *Lambda = llvm::dyn_cast<LambdaExpr>(Arg))
    return Lambda->getCallOperator();
  return nullptr;
}

const VarDecl *handedVariable(const Expr *Arg) {
  const Expr *E = ignoreValuePreserving(Arg)->IgnoreParenImpCasts();
  if (const auto *Construct = llvm::dyn_cast<CXXConstructExpr>(E);
      Construct && Construct->getNumArgs() == 1 &&
      Construct->getConstructor()->isCopyOrMoveConstructor())
    E = Construct->getArg(0)->IgnoreParenImpCasts();
  if (const auto *Move = llvm::dyn_cast<CallExpr>(E);
      Move && Move->isCallToStdMove() && Move->getNumArgs() == 1)
    E = Move->getArg(0)->IgnoreParenImpCasts();
  const auto *Ref = llvm::dyn_cast<DeclRefExpr>(E);
  return Ref ? llvm::dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
}

llvm::SmallVector<const CXXMemberCallExpr *, 4>
appendsTo(const Stmt *Body, const VarDecl *Container) {
  llvm::SmallVector<const CXXMemberCallExpr *, 4> Appends;
  forEachEvaluatedStmt(Body, [&](const Stmt *S) {
    const auto *Push = llvm::dyn_cast<CXXMemberCallExpr>(S);
    const CXXMethodDecl *Method = Push ? Push->getMethodDecl() : nullptr;
    if (!Method || !Method->getIdentifier() || Push->getNumArgs() != 1 ||
        (Method->getName() != "push_back" &&
         Method->getName() != "emplace_back"))
      return true;
    const auto *Object = llvm::dyn_cast<DeclRefExpr>(
        Push->getImplicitObjectArgument()->IgnoreParenImpCasts());
    if (Object && Object->getDecl() == Container)
      Appends.push_back(Push);
    return true;
  });
  return Appends;
}

bool mentionsOutside(const Stmt *S, const ValueDecl *D, const Stmt *Except) {
  llvm::SmallVector<const Stmt *, 32> Stack{S};
  while (!Stack.empty()) {
    const Stmt *Current = Stack.pop_back_val();
    if (!Current || Current == Except)
      continue;
    if (const auto *Ref = llvm::dyn_cast<DeclRefExpr>(Current);
        Ref && Ref->getDecl() == D)
      return true;
    Stack.append(Current->child_begin(), Current->child_end());
  }
  return false;
}

bool mentions(const Stmt *S, const ValueDecl *D) {
  return mentionsOutside(S, D, nullptr);
}

const Expr *ignoreValuePreserving(const Expr *E) {
  while (E) {
    const Expr *Next = E->IgnoreParens();
    if (const auto *Cleanups = llvm::dyn_cast<ExprWithCleanups>(Next))
      Next = Cleanups->getSubExpr();
    else if (const auto *Temp = llvm::dyn_cast<MaterializeTemporaryExpr>(Next))
      Next = Temp->getSubExpr();
    else if (const auto *Bind = llvm::dyn_cast<CXXBindTemporaryExpr>(Next))
      Next = Bind->getSubExpr();
    else if (const auto *Cast = llvm::dyn_cast<ImplicitCastExpr>(Next)) {
      if (Cast->getCastKind() != CK_NoOp)
        return Next;
      Next = Cast->getSubExpr();
    } else if (const auto *Construct = llvm::dyn_cast<CXXConstructExpr>(Next)) {
      // A copy or move of a temporary (elided or not) keeps its meaning.
      if (Construct->getNumArgs() != 1 ||
          !Construct->getConstructor()->isCopyOrMoveConstructor() ||
          !llvm::isa<MaterializeTemporaryExpr>(Construct->getArg(0)))
        return Next;
      Next = Construct->getArg(0);
    }
    if (Next == E)
      return E;
    E = Next;
  }
  return E;
}

std::optional<bool> hopsToThreadPool(const Stmt *Await) {
  const auto *Suspend = llvm::dyn_cast<CoawaitExpr>(Await);
  if (!Suspend)
    return std::nullopt;
  const auto *Call = llvm::dyn_cast<CXXMemberCallExpr>(
      ignoreValuePreserving(Suspend->getOperand())->IgnoreParenImpCasts());
  const CXXMethodDecl *Method = Call ? Call->getMethodDecl() : nullptr;
  if (!Method || !Method->getIdentifier() || Method->getName() != "schedule")
    return std::nullopt;
  return isThreadPool(Call->getImplicitObjectArgument()->getType());
}

bool spawnedOntoThreadPool(const FunctionDecl *Coroutine, BodyTrees &Trees) {
  const auto *Method = llvm::dyn_cast_or_null<CXXMethodDecl>(Coroutine);
  if (!Method || !Method->getParent()->isLambda())
    return false;
  const BodyTree *Tree = Trees.of(Method);
  const LambdaExpr *Lambda =
      Tree ? Tree->lambdaOf(Method->getParent()) : nullptr;
  // The call the lambda expression is an argument of, through the implicit
  // nodes between them.
  const Stmt *Current = Lambda;
  const CallExpr *Call = nullptr;
  while (Current && !Call) {
    Call = llvm::dyn_cast<CallExpr>(Current);
    if (Call ||
        !llvm::isa<LambdaExpr, ImplicitCastExpr, MaterializeTemporaryExpr,
                   CXXBindTemporaryExpr, ExprWithCleanups, CXXConstructExpr,
                   CXXFunctionalCastExpr>(Current))
      break;
    Current = Tree->parent(Current);
  }
  if (!Call || Call->getNumArgs() < 2)
    return false;
  const FunctionDecl *Callee = Call->getDirectCallee();
  const DetachedStart *Start = Callee ? detachedStart(Callee) : nullptr;
  if (!Start || Start->Kind != DetachKind::SpawnWithToken)
    return false;
  const auto *Handed = llvm::dyn_cast<LambdaExpr>(
      ignoreValuePreserving(Call->getArg(1))->IgnoreParenImpCasts());
  return Handed && Handed->getCallOperator() == Method &&
         isThreadPool(Call->getArg(0)->getType());
}

} // namespace clang::tidy::async::utils
