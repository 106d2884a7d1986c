//===--- Templates.cpp - what a template's code becomes when instantiated -===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

#include "Templates.h"
#include "Coroutines.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"

namespace clang::tidy::async::utils {

/// The instantiations of \p Pattern: of its function template, or of the
/// member functions of its class template's specializations.
static llvm::SmallVector<const FunctionDecl *, 4>
instantiationsOf(const FunctionDecl *Pattern) {
  llvm::SmallVector<const FunctionDecl *, 4> Result;
  if (const FunctionTemplateDecl *Template =
          Pattern->getDescribedFunctionTemplate()) {
    for (const FunctionDecl *Spec : Template->specializations())
      Result.push_back(Spec);
    return Result;
  }
  const auto *Method = llvm::dyn_cast<CXXMethodDecl>(Pattern);
  const ClassTemplateDecl *Class =
      Method ? Method->getParent()->getDescribedClassTemplate() : nullptr;
  if (!Class)
    return Result;
  for (const ClassTemplateSpecializationDecl *Spec : Class->specializations())
    for (const CXXMethodDecl *Member : Spec->methods())
      if (Member->getTemplateInstantiationPattern() == Pattern)
        Result.push_back(Member);
  return Result;
}

llvm::SmallVector<QualType, 2> instantiatedTypes(const DeclRefExpr *Ref,
                                                 const FunctionDecl *Pattern) {
  llvm::SmallVector<QualType, 2> Types;
  if (!Ref || !Pattern)
    return Types;
  const SourceLocation Loc = Ref->getLocation();
  for (const FunctionDecl *Instance : instantiationsOf(Pattern)) {
    if (!Instance->getBody())
      continue;
    forEachEvaluatedStmt(getUserBody(Instance), [&](const Stmt *S) {
      const auto *Other = llvm::dyn_cast<DeclRefExpr>(S);
      if (Other && Other->getLocation() == Loc &&
          !Other->getType()->isDependentType())
        Types.push_back(Other->getType());
      return true;
    });
  }
  return Types;
}

} // namespace clang::tidy::async::utils
