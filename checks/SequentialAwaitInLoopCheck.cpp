//===--- SequentialAwaitInLoopCheck.cpp - async-sequential-await-in-loop --===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The story, once per loop of a coroutine, inner loops first:
//
//  1. utils::LoopDataFlow summarises the loop: its awaits, what each
//     iteration derives from the loop's element or index, which values the
//     awaits produce, and which of those carry into the next iteration.
//  2. A loop whose header awaits, whose body yields, that has no variable of
//     its own, or that an awaited value may end, is left alone: its
//     iterations are not independent.
//  3. Each await is classified: per-item work, independent of the loop,
//     pacing, one serial resource, loop-carried, or writing a shared output.
//     The loop is reported when it has per-item work and nothing that ties
//     its iterations together.
//  4. The note offers the framework's idiom and, for the simplest shapes, a
//     rewrite (SequentialAwaitRewrite.h).
//
//===----------------------------------------------------------------------===//

#include "SequentialAwaitInLoopCheck.h"
#include "SequentialAwaitRewrite.h"
#include "utils/Coroutines.h"
#include "utils/LoopDataFlow.h"
#include "utils/Loops.h"
#include "utils/Names.h"
#include "utils/Options.h"
#include "utils/SerialResources.h"
#include "utils/TaskTypes.h"
#include "utils/Templates.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Preprocessor.h"
#include "llvm/ADT/DenseSet.h"

using namespace clang::ast_matchers;

namespace clang::tidy::async {

static constexpr llvm::StringLiteral SerialTypesKey = "SerialTypes";
static constexpr llvm::StringLiteral MaxConcurrencyKey = "MaxConcurrency";
/// How many of the collected tasks a windowed join runs at once by default.
static constexpr unsigned DefaultMaxConcurrency = 16;
static constexpr llvm::StringLiteral ConcurrentTypesKey = "ConcurrentTypes";
static constexpr llvm::StringLiteral IgnoredFunctionsKey = "IgnoredFunctions";

// The analysis lives in a namespace of its own (not an anonymous one) because
// the check class refers to its types.
namespace sequential_await_in_loop {

using utils::AwaitSite;
using utils::LoopDataFlow;
using utils::Operation;

/// Awaits that take a lock: a loop that locks serialises its iterations on
/// purpose.
const char *const LockFunctions[] = {
    "lock",        "co_lock",        "scoped_lock",           "co_scoped_lock",
    "lock_shared", "co_lock_shared", "co_scoped_lock_shared", "async_lock",
};

/// Functions (or function objects and variables) whose await moves the
/// coroutine to an executor or yields it to the scheduler, whatever namespace
/// they are in: a loop that hops on every iteration schedules its work on
/// purpose (`co_await pool.schedule()`, `co_await resume_on(executor)`).
const char *const HopFunctions[] = {
    "schedule", "yield",      "resume_on",  "post",
    "dispatch", "defer",      "reschedule", "co_reschedule_on_current_executor",
    "switchTo", "scheduleOn",
};

/// Functions (or function objects) whose await is a sleep, a timer or a
/// yield, whatever namespace they are in: `folly::coro::sleep`,
/// `exec::schedule_after`, libcoro's `io_scheduler::yield_for`, ...
const char *const PacingFunctions[] = {
    "sleep",
    "sleep_for",
    "sleep_until",
    "async_sleep",
    "sleepFor",
    "sleepUntil",
    "sleepReturnEarlyOnCancel",
    "schedule_after",
    "schedule_at",
    "yield_for",
    "yield_until",
};

/// The class an object expression denotes: through pointers (`this`,
/// `conn->`), references and sugar.
static const CXXRecordDecl *classOfObject(const Expr *E) {
  QualType T = E->getType();
  if (T.isNull())
    return nullptr;
  if (const auto *Ptr = T->getAs<PointerType>())
    T = Ptr->getPointeeType();
  return utils::classDeclOf(T);
}

/// What the check knows about types and functions, with its answers cached
/// for one translation unit.
class Knowledge {
public:
  Knowledge(llvm::StringRef SerialOption, llvm::StringRef ConcurrentOption,
            llvm::StringRef IgnoredOption, llvm::StringRef LazyOption,
            llvm::StringRef EagerOption)
      : Resources(SerialOption, ConcurrentOption),
        Tasks(LazyOption, EagerOption), Ignored(IgnoredOption) {}

  bool isIgnored(const NamedDecl *D) const { return D && Ignored.contains(D); }

  utils::SerialResources Resources;
  utils::TaskTypeClassifier Tasks;

private:
  utils::NameSet Ignored;
};

/// How an await inside a loop relates to the loop's iterations.
enum class AwaitKind {
  PerItem,     ///< Work on this iteration's item, independent of the others.
  Independent, ///< Does not depend on the loop's item at all.
  Ignored,     ///< One of the IgnoredFunctions.
  Inline,      ///< A coroutine that never suspends: it completes at once.
  Pacing,      ///< A sleep, timer, yield or executor hop: the loop is paced
               ///< on purpose.
  Serial,      ///< Acts on one serial resource shared by all iterations.
  Carried,     ///< Reads a value an earlier iteration's await produced.
  SharedOutput ///< Writes into data that every iteration shares.
};

static bool blocksLoop(AwaitKind Kind) {
  return Kind == AwaitKind::Pacing || Kind == AwaitKind::Serial ||
         Kind == AwaitKind::Carried || Kind == AwaitKind::SharedOutput;
}
/// Whether the iterations of a loop could overlap at all, before looking at
/// what its awaits do: it awaits, does not yield, has variables of its own
/// that select each iteration's item, and neither its header nor an early
/// exit depends on what an await produced.
static bool iterationsCouldOverlap(const LoopDataFlow &Flow) {
  const utils::LoopFacts &Facts = Flow.facts();
  return !Facts.Awaits.empty() && !Facts.Yields &&
         !Flow.loopVariables().empty() && !Flow.headerReadsProduced() &&
         !Flow.exitsEarly();
}

/// Whether \p E hands a task a lambda that holds by reference a loop
/// variable all iterations share (`co_await lb.send([&i] { ... i ... })`):
/// run together, every task would read it as the last iteration left it, so
/// the iterations are not independent.
static bool capturesLoopVariableByReference(const Stmt *E,
                                            const utils::DeclSet &Own) {
  if (!E)
    return false;
  if (const auto *Lambda = llvm::dyn_cast<LambdaExpr>(E))
    return llvm::any_of(Lambda->captures(), [&](const LambdaCapture &C) {
      // One variable that every iteration steps (`i`), not a per-iteration
      // element or a reference to one (`for (auto &h : hosts)`).
      const auto *Var = C.capturesVariable()
                            ? llvm::dyn_cast<VarDecl>(C.getCapturedVar())
                            : nullptr;
      return Var && C.getCaptureKind() == LCK_ByRef && Own.contains(Var) &&
             !Var->getType()->isReferenceType() && !Var->isCXXForRangeDecl();
    });
  return llvm::any_of(E->children(), [&](const Stmt *Child) {
    return capturesLoopVariableByReference(Child, Own);
  });
}

/// Classifies the awaits of one loop whose iterations could overlap.
class LoopAnalysis {
public:
  LoopAnalysis(const LoopDataFlow &Flow, const FunctionDecl *Function,
               Knowledge &Known)
      : Flow(Flow), Function(Function), Known(Known) {}

  /// The first per-item await not in \p AlreadyReported, or nothing when
  /// there is none or an await ties the iterations together. Every per-item
  /// await is added to \p PerItemAwaits.
  std::optional<Finding>
  run(const llvm::DenseSet<const Expr *> &AlreadyReported,
      llvm::SmallVectorImpl<const Expr *> &PerItemAwaits);

private:
  AwaitKind classify(const AwaitSite &Site,
                     llvm::SmallVectorImpl<Operation> &Ops);
  AwaitKind classifyPerItemWork(const AwaitSite &Site,
                                llvm::ArrayRef<Operation> Ops);
  bool isPacing(const Operation &Op);
  /// Whether \p Object is an eager task (already running); in a template,
  /// whether it is one in every instantiation.
  bool isEagerTask(const Expr *Object);
  bool isSharedSerial(const Expr *Object);
  bool isSharedLock(const Operation &Op);

  const LoopDataFlow &Flow;
  const FunctionDecl *Function;
  Knowledge &Known;
};

bool LoopAnalysis::isSharedSerial(const Expr *Object) {
  if (!Object)
    return false;
  QualType T = Object->IgnoreParenImpCasts()->getType();
  if (T.isNull())
    return false;
  if (const auto *Ptr = T->getAs<PointerType>())
    T = Ptr->getPointeeType();
  // A class, or the pattern of a dependent specialization such as
  // `websocket::stream<Stream>`. Any other dependent type (a template
  // parameter) may well be a stream: stay quiet.
  const CXXRecordDecl *RD = utils::classDeclOf(T);
  const bool Serial =
      RD ? Known.Resources.isSerialClass(RD) : T->isDependentType();
  return Serial && Flow.sharedAcrossIterations(Object);
}

bool LoopAnalysis::isSharedLock(const Operation &Op) {
  if (!Op.Object)
    return false;
  const CXXRecordDecl *RD = classOfObject(Op.Object);
  const NamedDecl *Id = RD ? utils::identityOf(RD) : nullptr;
  const bool Lock = llvm::is_contained(LockFunctions, Op.identifier()) ||
                    (Id && Id->getIdentifier() &&
                     utils::endsWithWord(Id->getName(), "mutex"));
  return Lock && Flow.sharedAcrossIterations(Op.Object);
}

bool LoopAnalysis::isEagerTask(const Expr *Object) {
  QualType T = Object->getType();
  if (!T->isDependentType())
    return Known.Tasks.classify(T) == utils::TaskKind::Eager;
  // In a template, what the instantiations make of the object.
  const auto *Ref = llvm::dyn_cast<DeclRefExpr>(Object->IgnoreParenImpCasts());
  llvm::SmallVector<QualType, 2> Types =
      utils::instantiatedTypes(Ref, Function);
  return !Types.empty() && llvm::all_of(Types, [this](QualType Instance) {
    return Known.Tasks.classify(Instance) == utils::TaskKind::Eager;
  });
}

bool LoopAnalysis::isPacing(const Operation &Op) {
  llvm::StringRef Name = Op.identifier();
  if (!Name.empty() && (llvm::is_contained(PacingFunctions, Name) ||
                        llvm::is_contained(HopFunctions, Name)))
    return true;
  // `co_await folly::coro::co_reschedule_on_current_executor;`
  if (!Op.Call)
    if (const auto *Ref = llvm::dyn_cast<DeclRefExpr>(Op.E);
        Ref && Ref->getDecl()->getIdentifier() &&
        llvm::is_contained(HopFunctions, Ref->getDecl()->getName()))
      return true;
  if ((Name == "async_wait" || Name == "wait") && Op.Object)
    return Known.Resources.isTimerClass(classOfObject(Op.Object));
  return false;
}

AwaitKind LoopAnalysis::classify(const AwaitSite &Site,
                                 llvm::SmallVectorImpl<Operation> &Ops) {
  utils::collectOperations(Site.Operand, Ops);
  for (const Operation &Op : Ops)
    if (Known.isIgnored(Op.Named))
      return AwaitKind::Ignored;
  for (const Operation &Op : Ops)
    if (isPacing(Op))
      return AwaitKind::Pacing;
  for (const Operation &Op : Ops)
    if (Op.Call && (isSharedSerial(Op.Object) || isSharedSerial(Op.FirstArg) ||
                    isSharedLock(Op)))
      return AwaitKind::Serial;
  if (Site.OperandReads.any(Flow.carried()) ||
      capturesLoopVariableByReference(Site.Operand, Flow.loopVariables()))
    return AwaitKind::Carried;
  for (const Expr *Output : Site.Outputs) {
    const CXXRecordDecl *RD = utils::classDeclOf(Output->getType());
    if (!Known.Resources.isConcurrent(RD) &&
        Flow.sharedAcrossIterations(Output))
      return AwaitKind::SharedOutput;
  }
  if (!Site.OperandReads.any(Flow.derived()))
    return AwaitKind::Independent;
  return classifyPerItemWork(Site, Ops);
}

// An await that reads the iteration's item and nothing that ties the
// iterations together: per-item work, unless awaiting it concurrently
// would gain nothing.
AwaitKind LoopAnalysis::classifyPerItemWork(const AwaitSite &Site,
                                            llvm::ArrayRef<Operation> Ops) {
  // Coroutines whose visible body never suspends run to completion when
  // awaited: awaiting them together would run them one after another anyway.
  // In a template, the members the unresolved call may name are the class
  // template's own.
  if (llvm::all_of(Ops, [](const Operation &Op) {
        if (!Op.Call)
          return false;
        if (const FunctionDecl *Callee = Op.Call->getDirectCallee())
          return utils::neverSuspends(Callee);
        llvm::SmallVector<const FunctionDecl *, 2> Candidates =
            utils::memberCandidates(Op.Object, Op.Name);
        return !Candidates.empty() &&
               llvm::all_of(Candidates, utils::neverSuspends);
      }))
    return AwaitKind::Inline;
  // Joining tasks that already run (`co_await result.resolve()` on an eager
  // task): the work is concurrent already, the loop only collects it.
  if (llvm::all_of(Ops, [this](const Operation &Op) {
        return Op.Object && isEagerTask(Op.Object);
      }))
    return AwaitKind::Independent;
  for (const Operation &Op : Ops)
    if (Op.Call)
      return AwaitKind::PerItem;
  // Awaiting a task made earlier: a lazy one only starts now, one at a time;
  // an eager one is already running and awaiting it in a loop is a join.
  for (const Operation &Op : Ops)
    if (Known.Tasks.classify(Op.E->getType()) == utils::TaskKind::Lazy)
      return AwaitKind::PerItem;
  return AwaitKind::Independent;
}

std::optional<Finding>
LoopAnalysis::run(const llvm::DenseSet<const Expr *> &AlreadyReported,
                  llvm::SmallVectorImpl<const Expr *> &PerItemAwaits) {
  std::optional<Finding> First;
  for (const AwaitSite &Site : Flow.facts().Awaits) {
    if (Site.InGeneratorLoop)
      continue;
    llvm::SmallVector<Operation, 2> Ops;
    AwaitKind Kind = classify(Site, Ops);
    if (blocksLoop(Kind))
      return std::nullopt;
    if (Kind != AwaitKind::PerItem)
      continue;
    PerItemAwaits.push_back(Site.Await);
    if (First || AlreadyReported.contains(Site.Await))
      continue;
    // The warning names the awaited call, when there is one.
    const Operation *Reported = &Ops.front();
    for (const Operation &Op : Ops)
      if (Op.Call) {
        Reported = &Op;
        break;
      }
    First = Finding{&Flow, &Site, *Reported};
  }
  return First;
}

} // namespace sequential_await_in_loop

using namespace sequential_await_in_loop;

//===----------------------------------------------------------------------===//
// The check.
//===----------------------------------------------------------------------===//

SequentialAwaitInLoopCheck::SequentialAwaitInLoopCheck(
    StringRef Name, ClangTidyContext *Context)
    : FunctionBodyCheck(Name, Context),
      SerialTypes(Options.get(SerialTypesKey, "")),
      ConcurrentTypes(Options.get(ConcurrentTypesKey, "")),
      IgnoredFunctions(Options.get(IgnoredFunctionsKey, "")),
      MaxConcurrency(Options.get(MaxConcurrencyKey, DefaultMaxConcurrency)),
      LazyTaskTypes(Options.getLocalOrGlobal(utils::LazyTaskTypesOption, "")),
      EagerTaskTypes(Options.getLocalOrGlobal(utils::EagerTaskTypesOption, "")),
      Inserter(Options.getLocalOrGlobal("IncludeStyle",
                                        tidy::utils::IncludeSorter::IS_LLVM),
               areDiagsSelfContained()) {}

void SequentialAwaitInLoopCheck::storeOptions(
    ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, SerialTypesKey, SerialTypes);
  Options.store(Opts, MaxConcurrencyKey, MaxConcurrency);
  Options.store(Opts, ConcurrentTypesKey, ConcurrentTypes);
  Options.store(Opts, IgnoredFunctionsKey, IgnoredFunctions);
  Options.store(Opts, utils::LazyTaskTypesOption, LazyTaskTypes);
  Options.store(Opts, utils::EagerTaskTypesOption, EagerTaskTypes);
  Options.store(Opts, "IncludeStyle", Inserter.getStyle());
}

void SequentialAwaitInLoopCheck::registerPPCallbacks(
    const SourceManager &SM, Preprocessor *PP, Preprocessor *ModuleExpanderPP) {
  Inserter.registerPreprocessor(PP);
}

void SequentialAwaitInLoopCheck::onStartOfTranslationUnit() {
  Aliases.clear();
  // Cached answers refer to declarations of one translation unit.
  Known = std::make_shared<Knowledge>(SerialTypes, ConcurrentTypes,
                                      IgnoredFunctions, LazyTaskTypes,
                                      EagerTaskTypes);
}

void SequentialAwaitInLoopCheck::check(const MatchFinder::MatchResult &Result) {
  const FunctionDecl *Function = utils::getMatchedFunction(Result);
  if (!Function || !utils::isCoroutine(Function))
    return;
  if (!Known)
    onStartOfTranslationUnit();

  // The loops of this function, outer before inner; lambdas are functions of
  // their own.
  llvm::SmallVector<const Stmt *, 8> Loops;
  utils::forEachEvaluatedStmt(utils::getUserBody(Function),
                              [&Loops](const Stmt *S) {
                                if (utils::isLoop(S))
                                  Loops.push_back(S);
                                return true;
                              });

  // Inner loops first: an await is reported once, for the innermost loop
  // whose iterations it makes sequential.
  llvm::DenseSet<const Expr *> Reported;
  for (const Stmt *Loop : llvm::reverse(Loops)) {
    // An await in the loop's own header decides each iteration: the loop is
    // an async generator's, or the awaited value may end it.
    if (utils::headerAwaits(Loop))
      continue;
    const LoopDataFlow Flow(Loop);
    if (!iterationsCouldOverlap(Flow))
      continue;
    llvm::SmallVector<const Expr *, 4> PerItem;
    std::optional<Finding> Found =
        LoopAnalysis(Flow, Function, *Known).run(Reported, PerItem);
    if (!Found)
      continue;
    // The enclosing loops do not report these awaits again.
    Reported.insert(PerItem.begin(), PerItem.end());
    report(*Found, Function, *Result.Context);
  }
}

void SequentialAwaitInLoopCheck::report(const Finding &Finding,
                                        const FunctionDecl *Coroutine,
                                        ASTContext &Ctx) {
  const Operation &Op = Finding.Op;
  const Expr *Await = Finding.Await->Await;
  const SourceLocation AwaitLoc = Await->getBeginLoc();
  const bool Named = Op.Call && Op.Name.isIdentifier() && !Op.Name.isEmpty();
  {
    auto Diag =
        Named ? diag(AwaitLoc, "each iteration waits for %0 before the next "
                               "one starts; the iterations are independent "
                               "and could run concurrently")
                    << Op.Name
              : diag(AwaitLoc, "each iteration waits for the awaited "
                               "operation before the next one starts; the "
                               "iterations are independent and could run "
                               "concurrently");
    Diag << Await->getSourceRange();
  }

  // The idiom of the coroutine's own framework; of the awaited operation's
  // when the coroutine's return type is not a known one.
  utils::Framework Framework = utils::frameworkOf(Coroutine->getReturnType());
  if (Framework == utils::Framework::Unknown && Op.Call)
    Framework = utils::frameworkOf(Op.Call->getType());
  const SourceLocation LoopLoc = Finding.Flow->loop()->getBeginLoc();
  const std::string Namespace =
      Aliases.spell(Ctx, utils::profile(Framework).Namespace, LoopLoc);
  llvm::SmallVector<FixItHint, 3> Fix =
      rangeJoinRewrite(Finding, Framework, Namespace, MaxConcurrency,
                       Known->Tasks, Inserter, Ctx);
  auto Note = diag(LoopLoc, idiomNote(Framework), DiagnosticIDs::Note)
              << Namespace;
  for (const FixItHint &Hint : Fix)
    Note << Hint;
}

} // namespace clang::tidy::async
