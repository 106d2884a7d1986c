//===--- DanglingTaskReferenceCheck.cpp - async-dangling-task-reference ---===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

#include "DanglingTaskReferenceCheck.h"
#include "utils/Coroutines.h"
#include "utils/FixIts.h"
#include "utils/Frameworks.h"
#include "utils/Options.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/TypeLoc.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"

using namespace clang::ast_matchers;

namespace clang::tidy::async {

using utils::EscapeKind;
using utils::Referent;
using utils::ReferentKind;
using utils::TaskEscape;

namespace {

/// The %select index of an escape in the diagnostics below.
unsigned escapeIndex(EscapeKind Kind) {
  switch (Kind) {
  case EscapeKind::Stored:
    return 0;
  case EscapeKind::Returned:
    return 1;
  case EscapeKind::Pushed:
    return 2;
  default:
    return 3;
  }
}

/// Whether a call to \p Callee can keep its reference parameters in a
/// coroutine frame: a coroutine, or a function of the project whose
/// definition is not in this unit. Library functions without a visible
/// body (an Asio `async_*` operation) copy what they keep.
bool mayKeepReferences(const FunctionDecl *Callee, const ASTContext &Ctx) {
  if (!Callee)
    return false;
  const FunctionDecl *Def = Callee->getDefinition();
  if (!Def)
    if (const FunctionTemplateDecl *Primary = Callee->getPrimaryTemplate())
      Def = Primary->getTemplatedDecl()->getDefinition();
  if (Def)
    return utils::isCoroutine(Def);
  return !Ctx.getSourceManager().isInSystemHeader(Callee->getLocation()) &&
         utils::frameworkOf(Callee) == utils::Framework::Unknown;
}

/// The lambda whose closure object \p Object is, when it is written in place
/// and captures something.
const LambdaExpr *capturingLambda(const Expr *Object) {
  const auto *Lambda =
      llvm::dyn_cast<LambdaExpr>(utils::ignoreValuePreserving(Object));
  return Lambda && Lambda->capture_size() > 0 ? Lambda : nullptr;
}

/// The body of the function (or lambda) that the statement \p S is in.
const Stmt *returningBody(const Stmt *S, const utils::BodyTree &Tree) {
  if (!Tree.contains(S))
    return nullptr;
  for (const Stmt *Parent = Tree.parent(S); Parent;
       Parent = Tree.parent(Parent))
    if (const auto *Lambda = llvm::dyn_cast<LambdaExpr>(Parent))
      return Lambda->getBody();
  return Tree.function()->getBody();
}

/// Whether the task escapes the scope \p Scope of a local variable: whether
/// it can still be alive when \p Scope ends.
bool escapesScope(const TaskEscape &Escape, const Stmt *Scope,
                  const utils::BodyTree &Tree, ASTContext &Ctx) {
  switch (Escape.Kind) {
  case EscapeKind::Returned:
    // Returning leaves the scopes of the returning function only: a lambda
    // that returns a task referring to what it captured by reference (a
    // factory handed to co_spawn) leaves its own body, not the enclosing
    // function's scope that the object lives in.
    if (const Stmt *Body = returningBody(Escape.Where, Tree))
      return utils::isWithinScope(Scope, Body, Tree);
    return true;
  case EscapeKind::Stored:
  case EscapeKind::Pushed: {
    if (Escape.LastingDestination)
      return true;
    if (!Escape.Var)
      return false;
    const Stmt *Destination = utils::scopeOf(Escape.Var, Tree);
    return Destination && Destination != Scope &&
           utils::isWithinScope(Scope, Destination, Tree);
  }
  case EscapeKind::Detached:
    return !utils::waitsForStartedWork(Scope, Escape.Where, Ctx);
  default:
    return false;
  }
}

/// Whether some argument of \p Call could dangle at all, before asking where
/// the task goes: a temporary or a local bound to a reference, pointer or
/// view parameter, or a lambda with captures called in place.
bool mayDangle(const CallExpr *Call, const FunctionDecl *Callee) {
  unsigned FirstArg = 0;
  if (const auto *Op = llvm::dyn_cast<CXXOperatorCallExpr>(Call);
      Op && llvm::isa<CXXMethodDecl>(Callee)) {
    if (capturingLambda(Op->getArg(0)))
      return true;
    FirstArg = 1;
  }
  for (unsigned I = FirstArg, E = Call->getNumArgs(); I < E; ++I) {
    if (I - FirstArg >= Callee->getNumParams())
      break;
    const QualType Type = Callee->getParamDecl(I - FirstArg)->getType();
    if (!utils::refersToCallerObject(Type) ||
        llvm::isa<CXXDefaultArgExpr>(Call->getArg(I)))
      continue;
    const ReferentKind Kind = utils::referentOf(Call->getArg(I), Type).Kind;
    if (Kind == ReferentKind::Temporary || Kind == ReferentKind::Local)
      return true;
  }
  return false;
}

bool isCopyConstructible(QualType T) {
  if (T->isScalarType())
    return true;
  const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
  RD = RD ? RD->getDefinition() : nullptr;
  if (!RD)
    return false;
  if (RD->needsImplicitCopyConstructor())
    return !RD->defaultedCopyConstructorIsDeleted();
  for (const CXXConstructorDecl *Ctor : RD->ctors())
    if (Ctor->isCopyConstructor() && !Ctor->isDeleted() &&
        Ctor->getAccess() == AS_public)
      return true;
  return false;
}

/// The fix that turns the parameter `const T &name` into `T name`: the
/// declaration must be the callee's only one, written in the main file, and
/// T must be copyable so that every caller still compiles.
std::optional<FixItHint> byValueFix(const FunctionDecl *Callee,
                                    const ParmVarDecl *Param, ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  QualType T = Param->getType();
  if (!T->isLValueReferenceType())
    return std::nullopt;
  QualType Pointee = T->getPointeeType();
  if (!Pointee.isConstQualified() || Pointee.isVolatileQualified() ||
      Pointee->isDependentType() || Pointee->isIncompleteType() ||
      utils::refersToCallerObject(Pointee.getUnqualifiedType()) ||
      !isCopyConstructible(Pointee))
    return std::nullopt;
  const auto *Method = llvm::dyn_cast<CXXMethodDecl>(Callee);
  if ((Method && Method->isVirtual()) || Callee->isTemplateInstantiation() ||
      Callee->getPreviousDecl() || Callee != Callee->getMostRecentDecl() ||
      !SM.isInMainFile(Param->getLocation()) ||
      Param->getBeginLoc().isMacroID() || !Param->getTypeSourceInfo())
    return std::nullopt;
  auto RefLoc = Param->getTypeSourceInfo()
                    ->getTypeLoc()
                    .getAsAdjusted<LValueReferenceTypeLoc>();
  if (!RefLoc)
    return std::nullopt;
  auto Qualified = RefLoc.getPointeeLoc().getAs<QualifiedTypeLoc>();
  if (!Qualified)
    return std::nullopt;
  const LangOptions &LO = Ctx.getLangOpts();
  llvm::StringRef TypeText =
      Lexer::getSourceText(CharSourceRange::getTokenRange(
                               Qualified.getUnqualifiedLoc().getSourceRange()),
                           SM, LO);
  const SourceLocation Sigil = RefLoc.getSigilLoc();
  llvm::StringRef Written = Lexer::getSourceText(
      CharSourceRange::getCharRange(Param->getBeginLoc(), Sigil), SM, LO);
  // Only `const T &` or `T const &`, nothing else between: the rewrite keeps
  // the type as written.
  std::string Rest = Written.str();
  size_t At = Rest.find(TypeText);
  if (TypeText.empty() || At == std::string::npos)
    return std::nullopt;
  Rest.erase(At, TypeText.size());
  if (llvm::StringRef(Rest).trim() != "const")
    return std::nullopt;
  const char *After = SM.getCharacterData(Sigil.getLocWithOffset(1));
  std::string Replacement = TypeText.str();
  if (*After != ' ' && *After != '\t')
    Replacement += ' ';
  return FixItHint::CreateReplacement(
      CharSourceRange::getTokenRange(Param->getBeginLoc(), Sigil), Replacement);
}

/// Whether \p Name is declared or used anywhere in \p Function's body.
bool nameInUse(llvm::StringRef Name, const FunctionDecl *Function) {
  bool Used = false;
  utils::forEachEvaluatedStmt(Function->getBody(), [&](const Stmt *S) {
    if (const auto *Ref = llvm::dyn_cast<DeclRefExpr>(S))
      Used |= Ref->getDecl()->getName() == Name;
    else if (const auto *Decls = llvm::dyn_cast<DeclStmt>(S))
      for (const Decl *D : Decls->decls())
        if (const auto *ND = llvm::dyn_cast<NamedDecl>(D))
          Used |= ND->getName() == Name;
    return !Used;
  });
  for (const ParmVarDecl *P : Function->parameters())
    Used |= P->getName() == Name;
  return Used;
}

/// The fixes that move the temporary passed to \p Param into a variable
/// declared just before the statement that stores the task, so that it lives
/// as long as the task variable.
llvm::SmallVector<FixItHint, 2>
namedVariableFix(const ParmVarDecl *Param, const Referent &Temp,
                 const TaskEscape &Escape, const FunctionDecl *Function,
                 const utils::BodyTree &Tree, ASTContext &Ctx) {
  llvm::SmallVector<FixItHint, 2> Fixes;
  const SourceManager &SM = Ctx.getSourceManager();
  const LangOptions &LO = Ctx.getLangOpts();
  // The variable covers the task only when both are in the same block.
  const auto *Statement = llvm::dyn_cast_or_null<DeclStmt>(Escape.Statement);
  if (!Statement || Escape.Kind != EscapeKind::Stored || !Escape.Var ||
      Param->getType()->isRValueReferenceType() || !Param->getIdentifier() ||
      !utils::startsLine(Statement->getBeginLoc(), SM) ||
      nameInUse(Param->getName(), Function))
    return Fixes;
  const auto *Block =
      llvm::dyn_cast_or_null<CompoundStmt>(Tree.parent(Statement));
  if (!Block)
    return Fixes;
  std::optional<CharSourceRange> Range =
      utils::writtenRange(Temp.Temporary, SM, LO);
  if (!Range)
    return Fixes;
  // A temporary the compiler made by an implicit conversion (`"text"` for a
  // `const std::string &`) would deduce to the source type with `auto`.
  const Expr *Made = Temp.Temporary->IgnoreImplicitAsWritten();
  std::string Type = "auto";
  if (const auto *Bind = llvm::dyn_cast<CXXBindTemporaryExpr>(Made))
    Made = Bind->getSubExpr();
  const bool Implicit =
      (llvm::isa<CXXConstructExpr>(Made) &&
       !llvm::isa<CXXTemporaryObjectExpr>(Made)) ||
      Temp.Temporary->IgnoreParens() != Temp.Temporary->IgnoreParenImpCasts();
  if (Implicit) {
    if (!Param->getType()->isReferenceType())
      return Fixes;
    PrintingPolicy Policy(LO);
    Policy.SuppressScope = false;
    Type =
        Param->getType().getNonReferenceType().getUnqualifiedType().getAsString(
            Policy);
  }
  std::string Text = Lexer::getSourceText(*Range, SM, LO).str();
  std::string Name = Param->getName().str();
  Fixes.push_back(FixItHint::CreateInsertion(
      Statement->getBeginLoc(),
      Type + " " + Name + " = " + Text + ";\n" +
          utils::lineIndentation(Statement->getBeginLoc(), SM)));
  Fixes.push_back(FixItHint::CreateReplacement(*Range, Name));
  return Fixes;
}

} // namespace

DanglingTaskReferenceCheck::DanglingTaskReferenceCheck(
    StringRef Name, ClangTidyContext *Context)
    : FunctionBodyCheck(Name, Context),
      LazyTaskTypes(Options.getLocalOrGlobal(utils::LazyTaskTypesOption, "")),
      EagerTaskTypes(
          Options.getLocalOrGlobal(utils::EagerTaskTypesOption, "")) {}

void DanglingTaskReferenceCheck::storeOptions(
    ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, utils::LazyTaskTypesOption, LazyTaskTypes);
  Options.store(Opts, utils::EagerTaskTypesOption, EagerTaskTypes);
}

void DanglingTaskReferenceCheck::onStartOfTranslationUnit() {
  // The classifier caches by declaration, and a parameter's fix is offered
  // once, within one translation unit.
  Classifier.emplace(LazyTaskTypes, EagerTaskTypes);
  FixedParams.clear();
  Trees.clear();
}

void DanglingTaskReferenceCheck::check(const MatchFinder::MatchResult &Result) {
  const FunctionDecl *Function = utils::getMatchedFunction(Result);
  if (!Function)
    return;
  if (!Classifier)
    Classifier.emplace(LazyTaskTypes, EagerTaskTypes);
  // Every call that makes a lazy task, and every lambda coroutine handed to
  // a detaching start, in what the function itself evaluates.
  AwaitedOperands.clear();
  utils::forEachEvaluatedStmt(utils::getUserBody(Function), [&](const Stmt *S) {
    // Statements come before their children: the await before its operand.
    if (const Expr *Operand = utils::suspensionOperand(S))
      AwaitedOperands.insert(
          utils::ignoreValuePreserving(Operand)->IgnoreParenImpCasts());
    if (const auto *Call = llvm::dyn_cast<CallExpr>(S))
      checkTaskCall(Call, Function, *Result.Context);
    else if (const auto *Lambda = llvm::dyn_cast<LambdaExpr>(S))
      checkSpawnedLambda(Lambda, Function, *Result.Context);
    return true;
  });
}

void DanglingTaskReferenceCheck::checkTaskCall(const CallExpr *Call,
                                               const FunctionDecl *Function,
                                               ASTContext &Ctx) {
  if (!Call->isPRValue() || Call->getType()->isDependentType() ||
      Call->getBeginLoc().isMacroID() ||
      Classifier->classify(Call->getType()) != utils::TaskKind::Lazy)
    return;
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Callee || AwaitedOperands.contains(Call) ||
      !mayKeepReferences(Callee, Ctx) || !mayDangle(Call, Callee))
    return;
  const utils::BodyTree *Tree = Trees.of(Function);
  if (!Tree)
    return;
  const TaskEscape Escape = utils::escapeOf(Call, *Tree, *Classifier);
  if (Escape.Kind == EscapeKind::Unknown || Escape.Kind == EscapeKind::Awaited)
    return;

  // A lambda coroutine called in place: its closure, which holds the
  // captures, is a temporary of this full-expression.
  unsigned FirstArg = 0;
  if (const auto *Op = llvm::dyn_cast<CXXOperatorCallExpr>(Call);
      Op && llvm::isa<CXXMethodDecl>(Callee)) {
    FirstArg = 1;
    if (const LambdaExpr *Lambda = capturingLambda(Op->getArg(0))) {
      diag(Lambda->getBeginLoc(),
           "lambda coroutine is called in place and its task %select{is "
           "stored|is returned|is added to a container|is started "
           "detached}0; the closure that holds the captures is destroyed at "
           "the end of the full-expression, before the task runs")
          << escapeIndex(Escape.Kind) << Lambda->getIntroducerRange();
      return;
    }
  }

  for (unsigned I = FirstArg, E = Call->getNumArgs(); I < E; ++I) {
    const unsigned ParamIndex = I - FirstArg;
    if (ParamIndex >= Callee->getNumParams())
      break;
    const ParmVarDecl *Param = Callee->getParamDecl(ParamIndex);
    if (!utils::refersToCallerObject(Param->getType()))
      continue;
    const Expr *Arg = Call->getArg(I);
    if (llvm::isa<CXXDefaultArgExpr>(Arg))
      continue;
    const Referent R = utils::referentOf(Arg, Param->getType());
    const bool Dangles =
        R.Kind == ReferentKind::Temporary ||
        (R.Kind == ReferentKind::Local &&
         escapesScope(Escape, utils::scopeOf(R.Var, *Tree), *Tree, Ctx));
    if (Dangles)
      reportArgument(Call, Callee, Param, Arg, R, Escape, Function, *Tree, Ctx);
  }
}

void DanglingTaskReferenceCheck::reportArgument(
    const CallExpr *Call, const FunctionDecl *Callee, const ParmVarDecl *Param,
    const Expr *Arg, const Referent &R, const TaskEscape &Escape,
    const FunctionDecl *Function, const utils::BodyTree &Tree,
    ASTContext &Ctx) {
  const unsigned How = escapeIndex(Escape.Kind);
  const auto *Method = llvm::dyn_cast<CXXMethodDecl>(Callee);
  const bool IsLambda = Method && Method->getParent()->isLambda();
  if (R.Kind == ReferentKind::Temporary)
    diag(Arg->getBeginLoc(),
         "task of %select{%1|the lambda}0 refers to a temporary through "
         "parameter %2 and %select{is stored|is returned|is added to a "
         "container|is started detached}3; it can run after the temporary is "
         "destroyed at the end of the full-expression")
        << IsLambda << Callee << Param << How << Arg->getSourceRange();
  else
    diag(Arg->getBeginLoc(),
         "task of %select{%1|the lambda}0 refers to %2 through parameter %3 "
         "and %select{is stored beyond its scope|is returned|is added to a "
         "container that outlives it|is started detached}4; it can run after "
         "%2 is destroyed")
        << IsLambda << Callee << R.Var << Param << How << Arg->getSourceRange();
  (void)Call;

  // One fix per warning, on a note: taking the parameter by value changes
  // every caller; a named variable changes where the object is destroyed.
  if (!FixedParams.contains(Param))
    if (std::optional<FixItHint> Fix = byValueFix(Callee, Param, Ctx)) {
      FixedParams.insert(Param);
      diag(Param->getLocation(),
           "take %0 by value so that the task owns a copy", DiagnosticIDs::Note)
          << Param << *Fix;
      return;
    }
  if (R.Kind == ReferentKind::Temporary) {
    llvm::SmallVector<FixItHint, 2> Fix =
        namedVariableFix(Param, R, Escape, Function, Tree, Ctx);
    if (!Fix.empty()) {
      diag(R.Temporary->getBeginLoc(),
           "keep the temporary in a variable declared before the task",
           DiagnosticIDs::Note)
          << Fix;
      return;
    }
  }
  if (Param->getLocation().isValid())
    diag(Param->getLocation(), "parameter %0 is declared here",
         DiagnosticIDs::Note)
        << Param;
}

void DanglingTaskReferenceCheck::checkSpawnedLambda(
    const LambdaExpr *Lambda, const FunctionDecl *Function, ASTContext &Ctx) {
  if (Lambda->getBeginLoc().isMacroID() ||
      !utils::isCoroutine(Lambda->getCallOperator()) ||
      llvm::none_of(Lambda->captures(), [](const LambdaCapture &Capture) {
        return Capture.capturesVariable() &&
               Capture.getCaptureKind() == LCK_ByRef;
      }))
    return;
  // The lambda object itself must be the argument of a detaching start:
  // the framework keeps the closure alive, but not what it refers to.
  const utils::BodyTree *Tree = Trees.of(Function);
  if (!Tree)
    return;
  const Expr *Current = Lambda;
  const CallExpr *Start = nullptr;
  while (!Start) {
    const auto *Parent = llvm::dyn_cast_or_null<Expr>(Tree->parent(Current));
    if (!Parent)
      return;
    if (const auto *Call = llvm::dyn_cast<CallExpr>(Parent)) {
      if (!utils::isDetachingStart(Call->getDirectCallee()) ||
          !llvm::is_contained(Call->arguments(), Current))
        return;
      Start = Call;
    } else if (llvm::isa<ImplicitCastExpr, MaterializeTemporaryExpr,
                         CXXBindTemporaryExpr, ParenExpr>(Parent) ||
               (llvm::isa<CXXConstructExpr>(Parent) &&
                llvm::cast<CXXConstructExpr>(Parent)->getNumArgs() == 1)) {
      Current = Parent;
    } else {
      return;
    }
  }
  // `co_await co_spawn(ex, lambda, token)` waits for it, whatever the
  // token makes of the start (use_awaitable, deferred, cancel_after(30s)).
  if (!Start->getType()->isVoidType() &&
      utils::escapeOf(Start, *Tree, *Classifier).Kind == EscapeKind::Awaited)
    return;
  for (const LambdaCapture &Capture : Lambda->captures()) {
    if (!Capture.capturesVariable() || Capture.getCaptureKind() != LCK_ByRef)
      continue;
    const auto *Var = llvm::dyn_cast<VarDecl>(Capture.getCapturedVar());
    if (!Var || !Var->hasLocalStorage() || Var->getType()->isReferenceType())
      continue;
    if (utils::waitsForStartedWork(utils::scopeOf(Var, *Tree), Start, Ctx))
      continue;
    const SourceLocation Loc = Capture.isExplicit()
                                   ? Capture.getLocation()
                                   : Lambda->getCaptureDefaultLoc();
    diag(Loc, "lambda coroutine started detached captures %0 by reference; "
              "the task can run after %0 is destroyed")
        << Var;
    return;
  }
}

} // namespace clang::tidy::async
