//===--- UnboundedFanOutCheck.cpp - async-unbounded-fan-out ---------------===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

#include "UnboundedFanOutCheck.h"
#include "utils/Coroutines.h"
#include "utils/Exceptions.h"
#include "utils/Frameworks.h"
#include "utils/Loops.h"
#include "utils/Names.h"
#include "utils/Options.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;

namespace clang::tidy::async {

namespace {

static constexpr llvm::StringLiteral StrictModeKey = "StrictMode";
static constexpr llvm::StringLiteral MaxConcurrencyKey = "MaxConcurrency";

/// Whether \p T is a container whose size is known only at run time: a
/// class with `begin()` and `size()` that is not `std::array` or
/// `std::initializer_list` (an array's size is fixed by its type).
bool isDynamicContainer(QualType T) {
  const CXXRecordDecl *Class = utils::classDeclOf(T.getNonReferenceType());
  if (!Class || !Class->hasDefinition())
    return false;
  const std::string Name = utils::qualifiedName(Class);
  if (Name == "std::array" || Name == "std::initializer_list")
    return false;
  bool Begin = false, Size = false;
  for (const Decl *D : Class->decls()) {
    const auto *Named = llvm::dyn_cast<NamedDecl>(D);
    if (!Named || !Named->getIdentifier())
      continue;
    Begin |= Named->getName() == "begin";
    Size |= Named->getName() == "size";
  }
  return Begin && Size;
}

/// The container \p E names, when the function received it: a parameter,
/// or a member of the object; with \p Local, also a local variable.
const ValueDecl *receivedContainer(const Expr *E, bool Local) {
  E = utils::ignoreValuePreserving(E)->IgnoreParenImpCasts();
  const ValueDecl *D = nullptr;
  if (const auto *Ref = llvm::dyn_cast<DeclRefExpr>(E)) {
    const auto *Var = llvm::dyn_cast<VarDecl>(Ref->getDecl());
    if (Var &&
        (llvm::isa<ParmVarDecl>(Var) || (Local && Var->isLocalVarDecl())))
      D = Var;
  } else if (const auto *Member = llvm::dyn_cast<MemberExpr>(E)) {
    if (llvm::isa<CXXThisExpr>(Member->getBase()->IgnoreParenImpCasts()))
      D = llvm::dyn_cast<FieldDecl>(Member->getMemberDecl());
  }
  return D && isDynamicContainer(D->getType()) ? D : nullptr;
}

/// The received container \p Loop runs once per element of: a range-for
/// over it, or an index loop up to its `size()`.
const ValueDecl *loopRange(const Stmt *Loop, bool Local) {
  if (const auto *RangeFor = llvm::dyn_cast<CXXForRangeStmt>(Loop))
    return receivedContainer(RangeFor->getRangeInit(), Local);
  const auto *For = llvm::dyn_cast<ForStmt>(Loop);
  const auto *Cond = For && For->getCond()
                         ? llvm::dyn_cast<BinaryOperator>(
                               For->getCond()->IgnoreParenImpCasts())
                         : nullptr;
  if (!Cond || (Cond->getOpcode() != BO_LT && Cond->getOpcode() != BO_NE))
    return nullptr;
  const auto *Size =
      llvm::dyn_cast<CXXMemberCallExpr>(Cond->getRHS()->IgnoreParenImpCasts());
  if (!Size || !Size->getMethodDecl()->getIdentifier() ||
      Size->getMethodDecl()->getName() != "size")
    return nullptr;
  return receivedContainer(Size->getImplicitObjectArgument(), Local);
}

/// Whether \p Body also empties or hands over \p Container itself (a batch
/// gathered every N elements): then no gather after the loop sees them all.
bool drainedIn(const Stmt *Body, const VarDecl *Container) {
  bool Drained = false;
  utils::forEachEvaluatedStmt(Body, [&](const Stmt *S) {
    const auto *Call = llvm::dyn_cast<CallExpr>(S);
    if (!Call)
      return true;
    if (const auto *Member = llvm::dyn_cast<CXXMemberCallExpr>(Call);
        Member && utils::handedVariable(Member->getImplicitObjectArgument()) ==
                      Container) {
      llvm::StringRef Name = Member->getMethodDecl()->getIdentifier()
                                 ? Member->getMethodDecl()->getName()
                                 : "";
      Drained |= Name == "clear" || Name == "swap" || Name == "pop_back" ||
                 Name == "erase" || Name == "resize";
    }
    for (const Expr *Arg : Call->arguments())
      Drained |= utils::handedVariable(Arg) == Container;
    return !Drained;
  });
  return Drained;
}

/// Whether \p Task, the coroutine a spawn starts, serves until it is
/// stopped instead of doing one element's work: a statement of its body is
/// a loop whose condition names none of its parameters and locals
/// (`for (;;)`, `while (!stopped_)`). One per listener or worker is as many
/// as the program serves, not a burst as wide as its input.
bool servesUntilStopped(const FunctionDecl *Task) {
  if (!Task)
    return false;
  if (const FunctionDecl *Pattern = Task->getTemplateInstantiationPattern())
    Task = Pattern;
  if (const FunctionDecl *Definition = Task->getDefinition())
    Task = Definition;
  const auto *Body =
      llvm::dyn_cast_or_null<CompoundStmt>(utils::getUserBody(Task));
  if (!Body)
    return false;
  auto NamesOwnState = [&](const Expr *Cond) {
    bool Named = false;
    utils::forEachEvaluatedStmt(Cond, [&](const Stmt *S) {
      const auto *Ref = llvm::dyn_cast<DeclRefExpr>(S);
      const auto *Var = Ref ? llvm::dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
      Named |= Var && (llvm::isa<ParmVarDecl>(Var) || Var->isLocalVarDecl());
      return !Named;
    });
    return Named;
  };
  for (const Stmt *S : Body->body()) {
    const Expr *Cond = nullptr;
    if (const auto *While = llvm::dyn_cast<WhileStmt>(S))
      Cond = While->getCond();
    else if (const auto *Do = llvm::dyn_cast<DoStmt>(S))
      Cond = Do->getCond();
    else if (const auto *For = llvm::dyn_cast<ForStmt>(S);
             For && !For->getInit() && !For->getInc())
      Cond = For->getCond();
    else
      continue;
    if (!Cond || !NamesOwnState(Cond))
      return true;
  }
  return false;
}

/// The variable naming the whole range that \p Gather, a range gather,
/// hands over: its one argument (`collectAllRange(std::move(tasks))`), or
/// the container both iterators come from (`when_all(ex, results.begin(),
/// results.end())`); null for part of a range, or anything else.
const VarDecl *gatheredContainer(const CallExpr *Gather,
                                 const utils::RangeGather &Info) {
  if (!Info.ExecutorThenIterators)
    return Gather->getNumArgs() == 1 &&
                   isDynamicContainer(Gather->getArg(0)->getType())
               ? utils::handedVariable(Gather->getArg(0))
               : nullptr;
  if (Gather->getNumArgs() != 3)
    return nullptr;
  auto IteratorOf = [](const Expr *Arg, llvm::StringRef End) {
    const auto *Call = llvm::dyn_cast<CXXMemberCallExpr>(
        utils::ignoreValuePreserving(Arg)->IgnoreParenImpCasts());
    const CXXMethodDecl *Method = Call ? Call->getMethodDecl() : nullptr;
    const Expr *Object = Call ? Call->getImplicitObjectArgument() : nullptr;
    return Method && Method->getIdentifier() && Method->getName() == End &&
                   isDynamicContainer(Object->getType())
               ? utils::handedVariable(Object)
               : nullptr;
  };
  const VarDecl *Begin = IteratorOf(Gather->getArg(1), "begin");
  return Begin && Begin == IteratorOf(Gather->getArg(2), "end") ? Begin
                                                                : nullptr;
}

/// For a gather whose tasks start when they are made (\p Info is eager):
/// whether \p Made starts one that stays in flight while the loop goes on:
/// a call of a coroutine whose visible body suspends, run by the caller
/// until it does. A coroutine handed an executor, and work submitted to
/// one, run on its threads, a bounded number.
bool startsInFlight(const Expr *Made, const utils::RangeGather &Info) {
  const FunctionDecl *Coroutine =
      utils::visibleDefinition(utils::handedFunction(Made));
  if (!Coroutine || !utils::isCoroutine(Coroutine) ||
      !utils::containsSuspensionPoint(utils::getUserBody(Coroutine)))
    return false;
  return llvm::none_of(Coroutine->parameters(), [&](const ParmVarDecl *P) {
    const CXXRecordDecl *Type = P->getType()->getAsCXXRecordDecl();
    return Type && utils::qualifiedName(Type) == Info.ExecutorTag;
  });
}

} // namespace

UnboundedFanOutCheck::UnboundedFanOutCheck(StringRef Name,
                                           ClangTidyContext *Context)
    : FunctionBodyCheck(Name, Context),
      StrictMode(
          utils::parseBoolOption(Options.get(StrictModeKey, "false"), false)),
      MaxConcurrency(Options.get(MaxConcurrencyKey, 16U)) {}

void UnboundedFanOutCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, StrictModeKey, utils::boolOptionText(StrictMode));
  Options.store(Opts, MaxConcurrencyKey, MaxConcurrency);
}

void UnboundedFanOutCheck::check(const MatchFinder::MatchResult &Result) {
  const FunctionDecl *Function = utils::getMatchedFunction(Result);
  if (!Function)
    return;
  ASTContext &Ctx = *Result.Context;
  // Each loop over a range the function received, once per element.
  utils::forEachEvaluatedStmt(utils::getUserBody(Function), [&](const Stmt *S) {
    if (!llvm::isa<CXXForRangeStmt, ForStmt>(S))
      return true;
    // A loop a macro writes is not the user's code.
    if (S->getBeginLoc().isMacroID())
      return true;
    if (const ValueDecl *Range = loopRange(S, StrictMode))
      checkLoop(S, Range, Function, Ctx);
    return true;
  });
}

void UnboundedFanOutCheck::checkLoop(const Stmt *Loop, const ValueDecl *Range,
                                     const FunctionDecl *Function,
                                     ASTContext &Ctx) {
  const Stmt *Body = utils::loopBody(Loop);
  const SourceManager &SM = Ctx.getSourceManager();
  // A task spawned per element, when nothing in the loop waits between two
  // spawns (a semaphore, the previous task) or leaves it early.
  if (!utils::containsSuspensionPoint(Body))
    utils::forEachEvaluatedStmt(Body, [&](const Stmt *S) {
      const auto *Call = llvm::dyn_cast<CallExpr>(S);
      if (!Call || !utils::isDetachingStart(Call->getDirectCallee()) ||
          Call->getBeginLoc().isMacroID() ||
          llvm::any_of(Call->arguments(), [](const Expr *Arg) {
            return servesUntilStopped(utils::handedFunction(Arg));
          }))
        return true;
      diag(Call->getBeginLoc(), "%0 starts a task for every element of %1 at "
                                "once; nothing bounds how many run together")
          << Call->getDirectCallee()->getDeclName() << Range
          << Call->getSourceRange();
      diag(Call->getBeginLoc(),
           "run at most a few at once: have each task take a counting "
           "semaphore first, or spawn the range in batches",
           DiagnosticIDs::Note);
      return true;
    });
  // Tasks appended to a local container per element and gathered at once
  // after the loop.
  llvm::SmallPtrSet<const VarDecl *, 2> Containers;
  utils::forEachEvaluatedStmt(Body, [&](const Stmt *S) {
    const auto *Append = llvm::dyn_cast<CXXMemberCallExpr>(S);
    const VarDecl *Container =
        Append ? utils::handedVariable(Append->getImplicitObjectArgument())
               : nullptr;
    if (!Container || !Container->isLocalVarDecl() ||
        !Containers.insert(Container).second)
      return true;
    auto Appends = utils::appendsTo(Body, Container);
    if (Appends.empty() || drainedIn(Body, Container))
      return true;
    utils::forEachEvaluatedStmt(
        utils::getUserBody(Function), [&](const Stmt *G) {
          const auto *Gather = llvm::dyn_cast<CallExpr>(G);
          const utils::RangeGather *Info =
              Gather ? utils::rangeGather(Gather->getDirectCallee()) : nullptr;
          if (!Info || gatheredContainer(Gather, *Info) != Container ||
              (Info->Eager &&
               !startsInFlight(Appends.front()->getArg(0), *Info)) ||
              !SM.isBeforeInTranslationUnit(Loop->getEndLoc(),
                                            Gather->getBeginLoc()))
            return true;
          reportGather(Gather, Appends.front(), Range, Ctx);
          return false;
        });
    return true;
  });
}

void UnboundedFanOutCheck::reportGather(const CallExpr *Gather,
                                        const CXXMemberCallExpr *Append,
                                        const ValueDecl *Range,
                                        ASTContext &Ctx) {
  const FunctionDecl *Callee = Gather->getDirectCallee();
  const utils::RangeGather *Info = utils::rangeGather(Callee);
  diag(Gather->getBeginLoc(),
       "%select{%0 starts a task for every element of %1 at once|the tasks "
       "that %0 waits for start one per element of %1, all at once}2; "
       "nothing bounds how many run together")
      << Callee->getDeclName() << Range << Info->Eager
      << Gather->getSourceRange();
  diag(Append->getExprLoc(),
       "a task per element is %select{made|made and started}0 here",
       DiagnosticIDs::Note)
      << Info->Eager;
  // The windowed form changes how many tasks run together, not what they
  // do; it is still a change of behaviour, so a note's fix.
  const auto *Name =
      llvm::dyn_cast<DeclRefExpr>(Gather->getCallee()->IgnoreParenImpCasts());
  const SourceLocation Open = Gather->getArg(0)->getBeginLoc();
  const SourceLocation Close = Gather->getRParenLoc();
  if (!Info->Windowed.empty() && MaxConcurrency > 0 && Name &&
      Name->getLocation().isFileID() && Open.isFileID() && Close.isFileID()) {
    const std::string Window = std::to_string(MaxConcurrency);
    auto Diag = diag(Name->getLocation(), "run at most %0 at once: call '%1'",
                     DiagnosticIDs::Note)
                << Window << Info->Windowed
                << FixItHint::CreateReplacement(
                       CharSourceRange::getTokenRange(Name->getLocation()),
                       Info->Windowed);
    if (Info->WindowFirst)
      Diag << FixItHint::CreateInsertion(Open, Window + ", false, ");
    else
      Diag << FixItHint::CreateInsertion(Close, ", " + Window);
    return;
  }
  diag(Gather->getBeginLoc(),
       "run at most a few at once: gather the tasks in batches, or have each "
       "task take a counting semaphore first",
       DiagnosticIDs::Note);
}

} // namespace clang::tidy::async
