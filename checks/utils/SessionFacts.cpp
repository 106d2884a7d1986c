//===--- SessionFacts.cpp - per-request facts of a unit ----------------===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

#include "SessionFacts.h"
#include "Coroutines.h"
#include "Names.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "llvm/Support/raw_ostream.h"

namespace clang::tidy::async::utils {

std::string diagnosticName(const NamedDecl *D) {
  std::string Name;
  llvm::raw_string_ostream OS(Name);
  D->getNameForDiagnostic(OS, D->getASTContext().getPrintingPolicy(),
                          /*Qualified=*/true);
  return Name;
}

std::optional<HitFact> sessionHit(const NamedDecl *What, llvm::StringRef Why,
                                  SourceLocation Loc, const ASTContext &Ctx) {
  std::optional<FactSite> At = siteOf(Loc, Ctx.getSourceManager());
  if (!What || !At)
    return std::nullopt;
  return HitFact{diagnosticName(What),
                 (llvm::isa<FunctionDecl>(What) ? SessionFactoryCategory
                                                : SessionClassCategory)
                     .str(),
                 std::move(*At), Why.str()};
}

std::string noteName(const FunctionDecl *FD) {
  if (const auto *Method = llvm::dyn_cast<CXXMethodDecl>(FD))
    if (Method->getParent()->isLambda())
      return "";
  return FD->getDeclName().getAsString();
}

void recordSessionFunction(FactsRecorder &Recorder, const FunctionDecl *Def,
                           llvm::ArrayRef<CallSite> Calls,
                           std::optional<HitFact> Hit) {
  FunctionFact *F = Recorder.add(Def, isCoroutine(Def));
  if (!F)
    return;
  F->Hit = std::move(Hit);
  const SourceManager &SM = Def->getASTContext().getSourceManager();
  llvm::StringSet<> Called;
  for (const CallSite &Call : Calls) {
    if (!isLinkable(Call.Callee) ||
        Call.Callee->getCanonicalDecl() == Def->getCanonicalDecl())
      continue;
    // The first call to each callee is enough for a chain.
    if (std::optional<CallFact> Fact = callFact(Call.Callee, Call.Loc, SM);
        Fact && Called.insert(Fact->Callee).second) {
      if (Call.Via)
        Fact->Spawner = diagnosticName(Call.Via);
      F->Calls.push_back(std::move(*Fact));
    }
  }
}

void recordPerRequest(FactsRecorder &Recorder, const FunctionDecl *Function,
                      const FunctionDecl *Root, SourceLocation RootLoc,
                      const NamedDecl *Spawner, llvm::ArrayRef<CallSite> Steps,
                      bool Followed) {
  const SourceManager &SM = Function->getASTContext().getSourceManager();
  std::optional<FactSite> At = siteOf(RootLoc, SM);
  if (!isLinkable(Function) || !At)
    return;
  PerRequestFact P;
  P.Usr = usrOf(Function);
  if (P.Usr.empty())
    return;
  P.Name = qualifiedName(Function);
  P.Root = std::move(*At);
  P.RootName = noteName(Root);
  if (Spawner)
    P.Spawner = diagnosticName(Spawner);
  for (const CallSite &Step : Steps) {
    // A step through a lambda has no USR; the notes only need its place.
    std::optional<FactSite> StepAt = siteOf(Step.Loc, SM);
    if (!StepAt)
      return;
    P.Steps.push_back({usrOf(Step.Callee), qualifiedName(Step.Callee),
                       callKindOf(Step.Callee), false, std::move(*StepAt),
                       Step.Via ? diagnosticName(Step.Via) : std::string()});
  }
  P.Followed = Followed;
  Recorder.addPerRequest(std::move(P));
}

} // namespace clang::tidy::async::utils
