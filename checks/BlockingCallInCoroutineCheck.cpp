//===--- BlockingCallInCoroutineCheck.cpp - async-blocking-call-in-coroutine =//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

#include "BlockingCallInCoroutineCheck.h"
#include "utils/Coroutines.h"
#include "utils/ErrorCodes.h"
#include "utils/FixIts.h"
#include "utils/Frameworks.h"
#include "utils/Names.h"
#include "utils/Options.h"
#include "utils/TaskTypes.h"
#include "utils/TimerRewrite.h"
#include "utils/Walk.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ASTLambda.h"
#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "llvm/ADT/STLFunctionalExtras.h"

using namespace clang::ast_matchers;

namespace clang::tidy::async {

static constexpr llvm::StringLiteral BlockingFunctionsKey = "BlockingFunctions";
static constexpr llvm::StringLiteral IgnoredFunctionsKey = "IgnoredFunctions";
static constexpr llvm::StringLiteral CategoriesKey = "Categories";
static constexpr llvm::StringLiteral MaxDepthKey = "MaxDepth";
static constexpr llvm::StringLiteral StrictModeKey = "StrictMode";

using Position = utils::EvaluationContext;

// ---------------------------------------------------------------------------
// The check.

BlockingCallInCoroutineCheck::BlockingCallInCoroutineCheck(
    StringRef Name, ClangTidyContext *Context)
    : FunctionBodyCheck(Name, Context),
      BlockingFunctions(Options.get(BlockingFunctionsKey, "")),
      IgnoredFunctions(Options.get(IgnoredFunctionsKey, "")),
      Categories(Options.get(CategoriesKey, utils::DefaultBlockingCategories)),
      MaxDepth(Options.get(MaxDepthKey, 3U)),
      StrictMode(
          utils::parseBoolOption(Options.get(StrictModeKey, "false"), false)),
      FactsDir(Options.getLocalOrGlobal(utils::FactsDirOption, "")),
      WriteFacts(utils::parseBoolOption(
          Options.getLocalOrGlobal(utils::WriteFactsOption, ""), false)),
      ReadFacts(utils::parseBoolOption(
          Options.getLocalOrGlobal(utils::ReadFactsOption, ""), true)),
      Tidy(Context),
      Chains(
          MaxDepth,
          [this](const Expr *E, const ASTContext &Ctx) {
            return lookup(E, Ctx).has_value();
          },
          [this](const FunctionDecl *Def) { return followed(Def); },
          /*Whenever=*/!StrictMode) {
  for (const std::string &Category : utils::splitList(Categories))
    if (!utils::categoryFromName(Category))
      configurationDiag("unknown category '%0' in option '%1'; the categories "
                        "are sleep, wait, event-loop, network, process, "
                        "console and file-io")
          << Category << CategoriesKey;
}

void BlockingCallInCoroutineCheck::storeOptions(
    ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, BlockingFunctionsKey, BlockingFunctions);
  Options.store(Opts, IgnoredFunctionsKey, IgnoredFunctions);
  Options.store(Opts, CategoriesKey, Categories);
  Options.store(Opts, MaxDepthKey, MaxDepth);
  Options.store(Opts, StrictModeKey, utils::boolOptionText(StrictMode));
}

void BlockingCallInCoroutineCheck::onStartOfTranslationUnit() {
  Aliases.clear();
  // Summaries are keyed by declaration: they only hold within one
  // translation unit.
  Table.emplace(Categories, BlockingFunctions, IgnoredFunctions, StrictMode);
  Chains.clear();
  Recorder.clear();
  MainFile.clear();
  UnitFactsDir.reset();
  UnitCtx = nullptr;
}

void BlockingCallInCoroutineCheck::onEndOfTranslationUnit() {
  if (!WriteFacts || !UnitCtx || MainFile.empty() || !UnitFactsDir ||
      UnitFactsDir->empty())
    return;
  // A unit that does not compile gets no findings, and gives no facts.
  bool Complete = !UnitCtx->getDiagnostics().hasUncompilableErrorOccurred();
  if (llvm::Error Err = Recorder.write(
          *UnitFactsDir, "blocking", MainFile, MaxDepth,
          utils::optionsFingerprint(Tidy->getOptions().CheckOptions, getID()),
          Complete))
    configurationDiag("cannot write the facts of %0: %1")
        << MainFile << llvm::toString(std::move(Err));
}

std::optional<utils::BlockingCall>
BlockingCallInCoroutineCheck::lookup(const Expr *E,
                                     const ASTContext &Ctx) const {
  std::optional<utils::BlockingCall> Found = Table->lookup(E);
  if (Found && Found->Api->ReadyTaskReturns)
    if (const auto *Call = llvm::dyn_cast<CallExpr>(E);
        Call && Call->getNumArgs() > 0)
      if (const auto *Task = llvm::dyn_cast<CallExpr>(
              utils::ignoreValuePreserving(Call->getArg(0))))
        if (utils::neverSuspends(Task->getDirectCallee()))
          return std::nullopt;
  if (Found && Found->Api->ZeroTimeoutPolls)
    if (const auto *Call = llvm::dyn_cast<CallExpr>(E)) {
      llvm::SmallVector<const Expr *, 4> Args = utils::writtenArguments(Call);
      if (!Args.empty() && utils::isConstantZero(Args.front(), Ctx))
        return std::nullopt;
    }
  return Found;
}

// Only the user's own code is followed: library internals are the library's
// business, and the built-in table describes their public face.
bool BlockingCallInCoroutineCheck::followed(const FunctionDecl *Def) const {
  const SourceManager &SM = Def->getASTContext().getSourceManager();
  return !SM.isInSystemHeader(SM.getExpansionLoc(Def->getLocation())) &&
         !utils::isCoroutine(Def) && !Table->isIgnored(Def);
}

void BlockingCallInCoroutineCheck::check(
    const MatchFinder::MatchResult &Result) {
  const FunctionDecl *Function = utils::getMatchedFunction(Result);
  if (!Function)
    return;
  if (!Table)
    Table.emplace(Categories, BlockingFunctions, IgnoredFunctions, StrictMode);
  UnitCtx = Result.Context;
  if (MainFile.empty())
    MainFile = utils::mainFileOf(*Result.SourceManager);
  if (!utils::isCoroutine(Function)) {
    if (WriteFacts)
      recordFacts(Function, /*Coroutine=*/false, *Result.Context);
    return;
  }

  // A coroutine lambda spawned onto a thread pool runs there: what the
  // check advises for blocking work.
  if (utils::spawnedOntoThreadPool(Function, Chains.trees())) {
    if (WriteFacts)
      recordFacts(Function, /*Coroutine=*/true, *Result.Context);
    return;
  }
  Coroutine Co{Function,
               *Result.Context,
               utils::frameworkOf(Function->getReturnType()),
               {}};

  // The calls first, then the reports: a fix may name a local declared
  // anywhere in the body (a scheduler, an executor).
  llvm::SmallVector<std::pair<const Expr *, Position>, 16> Calls;
  // The branches that run only when the coroutine has no executor: it then
  // runs inline on its caller's thread, and stalls no executor.
  llvm::SmallVector<SourceRange, 1> WithoutExecutor;
  // The awaits that move the coroutine (`co_await pool.schedule()`), in
  // source order, and whether each moves it to a thread pool; a move to a
  // pool counts only as a statement of the body itself, not in a branch.
  llvm::SmallVector<std::pair<SourceLocation, bool>, 2> Hops;
  const Stmt *Body = utils::getUserBody(Function);
  llvm::SmallPtrSet<const Stmt *, 4> BodyStatements;
  if (const auto *Block = llvm::dyn_cast_or_null<CompoundStmt>(Body))
    for (const Stmt *Statement : Block->body())
      if (const auto *E = llvm::dyn_cast<Expr>(Statement))
        BodyStatements.insert(E->IgnoreImplicit());
  bool Awaits = false;
  bool Yields = false;
  utils::forEachEvaluatedStmtInContext(
      Body, Co.Ctx, [&](const Stmt *S, const Position &Pos) {
        if (std::optional<bool> ToPool = utils::hopsToThreadPool(S))
          Hops.push_back(
              {S->getEndLoc(), *ToPool && BodyStatements.contains(S)});
        if (llvm::isa<CoawaitExpr, DependentCoawaitExpr>(S))
          Awaits = true;
        else if (llvm::isa<CoyieldExpr>(S))
          Yields = true;
        else if (llvm::isa<CallExpr, CXXConstructExpr>(S))
          Calls.push_back({llvm::cast<Expr>(S), Pos});
        else if (const auto *If = llvm::dyn_cast<IfStmt>(S);
                 If && utils::testsNoExecutor(If->getCond()))
          WithoutExecutor.push_back(If->getThen()->getSourceRange());
        else if (const auto *Decls = llvm::dyn_cast<DeclStmt>(S))
          for (const Decl *D : Decls->decls())
            if (const auto *Var = llvm::dyn_cast<VarDecl>(D))
              Co.Locals.push_back({Var, Pos.Block});
        return true;
      });
  // A generator that never awaits runs on its consumer's thread, one step
  // per iteration, like an ordinary function: blocking in it stalls no
  // executor of its own.
  if (Yields && !Awaits)
    return;
  if (WriteFacts)
    recordFacts(Function, /*Coroutine=*/true, Co.Ctx);

  const SourceManager &SM = Co.Ctx.getSourceManager();
  for (const auto &[Call, Pos] : Calls) {
    if (llvm::any_of(WithoutExecutor, [&](SourceRange Branch) {
          return SM.isPointWithin(Call->getBeginLoc(), Branch.getBegin(),
                                  Branch.getEnd());
        }))
      continue;
    // After a move to a thread pool, and before any other move, the code
    // runs on the pool.
    const std::pair<SourceLocation, bool> *LastHop = nullptr;
    for (const auto &Hop : Hops)
      if (SM.isBeforeInTranslationUnit(Hop.first, Call->getBeginLoc()))
        LastHop = &Hop;
    if (LastHop && LastHop->second)
      continue;
    if (std::optional<utils::BlockingCall> Blocking = lookup(Call, Co.Ctx)) {
      if (!isNonBlockingIo(Co, Call, *Blocking, {}))
        reportDirect(Co, Call, *Blocking, Pos);
      continue;
    }
    if (MaxDepth > 0 && !checkTransitive(Co, Call) && ReadFacts)
      checkLinked(Co, Call);
  }
}

bool BlockingCallInCoroutineCheck::isNonBlockingIo(
    const Coroutine &Co, const Expr *Call, const utils::BlockingCall &Blocking,
    llvm::ArrayRef<utils::CallEdge> Chain) {
  if (Blocking.Api->Category != utils::BlockingCategory::Network ||
      !utils::isPosixDescriptorCall(Call))
    return false;
  if (utils::isWakeUpWrite(Call) ||
      NonBlocking.usesNonBlockingIo(Co.Function, Co.Ctx))
    return true;
  return llvm::any_of(Chain, [&](const utils::CallEdge &Step) {
    return NonBlocking.usesNonBlockingIo(Step.Callee, Co.Ctx);
  });
}

// ---------------------------------------------------------------------------
// Transitive blocking: through the functions of this unit (CallChains), and
// through other units' facts (Facts.h).

bool BlockingCallInCoroutineCheck::checkTransitive(const Coroutine &Co,
                                                   const Expr *Call) {
  // A virtual call may run any implementation the unit can see: report it
  // when one of them blocks, saying which.
  std::optional<utils::CallPath> First;
  llvm::SmallVector<const FunctionDecl *, 2> Blocking;
  llvm::SmallVector<utils::CallEdge, 2> Targets = Chains.targets(Call, Co.Ctx);
  for (const utils::CallEdge &Target : Targets) {
    const std::optional<utils::CallPath> &Path =
        Chains.reach(Target.Callee, Co.Ctx);
    if (!Path)
      continue;
    std::optional<utils::BlockingCall> Hit = lookup(Path->Hit, Co.Ctx);
    if (!Hit || isNonBlockingIo(Co, Path->Hit, *Hit, Path->Chain))
      continue;
    if (!First)
      First = Path;
    Blocking.push_back(Target.Callee);
  }
  if (!First)
    return false;
  reportTransitive(Co, Call, utils::calledFunction(Call), *First, Blocking,
                   Targets.size());
  return true;
}

const utils::LinkedFacts *
BlockingCallInCoroutineCheck::linkedFacts(const ASTContext &Ctx) {
  if (!UnitFactsDir)
    UnitFactsDir = utils::findFactsDir(
        FactsDir, Tidy->getCurrentBuildDirectory(), MainFile);
  if (UnitFactsDir->empty())
    return nullptr;
  std::string Path = utils::linkedFactsPath(*UnitFactsDir);
  return Linked.get(Path, [&](const utils::LinkedFacts &Facts) {
    return utils::linkedOptionsHold(
        Facts.unitOptions(), getID(), Path, [&](llvm::StringRef Unit) {
          return Tidy->getOptionsForFile(Unit).CheckOptions;
        });
  });
}

void BlockingCallInCoroutineCheck::checkLinked(const Coroutine &Co,
                                               const Expr *Call) {
  const FunctionDecl *Callee = utils::calledFunction(Call);
  const CXXMethodDecl *Dispatched = utils::dispatchedMethod(Call);
  const FunctionDecl *Def = nullptr;
  if (!utils::isLinkable(Callee) || Table->isIgnored(Callee) ||
      (Callee->hasBody(Def) && Def && utils::isCoroutine(Def)))
    return;
  const utils::LinkedFacts *Facts = linkedFacts(Co.Ctx);
  if (!Facts)
    return;
  std::vector<std::string> Targets =
      Facts->targets(utils::usrOf(Callee), Dispatched != nullptr);
  std::optional<utils::LinkedReach> First;
  std::vector<std::string> Blocking;
  for (const std::string &Target : Targets) {
    std::optional<utils::LinkedReach> Path = Facts->reach(Target);
    if (!Path || Path->Chain.size() + 1 > MaxDepth)
      continue;
    if (!First)
      First = std::move(Path);
    Blocking.push_back(Facts->nameOf(Target));
  }
  if (!First)
    return;
  SourceManager &SM = Co.Ctx.getSourceManager();
  const SourceLocation Loc = diagLoc(Call);
  utils::CallFact Site{"",
                       utils::qualifiedName(Callee),
                       utils::callKindOf(Callee),
                       Dispatched != nullptr,
                       {},
                       {}};
  diag(Loc, "%0") << utils::linkedWarning(Site, First->Hit)
                  << Call->getSourceRange();
  if (Dispatched)
    diag(Loc, "%0", DiagnosticIDs::Note)
        << utils::linkedVirtualNote(Site, Blocking, Targets.size());
  for (const utils::LinkedStep &Step : First->Chain)
    if (SourceLocation At = utils::locationOf(Step.Call.At, SM); At.isValid())
      diag(At, "%0", DiagnosticIDs::Note) << utils::linkedStepNote(Step);
  if (SourceLocation At = utils::locationOf(First->Hit.At, SM); At.isValid())
    diag(At, "blocking call to '%0' is here", DiagnosticIDs::Note)
        << First->Hit.Api;
  // The same words as the link step's (driver/Link.cpp), which has no AST
  // to spell the framework's idiom with: one answer from every front end.
  diag(Loc, "move the blocking call to a thread pool and await its result",
       DiagnosticIDs::Note);
}

void BlockingCallInCoroutineCheck::recordFacts(const FunctionDecl *Function,
                                               bool Coroutine,
                                               const ASTContext &Ctx) {
  if (!UnitFactsDir)
    UnitFactsDir = utils::findFactsDir(
        FactsDir, Tidy->getCurrentBuildDirectory(), MainFile);
  Recorder.record(
      Function, Coroutine,
      [&](const Expr *Call) -> std::optional<utils::HitFact> {
        std::optional<utils::BlockingCall> Blocking = lookup(Call, Ctx);
        // Whether a descriptor blocks depends on how it was opened, which
        // other units cannot tell: such calls are not linked.
        if (!Blocking ||
            (Blocking->Api->Category == utils::BlockingCategory::Network &&
             utils::isPosixDescriptorCall(Call)))
          return std::nullopt;
        std::optional<utils::FactSite> At =
            utils::siteOf(diagLoc(Call), Ctx.getSourceManager());
        if (!At)
          return std::nullopt;
        return utils::HitFact{
            Blocking->DisplayName,
            utils::categoryName(Blocking->Api->Category).str(), std::move(*At),
            ""};
      },
      [&](const FunctionDecl *Callee) { return Table->isIgnored(Callee); },
      [&](const Expr *Call) {
        return StrictMode || Chains.runsWhenever(Function, Call);
      });
}

} // namespace clang::tidy::async
