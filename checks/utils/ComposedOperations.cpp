//===--- ComposedOperations.cpp - operations a program composes -----------===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

#include "ComposedOperations.h"
#include "Coroutines.h"
#include "ErrorCodes.h"
#include "Frameworks.h"
#include "Names.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallVector.h"
#include <optional>

namespace clang::tidy::async::utils {

namespace {

/// The implementation object's class, when \p Def's body is one
/// `return composer(impl, ...);`.
const CXXRecordDecl *composedImplementation(const FunctionDecl *Def) {
  const Expr *Value = soleReturnValue(Def);
  const auto *Call =
      Value ? llvm::dyn_cast<CallExpr>(Value->IgnoreUnlessSpelledInSource())
            : nullptr;
  if (!Call || Call->getNumArgs() == 0 ||
      !isOperationComposer(Call->getDirectCallee()))
    return nullptr;
  return Call->getArg(0)->IgnoreImplicit()->getType()->getAsCXXRecordDecl();
}

/// The call operators of \p Class as written: a template's pattern, not its
/// instantiations, which an editor's preamble may never make (the framework
/// instantiates them in header bodies it skips). One answer wherever the
/// unit is parsed.
llvm::SmallVector<const CXXMethodDecl *, 4>
writtenCallOperators(const CXXRecordDecl *Class) {
  llvm::SmallVector<const CXXMethodDecl *, 4> Operators;
  auto Add = [&](const FunctionDecl *F) {
    if (F && F->getOverloadedOperator() == OO_Call &&
        F->doesThisDeclarationHaveABody())
      Operators.push_back(llvm::cast<CXXMethodDecl>(F));
  };
  for (const Decl *D : Class->decls()) {
    if (const auto *Template = llvm::dyn_cast<FunctionTemplateDecl>(D))
      Add(Template->getTemplatedDecl());
    else
      Add(llvm::dyn_cast<CXXMethodDecl>(D));
  }
  return Operators;
}

/// The function a call names, also when its callee depends on a template
/// parameter (`net::post(...)`, `timer_.async_wait(...)` with a generic
/// `self`): the first declaration the name finds.
const FunctionDecl *namedCallee(const CallExpr *Call) {
  if (const FunctionDecl *Direct = Call->getDirectCallee())
    return Direct;
  const Expr *Callee = Call->getCallee()->IgnoreParenImpCasts();
  const auto *Overloads = llvm::dyn_cast<OverloadExpr>(Callee);
  if (!Overloads || Overloads->decls_begin() == Overloads->decls_end())
    return nullptr;
  const NamedDecl *First = (*Overloads->decls_begin())->getUnderlyingDecl();
  if (const auto *Template = llvm::dyn_cast<FunctionTemplateDecl>(First))
    return Template->getTemplatedDecl();
  return llvm::dyn_cast<FunctionDecl>(First);
}

bool isExceptionPtr(QualType T) {
  const CXXRecordDecl *Class = classDeclOf(T);
  return Class && Class->getIdentifier() &&
         Class->getName() == "exception_ptr" && isWithinStd(Class);
}

/// Whether a value of type \p T can carry a failure: an error code, an
/// error enumerator, an exception.
bool carriesFailure(QualType T) {
  return isErrorCodeType(T) || T.getNonReferenceType()->isEnumeralType() ||
         isExceptionPtr(T);
}

/// Reviews one call operator of an implementation object: where `self` goes,
/// and which failures it completes with.
class ImplementationReview {
public:
  explicit ImplementationReview(const CXXMethodDecl *Operator) {
    if (Operator->getNumParams() == 0) {
      Fine = false;
      return;
    }
    Self = Operator->getParamDecl(0);
    for (const ParmVarDecl *Param : Operator->parameters())
      if (Param != Self && isErrorCodeType(Param->getType()))
        Codes.insert(Param);
    visit(Operator->getBody());
  }

  bool fine() const { return Fine; }

private:
  const ParmVarDecl *Self = nullptr;
  llvm::SmallPtrSet<const ValueDecl *, 2> Codes;
  bool Fine = true;

  const ValueDecl *referenced(const Expr *E) const {
    const auto *Ref =
        E ? llvm::dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts()) : nullptr;
    return Ref ? Ref->getDecl() : nullptr;
  }
  bool isCode(const Expr *E) const { return Codes.contains(referenced(E)); }

  /// The member of `self` that \p Call calls (`self.complete(ec)`,
  /// `self.cancelled()`), resolved or not; nothing for other calls.
  std::optional<llvm::StringRef> selfMemberName(const CallExpr *Call) const {
    if (const auto *Member = llvm::dyn_cast<CXXMemberCallExpr>(Call)) {
      const CXXMethodDecl *Method = Member->getMethodDecl();
      if (referenced(Member->getImplicitObjectArgument()) != Self || !Method)
        return std::nullopt;
      return Method->getIdentifier() ? Method->getName() : "";
    }
    const auto *Dependent = llvm::dyn_cast<CXXDependentScopeMemberExpr>(
        Call->getCallee()->IgnoreParenImpCasts());
    if (!Dependent || Dependent->isImplicitAccess() ||
        referenced(Dependent->getBase()) != Self)
      return std::nullopt;
    const IdentifierInfo *Name = Dependent->getMember().getAsIdentifierInfo();
    return Name ? Name->getName() : "";
  }

  /// An empty failure, or one of the operator's own error codes.
  bool clean(const Expr *E) const {
    E = E->IgnoreImplicit();
    if (const auto *Construct = llvm::dyn_cast<CXXConstructExpr>(E)) {
      if (Construct->getNumArgs() == 0)
        return true;
      return Construct->getNumArgs() == 1 &&
             Construct->getConstructor()->isCopyOrMoveConstructor() &&
             clean(Construct->getArg(0));
    }
    if (const auto *List = llvm::dyn_cast<InitListExpr>(E))
      return List->getNumInits() == 0;
    if (const auto *Call = llvm::dyn_cast<CallExpr>(E);
        Call && Call->isCallToStdMove())
      return clean(Call->getArg(0));
    return llvm::isa<CXXScalarValueInitExpr, ImplicitValueInitExpr,
                     CXXNullPtrLiteralExpr>(E) ||
           isCode(E);
  }

  /// Whether \p S hands `self` over (`std::move(self)`), not just a
  /// value it gives (`!self.cancelled()`).
  bool handsOverSelf(const Stmt *S) const {
    if (!S)
      return false;
    if (const auto *E = llvm::dyn_cast<Expr>(S); E && referenced(E) == Self)
      return true;
    if (const auto *Call = llvm::dyn_cast<CallExpr>(S);
        Call && selfMemberName(Call))
      return llvm::any_of(Call->arguments(),
                          [&](const Expr *A) { return handsOverSelf(A); });
    return llvm::any_of(S->children(),
                        [&](const Stmt *C) { return handsOverSelf(C); });
  }

  /// Every failure-carrying value in what \p S hands over is clean.
  void handsOverClean(const Stmt *S) {
    const auto *E = llvm::dyn_cast_or_null<Expr>(S);
    if (E && referenced(E) != Self && carriesFailure(E->getType())) {
      Fine = Fine && clean(E);
      return;
    }
    if (S)
      for (const Stmt *Child : S->children())
        handsOverClean(Child);
  }

  /// A call that takes `self`: a wait that fails only on cancellation,
  /// handing over nothing but clean failures.
  void consumer(const CallExpr *Call) {
    if (!failsOnlyOnCancellation(namedCallee(Call))) {
      Fine = false;
      return;
    }
    for (const Expr *Arg : Call->arguments())
      handsOverClean(Arg);
  }

  /// A member call on `self`: `complete` with clean failures, or a query.
  void selfMember(const CallExpr *Call, llvm::StringRef Name) {
    const bool Completes = Name == "complete";
    for (const Expr *Arg : Call->arguments()) {
      if (Completes && carriesFailure(Arg->getType()) && !clean(Arg))
        Fine = false;
      visit(Arg);
    }
  }

  /// A call that could change one of the operator's error codes: through a
  /// non-const reference, or a mutating member other than `clear()`.
  bool changesCode(const CallExpr *Call) const {
    if (const auto *Member = llvm::dyn_cast<CXXMemberCallExpr>(Call);
        Member && isCode(Member->getImplicitObjectArgument())) {
      const CXXMethodDecl *Method = Member->getMethodDecl();
      return !Method->isConst() &&
             !(Method->getIdentifier() && Method->getName() == "clear");
    }
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (!Callee)
      return llvm::any_of(Call->arguments(),
                          [&](const Expr *A) { return isCode(A); });
    const unsigned Skip =
        llvm::isa<CXXOperatorCallExpr>(Call) && llvm::isa<CXXMethodDecl>(Callee)
            ? 1
            : 0;
    for (unsigned I = Skip; I < Call->getNumArgs(); ++I) {
      const unsigned P = I - Skip;
      if (!isCode(Call->getArg(I)))
        continue;
      if (P >= Callee->getNumParams())
        return true; // A variadic argument.
      QualType T = Callee->getParamDecl(P)->getType();
      if (T->isLValueReferenceType() &&
          !T.getNonReferenceType().isConstQualified())
        return true;
    }
    return false;
  }

  void visit(const Stmt *S) {
    if (!S || !Fine)
      return;
    if (const auto *E = llvm::dyn_cast<Expr>(S)) {
      if (llvm::isa<DeclRefExpr>(E) && referenced(E) == Self) {
        Fine = false; // `self` goes somewhere not reviewed.
        return;
      }
    }
    if (const auto *Unary = llvm::dyn_cast<UnaryOperator>(S);
        Unary && Unary->getOpcode() == UO_AddrOf &&
        isCode(Unary->getSubExpr())) {
      Fine = false;
      return;
    }
    if (const auto *Assign = llvm::dyn_cast<CXXOperatorCallExpr>(S);
        Assign && Assign->getOperator() == OO_Equal &&
        isCode(Assign->getArg(0))) {
      Fine = Fine && clean(Assign->getArg(1));
      visit(Assign->getArg(1));
      return;
    }
    if (const auto *Call = llvm::dyn_cast<CallExpr>(S)) {
      if (std::optional<llvm::StringRef> Name = selfMemberName(Call)) {
        selfMember(Call, *Name);
        return;
      }
    }
    if (const auto *Call = llvm::dyn_cast<CallExpr>(S)) {
      if (llvm::any_of(Call->arguments(),
                       [&](const Expr *A) { return handsOverSelf(A); })) {
        consumer(Call);
        return;
      }
      if (changesCode(Call)) {
        Fine = false;
        return;
      }
    }
    for (const Stmt *Child : S->children())
      visit(Child);
  }
};

} // namespace

bool composedOfCancellationOnlyWaits(const FunctionDecl *Callee) {
  const FunctionDecl *Def = nullptr;
  if (!Callee || !Callee->hasBody(Def) || Def->isDependentContext())
    return false;
  const CXXRecordDecl *Implementation = composedImplementation(Def);
  if (!Implementation)
    return false;
  auto Operators = writtenCallOperators(Implementation);

  return !Operators.empty() &&
         llvm::all_of(Operators, [](const CXXMethodDecl *Operator) {
           return ImplementationReview(Operator).fine();
         });
}

} // namespace clang::tidy::async::utils
