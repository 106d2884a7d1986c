//===--- Names.cpp - qualified names and name lists -----------------------===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

#include "Names.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::async::utils {

bool isWithinStd(const Decl *D) {
  for (const DeclContext *DC = D->getDeclContext(); DC; DC = DC->getParent())
    if (DC->isStdNamespace())
      return true;
  return false;
}

std::string qualifiedName(const NamedDecl *D) {
  llvm::SmallVector<llvm::StringRef, 8> Parts;
  std::string Storage;
  // Operators, constructors and conversions have no identifier; their
  // declaration name spells them (`operator<<`).
  const std::string Own = D->getDeclName().getAsString();
  Parts.push_back(Own);
  for (const DeclContext *DC = D->getDeclContext(); DC; DC = DC->getParent()) {
    if (const auto *NS = llvm::dyn_cast<NamespaceDecl>(DC)) {
      if (NS->isInline() || NS->isAnonymousNamespace())
        continue;
      Parts.push_back(NS->getName());
    } else if (const auto *RD = llvm::dyn_cast<RecordDecl>(DC)) {
      if (RD->getIdentifier())
        Parts.push_back(RD->getName());
    } else if (const auto *FD = llvm::dyn_cast<FunctionDecl>(DC)) {
      // Declarations local to a function have no usable qualified name.
      if (FD->getIdentifier())
        Parts.push_back(FD->getName());
    }
  }
  for (auto It = Parts.rbegin(), End = Parts.rend(); It != End; ++It) {
    if (!Storage.empty())
      Storage += "::";
    Storage += *It;
  }
  return Storage;
}

std::vector<std::string> splitList(llvm::StringRef SemicolonList) {
  llvm::SmallVector<llvm::StringRef, 8> Items;
  SemicolonList.split(Items, ';', /*MaxSplit=*/-1, /*KeepEmpty=*/false);
  std::vector<std::string> Result;
  for (llvm::StringRef Item : Items) {
    Item = Item.trim();
    if (!Item.empty())
      Result.push_back(Item.str());
  }
  return Result;
}

NameSet::NameSet(llvm::StringRef SemicolonList) {
  for (const std::string &Item : splitList(SemicolonList))
    add(Item);
}

void NameSet::add(llvm::StringRef Name) {
  Name = Name.trim();
  Name.consume_front("::");
  if (!Name.empty())
    Names.insert(Name);
}

void NameSet::remove(llvm::StringRef Name) {
  Name = Name.trim();
  Name.consume_front("::");
  Names.erase(Name);
}

const CXXRecordDecl *lookupClass(ASTContext &Ctx,
                                 llvm::StringRef QualifiedName) {
  QualifiedName = QualifiedName.trim();
  QualifiedName.consume_front("::");
  llvm::SmallVector<llvm::StringRef, 4> Parts;
  QualifiedName.split(Parts, "::");
  const DeclContext *DC = Ctx.getTranslationUnitDecl();
  for (size_t I = 0, N = Parts.size(); I < N && DC; ++I) {
    if (Parts[I].empty())
      return nullptr;
    DeclarationName Name(&Ctx.Idents.get(Parts[I]));
    const DeclContext *Next = nullptr;
    for (const NamedDecl *Found : DC->lookup(Name)) {
      if (const auto *Shadow = llvm::dyn_cast<UsingShadowDecl>(Found))
        Found = Shadow->getTargetDecl();
      if (I + 1 < N) {
        if (const auto *NS = llvm::dyn_cast<NamespaceDecl>(Found))
          Next = NS;
        else if (const auto *Alias = llvm::dyn_cast<NamespaceAliasDecl>(Found))
          Next = Alias->getNamespace();
        else if (const auto *RD = llvm::dyn_cast<CXXRecordDecl>(Found))
          Next = RD;
        if (Next)
          break;
        continue;
      }
      const CXXRecordDecl *RD = nullptr;
      if (const auto *Type = llvm::dyn_cast<TypedefNameDecl>(Found))
        RD = Type->getUnderlyingType()->getAsCXXRecordDecl();
      else
        RD = llvm::dyn_cast<CXXRecordDecl>(Found);
      if (RD)
        return RD->getDefinition() ? RD->getDefinition() : RD;
    }
    DC = Next;
  }
  return nullptr;
}

bool NameSet::contains(const NamedDecl *D) const {
  return D && !Names.empty() && Names.contains(qualifiedName(D));
}

// The first declaration named Name in DC. (Clang makes the members of an
// inline namespace visible in the enclosing one's lookup table too.)
static const NamedDecl *lookupIn(const DeclContext *DC,
                                 const IdentifierInfo *Name) {
  DeclContext::lookup_result Found = DC->lookup(Name);
  return Found.empty() ? nullptr : Found.front();
}

const NamedDecl *findDeclaration(const ASTContext &Ctx,
                                 llvm::StringRef QualifiedName) {
  QualifiedName.consume_front("::");
  llvm::SmallVector<llvm::StringRef, 4> Parts;
  QualifiedName.split(Parts, "::");
  const DeclContext *DC = Ctx.getTranslationUnitDecl();
  const NamedDecl *Found = nullptr;
  for (llvm::StringRef Part : Parts) {
    if (!DC)
      return nullptr;
    // Idents.get, unlike Idents.find, also asks a precompiled preamble
    // (clangd's) for the identifier.
    Found = lookupIn(DC->getPrimaryContext(), &Ctx.Idents.get(Part));
    if (!Found)
      return nullptr;
    // Only namespaces and classes contain further names.
    if (const auto *NS = llvm::dyn_cast<NamespaceDecl>(Found))
      DC = NS;
    else if (const auto *RD = llvm::dyn_cast<CXXRecordDecl>(Found))
      DC = RD->getDefinition();
    else
      DC = nullptr;
  }
  return Found;
}

bool declaredInLibraryHeader(const Decl *D) {
  const SourceManager &SM = D->getASTContext().getSourceManager();
  return SM.isInSystemHeader(SM.getExpansionLoc(D->getLocation()));
}

std::string spelledType(QualType T, const ASTContext &Ctx) {
  PrintingPolicy Policy(Ctx.getLangOpts());
  Policy.SuppressScope = false;
  Policy.SuppressUnwrittenScope = true;
  std::string Spelled = T.getAsString(Policy);
  if (Spelled.size() <= MaxSpelledType)
    return Spelled;
  // Sugar that only a library writes (Asio's `constraint<...>::type` around
  // an `async_result`): the type it stands for, without the default
  // template arguments, is shorter.
  std::string Canonical = T.getCanonicalType().getAsString(Policy);
  return Canonical.size() < Spelled.size() ? Canonical : Spelled;
}

const CXXRecordDecl *classDeclOf(QualType T) {
  if (T.isNull())
    return nullptr;
  T = T.getNonReferenceType();
  if (const auto *TST = T->getAs<TemplateSpecializationType>()) {
    if (const auto *Template = llvm::dyn_cast_or_null<ClassTemplateDecl>(
            TST->getTemplateName().getAsTemplateDecl()))
      if (T->isDependentType() || !T->getAsCXXRecordDecl())
        return Template->getTemplatedDecl();
  }
  return T->getAsCXXRecordDecl();
}

const CXXRecordDecl *exceptionClassOf(QualType T) {
  if (T.isNull())
    return nullptr;
  T = T.getNonReferenceType();
  if (T->isPointerType())
    T = T->getPointeeType();
  const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
  if (RD && RD->getDefinition())
    RD = RD->getDefinition();
  return RD;
}

} // namespace clang::tidy::async::utils
