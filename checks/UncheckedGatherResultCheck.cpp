//===--- UncheckedGatherResultCheck.cpp - async-unchecked-gather-result ---===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

#include "UncheckedGatherResultCheck.h"
#include "utils/Coroutines.h"
#include "utils/Frameworks.h"
#include "utils/Names.h"
#include "utils/Options.h"
#include "utils/Walk.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace clang::ast_matchers;

namespace clang::tidy::async {

/// One awaited gather whose captured failures nobody can read.
struct UncheckedGatherResultCheck::Gather {
  enum FateKind {
    Discarded,      ///< `co_await collectAll(...);`
    UnreadVariable, ///< `auto results = co_await ...;`, never read.
    UnreadBinding,  ///< `auto [a, b] = co_await ...;`, `b` never read.
  };
  const CoroutineSuspendExpr *Await;
  const CallExpr *Call;
  const utils::CapturingGather *Info;
  FateKind Fate;
  /// The variable, or the binding, that holds the result.
  const ValueDecl *Holder = nullptr;
  /// For a binding: the index of the task whose result it holds.
  unsigned Index = 0;
};

namespace {

static constexpr llvm::StringLiteral StrictModeKey = "StrictMode";

/// The capturing gather that \p E awaits (`co_await collectAllTry(...)`),
/// with its await; nothing for anything else.
std::optional<std::pair<const CoroutineSuspendExpr *, const CallExpr *>>
awaitedGather(const Expr *E) {
  const auto *Await = llvm::dyn_cast_or_null<CoawaitExpr>(
      E ? utils::ignoreValuePreserving(E)->IgnoreParenImpCasts() : nullptr);
  if (!Await)
    return std::nullopt;
  const auto *Call = llvm::dyn_cast_or_null<CallExpr>(
      utils::ignoreValuePreserving(Await->getOperand())->IgnoreParenImpCasts());
  if (!Call || !utils::capturingGather(Call))
    return std::nullopt;
  return std::make_pair(Await, Call);
}

/// Whether \p Arg hands over an executor (`std::shared_ptr<executor>`), as
/// concurrencpp's `when_all` takes first since 0.1.5; before, it took the
/// results alone.
bool isExecutorHandle(const Expr *Arg) {
  const CXXRecordDecl *Handle =
      Arg->getType().getNonReferenceType()->getAsCXXRecordDecl();
  return Handle && utils::qualifiedName(Handle) == "std::shared_ptr";
}

/// Whether argument \p Index of \p Call binds to the parameter pack of its
/// template (`collectAllTry(SemiAwaitables &&...)`): one task, where the
/// range overloads take a container or a generator of them.
bool bindsToPack(const CallExpr *Call, unsigned Index) {
  const FunctionDecl *Callee = Call->getDirectCallee();
  const FunctionDecl *Pattern =
      Callee ? Callee->getTemplateInstantiationPattern() : nullptr;
  if (!Pattern)
    return false;
  for (unsigned I = 0; I < Pattern->getNumParams(); ++I)
    if (Pattern->getParamDecl(I)->isParameterPack())
      return Index >= I;
  return false;
}

/// The tasks that the gather argument \p Arg hands over: the task itself;
/// the tasks the function pushes into the local container it hands over
/// (`tasks.push_back(fetch(i))` ... `collectAll(std::move(tasks))`); or,
/// for an argument that is \p OneTask, the task a local variable was made
/// with and holds until it is handed over (`auto r = fetch(exec); ...
/// when_all(exec, std::move(r))`). Sets \p OutOfSight when some are made
/// elsewhere (a parameter's container).
llvm::SmallVector<const Expr *, 4> tasksOf(const Expr *Arg, bool OneTask,
                                           const Stmt *Body, bool &OutOfSight) {
  const VarDecl *Holder = utils::handedVariable(Arg);
  if (!Holder)
    return {Arg};
  llvm::SmallVector<const Expr *, 4> Tasks;
  if (!Holder->isLocalVarDecl()) {
    OutOfSight = true; // A parameter's or a member's tasks.
    return Tasks;
  }
  if (!OneTask) {
    for (const CXXMemberCallExpr *Append : utils::appendsTo(Body, Holder))
      Tasks.push_back(Append->getArg(0));
    return Tasks;
  }
  if (Holder->getInit() && !Holder->getType()->isReferenceType() &&
      !utils::mentionsOutside(Body, Holder, Arg))
    Tasks.push_back(Holder->getInit());
  else
    OutOfSight = true; // It may hold another task by then.
  return Tasks;
}

} // namespace

UncheckedGatherResultCheck::UncheckedGatherResultCheck(
    StringRef Name, ClangTidyContext *Context)
    : FunctionBodyCheck(Name, Context),
      StrictMode(
          utils::parseBoolOption(Options.get(StrictModeKey, "false"), false)) {}

void UncheckedGatherResultCheck::storeOptions(
    ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, StrictModeKey, utils::boolOptionText(StrictMode));
}

void UncheckedGatherResultCheck::onStartOfTranslationUnit() {
  // The analysis caches by declaration, which is only meaningful within one
  // translation unit.
  Analysis.reset();
}

void UncheckedGatherResultCheck::check(const MatchFinder::MatchResult &Result) {
  const FunctionDecl *Function = utils::getMatchedFunction(Result);
  if (!Function || !utils::isCoroutine(Function))
    return;
  ASTContext &Ctx = *Result.Context;
  const SourceManager &SM = Ctx.getSourceManager();
  const Stmt *Body = utils::getUserBody(Function);
  // Where each gather's result goes: thrown away by the statement, or into
  // a variable or bindings that nothing reads. A result handed to anything
  // else (a loop, a call, a return) may be read there.
  llvm::SmallPtrSet<const Stmt *, 4> Placed;
  utils::forEachEvaluatedStmtInContext(
      Body, Ctx, [&](const Stmt *S, const utils::EvaluationContext &Context) {
        if (const auto *Decl = llvm::dyn_cast<DeclStmt>(S)) {
          const auto *Var = Decl->isSingleDecl()
                                ? llvm::dyn_cast<VarDecl>(Decl->getSingleDecl())
                                : nullptr;
          auto Found = Var ? awaitedGather(Var->getInit()) : std::nullopt;
          if (!Found)
            return true;
          Placed.insert(Found->first);
          Gather G{Found->first, Found->second,
                   utils::capturingGather(Found->second),
                   Gather::UnreadVariable};
          if (const auto *Bindings = llvm::dyn_cast<DecompositionDecl>(Var)) {
            G.Fate = Gather::UnreadBinding;
            for (auto [Index, Binding] : llvm::enumerate(Bindings->bindings()))
              if (!utils::mentions(Body, Binding)) {
                G.Holder = Binding;
                G.Index = Index;
                judge(G, Function, Ctx);
              }
          } else if (!utils::mentions(Body, Var)) {
            G.Holder = Var;
            judge(G, Function, Ctx);
          }
          return true;
        }
        const auto *Await = llvm::dyn_cast<CoawaitExpr>(S);
        if (!Await || Placed.contains(Await) ||
            Context.Use != utils::ValueUse::Discarded)
          return true;
        // An await a macro writes is not the user's code.
        SourceLocation Loc = Await->getBeginLoc();
        if (Loc.isMacroID() && !SM.isMacroArgExpansion(Loc))
          return true;
        if (auto Found = awaitedGather(Await))
          judge({Found->first, Found->second,
                 utils::capturingGather(Found->second), Gather::Discarded},
                Function, Ctx);
        return true;
      });
}

/// A gathered task or operation shown to fail: a coroutine with a throw
/// that escapes it, or an operation whose completion reports an error code.
struct UncheckedGatherResultCheck::Failure {
  const Expr *Task;
  /// The throw that escapes the task; none for an operation that reports
  /// its failure in an error code.
  std::optional<utils::EscapingThrow> Escape;
};

void UncheckedGatherResultCheck::judge(const Gather &G,
                                       const FunctionDecl *Function,
                                       ASTContext &Ctx) {
  if (!Analysis)
    Analysis.emplace(Ctx, utils::ExceptionAnalysis::Evidence::Shown);
  const Stmt *Body = utils::getUserBody(Function);
  bool OutOfSight = false;
  std::optional<Failure> Shown;
  if (G.Info->Shape == utils::GatherShape::AsioGroup) {
    Shown = groupFailure(G, Body, OutOfSight);
  } else {
    // A binding holds the result of the task at its index, past the
    // executor that concurrencpp takes first.
    const unsigned First =
        G.Info->Shape == utils::GatherShape::ExecutorThenTasks &&
                G.Call->getNumArgs() > 0 && isExecutorHandle(G.Call->getArg(0))
            ? 1
            : 0;
    unsigned Begin = First, End = G.Call->getNumArgs();
    if (G.Fate == Gather::UnreadBinding) {
      if (First + G.Index >= End)
        return;
      Begin = First + G.Index;
      End = Begin + 1;
    }
    for (unsigned I = Begin; I < End && !Shown; ++I)
      Shown = taskFailure(G.Call->getArg(I), bindsToPack(G.Call, I), Body,
                          OutOfSight);
  }
  // Tasks made or defined out of sight may fail: only an assumption. Tasks
  // whose bodies are all in sight and cannot throw do not.
  if (Shown)
    report(G, &*Shown);
  else if (StrictMode && OutOfSight)
    report(G, nullptr);
}

std::optional<UncheckedGatherResultCheck::Failure>
UncheckedGatherResultCheck::taskFailure(const Expr *Arg, bool OneTask,
                                        const Stmt *Body, bool &OutOfSight) {
  for (const Expr *Task : tasksOf(Arg, OneTask, Body, OutOfSight)) {
    const FunctionDecl *Coroutine =
        utils::visibleDefinition(utils::handedFunction(Task));
    if (!Coroutine || !utils::isCoroutine(Coroutine)) {
      OutOfSight = true;
      continue;
    }
    if (std::optional<utils::EscapingThrow> Escape =
            Analysis->firstEscaping(utils::getUserBody(Coroutine)))
      return Failure{Task, *Escape};
  }
  return std::nullopt;
}

std::optional<UncheckedGatherResultCheck::Failure>
UncheckedGatherResultCheck::groupFailure(const Gather &G, const Stmt *Body,
                                         bool &OutOfSight) {
  llvm::SmallVector<utils::GroupOperation, 4> Operations =
      utils::parallelGroupOperations(G.Call);
  if (Operations.empty()) {
    OutOfSight = true;
    return std::nullopt;
  }
  if (G.Fate == Gather::UnreadBinding) {
    // Element 0 is the completion order; then each operation's values, its
    // failure first. A binding of any other value holds no failure.
    unsigned Next = 1;
    const utils::GroupOperation *Owner = nullptr;
    for (const utils::GroupOperation &Op : Operations) {
      if (!Op.Values) {
        OutOfSight = true; // Where its values and the later ones are.
        return std::nullopt;
      }
      if (G.Index == Next)
        Owner = &Op;
      if (G.Index < Next + *Op.Values)
        break;
      Next += *Op.Values;
    }
    if (!Owner || Owner->Failure == utils::GroupOperation::NoFailure)
      return std::nullopt;
    Operations = {*Owner};
  }
  for (const utils::GroupOperation &Op : Operations) {
    switch (Op.Failure) {
    case utils::GroupOperation::Exception:
      if (!Op.Task) {
        OutOfSight = true;
        break;
      }
      if (std::optional<Failure> Shown =
              taskFailure(Op.Task, /*OneTask=*/true, Body, OutOfSight))
        return Shown;
      break;
    case utils::GroupOperation::ErrorCode: {
      // The completion's error code is the operation's own word that it can
      // fail, unless its only failure is its cancellation (a timer's wait).
      const FunctionDecl *Starter =
          Op.Initiation ? Op.Initiation->getDirectCallee() : nullptr;
      if (Starter && !utils::failsOnlyOnCancellation(Starter))
        return Failure{Op.Operation, std::nullopt};
      if (!Starter)
        OutOfSight = true;
      break;
    }
    case utils::GroupOperation::NoFailure:
      if (!Op.Values)
        OutOfSight = true;
      break;
    }
  }
  return std::nullopt;
}

void UncheckedGatherResultCheck::report(const Gather &G, const Failure *Shown) {
  const FunctionDecl *Callee = G.Call->getDirectCallee();
  const SourceLocation At =
      G.Holder ? G.Holder->getLocation() : G.Await->getBeginLoc();
  diag(At, "%select{the result of %1 is discarded, and with it the failures "
           "it captured from its tasks|%2 holds the failures that %1 captured "
           "from its tasks, but is never read|%2 holds the failure that %1 "
           "captured from its task, but is never read}0")
      << static_cast<int>(G.Fate) << Callee->getDeclName() << G.Holder
      << G.Await->getSourceRange();
  if (Shown && !Shown->Escape) {
    diag(Shown->Task->getBeginLoc(),
         "this operation can fail: its completion reports an error code",
         DiagnosticIDs::Note);
  } else if (Shown) {
    const utils::EscapingThrow &Escape = *Shown->Escape;
    diag(Shown->Task->getBeginLoc(), "this task can fail", DiagnosticIDs::Note);
    diag(Escape.Site->getBeginLoc(),
         "%select{a call that can throw|an await that can throw|a throw}0 "
         "outside any handler that catches it is here",
         DiagnosticIDs::Note)
        << static_cast<int>(Escape.Kind);
    for (const auto &[Function, Site] : Analysis->pathInside(Escape))
      diag(Site.Site->getBeginLoc(),
           "in %0, %select{a call that can throw|an await that can throw|a "
           "throw}1 outside any handler that catches it is here",
           DiagnosticIDs::Note)
          << Function << static_cast<int>(Site.Kind);
  }
  // The form that rethrows the first failure changes what the coroutine
  // does when a task fails, so it is a note's fix; it is offered where the
  // result is thrown away, whose type then does not matter.
  const auto *Name =
      llvm::dyn_cast<DeclRefExpr>(G.Call->getCallee()->IgnoreParenImpCasts());
  if (G.Fate == Gather::Discarded && !G.Info->Rethrowing.empty() && Name &&
      Name->getLocation().isFileID()) {
    diag(Name->getLocation(), "rethrow the first failure instead: call '%0'",
         DiagnosticIDs::Note)
        << G.Info->Rethrowing
        << FixItHint::CreateReplacement(
               CharSourceRange::getTokenRange(Name->getLocation()),
               G.Info->Rethrowing);
    return;
  }
  diag(G.Await->getBeginLoc(), G.Info->Inspect, DiagnosticIDs::Note);
}

} // namespace clang::tidy::async
