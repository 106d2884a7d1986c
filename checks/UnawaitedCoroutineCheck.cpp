//===--- UnawaitedCoroutineCheck.cpp - async-unawaited-coroutine ----------===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

#include "UnawaitedCoroutineCheck.h"
#include "utils/Coroutines.h"
#include "utils/FixIts.h"
#include "utils/Frameworks.h"
#include "utils/Options.h"
#include "utils/TaskTypes.h"
#include "utils/Walk.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/MapVector.h"

using namespace clang::ast_matchers;

namespace clang::tidy::async {

struct UnawaitedCoroutineCheck::FunctionContext {
  const FunctionDecl *Function;
  ASTContext &Ctx;
  bool IsCoroutine;
};

namespace {

/// The call's callee when it has a plain name worth quoting in a message.
const FunctionDecl *namedCallee(const CallExpr *Call) {
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Callee || !Callee->getIdentifier())
    return nullptr;
  return Callee;
}

/// The type of the value \p Call returns. In a template, a call of a member
/// of the current instantiation (`shutdown();` in a member of
/// `ring_buffer<T>`) has a dependent type although the callee, and the task
/// type it returns, are known: then the callee's declared return type.
QualType resultType(const Expr *Call) {
  QualType T = Call->getType();
  if (!T->isDependentType())
    return T;
  const auto *CE = llvm::dyn_cast<CallExpr>(Call);
  const Expr *Callee = CE ? CE->getCallee()->IgnoreParenImpCasts() : nullptr;
  const ValueDecl *D = nullptr;
  if (const auto *Member = llvm::dyn_cast_or_null<MemberExpr>(Callee))
    D = Member->getMemberDecl();
  else if (const auto *Ref = llvm::dyn_cast_or_null<DeclRefExpr>(Callee))
    D = Ref->getDecl();
  const auto *FD = llvm::dyn_cast_or_null<FunctionDecl>(D);
  if (!FD || FD->getDescribedFunctionTemplate() ||
      FD->getReturnType()->isDependentType() ||
      FD->getReturnType()->isUndeducedType())
    return T;
  return FD->getReturnType();
}

/// The fix that awaits \p Call: `co_await ` in front of it, with parentheses
/// when an infix or prefix operator would otherwise bind differently.
llvm::SmallVector<FixItHint, 2> awaitFix(const CallExpr *Call,
                                         const ASTContext &Ctx) {
  llvm::SmallVector<FixItHint, 2> Fixes;
  std::optional<CharSourceRange> Range =
      utils::writtenRange(Call, Ctx.getSourceManager(), Ctx.getLangOpts());
  if (!Range)
    return Fixes;
  if (utils::needsParensAfterPrefix(Call)) {
    Fixes.push_back(
        FixItHint::CreateInsertion(Range->getBegin(), "co_await ("));
    Fixes.push_back(FixItHint::CreateInsertion(Range->getEnd(), ")"));
  } else {
    Fixes.push_back(FixItHint::CreateInsertion(Range->getBegin(), "co_await "));
  }
  return Fixes;
}

} // namespace

UnawaitedCoroutineCheck::UnawaitedCoroutineCheck(StringRef Name,
                                                 ClangTidyContext *Context)
    : FunctionBodyCheck(Name, Context),
      LazyTaskTypes(Options.getLocalOrGlobal(utils::LazyTaskTypesOption, "")),
      EagerTaskTypes(
          Options.getLocalOrGlobal(utils::EagerTaskTypesOption, "")) {}

void UnawaitedCoroutineCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, utils::LazyTaskTypesOption, LazyTaskTypes);
  Options.store(Opts, utils::EagerTaskTypesOption, EagerTaskTypes);
}

void UnawaitedCoroutineCheck::onStartOfTranslationUnit() {
  Aliases.clear();
  // The classifier caches by declaration, which is only meaningful within
  // one translation unit.
  Classifier.emplace(LazyTaskTypes, EagerTaskTypes);
}

void UnawaitedCoroutineCheck::check(const MatchFinder::MatchResult &Result) {
  const FunctionDecl *Function = utils::getMatchedFunction(Result);
  if (!Function)
    return;
  if (!Classifier)
    Classifier.emplace(LazyTaskTypes, EagerTaskTypes);
  const FunctionContext Fn{Function, *Result.Context,
                           utils::isCoroutine(Function)};

  // One walk over the body finds discarded task expressions, the local
  // variables initialised with a task, and every reference to a variable.
  struct TaskVariable {
    const CallExpr *Init;
    utils::TaskKind Kind;
    bool SoleDeclaration;
  };
  llvm::MapVector<const VarDecl *, TaskVariable> TaskVariables;
  llvm::DenseSet<const VarDecl *> Referenced;
  using utils::ValueUse;
  utils::forEachEvaluatedStmtInContext(
      utils::getUserBody(Function), Fn.Ctx,
      [&](const Stmt *S, const utils::EvaluationContext &Context) {
        if (const auto *Ref = llvm::dyn_cast<DeclRefExpr>(S)) {
          if (const auto *Var = llvm::dyn_cast<VarDecl>(Ref->getDecl()))
            Referenced.insert(Var);
        } else if (const auto *Decls = llvm::dyn_cast<DeclStmt>(S)) {
          for (const Decl *D : Decls->decls()) {
            const auto *Var = llvm::dyn_cast<VarDecl>(D);
            if (!Var || !Var->hasLocalStorage() || Var->isImplicit() ||
                Var->hasAttr<UnusedAttr>() || !Var->hasInit() ||
                llvm::isa<DecompositionDecl>(Var))
              continue;
            const auto *Init = llvm::dyn_cast<CallExpr>(
                utils::ignoreValuePreserving(Var->getInit()));
            // A call that returns a reference hands out an existing task.
            if (!Init || resultType(Init)->isReferenceType())
              continue;
            utils::TaskKind Kind = Classifier->classify(resultType(Init));
            if (Kind == utils::TaskKind::Lazy ||
                (Kind == utils::TaskKind::Eager && Fn.IsCoroutine))
              TaskVariables.insert({Var, {Init, Kind, Decls->isSingleDecl()}});
          }
        } else if (Context.discarded()) {
          // Only a prvalue is a task that nothing else holds; a call returning
          // a reference (such as an assignment operator) hands out an existing
          // one.
          if (const auto *Call = llvm::dyn_cast<CallExpr>(S);
              Call && Call->isPRValue()) {
            utils::TaskKind Kind = Classifier->classify(resultType(Call));
            // A cast to void cannot start a lazy task, but it is the documented
            // way to start an eager one detached.
            if ((Kind == utils::TaskKind::Lazy ||
                 (Kind == utils::TaskKind::Eager && Fn.IsCoroutine &&
                  Context.Use == ValueUse::Discarded)) &&
                !utils::isDiscardableContinuation(Call->getDirectCallee()))
              reportDiscarded(Fn, Call, Kind);
          }
        }
        return true;
      });

  for (const auto &[Var, Task] : TaskVariables)
    if (!Referenced.contains(Var))
      reportUnusedVariable(Fn, Var, Task.Init, Task.Kind, Task.SoleDeclaration);
}

void UnawaitedCoroutineCheck::addRunNote(const FunctionContext &Fn,
                                         const Expr *Task) {
  utils::Framework Framework = utils::frameworkOf(resultType(Task));
  std::string Idiom =
      utils::runIdiom(Aliases, Fn.Ctx, Framework, Task->getBeginLoc());
  if (Idiom.empty())
    diag(Task->getBeginLoc(),
         "await it from a coroutine, or hand it to its framework's scheduler",
         DiagnosticIDs::Note);
  else
    diag(Task->getBeginLoc(), "await it from a coroutine, or run it with '%0'",
         DiagnosticIDs::Note)
        << Idiom;
}

void UnawaitedCoroutineCheck::reportDiscarded(const FunctionContext &Fn,
                                              const CallExpr *Call,
                                              utils::TaskKind Kind) {
  const FunctionDecl *Callee = namedCallee(Call);
  const bool CanAwait =
      Fn.IsCoroutine && utils::canAwaitIn(resultType(Call), Fn.Function);
  const SourceLocation Loc = Call->getSourceRange().getBegin();

  if (Kind == utils::TaskKind::Lazy) {
    {
      auto Diag =
          Callee ? diag(Loc, "%select{coroutine|asynchronous operation}0 %1 is "
                             "never awaited; %select{its body will not "
                             "run|it will not start}0")
                       << (utils::calleeIsCoroutine(Callee) ? 0 : 1)
                       << Callee->getDeclName()
                 : diag(Loc, "task of type '%0' is never awaited; its body "
                             "will not run")
                       << utils::spelledType(resultType(Call), Fn.Ctx);
      Diag << Call->getSourceRange();
      if (CanAwait)
        Diag << awaitFix(Call, Fn.Ctx);
    }
    if (!Fn.IsCoroutine)
      addRunNote(Fn, Call);
    return;
  }

  // An eager task already runs; awaiting it changes when this coroutine
  // continues, so the fix is only offered on a note.
  {
    auto Diag = Callee ? diag(Loc, "coroutine %0 is started but never "
                                   "awaited; its result and exceptions are "
                                   "lost")
                             << Callee->getDeclName()
                       : diag(Loc, "task of type '%0' is started but never "
                                   "awaited; its result and exceptions are "
                                   "lost")
                             << utils::spelledType(resultType(Call), Fn.Ctx);
    Diag << Call->getSourceRange();
  }
  if (CanAwait) {
    llvm::SmallVector<FixItHint, 2> Fix = awaitFix(Call, Fn.Ctx);
    if (!Fix.empty())
      diag(Loc, "add 'co_await' to wait for its result", DiagnosticIDs::Note)
          << Fix;
  }
  diag(Loc, "cast the call to 'void' if it is meant to run detached",
       DiagnosticIDs::Note);
}

void UnawaitedCoroutineCheck::reportUnusedVariable(const FunctionContext &Fn,
                                                   const VarDecl *Var,
                                                   const CallExpr *Init,
                                                   utils::TaskKind Kind,
                                                   bool SoleDeclaration) {
  const FunctionDecl *Callee = namedCallee(Init);
  const bool Lazy = Kind == utils::TaskKind::Lazy;
  const bool IsOperation = Callee && !utils::calleeIsCoroutine(Callee);

  // The fix awaits the initialiser. That only means the same thing when the
  // variable's type is deduced: with `auto` it becomes the awaited result,
  // and a void result cannot be stored at all, so the declaration becomes an
  // expression statement.
  llvm::SmallVector<FixItHint, 2> Fix;
  const TypeSourceInfo *TSI = Var->getTypeSourceInfo();
  std::optional<bool> VoidResult = utils::awaitResultIsVoid(resultType(Init));
  if (Fn.IsCoroutine && TSI && TSI->getType()->getContainedAutoType() &&
      VoidResult && utils::canAwaitIn(resultType(Init), Fn.Function) &&
      !Var->getBeginLoc().isMacroID() && !Init->getBeginLoc().isMacroID()) {
    if (!*VoidResult) {
      Fix = awaitFix(Init, Fn.Ctx);
    } else if (SoleDeclaration && !utils::needsParensAfterPrefix(Init)) {
      Fix.push_back(FixItHint::CreateReplacement(
          CharSourceRange::getCharRange(Var->getBeginLoc(),
                                        Init->getBeginLoc()),
          "co_await "));
    }
  }

  const SourceLocation Loc = Var->getLocation();
  if (Lazy) {
    {
      auto Diag =
          Callee ? diag(Loc, "%select{coroutine|asynchronous operation}0 %1 is "
                             "stored in %2 but never awaited; %select{its body "
                             "will not run|it will not start}0")
                       << (IsOperation ? 1 : 0) << Callee->getDeclName() << Var
                 : diag(Loc, "task %0 is never awaited; its body will not run")
                       << Var;
      Diag << Init->getSourceRange();
      Diag << Fix;
    }
    if (!Fn.IsCoroutine)
      addRunNote(Fn, Init);
    return;
  }
  {
    auto Diag = Callee ? diag(Loc, "coroutine %0 is stored in %1 but never "
                                   "awaited; its result and exceptions are "
                                   "lost")
                             << Callee->getDeclName() << Var
                       : diag(Loc, "task %0 is never awaited; its result and "
                                   "exceptions are lost")
                             << Var;
    Diag << Init->getSourceRange();
  }
  if (!Fix.empty())
    diag(Init->getBeginLoc(), "add 'co_await' to wait for its result",
         DiagnosticIDs::Note)
        << Fix;
}

} // namespace clang::tidy::async
