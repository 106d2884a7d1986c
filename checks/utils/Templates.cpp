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

llvm::SmallVector<const FunctionDecl *, 2>
memberCandidates(const Expr *Object, DeclarationName Name) {
  llvm::SmallVector<const FunctionDecl *, 2> Candidates;
  if (!Object || Name.isEmpty())
    return Candidates;
  QualType Type = Object->getType();
  if (Type->isPointerType())
    Type = Type->getPointeeType();
  const CXXRecordDecl *Class = Type->getAsCXXRecordDecl();
  if (!Class)
    if (const auto *Specialization = Type->getAs<TemplateSpecializationType>())
      if (const auto *Template = llvm::dyn_cast_or_null<ClassTemplateDecl>(
              Specialization->getTemplateName().getAsTemplateDecl()))
        Class = Template->getTemplatedDecl();
  if (!Class || !Class->hasDefinition())
    return Candidates;
  for (const NamedDecl *Member : Class->getDefinition()->lookup(Name)) {
    if (const auto *Template = llvm::dyn_cast<FunctionTemplateDecl>(Member))
      Member = Template->getTemplatedDecl();
    if (const auto *Function = llvm::dyn_cast<FunctionDecl>(Member))
      Candidates.push_back(Function);
  }
  return Candidates;
}

const FunctionDecl *bodyToAnalyse(const FunctionDecl *Def) {
  const FunctionTemplateDecl *Template =
      Def ? Def->getDescribedFunctionTemplate() : nullptr;
  if (!Template)
    return Def;
  bool DependentAwait = false;
  forEachEvaluatedStmt(Def->getBody(), [&DependentAwait](const Stmt *S) {
    if (llvm::isa<DependentCoawaitExpr>(S))
      DependentAwait = true;
    else if (const auto *Suspend = llvm::dyn_cast<CoroutineSuspendExpr>(S))
      DependentAwait |=
          Suspend->getOperand() && Suspend->getOperand()->isTypeDependent();
    return !DependentAwait;
  });
  if (!DependentAwait)
    return Def;
  for (const FunctionDecl *Instance : Template->specializations())
    if (Instance->getBody() && !Instance->isDependentContext() &&
        Instance->isTemplateInstantiation())
      return Instance;
  return Def;
}

} // namespace clang::tidy::async::utils
