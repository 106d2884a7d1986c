//===--- SessionPerRequestReports.cpp - its warnings, notes and facts -----===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The reporting half of async-session-per-request: constructions in loops
// that run per item, reported at once; at the end of the unit, the chains
// from what runs per request down to the functions that build a session
// object, the unit's facts for the link step, and what the link step found
// across units.
//
//===----------------------------------------------------------------------===//

#include "SessionPerRequestCheck.h"
#include "utils/Coroutines.h"
#include "utils/Exits.h"
#include "utils/FixIts.h"
#include "utils/Loops.h"
#include "utils/Names.h"
#include "utils/OnceGuards.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace clang::tidy::async {

// What a loop that runs per item builds is reported at once; what a
// function builds outside loops waits for the end of the unit, when it is
// known whether the function runs per request.
void SessionPerRequestCheck::reportLoopConstructions(
    const FunctionDecl *Function, llvm::SmallVectorImpl<Construction> &Found,
    ASTContext &Ctx) {
  for (Construction &C : Found) {
    if (!C.Loop) {
      LocalConstructions[Function->getCanonicalDecl()].push_back(std::move(C));
      continue;
    }
    // A loop that builds a pool it keeps, or runs a whole event loop per
    // iteration, creates the object on purpose.
    const utils::LoopUse Use = utils::useInLoop(
        utils::loopBody(C.Loop), C.Made, C.Holder, Ctx.getSourceManager());
    if (Use.Kept || Use.Ran)
      continue;
    if (Use.Ended || utils::hasRunState(C.What))
      C.Hoist.reset();
    const bool IsFactory = llvm::isa<FunctionDecl>(C.What);
    diag(C.Loc, "%select{a new %q1 is created|%q1 is called}0 on every loop "
                "iteration; %2")
        << IsFactory << C.What << C.Why << C.Range;
    if (C.Hoist)
      diag(C.Loc, "create it once, before the loop", DiagnosticIDs::Note)
          << FixItHint::CreateRemoval(C.Hoist->first)
          << FixItHint::CreateInsertion(C.Loop->getBeginLoc(), C.Hoist->second);
    else
      diag(C.Loc, utils::PerRequestAdvice, DiagnosticIDs::Note);
  }
}

void SessionPerRequestCheck::onEndOfTranslationUnit() {
  // What runs once per request or item: the functions handed to a spawner
  // or called in a loop, and, breadth first (so through a shortest chain),
  // every function of the unit they call or await, at any depth. A loop in
  // main() is start-up code: what it calls is not followed further.
  for (const auto &[Function, Call] : Repeated) {
    ReachIndex[Function] = Reach.size();
    Reach.push_back({Function, -1, {}, nullptr});
  }
  for (size_t I = 0; I < Reach.size(); ++I) {
    if (Reach[I].Parent < 0) {
      const FunctionDecl *Caller =
          Repeated.find(Reach[I].Function)->second.Caller;
      if (Caller && Caller->isMain())
        continue;
    }
    auto Calls = CallsOf.find(Reach[I].Function);
    if (Calls == CallsOf.end())
      continue;
    // What a once-per-object guard protects runs once per object, not per
    // call: the chain does not go on through it.
    for (const utils::CallSite &Step : Calls->second)
      if (Step.Whenever &&
          ReachIndex.try_emplace(Step.Callee, Reach.size()).second)
        Reach.push_back({Step.Callee, static_cast<int>(I), Step.Loc, Step.Via});
  }

  // How notes and messages name a function: 0 by its name, 1 as a lambda,
  // 2 as the class a constructor builds.
  auto KindOf = [](const FunctionDecl *FD) {
    return llvm::isa<CXXConstructorDecl>(FD) ? 2
           : utils::noteName(FD).empty()     ? 1
                                             : 0;
  };
  for (auto &[Function, Constructions] : LocalConstructions) {
    auto Found = ReachIndex.find(Function);
    if (Found == ReachIndex.end() || Function->isMain())
      continue;
    llvm::SmallVector<const Reached *, 4> Chain = chainTo(Found->second);
    const FunctionDecl *Origin = Chain.front()->Function;
    const RepeatedCall &Call = Repeated.find(Origin)->second;
    for (const Construction &C : Constructions) {
      // Built once per object, under a once-per-object guard.
      if (!C.Whenever)
        continue;
      const bool IsFactory = llvm::isa<FunctionDecl>(C.What);
      {
        auto Diag = diag(C.Loc, "%select{a new %q1 is created|%q1 is "
                                "called}0 on every %select{call of %3|call of "
                                "this lambda|construction of %3}2, which runs "
                                "once per %select{item|request}4; %5");
        Diag << IsFactory << C.What << KindOf(Function)
             << Function->getDeclName() << (Call.Spawner != nullptr) << C.Why
             << C.Range;
      }
      if (Call.Spawner)
        diag(Call.Loc, "%select{%1|the lambda|%1}0 is handed to %q2 here",
             DiagnosticIDs::Note)
            << KindOf(Origin) << Origin->getDeclName() << Call.Spawner;
      else
        diag(Call.Loc,
             "%select{%1|the lambda|%1}0 is %select{called|called|"
             "constructed}0 here inside a loop",
             DiagnosticIDs::Note)
            << KindOf(Origin) << Origin->getDeclName();
      for (const Reached *Step : llvm::drop_begin(Chain))
        diag(Step->CallLoc,
             "%select{%1|the lambda|%1}0 is %select{%select{called|called|"
             "constructed}0|handed to %q3}2 here",
             DiagnosticIDs::Note)
            << KindOf(Step->Function) << Step->Function->getDeclName()
            << (Step->Via != nullptr) << Step->Via;
      diag(C.Loc, utils::PerRequestAdvice, DiagnosticIDs::Note);
    }
  }
  writeFacts();
  reportLinked();
  onStartOfTranslationUnit();
}

llvm::SmallVector<const SessionPerRequestCheck::Reached *, 4>
SessionPerRequestCheck::chainTo(size_t N) const {
  llvm::SmallVector<const Reached *, 4> Chain;
  for (int I = static_cast<int>(N); I >= 0; I = Reach[I].Parent)
    Chain.insert(Chain.begin(), &Reach[I]);
  return Chain;
}

// Other units follow this unit's calls from what it runs per request, and
// report what it builds when they run it per request (utils/Facts.h).
void SessionPerRequestCheck::writeFacts() {
  if (!WriteFacts || !UnitCtx || UnitFactsDir.empty())
    return;
  for (const FunctionDecl *Def : Defined) {
    const FunctionDecl *Canonical = Def->getCanonicalDecl();
    std::optional<utils::HitFact> Hit;
    // Other units follow what a function always does (as below a root).
    auto Local = LocalConstructions.find(Canonical);
    if (Local != LocalConstructions.end() && !Def->isMain())
      for (const Construction &C : Local->second)
        if (C.Whenever) {
          Hit = utils::sessionHit(C.What, C.Why, C.Loc, *UnitCtx);
          break;
        }
    llvm::SmallVector<utils::CallSite, 8> Always;
    if (auto Calls = CallsOf.find(Canonical); Calls != CallsOf.end())
      llvm::copy_if(Calls->second, std::back_inserter(Always),
                    [](const utils::CallSite &Step) { return Step.Whenever; });
    utils::recordSessionFunction(Recorder, Def, Always, std::move(Hit));
  }
  for (size_t N = 0; N < Reach.size(); ++N) {
    if (Reach[N].Function->isMain())
      continue;
    llvm::SmallVector<const Reached *, 4> Chain = chainTo(N);
    const RepeatedCall &Call = Repeated.find(Chain.front()->Function)->second;
    llvm::SmallVector<utils::CallSite, 4> Steps;
    for (const Reached *Step : llvm::drop_begin(Chain))
      Steps.push_back({Step->Function, Step->CallLoc, Step->Via, true});
    utils::recordPerRequest(Recorder, Reach[N].Function,
                            Chain.front()->Function, Call.Loc, Call.Spawner,
                            Steps, !(Call.Caller && Call.Caller->isMain()));
  }
  // A unit that does not compile gets no findings, and gives no facts.
  const bool Complete =
      !UnitCtx->getDiagnostics().hasUncompilableErrorOccurred();
  if (llvm::Error Err = Recorder.write(
          UnitFactsDir, utils::SessionFactsKind, MainFile, 0,
          utils::optionsFingerprint(Tidy->getOptions().CheckOptions, getID()),
          Complete))
    configurationDiag("cannot write the facts of %0: %1")
        << MainFile << llvm::toString(std::move(Err));
}

void SessionPerRequestCheck::reportLinked() {
  if (!ReadFacts || !UnitCtx || UnitFactsDir.empty())
    return;
  std::string Path = utils::linkedSessionsPath(UnitFactsDir);
  const utils::LinkedSessions *Sessions =
      Linked.get(Path, [&](const utils::LinkedSessions &Facts) {
        return utils::linkedOptionsHold(
            Facts.unitOptions(), getID(), Path, [&](llvm::StringRef Unit) {
              return Tidy->getOptionsForFile(Unit).CheckOptions;
            });
      });
  if (!Sessions)
    return;
  SourceManager &SM = UnitCtx->getSourceManager();
  for (const auto &[Function, Constructions] : LocalConstructions) {
    // The unit's own finding (above), or start-up code.
    if (ReachIndex.count(Function) || Function->isMain() ||
        Constructions.empty() || !utils::isLinkable(Function))
      continue;
    std::optional<utils::PerRequestFinding> Found =
        Sessions->find(utils::usrOf(Function));
    if (!Found)
      continue;
    const Construction &C = Constructions.front();
    diag(C.Loc, "%0") << utils::perRequestWarning(
                             Found->Hit, utils::noteName(Function), Found->Path)
                      << C.Range;
    if (SourceLocation At = utils::locationOf(Found->Path.Root, SM);
        At.isValid())
      diag(At, "%0", DiagnosticIDs::Note)
          << utils::perRequestRootNote(Found->Path);
    for (const utils::CallFact &Step : Found->Path.Steps)
      if (SourceLocation At = utils::locationOf(Step.At, SM); At.isValid())
        diag(At, "%0", DiagnosticIDs::Note) << utils::perRequestStepNote(Step);
    diag(C.Loc, utils::PerRequestAdvice, DiagnosticIDs::Note);
  }
}

} // namespace clang::tidy::async
