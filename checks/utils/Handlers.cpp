//===--- Handlers.cpp - what a catch handler receives and does ------------===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

#include "Handlers.h"
#include "Coroutines.h"
#include "ErrorCodes.h"
#include "Exits.h"
#include "Names.h"
#include "clang/AST/ExprCXX.h"

namespace clang::tidy::async::utils {

Reception receives(const CXXCatchStmt *Handler, llvm::StringRef ThrownName,
                   const CXXRecordDecl *Thrown,
                   llvm::ArrayRef<llvm::StringRef> KnownBases) {
  QualType Caught = Handler->getCaughtType();
  if (Caught.isNull())
    return Reception::Base;
  if (Caught->isDependentType())
    return Reception::Unknown;
  Caught = Caught.getNonReferenceType();
  if (Caught->isPointerType())
    return Reception::None;
  const CXXRecordDecl *RD = exceptionClassOf(Caught);
  if (!RD)
    return Reception::None;
  if (Thrown) {
    if (RD->getCanonicalDecl() == Thrown->getCanonicalDecl())
      return Reception::Exact;
    if (Thrown->hasDefinition() && Thrown->isDerivedFrom(RD))
      return Reception::Base;
    return Reception::None;
  }
  std::string Name = qualifiedName(RD);
  if (Name == ThrownName)
    return Reception::Exact;
  return llvm::is_contained(KnownBases, Name) ? Reception::Base
                                              : Reception::None;
}

bool catchesEverything(const CXXCatchStmt *Handler) {
  QualType Caught = Handler->getCaughtType();
  if (Caught.isNull())
    return true;
  const CXXRecordDecl *RD = exceptionClassOf(Caught);
  return RD && !Caught->isPointerType() &&
         qualifiedName(RD) == "std::exception";
}

bool hasExposedSuspension(const Stmt *TryBlock, const ASTContext &Ctx) {
  bool Found = false;
  forEachEvaluatedStmt(TryBlock, [&](const Stmt *S) {
    if (Found)
      return false;
    if (isSuspensionPoint(S)) {
      Found = true;
      return false;
    }
    const auto *Try = llvm::dyn_cast<CXXTryStmt>(S);
    if (!Try)
      return true;
    llvm::SmallVector<const CXXCatchStmt *, 4> Handlers;
    for (unsigned I = 0, N = Try->getNumHandlers(); I < N; ++I)
      Handlers.push_back(Try->getHandler(I));
    const bool Absorbs = llvm::any_of(Handlers, [&](const CXXCatchStmt *H) {
      return catchesEverything(H) &&
             !exitsOf(H->getHandlerBlock(), Ctx)
                  .intersects({Exit::Throw, Exit::Jump});
    });
    if (!Absorbs)
      return true;
    // Only the handlers can let an exception out.
    Found = llvm::any_of(Handlers, [](const CXXCatchStmt *H) {
      return containsSuspensionPoint(H->getHandlerBlock());
    });
    return false;
  });
  return Found;
}

namespace {

/// Looks for the ways a handler passes on the exception it caught; see
/// handsOffException().
class HandOffFinder {
public:
  explicit HandOffFinder(const CXXCatchStmt *Handler)
      : Caught(Handler->getExceptionDecl()), Block(Handler->getHandlerBlock()) {
  }

  bool find() {
    bool Found = false;
    forEachEvaluatedStmt(Block, [&](const Stmt *S) {
      Found = Found || capturesException(S) || storesCaught(S);
      return !Found;
    });
    return Found;
  }

private:
  // `std::current_exception()`, `std::make_exception_ptr(e)`.
  static bool capturesException(const Stmt *S) {
    const auto *Call = llvm::dyn_cast<CallExpr>(S);
    const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
    return Callee && Callee->isInStdNamespace() && Callee->getIdentifier() &&
           (Callee->getName() == "current_exception" ||
            Callee->getName() == "make_exception_ptr");
  }

  // An assignment of the caught exception, or its code, to a variable or
  // member declared outside the handler.
  bool storesCaught(const Stmt *S) const {
    const Expr *LHS = nullptr;
    const Expr *RHS = nullptr;
    if (const auto *Assign = llvm::dyn_cast<BinaryOperator>(S);
        Assign && Assign->getOpcode() == BO_Assign) {
      LHS = Assign->getLHS();
      RHS = Assign->getRHS();
    } else if (const auto *Op = llvm::dyn_cast<CXXOperatorCallExpr>(S);
               Op && Op->getOperator() == OO_Equal && Op->getNumArgs() == 2) {
      LHS = Op->getArg(0);
      RHS = Op->getArg(1);
    }
    if (!LHS || !RHS || !refersToCaught(RHS))
      return false;
    const ValueDecl *D = target(LHS);
    return D && !Block->getSourceRange().fullyContains(D->getSourceRange());
  }

  // The caught exception itself, or its error code (`e`, `e.code()`): what
  // a waiter can raise again. Its message (`e.what()`) is not.
  bool refersToCaught(const Expr *E) const {
    if (!Caught)
      return false;
    E = ignoreValuePreserving(E)->IgnoreParenImpCasts();
    if (const auto *Member = llvm::dyn_cast<CXXMemberCallExpr>(E))
      E = isExceptionCode(Member)
              ? Member->getImplicitObjectArgument()->IgnoreParenImpCasts()
              : nullptr;
    const auto *Ref = llvm::dyn_cast_or_null<DeclRefExpr>(E);
    return Ref && Ref->getDecl() == Caught;
  }

  // The variable (or member) an assignment's left side names.
  static const ValueDecl *target(const Expr *E) {
    E = E->IgnoreParenImpCasts();
    if (const auto *Ref = llvm::dyn_cast<DeclRefExpr>(E))
      return Ref->getDecl();
    if (const auto *Member = llvm::dyn_cast<MemberExpr>(E))
      return Member->getMemberDecl();
    return nullptr;
  }

  const VarDecl *Caught;
  const Stmt *Block;
};

} // namespace

bool handsOffException(const CXXCatchStmt *Handler) {
  return HandOffFinder(Handler).find();
}

std::string freshExceptionName(const Stmt *Block) {
  for (llvm::StringRef Candidate : {"e", "ex", "exc", "error"}) {
    bool Used = false;
    forEachEvaluatedStmt(Block, [&](const Stmt *S) {
      if (const auto *Ref = llvm::dyn_cast<DeclRefExpr>(S))
        Used |= Ref->getDecl()->getIdentifier() &&
                Ref->getDecl()->getName() == Candidate;
      return !Used;
    });
    if (!Used)
      return Candidate.str();
  }
  return {};
}

} // namespace clang::tidy::async::utils
