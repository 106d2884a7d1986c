//===--- SharedState.cpp - state other coroutines can change --------------===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

#include "SharedState.h"
#include "Coroutines.h"
#include "Frameworks.h"
#include "Names.h"
#include "TaskTypes.h"
#include "clang/AST/DeclCXX.h"
#include "llvm/ADT/StringRef.h"

namespace clang::tidy::async::utils {

namespace {

/// Whether a variable of type \p T is one whose value other code may change:
/// not a constant, not an atomic (read and written by its own operations).
bool isChangeable(QualType T) {
  if (T.isNull() || T.isConstQualified() || T->isReferenceType())
    return false;
  if (const CXXRecordDecl *Class = T->getAsCXXRecordDecl())
    return !llvm::StringRef(qualifiedName(identityOf(Class)))
                .starts_with("std::atomic");
  return true;
}

/// Whether \p Function, a lambda's call operator, captured \p Var by
/// reference.
bool capturedByReference(const VarDecl *Var, const FunctionDecl *Function,
                         const BodyTree &Tree) {
  const auto *Method = llvm::dyn_cast<CXXMethodDecl>(Function);
  if (!Method || !Method->getParent()->isLambda())
    return false;
  const LambdaExpr *Lambda = Tree.lambdaOf(Method->getParent());
  return Lambda &&
         llvm::any_of(Lambda->captures(), [&](const LambdaCapture &C) {
           return C.capturesVariable() && C.getCapturedVar() == Var &&
                  C.getCaptureKind() == LCK_ByRef;
         });
}

} // namespace

const ValueDecl *sharedStateOf(const Expr *E, const FunctionDecl *Function,
                               const BodyTree &Tree) {
  if (!E)
    return nullptr;
  E = E->IgnoreParenImpCasts();
  if (const auto *Member = llvm::dyn_cast<MemberExpr>(E)) {
    const ValueDecl *D = Member->getMemberDecl();
    if (const auto *Var = llvm::dyn_cast<VarDecl>(D))
      return Var->hasGlobalStorage() && isChangeable(Var->getType()) ? Var
                                                                     : nullptr;
    const bool OnThis =
        llvm::isa<CXXThisExpr>(Member->getBase()->IgnoreParenImpCasts());
    return OnThis && llvm::isa<FieldDecl>(D) && isChangeable(D->getType())
               ? D
               : nullptr;
  }
  const auto *Ref = llvm::dyn_cast<DeclRefExpr>(E);
  const auto *Var = Ref ? llvm::dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  if (!Var || !isChangeable(Var->getType()) || Var->isConstexpr())
    return nullptr;
  if (Var->hasGlobalStorage())
    return Var;
  if (Ref->refersToEnclosingVariableOrCapture() &&
      capturedByReference(Var, Function, Tree))
    return Var;
  return nullptr;
}

std::optional<StateWrite> stateWriteOf(const Stmt *S,
                                       const FunctionDecl *Function,
                                       const BodyTree &Tree) {
  StateWrite W;
  W.Write = llvm::dyn_cast_or_null<Expr>(S);
  if (const auto *Binary = llvm::dyn_cast_or_null<BinaryOperator>(S);
      Binary && Binary->isAssignmentOp()) {
    W.Target = Binary->getLHS();
    W.Value = Binary->getRHS();
    W.Op = Binary->getOpcode();
  } else if (const auto *Unary = llvm::dyn_cast_or_null<UnaryOperator>(S);
             Unary && Unary->isIncrementDecrementOp()) {
    W.Target = Unary->getSubExpr();
  } else if (const auto *Call = llvm::dyn_cast_or_null<CXXOperatorCallExpr>(S);
             Call && Call->getNumArgs() >= 1) {
    const OverloadedOperatorKind Kind = Call->getOperator();
    if (Kind == OO_PlusPlus || Kind == OO_MinusMinus) {
      W.Target = Call->getArg(0);
    } else if (Call->isAssignmentOp() && Call->getNumArgs() == 2) {
      W.Target = Call->getArg(0);
      W.Value = Call->getArg(1);
      W.Op = BinaryOperator::getOverloadedOpcode(Kind);
    }
  }
  if (!W.Target)
    return std::nullopt;
  W.State = sharedStateOf(W.Target, Function, Tree);
  if (!W.State)
    return std::nullopt;
  return W;
}

bool acquiresAsyncMutex(const Expr *Await, const ValueDecl *&Mutex) {
  Mutex = nullptr;
  const Expr *Operand = suspensionOperand(Await);
  const auto *Call = llvm::dyn_cast_or_null<CXXMemberCallExpr>(
      Operand ? ignoreValuePreserving(Operand)->IgnoreParenImpCasts()
              : nullptr);
  if (!Call || !isAsyncMutexLock(Call->getMethodDecl()))
    return false;
  const Expr *Object = Call->getImplicitObjectArgument()->IgnoreParenImpCasts();
  if (const auto *Ref = llvm::dyn_cast<DeclRefExpr>(Object))
    Mutex = Ref->getDecl();
  else if (const auto *Member = llvm::dyn_cast<MemberExpr>(Object))
    Mutex = Member->getMemberDecl();
  return true;
}

} // namespace clang::tidy::async::utils
