//===--- BlockingCallInCoroutineCheck.cpp - async-blocking-call-in-coroutine =//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

#include "BlockingCallInCoroutineCheck.h"
#include "utils/Coroutines.h"
#include "utils/FixIts.h"
#include "utils/Frameworks.h"
#include "utils/Names.h"
#include "utils/Options.h"
#include "utils/TaskTypes.h"
#include "utils/Walk.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ASTLambda.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ExprConcepts.h"
#include "clang/AST/QualTypeNames.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLFunctionalExtras.h"

using namespace clang::ast_matchers;

namespace clang::tidy::async {

static constexpr llvm::StringLiteral BlockingFunctionsKey = "BlockingFunctions";
static constexpr llvm::StringLiteral IgnoredFunctionsKey = "IgnoredFunctions";
static constexpr llvm::StringLiteral CategoriesKey = "Categories";
static constexpr llvm::StringLiteral MaxDepthKey = "MaxDepth";

using utils::BlockingRemedy;
using Position = utils::EvaluationContext;

struct BlockingCallInCoroutineCheck::Coroutine {
  const FunctionDecl *Function;
  ASTContext &Ctx;
  utils::Framework Framework;
  /// The local variables of the body, each with the block that declares it.
  llvm::SmallVector<std::pair<const VarDecl *, const CompoundStmt *>, 8> Locals;
};

namespace {

// ---------------------------------------------------------------------------
// Small facts about calls and types.

/// Where a finding about \p E is reported: the method name of a member call,
/// the start of anything else.
SourceLocation diagLoc(const Expr *E) {
  if (const auto *Member = llvm::dyn_cast<CXXMemberCallExpr>(E))
    return Member->getExprLoc();
  return E->getSourceRange().getBegin();
}

/// The arguments the user wrote: without the object of a call operator and
/// without defaulted ones.
llvm::SmallVector<const Expr *, 4> writtenArguments(const CallExpr *Call) {
  llvm::SmallVector<const Expr *, 4> Args;
  unsigned First = llvm::isa<CXXOperatorCallExpr>(Call) ? 1 : 0;
  for (unsigned I = First, N = Call->getNumArgs(); I < N; ++I)
    if (!llvm::isa<CXXDefaultArgExpr>(Call->getArg(I)))
      Args.push_back(Call->getArg(I));
  return Args;
}

std::optional<std::string> sourceText(const Expr *E, const ASTContext &Ctx) {
  std::optional<CharSourceRange> Range =
      utils::writtenRange(E, Ctx.getSourceManager(), Ctx.getLangOpts());
  if (!Range)
    return std::nullopt;
  return Lexer::getSourceText(*Range, Ctx.getSourceManager(), Ctx.getLangOpts())
      .str();
}

/// Whether a prefix `co_await` in front of \p E would bind to only part of
/// it.
bool needsParensAfterPrefix(const Expr *E) {
  E = E->IgnoreImplicit();
  if (llvm::isa<BinaryOperator, AbstractConditionalOperator>(E))
    return true;
  if (const auto *Op = llvm::dyn_cast<CXXOperatorCallExpr>(E))
    return Op->getOperator() != OO_Call && Op->getOperator() != OO_Subscript &&
           Op->getOperator() != OO_Arrow && Op->getNumArgs() == 2;
  return false;
}

/// The specialization \p T names, when it is one of the class template
/// \p QualifiedName.
const ClassTemplateSpecializationDecl *
specializationOf(QualType T, llvm::StringRef QualifiedName) {
  const auto *Spec = llvm::dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      T.getNonReferenceType()->getAsCXXRecordDecl());
  if (!Spec || utils::qualifiedName(Spec) != QualifiedName)
    return nullptr;
  return Spec;
}

/// A std::chrono::duration type's representation and period.
struct DurationInfo {
  bool Floating;
  llvm::APSInt Num;
  llvm::APSInt Den;
};

std::optional<DurationInfo> durationInfo(QualType T) {
  const ClassTemplateSpecializationDecl *Duration =
      specializationOf(T, "std::chrono::duration");
  if (!Duration || Duration->getTemplateArgs().size() != 2)
    return std::nullopt;
  const TemplateArgumentList &Args = Duration->getTemplateArgs();
  const ClassTemplateSpecializationDecl *Ratio =
      specializationOf(Args[1].getAsType(), "std::ratio");
  if (!Ratio || Ratio->getTemplateArgs().size() != 2 ||
      Ratio->getTemplateArgs()[0].getKind() != TemplateArgument::Integral ||
      Ratio->getTemplateArgs()[1].getKind() != TemplateArgument::Integral)
    return std::nullopt;
  return DurationInfo{Args[0].getAsType()->isFloatingType(),
                      Ratio->getTemplateArgs()[0].getAsIntegral(),
                      Ratio->getTemplateArgs()[1].getAsIntegral()};
}

/// Whether a duration converts to another implicitly, as std::chrono allows:
/// into a floating-point representation, or from an integral one when no
/// precision is lost (the ratio of the periods is a whole number).
bool convertsImplicitly(const DurationInfo &From, const DurationInfo &To) {
  if (To.Floating)
    return true;
  if (From.Floating)
    return false;
  auto Wide = [](const llvm::APSInt &V) { return V.sext(128); };
  llvm::APInt Numerator = Wide(From.Num) * Wide(To.Den);
  llvm::APInt Denominator = Wide(From.Den) * Wide(To.Num);
  return !Denominator.isZero() && Numerator.srem(Denominator).isZero();
}

/// The clock and duration of a std::chrono::time_point type.
struct TimePointInfo {
  const CXXRecordDecl *Clock;
  QualType Duration;
};

std::optional<TimePointInfo> timePointInfo(QualType T) {
  const ClassTemplateSpecializationDecl *TimePoint =
      specializationOf(T, "std::chrono::time_point");
  if (!TimePoint || TimePoint->getTemplateArgs().size() != 2)
    return std::nullopt;
  const CXXRecordDecl *Clock =
      TimePoint->getTemplateArgs()[0].getAsType()->getAsCXXRecordDecl();
  if (!Clock)
    return std::nullopt;
  return TimePointInfo{Clock, TimePoint->getTemplateArgs()[1].getAsType()};
}

/// The type a member typedef of \p RD names (`steady_clock::duration`).
QualType memberType(const CXXRecordDecl *RD, llvm::StringRef Name,
                    const ASTContext &Ctx) {
  if (!RD || !RD->hasDefinition())
    return {};
  for (const NamedDecl *D : RD->getDefinition()->lookup(&Ctx.Idents.get(Name)))
    if (const auto *Typedef = llvm::dyn_cast<TypedefNameDecl>(D))
      return Typedef->getUnderlyingType();
  return {};
}

/// Whether \p RD or one of its bases declares a member called \p Name.
bool hasMember(const CXXRecordDecl *RD, llvm::StringRef Name,
               const ASTContext &Ctx) {
  if (!RD)
    return false;
  const IdentifierInfo *Ident = &Ctx.Idents.get(Name);
  llvm::SmallVector<const CXXRecordDecl *, 4> Work{RD};
  llvm::DenseSet<const CXXRecordDecl *> Seen;
  while (!Work.empty()) {
    const CXXRecordDecl *Class = Work.pop_back_val();
    if (!Class || !Class->hasDefinition() ||
        !Seen.insert(Class->getDefinition()).second)
      continue;
    Class = Class->getDefinition();
    if (!Class->lookup(Ident).empty())
      return true;
    for (const CXXBaseSpecifier &Base : Class->bases())
      Work.push_back(Base.getType()->getAsCXXRecordDecl());
  }
  return false;
}

/// Whether \p T is `<Namespace>::awaitable<T>` with the default executor,
/// so that `<Namespace>::use_awaitable` is its completion token.
bool isDefaultAwaitable(QualType T, llvm::StringRef Namespace) {
  const ClassTemplateSpecializationDecl *Awaitable =
      specializationOf(T, (Namespace + "::awaitable").str());
  if (!Awaitable || Awaitable->getTemplateArgs().size() < 2)
    return false;
  const CXXRecordDecl *Executor =
      Awaitable->getTemplateArgs()[1].getAsType()->getAsCXXRecordDecl();
  return Executor && utils::qualifiedName(Executor) ==
                         (Namespace + "::any_io_executor").str();
}

bool isErrorCode(QualType T) {
  const CXXRecordDecl *RD = utils::classDeclOf(T);
  if (!RD)
    return false;
  std::string Name = utils::qualifiedName(RD);
  return Name == "boost::system::error_code" || Name == "std::error_code";
}

/// A zero timeout turns a timed wait into a poll.
bool isConstantZero(const Expr *E, const ASTContext &Ctx) {
  Expr::EvalResult Result;
  if (E->isValueDependent() || !E->EvaluateAsRValue(Result, Ctx))
    return false;
  const APValue *Value = &Result.Val;
  // A duration holds its count; a time point holds a duration.
  while (Value->isStruct() && Value->getStructNumFields() >= 1)
    Value = &Value->getStructField(0);
  if (Value->isInt())
    return Value->getInt().isZero();
  if (Value->isFloat())
    return Value->getFloat().isZero();
  return false;
}

/// How a message names a function that is called: 0 by name, 1 as a lambda,
/// 2 as a constructor of its class.
unsigned calleeKind(const FunctionDecl *Callee) {
  if (isLambdaCallOperator(Callee))
    return 1;
  return llvm::isa<CXXConstructorDecl>(Callee) ? 2 : 0;
}

bool isSleep(BlockingRemedy Remedy) {
  return Remedy == BlockingRemedy::SleepFor ||
         Remedy == BlockingRemedy::SleepUntil ||
         Remedy == BlockingRemedy::SleepSeconds ||
         Remedy == BlockingRemedy::SleepMicroseconds ||
         Remedy == BlockingRemedy::SleepOther;
}

} // namespace

// ---------------------------------------------------------------------------
// The check.

BlockingCallInCoroutineCheck::BlockingCallInCoroutineCheck(
    StringRef Name, ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context),
      BlockingFunctions(Options.get(BlockingFunctionsKey, "")),
      IgnoredFunctions(Options.get(IgnoredFunctionsKey, "")),
      Categories(Options.get(CategoriesKey, utils::DefaultBlockingCategories)),
      MaxDepth(Options.get(MaxDepthKey, 3U)),
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
          [this](const FunctionDecl *Def) { return followed(Def); }) {
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
}

void BlockingCallInCoroutineCheck::onStartOfTranslationUnit() {
  // Summaries are keyed by declaration: they only hold within one
  // translation unit.
  Table.emplace(Categories, BlockingFunctions, IgnoredFunctions);
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
  if (llvm::Error Err = Recorder.write(*UnitFactsDir, "blocking", MainFile,
                                       MaxDepth, Complete))
    configurationDiag("cannot write the facts of %0: %1")
        << MainFile << llvm::toString(std::move(Err));
}

void BlockingCallInCoroutineCheck::registerMatchers(MatchFinder *Finder) {
  utils::matchFunctionDefinitions(Finder, this);
}

std::optional<utils::BlockingCall>
BlockingCallInCoroutineCheck::lookup(const Expr *E,
                                     const ASTContext &Ctx) const {
  std::optional<utils::BlockingCall> Found = Table->lookup(E);
  if (Found && Found->Api->ZeroTimeoutPolls)
    if (const auto *Call = llvm::dyn_cast<CallExpr>(E)) {
      llvm::SmallVector<const Expr *, 4> Args = writtenArguments(Call);
      if (!Args.empty() && isConstantZero(Args.front(), Ctx))
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
    Table.emplace(Categories, BlockingFunctions, IgnoredFunctions);
  UnitCtx = Result.Context;
  if (MainFile.empty())
    MainFile = utils::mainFileOf(*Result.SourceManager);
  if (!utils::isCoroutine(Function)) {
    if (WriteFacts)
      recordFacts(Function, /*Coroutine=*/false, *Result.Context);
    return;
  }

  Coroutine Co{Function,
               *Result.Context,
               utils::frameworkOf(Function->getReturnType()),
               {}};

  // The calls first, then the reports: a fix may name a local declared
  // anywhere in the body (a scheduler, an executor).
  llvm::SmallVector<std::pair<const Expr *, Position>, 16> Calls;
  bool Awaits = false;
  bool Yields = false;
  utils::forEachEvaluatedStmtInContext(
      utils::getUserBody(Function), Co.Ctx,
      [&](const Stmt *S, const Position &Pos) {
        if (llvm::isa<CoawaitExpr, DependentCoawaitExpr>(S))
          Awaits = true;
        else if (llvm::isa<CoyieldExpr>(S))
          Yields = true;
        else if (llvm::isa<CallExpr, CXXConstructExpr>(S))
          Calls.push_back({llvm::cast<Expr>(S), Pos});
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

  for (const auto &[Call, Pos] : Calls) {
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
  return Linked.get(utils::linkedFactsPath(*UnitFactsDir));
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
                       calleeKind(Callee),
                       Dispatched != nullptr,
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
  noteOffload(Co, Loc, {});
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
        return utils::HitFact{Blocking->DisplayName,
                              static_cast<unsigned>(Blocking->Api->Category),
                              std::move(*At), ""};
      },
      [&](const FunctionDecl *Callee) { return Table->isIgnored(Callee); });
}

// ---------------------------------------------------------------------------
// Reporting.

void BlockingCallInCoroutineCheck::reportTransitive(
    const Coroutine &Co, const Expr *Call, const FunctionDecl *Callee,
    const utils::CallPath &Path, llvm::ArrayRef<const FunctionDecl *> Blocking,
    size_t Targets) {
  std::optional<utils::BlockingCall> Hit = lookup(Path.Hit, Co.Ctx);
  const SourceLocation Loc = diagLoc(Call);
  diag(Loc, "%select{call to %1|lambda call|construction of %1}0 in a "
            "coroutine reaches "
            "blocking call '%2'; %select{sleeping|waiting for another "
            "thread|a nested event loop|synchronous network I/O|waiting for a "
            "child process|synchronous file I/O|waiting for console "
            "input|the call}3 stalls every "
            "coroutine on its thread")
      << calleeKind(Callee) << Callee->getDeclName() << Hit->DisplayName
      << static_cast<unsigned>(Hit->Api->Category) << Call->getSourceRange();
  if (utils::dispatchedMethod(Call)) {
    std::vector<std::string> Names;
    for (const FunctionDecl *FD : Blocking)
      Names.push_back(utils::qualifiedName(FD));
    utils::CallFact Site{"", utils::qualifiedName(Callee), 0, true, {}};
    diag(Loc, "%0", DiagnosticIDs::Note)
        << utils::linkedVirtualNote(Site, Names, Targets);
  }
  for (const utils::CallEdge &Step : Path.Chain) {
    if (Step.Dispatched)
      diag(diagLoc(Step.Call), "'%0' is called here and runs '%1'",
           DiagnosticIDs::Note)
          << utils::qualifiedName(Step.Dispatched)
          << utils::qualifiedName(Step.Callee);
    else
      diag(diagLoc(Step.Call),
           "%select{%1 is called|a lambda is called|%1 is constructed}0 here",
           DiagnosticIDs::Note)
          << calleeKind(Step.Callee) << Step.Callee->getDeclName();
  }
  diag(diagLoc(Path.Hit), "blocking call to '%0' is here", DiagnosticIDs::Note)
      << Hit->DisplayName;
  noteOffload(Co, Loc, {});
}

void BlockingCallInCoroutineCheck::reportDirect(
    const Coroutine &Co, const Expr *E, const utils::BlockingCall &Blocking,
    Position Pos) {
  const SourceLocation Loc = diagLoc(E);
  const auto *Call = llvm::dyn_cast<CallExpr>(E);
  const BlockingRemedy Remedy = Blocking.Api->Remedy;

  // The fixes that go on the warning: they say what the author meant.
  std::optional<std::string> Replacement;
  bool AwaitableArgument = false;
  // In a template, a call whose overload is chosen per instantiation gets
  // the advice without a rewrite.
  if (Call && Blocking.Suggestion.empty() && !Blocking.Dependent) {
    if (isSleep(Remedy))
      Replacement = sleepReplacement(Co, Call, Remedy, Pos);
    else if (Remedy == BlockingRemedy::AwaitArgument ||
             Remedy == BlockingRemedy::AwaitArgumentIfDiscarded)
      Replacement =
          awaitArgumentReplacement(Co, Call, Remedy, Pos, AwaitableArgument);
  }
  std::optional<CharSourceRange> Range;
  if (Replacement)
    Range =
        utils::writtenRange(E, Co.Ctx.getSourceManager(), Co.Ctx.getLangOpts());

  {
    auto Diag = diag(Loc, "blocking call to '%0' in a coroutine; "
                          "%select{sleeping|waiting for another thread|a "
                          "nested event loop|synchronous network I/O|waiting "
                          "for a child process|synchronous file I/O|waiting "
                          "for console input|the call}1 stalls every "
                          "coroutine on its thread")
                << Blocking.DisplayName
                << static_cast<unsigned>(Blocking.Api->Category)
                << E->getSourceRange();
    if (Range)
      Diag << FixItHint::CreateReplacement(*Range, *Replacement);
  }
  if (Range)
    return;

  if (!Blocking.Suggestion.empty()) {
    diag(Loc, "use '%0' instead", DiagnosticIDs::Note) << Blocking.Suggestion;
    return;
  }
  switch (Remedy) {
  case BlockingRemedy::SleepFor:
  case BlockingRemedy::SleepUntil:
  case BlockingRemedy::SleepSeconds:
  case BlockingRemedy::SleepMicroseconds:
  case BlockingRemedy::SleepOther:
    noteTimer(Co, Loc, Pos);
    return;
  case BlockingRemedy::AwaitArgument:
  case BlockingRemedy::AwaitArgumentIfDiscarded:
    if (AwaitableArgument)
      diag(Loc,
           "'co_await' the argument instead of blocking on it%select{|, "
           "outside the catch handler}0",
           DiagnosticIDs::Note)
          << Pos.InHandler;
    else
      noteOffload(Co, Loc, Pos);
    return;
  case BlockingRemedy::AsyncTwin:
    if (!Call || !noteAsyncTwin(Co, Call, Pos))
      noteOffload(Co, Loc, Pos);
    return;
  case BlockingRemedy::Advice:
    diag(Loc, "%0", DiagnosticIDs::Note) << Blocking.Api->Advice;
    return;
  case BlockingRemedy::Offload:
    // A descriptor call blocks only because the descriptor does: the remedy
    // is its non-blocking mode, not a thread that waits in its place.
    if (Call && utils::isPosixDescriptorCall(Call))
      diag(Loc,
           "put the descriptor in non-blocking mode (O_NONBLOCK) and await "
           "its readiness, or use the framework's asynchronous I/O "
           "operations",
           DiagnosticIDs::Note);
    else
      noteOffload(Co, Loc, Pos);
    return;
  }
}

// The alternatives all await; `co_await` is not allowed in a catch handler,
// so there the notes say to move the call out of it.
void BlockingCallInCoroutineCheck::noteOffload(const Coroutine &Co,
                                               SourceLocation Loc,
                                               Position Pos) {
  std::string Idiom = utils::offloadIdiom(Co.Ctx, Co.Framework, Loc);
  if (Idiom.empty())
    diag(Loc,
         "move the blocking call to a thread pool and await its "
         "result%select{|, outside the catch handler}0",
         DiagnosticIDs::Note)
        << Pos.InHandler;
  else
    diag(Loc,
         "move the blocking call to a thread pool%select{|, outside the catch "
         "handler}1: %0",
         DiagnosticIDs::Note)
        << Idiom << Pos.InHandler;
}

void BlockingCallInCoroutineCheck::noteTimer(const Coroutine &Co,
                                             SourceLocation Loc, Position Pos) {
  std::string Idiom = utils::timerIdiom(Co.Ctx, Co.Framework, Loc);
  if (Idiom.empty())
    diag(Loc,
         "suspend on a timer of the coroutine's framework instead%select{|, "
         "outside the catch handler}0",
         DiagnosticIDs::Note)
        << Pos.InHandler;
  else
    diag(Loc,
         "suspend on a timer instead%select{|, outside the catch handler}1: "
         "%0",
         DiagnosticIDs::Note)
        << Idiom << Pos.InHandler;
}

// ---------------------------------------------------------------------------
// Fix-its.

std::optional<std::string> BlockingCallInCoroutineCheck::sleepReplacement(
    const Coroutine &Co, const CallExpr *Call, BlockingRemedy Remedy,
    Position Pos) {
  if (Pos.NoAwait || Call->getNumArgs() != 1)
    return std::nullopt;
  const ASTContext &Ctx = Co.Ctx;
  const SourceLocation Loc = Call->getBeginLoc();
  const std::string Chrono = utils::spellNamespace(Ctx, "std::chrono", Loc);
  std::optional<std::string> ArgText = sourceText(Call->getArg(0), Ctx);
  if (!ArgText)
    return std::nullopt;

  // The argument as a std::chrono duration or time point.
  QualType ArgType = Call->getArg(0)->getType();
  const bool Until = Remedy == BlockingRemedy::SleepUntil;
  if (Remedy == BlockingRemedy::SleepSeconds ||
      Remedy == BlockingRemedy::SleepMicroseconds) {
    // ::sleep and ::usleep return a value; the timer does not.
    if (!Pos.discarded())
      return std::nullopt;
    llvm::StringRef Unit =
        Remedy == BlockingRemedy::SleepSeconds ? "seconds" : "microseconds";
    const auto *Typedef = llvm::dyn_cast_or_null<TypedefNameDecl>(
        utils::findDeclaration(Ctx, ("std::chrono::" + Unit).str()));
    if (!Typedef)
      return std::nullopt;
    ArgType = Typedef->getUnderlyingType();
    ArgText = Chrono + "::" + Unit.str() + "(" + *ArgText + ")";
  } else if (Remedy != BlockingRemedy::SleepFor && !Until) {
    return std::nullopt;
  }
  std::optional<TimePointInfo> TimePoint;
  if (Until && !(TimePoint = timePointInfo(ArgType)))
    return std::nullopt;
  std::optional<DurationInfo> Duration =
      durationInfo(Until ? TimePoint->Duration : ArgType);
  if (!Duration)
    return std::nullopt;

  // The argument as the timer takes it: as written when it converts
  // implicitly, else rounded up (a sleep lasts at least as long as asked).
  auto Fit = [&](QualType Target,
                 llvm::StringRef TargetSpelling) -> std::optional<std::string> {
    std::optional<DurationInfo> To = durationInfo(Target);
    if (!To)
      return std::nullopt;
    if (convertsImplicitly(*Duration, *To))
      return *ArgText;
    return Chrono + "::ceil<" + TargetSpelling.str() + ">(" + *ArgText + ")";
  };
  auto Spelled = [&](QualType T) {
    PrintingPolicy Policy(Ctx.getLangOpts());
    Policy.SuppressScope = false;
    return TypeName::getFullyQualifiedName(T, Ctx, Policy);
  };

  switch (Co.Framework) {
  case utils::Framework::BoostAsio:
  case utils::Framework::Asio: {
    const llvm::StringRef Namespace = utils::profile(Co.Framework).Namespace;
    if (!isDefaultAwaitable(Co.Function->getReturnType(), Namespace) ||
        !utils::findDeclaration(Ctx,
                                (Namespace + "::this_coro::executor").str()) ||
        !utils::findDeclaration(Ctx, (Namespace + "::use_awaitable").str()))
      return std::nullopt;
    // A timer on the clock of the time point, or the steady clock.
    std::string Clock = "steady_clock";
    if (Until)
      Clock = llvm::StringRef(utils::qualifiedName(TimePoint->Clock))
                  .rsplit("::")
                  .second.str();
    llvm::StringRef Timer = llvm::StringSwitch<llvm::StringRef>(Clock)
                                .Case("steady_clock", "steady_timer")
                                .Case("system_clock", "system_timer")
                                .Default("");
    if (Timer.empty() ||
        !utils::findDeclaration(Ctx, (Namespace + "::" + Timer).str()))
      return std::nullopt;
    const auto *ClockDecl = llvm::dyn_cast_or_null<CXXRecordDecl>(
        utils::findDeclaration(Ctx, "std::chrono::" + Clock));
    std::optional<std::string> Arg = Fit(memberType(ClockDecl, "duration", Ctx),
                                         Chrono + "::" + Clock + "::duration");
    if (!Arg)
      return std::nullopt;
    const std::string NS = utils::spellNamespace(Ctx, Namespace, Loc);
    return "co_await " + NS + "::" + Timer.str() + "(co_await " + NS +
           "::this_coro::executor, " + *Arg + ").async_wait(" + NS +
           "::use_awaitable)";
  }
  case utils::Framework::Folly: {
    const auto *Sleep = llvm::dyn_cast_or_null<FunctionDecl>(
        utils::findDeclaration(Ctx, "folly::coro::sleep"));
    if (Until || !Sleep || Sleep->getNumParams() < 1 ||
        !utils::canAwaitIn(Sleep->getReturnType(), Co.Function))
      return std::nullopt;
    QualType Target = Sleep->getParamDecl(0)
                          ->getType()
                          .getNonReferenceType()
                          .getUnqualifiedType();
    std::optional<std::string> Arg = Fit(Target, Spelled(Target));
    if (!Arg)
      return std::nullopt;
    return "co_await " + utils::spellNamespace(Ctx, "folly::coro", Loc) +
           "::sleep(" + *Arg + ")";
  }
  case utils::Framework::Libcoro: {
    std::optional<std::pair<std::string, const CXXRecordDecl *>> Scheduler =
        schedulerInScope(Co, Call,
                         utils::profile(Co.Framework).TimerSchedulers);
    if (!Scheduler)
      return std::nullopt;
    const NamedDecl *Found = [&]() -> const NamedDecl * {
      auto Result = Scheduler->second->lookup(
          &Ctx.Idents.get(Until ? "yield_until" : "yield_for"));
      return Result.empty() ? nullptr : Result.front();
    }();
    // Current libcoro takes any duration: `template <class Rep, class Period>
    // yield_for(std::chrono::duration<Rep, Period>)`; the sleep's own
    // argument is passed on as written.
    if (const auto *Template =
            llvm::dyn_cast_or_null<FunctionTemplateDecl>(Found)) {
      const FunctionDecl *Pattern = Template->getTemplatedDecl();
      if (Until || Pattern->getNumParams() != 1 ||
          !utils::canAwaitIn(Pattern->getReturnType(), Co.Function))
        return std::nullopt;
      return "co_await " + Scheduler->first + "yield_for(" + *ArgText + ")";
    }
    const auto *Method = llvm::dyn_cast_or_null<CXXMethodDecl>(Found);
    if (!Method || Method->getNumParams() != 1 ||
        !utils::canAwaitIn(Method->getReturnType(), Co.Function))
      return std::nullopt;
    QualType Target = Method->getParamDecl(0)
                          ->getType()
                          .getNonReferenceType()
                          .getUnqualifiedType();
    std::optional<std::string> Arg;
    if (Until) {
      // The scheduler's time point must be on the same clock.
      std::optional<TimePointInfo> Own = timePointInfo(Target);
      if (!Own || Own->Clock->getCanonicalDecl() !=
                      TimePoint->Clock->getCanonicalDecl())
        return std::nullopt;
      Arg = Fit(Own->Duration, Spelled(Own->Duration));
    } else {
      Arg = Fit(Target, Spelled(Target));
    }
    if (!Arg)
      return std::nullopt;
    return "co_await " + Scheduler->first +
           (Until ? "yield_until(" : "yield_for(") + *Arg + ")";
  }
  default:
    return std::nullopt;
  }
}

std::optional<std::pair<std::string, const CXXRecordDecl *>>
BlockingCallInCoroutineCheck::schedulerInScope(
    const Coroutine &Co, const CallExpr *Call,
    llvm::ArrayRef<llvm::StringRef> Classes) const {
  const SourceManager &SM = Co.Ctx.getSourceManager();
  // How a variable of type T reaches a `Class` object: `.` or `->`.
  auto Access = [&](QualType T)
      -> std::optional<std::pair<llvm::StringRef, const CXXRecordDecl *>> {
    T = T.getNonReferenceType();
    llvm::StringRef Op = ".";
    if (T->isPointerType()) {
      T = T->getPointeeType();
      Op = "->";
    } else if (const auto *Smart =
                   llvm::dyn_cast_or_null<ClassTemplateSpecializationDecl>(
                       T->getAsCXXRecordDecl())) {
      std::string Name = utils::qualifiedName(Smart);
      if ((Name == "std::shared_ptr" || Name == "std::unique_ptr") &&
          Smart->getTemplateArgs().size() >= 1) {
        T = Smart->getTemplateArgs()[0].getAsType();
        Op = "->";
      }
    }
    const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
    if (!RD || !RD->hasDefinition() ||
        !llvm::is_contained(Classes, utils::qualifiedName(RD)))
      return std::nullopt;
    return std::make_pair(Op, RD->getDefinition());
  };
  auto Candidate = [&](const ValueDecl *D)
      -> std::optional<std::pair<std::string, const CXXRecordDecl *>> {
    if (!D->getIdentifier())
      return std::nullopt;
    if (auto Found = Access(D->getType()))
      return std::make_pair(D->getName().str() + Found->first.str(),
                            Found->second);
    return std::nullopt;
  };

  const SourceLocation At = SM.getExpansionLoc(Call->getBeginLoc());
  // The nearest local declared before the call in a block around it...
  for (auto It = Co.Locals.rbegin(), End = Co.Locals.rend(); It != End; ++It) {
    const auto &[Var, Block] = *It;
    if (!Block ||
        !SM.isBeforeInTranslationUnit(SM.getExpansionLoc(Var->getLocation()),
                                      At) ||
        !SM.isBeforeInTranslationUnit(SM.getExpansionLoc(Block->getLBracLoc()),
                                      At) ||
        !SM.isBeforeInTranslationUnit(At,
                                      SM.getExpansionLoc(Block->getRBracLoc())))
      continue;
    if (auto Found = Candidate(Var))
      return Found;
  }
  // ...then a parameter, then a member of the coroutine's class.
  for (const ParmVarDecl *Param : Co.Function->parameters())
    if (auto Found = Candidate(Param))
      return Found;
  if (const auto *Method = llvm::dyn_cast<CXXMethodDecl>(Co.Function);
      Method && Method->isInstance() && !isLambdaCallOperator(Method))
    for (const FieldDecl *Field : Method->getParent()->fields())
      if (auto Found = Candidate(Field))
        return Found;
  return std::nullopt;
}

std::optional<std::string>
BlockingCallInCoroutineCheck::awaitArgumentReplacement(
    const Coroutine &Co, const CallExpr *Call, BlockingRemedy Remedy,
    Position Pos, bool &AwaitableArgument) {
  llvm::SmallVector<const Expr *, 4> Args = writtenArguments(Call);
  if (Args.size() != 1)
    return std::nullopt;
  const Expr *Arg = Args.front();
  if (!utils::canAwaitIn(Arg->getType(), Co.Function))
    return std::nullopt;
  AwaitableArgument = true;
  // An lvalue task would have to be moved from; a wrapped result (stdexec's
  // optional tuple) means something else once awaited.
  if (Pos.NoAwait || Arg->isLValue() ||
      (Remedy == BlockingRemedy::AwaitArgumentIfDiscarded && !Pos.discarded()))
    return std::nullopt;
  std::optional<std::string> Text = sourceText(Arg, Co.Ctx);
  if (!Text)
    return std::nullopt;
  std::string Await =
      "co_await " + (needsParensAfterPrefix(Arg) ? "(" + *Text + ")" : *Text);
  return Pos.PostfixOperand ? "(" + Await + ")" : Await;
}

bool BlockingCallInCoroutineCheck::noteAsyncTwin(const Coroutine &Co,
                                                 const CallExpr *Call,
                                                 Position Pos) {
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Callee || !Callee->getIdentifier())
    return false;
  const ASTContext &Ctx = Co.Ctx;
  const std::string Name = utils::qualifiedName(Callee);
  // The twin completes through the coroutine's own framework.
  const utils::Framework Family =
      llvm::StringRef(Name).starts_with("boost::") ? utils::Framework::BoostAsio
      : llvm::StringRef(Name).starts_with("asio::") ? utils::Framework::Asio
                                                    : utils::Framework::Unknown;
  if (Family == utils::Framework::Unknown || Family != Co.Framework)
    return false;
  const std::string Twin = "async_" + Callee->getName().str();
  const auto *Member = llvm::dyn_cast<CXXMemberCallExpr>(Call);
  auto ObjectClass = [](const CXXMemberCallExpr *Member) {
    QualType T =
        Member->getImplicitObjectArgument()->IgnoreImpCasts()->getType();
    return (T->isPointerType() ? T->getPointeeType() : T)->getAsCXXRecordDecl();
  };
  if (Member
          ? !hasMember(ObjectClass(Member), Twin, Ctx)
          : !utils::findDeclaration(
                Ctx,
                (llvm::StringRef(Name).rsplit("::").first + "::" + Twin).str()))
    return false;

  const SourceLocation Loc = diagLoc(Call);
  const llvm::StringRef Namespace = utils::profile(Family).Namespace;
  if (!isDefaultAwaitable(Co.Function->getReturnType(), Namespace)) {
    diag(Loc,
         "use the asynchronous '%0' with the coroutine's completion token "
         "instead%select{|, outside the catch handler}1",
         DiagnosticIDs::Note)
        << Twin << Pos.InHandler;
    return true;
  }
  const std::string Token =
      utils::spellNamespace(Ctx, Namespace, Loc) + "::use_awaitable";

  // The fix awaits the twin. It keeps the meaning only without an
  // error_code argument: the synchronous overload taking one reports errors
  // there, while the awaited operation throws.
  llvm::SmallVector<FixItHint, 4> Fix;
  llvm::SmallVector<const Expr *, 4> Args = writtenArguments(Call);
  SourceLocation NameLoc;
  if (Member) {
    if (const auto *ME = llvm::dyn_cast<MemberExpr>(
            Member->getCallee()->IgnoreParenImpCasts()))
      NameLoc = ME->getMemberLoc();
  } else if (const auto *Ref = llvm::dyn_cast<DeclRefExpr>(
                 Call->getCallee()->IgnoreParenImpCasts())) {
    NameLoc = Ref->getLocation();
  }
  std::optional<CharSourceRange> Range =
      utils::writtenRange(Call, Ctx.getSourceManager(), Ctx.getLangOpts());
  if (!Pos.NoAwait && Range && NameLoc.isFileID() &&
      Call->getRParenLoc().isFileID() &&
      utils::findDeclaration(Ctx, (Namespace + "::use_awaitable").str()) &&
      llvm::none_of(
          Args, [](const Expr *Arg) { return isErrorCode(Arg->getType()); })) {
    Fix.push_back(FixItHint::CreateInsertion(
        Range->getBegin(), Pos.PostfixOperand ? "(co_await " : "co_await "));
    Fix.push_back(FixItHint::CreateReplacement(
        CharSourceRange::getTokenRange(NameLoc, NameLoc), Twin));
    Fix.push_back(FixItHint::CreateInsertion(
        Call->getRParenLoc(), Args.empty() ? Token : ", " + Token));
    if (Pos.PostfixOperand)
      Fix.push_back(FixItHint::CreateInsertion(Range->getEnd(), ")"));
  }
  diag(Loc,
       "use the asynchronous '%0' with '%1' instead%select{|, outside the "
       "catch handler}2",
       DiagnosticIDs::Note)
      << Twin << Token << Pos.InHandler << Fix;
  return true;
}

} // namespace clang::tidy::async
