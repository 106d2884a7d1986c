//===--- Lifetimes.cpp - what an argument refers to, where a task goes ----===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

#include "Lifetimes.h"
#include "BlockingApis.h"
#include "Coroutines.h"
#include "Frameworks.h"
#include "Names.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/StringSet.h"

namespace clang::tidy::async::utils {

namespace {

/// The view classes of the standard library, by their templates' names.
bool isViewClass(const CXXRecordDecl *RD) {
  if (!RD)
    return false;
  const NamedDecl *Identity = identityOf(RD);
  std::string Name = qualifiedName(Identity);
  if (Name == "std::basic_string_view" || Name == "std::span")
    return true;
  if (RD->hasAttr<PointerAttr>())
    return true;
  if (const auto *Spec = llvm::dyn_cast<ClassTemplateSpecializationDecl>(RD))
    return Spec->getSpecializedTemplate()
        ->getTemplatedDecl()
        ->hasAttr<PointerAttr>();
  return false;
}

/// Strips parentheses and the implicit casts that keep referring to the same
/// object (a derived-to-base conversion, adding `const`).
const Expr *stripSameObjectCasts(const Expr *E) {
  while (true) {
    E = E->IgnoreParens();
    const auto *Cast = llvm::dyn_cast<ImplicitCastExpr>(E);
    if (!Cast)
      return E;
    switch (Cast->getCastKind()) {
    case CK_NoOp:
    case CK_DerivedToBase:
    case CK_UncheckedDerivedToBase:
    case CK_LValueToRValue:
      E = Cast->getSubExpr();
      break;
    default:
      return E;
    }
  }
}

Referent temporary(const MaterializeTemporaryExpr *M) {
  // A temporary bound to a reference variable lives as long as the variable.
  if (M->getExtendingDecl())
    return {};
  return {ReferentKind::Temporary, nullptr, M->getSubExpr()};
}

/// The object that the glvalue \p E designates.
Referent objectOf(const Expr *E) {
  E = stripSameObjectCasts(E);
  if (const auto *M = llvm::dyn_cast<MaterializeTemporaryExpr>(E))
    return temporary(M);
  if (const auto *Ref = llvm::dyn_cast<DeclRefExpr>(E)) {
    const auto *Var = llvm::dyn_cast<VarDecl>(Ref->getDecl());
    // A reference variable refers to an object this analysis does not know.
    if (!Var || Var->getType()->isReferenceType())
      return {};
    if (Var->hasGlobalStorage())
      return {ReferentKind::Lasting};
    if (Var->hasLocalStorage())
      return {ReferentKind::Local, Var};
    return {};
  }
  if (const auto *Member = llvm::dyn_cast<MemberExpr>(E)) {
    if (const auto *Var = llvm::dyn_cast<VarDecl>(Member->getMemberDecl()))
      return Var->hasGlobalStorage() ? Referent{ReferentKind::Lasting}
                                     : Referent{};
    const Expr *Base = Member->getBase()->IgnoreParenImpCasts();
    if (llvm::isa<CXXThisExpr>(Base))
      return {ReferentKind::Lasting};
    if (Member->isArrow())
      return {};
    if (Member->getMemberDecl()->getType()->isReferenceType())
      return {};
    return objectOf(Member->getBase());
  }
  if (const auto *Subscript = llvm::dyn_cast<ArraySubscriptExpr>(E)) {
    const auto *Decay =
        llvm::dyn_cast<ImplicitCastExpr>(Subscript->getBase()->IgnoreParens());
    if (Decay && Decay->getCastKind() == CK_ArrayToPointerDecay)
      return objectOf(Decay->getSubExpr());
    return {};
  }
  if (llvm::isa<StringLiteral>(E))
    return {ReferentKind::Lasting};
  return {};
}

/// The object that a pointer value \p E points to.
Referent pointeeOf(const Expr *E) {
  E = E->IgnoreParens();
  while (const auto *Cast = llvm::dyn_cast<ImplicitCastExpr>(E)) {
    if (Cast->getCastKind() == CK_ArrayToPointerDecay)
      return objectOf(Cast->getSubExpr());
    if (Cast->getCastKind() != CK_NoOp &&
        Cast->getCastKind() != CK_DerivedToBase &&
        Cast->getCastKind() != CK_UncheckedDerivedToBase)
      return {};
    E = Cast->getSubExpr()->IgnoreParens();
  }
  if (const auto *Op = llvm::dyn_cast<UnaryOperator>(E);
      Op && Op->getOpcode() == UO_AddrOf)
    return objectOf(Op->getSubExpr());
  return {};
}

/// The object a view value \p E is made from.
Referent viewSourceOf(const Expr *E, const CXXRecordDecl *View) {
  while (true) {
    E = E->IgnoreParens();
    if (const auto *Cast = llvm::dyn_cast<ImplicitCastExpr>(E))
      E = Cast->getSubExpr();
    else if (const auto *Cast = llvm::dyn_cast<CXXFunctionalCastExpr>(E))
      E = Cast->getSubExpr();
    else if (const auto *Cast = llvm::dyn_cast<CXXStaticCastExpr>(E))
      E = Cast->getSubExpr();
    else if (const auto *Bind = llvm::dyn_cast<CXXBindTemporaryExpr>(E))
      E = Bind->getSubExpr();
    else if (const auto *M = llvm::dyn_cast<MaterializeTemporaryExpr>(E))
      E = M->getSubExpr();
    else if (const auto *Cleanups = llvm::dyn_cast<ExprWithCleanups>(E))
      E = Cleanups->getSubExpr();
    else
      break;
  }
  const Expr *Source = nullptr;
  if (const auto *Construct = llvm::dyn_cast<CXXConstructExpr>(E)) {
    if (Construct->getNumArgs() == 0)
      return {};
    Source = Construct->getArg(0);
    // A copy of another view refers to what that view refers to.
    const CXXRecordDecl *SourceClass = Source->getType()->getAsCXXRecordDecl();
    if (SourceClass && View &&
        SourceClass->getCanonicalDecl() == View->getCanonicalDecl()) {
      if (Source->isPRValue() ||
          llvm::isa<MaterializeTemporaryExpr>(Source->IgnoreParens()))
        return viewSourceOf(Source, View);
      return {};
    }
  } else if (const auto *Call = llvm::dyn_cast<CXXMemberCallExpr>(E)) {
    if (!llvm::isa_and_nonnull<CXXConversionDecl>(Call->getMethodDecl()))
      return {};
    Source = Call->getImplicitObjectArgument();
  }
  if (!Source)
    return {};
  if (Source->getType()->isPointerType()) {
    const Expr *Inner = Source->IgnoreParenImpCasts();
    return llvm::isa<StringLiteral>(Inner) ? Referent{ReferentKind::Lasting}
                                           : Referent{};
  }
  return objectOf(Source);
}

/// Strips what passes a task value on unchanged: parentheses, casts,
/// temporaries' materialisation, a copy or move, `std::move`.
bool passesTaskOn(const Expr *Parent, const Expr *Child) {
  if (llvm::isa<ParenExpr, ImplicitCastExpr, MaterializeTemporaryExpr,
                CXXBindTemporaryExpr, ExprWithCleanups, CXXFunctionalCastExpr,
                CXXStaticCastExpr>(Parent))
    return true;
  if (const auto *Construct = llvm::dyn_cast<CXXConstructExpr>(Parent))
    return Construct->getNumArgs() == 1 &&
           Construct->getConstructor()->isCopyOrMoveConstructor();
  if (const auto *Call = llvm::dyn_cast<CallExpr>(Parent)) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (Call->getNumArgs() == 1 && Call->getArg(0) == Child && Callee &&
        Callee->isInStdNamespace() && Callee->getIdentifier() &&
        (Callee->getName() == "move" || Callee->getName() == "forward"))
      return true;
  }
  return false;
}

/// Whether \p Call, a member call on the task \p Task, gives the task on:
/// it returns a lazy task, or another class of the task's framework (folly's
/// `TaskWithExecutor`, async_simple's `RescheduleLazy`).
bool continuesTask(const CallExpr *Call, const Expr *Task,
                   TaskTypeClassifier &Classifier) {
  QualType Result = Call->getType();
  if (Result->isReferenceType() || !Result->getAsCXXRecordDecl())
    return false;
  if (Classifier.classify(Result) == TaskKind::Lazy)
    return true;
  Framework F = frameworkOf(Result);
  return F != Framework::Unknown && F == frameworkOf(Task->getType());
}

bool isInsertion(const FunctionDecl *Callee) {
  static const llvm::StringSet<> Names = {
      "push_back", "emplace_back", "push_front", "emplace_front",
      "push",      "emplace",      "insert",     "emplace_hint"};
  return Callee && llvm::isa<CXXMethodDecl>(Callee) &&
         Callee->getIdentifier() && Names.contains(Callee->getName());
}

/// The destination variable of a store or an insertion, written as \p E.
void describeDestination(const Expr *E, TaskEscape &Escape) {
  E = E->IgnoreParenImpCasts();
  if (const auto *Ref = llvm::dyn_cast<DeclRefExpr>(E)) {
    if (const auto *Var = llvm::dyn_cast<VarDecl>(Ref->getDecl())) {
      if (Var->getType()->isReferenceType() || Var->hasGlobalStorage())
        Escape.LastingDestination = true;
      else if (Var->hasLocalStorage())
        Escape.Var = Var;
    }
    return;
  }
  if (const auto *Member = llvm::dyn_cast<MemberExpr>(E))
    if (llvm::isa<CXXThisExpr>(Member->getBase()->IgnoreParenImpCasts()))
      Escape.LastingDestination = true;
}

/// The statement that holds the expression \p E.
const Stmt *statementOf(const Expr *E, const BodyTree &Tree) {
  const Stmt *Node = E;
  while (const Stmt *Parent = Tree.parent(Node)) {
    if (llvm::isa<DeclStmt>(Parent))
      return Parent;
    // An expression directly in a block is the statement; one under another
    // statement (`return`, a condition) belongs to that statement.
    if (!llvm::isa<Expr>(Parent))
      return llvm::isa<CompoundStmt>(Parent) ? Node : Parent;
    Node = Parent;
  }
  return nullptr;
}

} // namespace

bool refersToCallerObject(QualType T) {
  if (T.isNull())
    return false;
  if (T->isReferenceType())
    return true;
  if (T->isPointerType())
    return !T->getPointeeType()->isFunctionType();
  return isViewClass(T.getCanonicalType()->getAsCXXRecordDecl());
}

Referent referentOf(const Expr *Arg, QualType ParamType) {
  if (!Arg || ParamType.isNull())
    return {};
  if (ParamType->isReferenceType()) {
    const Expr *E = Arg;
    if (const auto *Cleanups = llvm::dyn_cast<ExprWithCleanups>(E))
      E = Cleanups->getSubExpr();
    return objectOf(E);
  }
  if (ParamType->isPointerType())
    return pointeeOf(Arg);
  return viewSourceOf(Arg, ParamType.getCanonicalType()->getAsCXXRecordDecl());
}

const Stmt *scopeOf(const VarDecl *Var, const BodyTree &Tree) {
  if (const auto *Param = llvm::dyn_cast<ParmVarDecl>(Var)) {
    const auto *FD = llvm::dyn_cast<FunctionDecl>(Param->getDeclContext());
    return FD ? getUserBody(FD) : nullptr;
  }
  for (const Stmt *S = Tree.declarationOf(Var); S; S = Tree.parent(S))
    if (llvm::isa<CompoundStmt, ForStmt, CXXForRangeStmt, WhileStmt, IfStmt,
                  SwitchStmt, CXXCatchStmt>(S))
      return S;
  return nullptr;
}

bool isWithinScope(const Stmt *Inner, const Stmt *Outer, const BodyTree &Tree) {
  if (!Inner || !Outer)
    return false;
  for (const Stmt *S = Inner; S; S = Tree.parent(S))
    if (S == Outer)
      return true;
  return false;
}

TaskEscape escapeOf(const Expr *Task, const BodyTree &Tree,
                    TaskTypeClassifier &Classifier) {
  TaskEscape Escape;
  Escape.Statement = statementOf(Task, Tree);
  const Expr *Current = Task;
  while (true) {
    const Stmt *P = Tree.parent(Current);
    if (const VarDecl *Var = Tree.initialisedBy(Current)) {
      Escape.Kind = EscapeKind::Stored;
      Escape.Where = Current;
      if (Var->hasLocalStorage() && !Var->getType()->isReferenceType())
        Escape.Var = Var;
      else
        Escape.LastingDestination = !Var->getType()->isReferenceType();
      return Escape;
    }
    // The top of a constructor's tree, other than its body: a member's
    // initializer.
    if (!P && Tree.contains(Current) && Current != Tree.function()->getBody()) {
      Escape.Kind = EscapeKind::Stored;
      Escape.Where = Current;
      Escape.LastingDestination = true;
      return Escape;
    }
    if (!P)
      return Escape;
    if (llvm::isa<ReturnStmt>(P)) {
      Escape.Kind = EscapeKind::Returned;
      Escape.Where = Current;
      return Escape;
    }
    if (llvm::isa<CoawaitExpr, CoyieldExpr, DependentCoawaitExpr>(P)) {
      Escape.Kind = EscapeKind::Awaited;
      return Escape;
    }
    const auto *PE = llvm::dyn_cast<Expr>(P);
    if (!PE)
      return Escape;
    if (passesTaskOn(PE, Current)) {
      Current = PE;
      continue;
    }
    // The task as the object of a member call: `task.start()`, or
    // `std::move(task).scheduleOn(ex)` that makes another task of it.
    if (const auto *Member = llvm::dyn_cast<MemberExpr>(PE)) {
      const auto *Call =
          llvm::dyn_cast_or_null<CXXMemberCallExpr>(Tree.parent(Member));
      if (Member->getBase() != Current || !Call ||
          Call->getCallee()->IgnoreParens() != Member)
        return Escape;
      if (isDetachingStart(Call->getMethodDecl())) {
        Escape.Kind = EscapeKind::Detached;
        Escape.Where = Call;
        return Escape;
      }
      if (!continuesTask(Call, Current, Classifier))
        return Escape;
      Current = Call;
      continue;
    }
    const auto *Call = llvm::dyn_cast<CallExpr>(PE);
    if (!Call)
      return Escape;
    const FunctionDecl *Callee = Call->getDirectCallee();
    const bool ResultIsLazyTask =
        !Call->getType()->isReferenceType() &&
        Classifier.classify(Call->getType()) == TaskKind::Lazy;

    // `t = task` stores it.
    if (const auto *Op = llvm::dyn_cast<CXXOperatorCallExpr>(Call);
        Op && Op->getOperator() == OO_Equal && Op->getNumArgs() == 2 &&
        Op->getArg(1) == Current) {
      Escape.Kind = EscapeKind::Stored;
      Escape.Where = Call;
      describeDestination(Op->getArg(0), Escape);
      return Escape;
    }

    // The task as an argument.
    if (isDetachingStart(Callee)) {
      // A start whose own result is awaited waits for the task, whatever
      // the token makes of it (`co_await co_spawn(ex, task,
      // use_awaitable)`, `deferred`, `cancel_after(30s)`).
      if (!Call->getType()->isVoidType()) {
        TaskEscape Outer = escapeOf(Call, Tree, Classifier);
        if (Outer.Kind == EscapeKind::Awaited)
          return Outer;
      }
      Escape.Kind = EscapeKind::Detached;
      Escape.Where = Call;
      return Escape;
    }
    if (isInsertion(Callee)) {
      Escape.Kind = EscapeKind::Pushed;
      Escape.Where = Call;
      if (const auto *Member = llvm::dyn_cast<CXXMemberCallExpr>(Call))
        describeDestination(Member->getImplicitObjectArgument(), Escape);
      return Escape;
    }
    // A combinator that makes one task of several (`when_all(a, b)`).
    if (ResultIsLazyTask) {
      Current = Call;
      continue;
    }
    return Escape;
  }
}

/// Whether \p Call waits for other work to finish: a wait on a thread
/// primitive or a nested event loop in the blocking-API table
/// (`future.get()`, `sem.acquire()` of a class derived from a semaphore,
/// `ioc.run()`, `sync_wait(...)`), or a framework's join (`scope.join()`,
/// `pool.shutdown()`).
static bool waitsForOtherWork(const CallExpr *Call) {
  // The built-in rows of the two categories that wait for other work;
  // sleeping is not waiting for anything.
  static const BlockingApiTable Waits("wait;event-loop", "", "");
  const FunctionDecl *Callee = Call->getDirectCallee();
  return isJoin(Callee) || isExecutionContextRun(Callee) ||
         Waits.lookup(Call).has_value();
}

/// The variables the started work \p Start refers to: those its expression
/// names, and those its lambdas capture.
static llvm::SmallPtrSet<const VarDecl *, 8> sharedWith(const Expr *Start) {
  llvm::SmallPtrSet<const VarDecl *, 8> Shared;
  llvm::SmallVector<const Stmt *, 16> Work{Start};
  while (!Work.empty()) {
    const Stmt *S = Work.pop_back_val();
    if (!S)
      continue;
    if (const auto *Ref = llvm::dyn_cast<DeclRefExpr>(S))
      if (const auto *Var = llvm::dyn_cast<VarDecl>(Ref->getDecl()))
        Shared.insert(Var);
    if (const auto *Lambda = llvm::dyn_cast<LambdaExpr>(S)) {
      for (const LambdaCapture &Capture : Lambda->captures())
        if (Capture.capturesVariable())
          if (const auto *Var =
                  llvm::dyn_cast<VarDecl>(Capture.getCapturedVar()))
            Shared.insert(Var);
      continue;
    }
    llvm::append_range(Work, S->children());
  }
  return Shared;
}

/// Whether the await \p Operand is an operation on one of \p Shared
/// (`chan.async_receive()`): the started work can signal the spawner
/// through it.
static bool
awaitsSharedObject(const Expr *Operand,
                   const llvm::SmallPtrSet<const VarDecl *, 8> &Shared) {
  const auto *Call =
      llvm::dyn_cast<CXXMemberCallExpr>(Operand->IgnoreImplicit());
  if (!Call || !Call->getImplicitObjectArgument())
    return false;
  const auto *Ref = llvm::dyn_cast<DeclRefExpr>(
      Call->getImplicitObjectArgument()->IgnoreParenImpCasts());
  const auto *Var = Ref ? llvm::dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  return Var && Shared.contains(Var);
}

bool waitsForStartedWork(const Stmt *Scope, const Expr *After,
                         ASTContext &Ctx) {
  if (!Scope || !After)
    return false;
  const llvm::SmallPtrSet<const VarDecl *, 8> Shared = sharedWith(After);
  const SourceManager &SM = Ctx.getSourceManager();
  const SourceLocation End = SM.getExpansionLoc(After->getEndLoc());
  bool Found = false;
  forEachEvaluatedStmt(Scope, [&](const Stmt *S) {
    if (Found)
      return false;
    if (!SM.isBeforeInTranslationUnit(End,
                                      SM.getExpansionLoc(S->getBeginLoc())))
      return true;
    if (const auto *Call = llvm::dyn_cast<CallExpr>(S))
      Found = waitsForOtherWork(Call);
    // `co_await latch;`: awaiting a synchronisation object (a latch, an
    // event, a wait group) that the started work signals.
    if (const Expr *Operand = suspensionOperand(S);
        Operand && (llvm::isa<DeclRefExpr>(Operand->IgnoreParenImpCasts()) ||
                    awaitsSharedObject(Operand, Shared)))
      Found = true;
    return !Found;
  });
  return Found;
}

} // namespace clang::tidy::async::utils
