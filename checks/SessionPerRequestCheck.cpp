//===--- SessionPerRequestCheck.cpp - async-session-per-request -----------===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

#include "SessionPerRequestCheck.h"
#include "utils/Coroutines.h"
#include "utils/Exits.h"
#include "utils/FixIts.h"
#include "utils/Loops.h"
#include "utils/Names.h"
#include "utils/OnceGuards.h"
#include "utils/Options.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace clang::ast_matchers;

namespace clang::tidy::async {

static constexpr llvm::StringLiteral SessionTypesKey = "SessionTypes";
static constexpr llvm::StringLiteral SessionFactoriesKey = "SessionFactories";
static constexpr llvm::StringLiteral IgnoredTypesKey = "IgnoredTypes";
static constexpr llvm::StringLiteral StrictModeKey = "StrictMode";

namespace {

/// The text that moves the declaration \p DS of \p Var out of \p P.Loop to
/// just before it, or nothing when that would not compile or would change
/// more than the object's lifetime: the declaration must sit directly in the
/// loop's body, its initialiser must only use names declared outside the
/// loop, the object must not be moved from in the loop, and the loop's block
/// must not already declare the same name.
std::optional<std::pair<CharSourceRange, std::string>>
hoist(const DeclStmt *DS, const VarDecl *Var,
      const SessionPerRequestCheck::Place &P, ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  if (!P.Loop || !P.LoopParent || !P.LoopBody || P.Block != P.LoopBody ||
      !DS->isSingleDecl())
    return std::nullopt;
  const SourceRange LoopRange = P.Loop->getSourceRange();
  bool Invariant = true;
  utils::forEachEvaluatedStmt(Var->getInit(), [&](const Stmt *S) {
    if (const auto *Ref = llvm::dyn_cast<DeclRefExpr>(S))
      if (llvm::isa<VarDecl, BindingDecl>(Ref->getDecl()) &&
          utils::isWithin(Ref->getDecl()->getLocation(), LoopRange, SM))
        Invariant = false;
    return Invariant;
  });
  if (!Invariant)
    return std::nullopt;
  bool Moved = false;
  utils::forEachEvaluatedStmt(P.LoopBody, [&](const Stmt *S) {
    if (const auto *Call = llvm::dyn_cast<CallExpr>(S))
      if (Call->getNumArgs() == 1 && Call->getDirectCallee() &&
          Call->getDirectCallee()->getIdentifier() &&
          Call->getDirectCallee()->getName() == "move")
        if (const auto *Ref = llvm::dyn_cast<DeclRefExpr>(
                Call->getArg(0)->IgnoreParenImpCasts()))
          Moved |= Ref->getDecl() == Var;
    return !Moved;
  });
  if (Moved)
    return std::nullopt;
  for (const Stmt *Sibling : P.LoopParent->body())
    if (const auto *Other = llvm::dyn_cast<DeclStmt>(Sibling))
      for (const Decl *D : Other->decls())
        if (const auto *ND = llvm::dyn_cast<NamedDecl>(D))
          if (ND->getDeclName() == Var->getDeclName())
            return std::nullopt;

  std::optional<CharSourceRange> DeclRange =
      utils::writtenRange(DS, SM, Ctx.getLangOpts());
  std::optional<CharSourceRange> LoopText =
      utils::writtenRange(P.Loop, SM, Ctx.getLangOpts());
  if (!DeclRange || !LoopText)
    return std::nullopt;
  llvm::StringRef Text =
      Lexer::getSourceText(*DeclRange, SM, Ctx.getLangOpts());
  // The whole line when the declaration has it to itself.
  const CharSourceRange Removal = utils::statementRemoval(*DeclRange, SM);
  const llvm::StringRef Buffer =
      SM.getBufferData(SM.getFileID(DeclRange->getBegin()));
  // Indent the moved declaration like the loop.
  unsigned LoopOffset = SM.getFileOffset(LoopText->getBegin());
  size_t LoopLineStart = Buffer.rfind('\n', LoopOffset);
  LoopLineStart =
      LoopLineStart == llvm::StringRef::npos ? 0 : LoopLineStart + 1;
  llvm::StringRef Indent = Buffer.slice(LoopLineStart, LoopOffset);
  if (!Indent.trim().empty())
    Indent = "";
  std::string Insertion = (Text + "\n" + Indent).str();
  return std::make_pair(Removal, Insertion);
}

} // namespace

SessionPerRequestCheck::SessionPerRequestCheck(StringRef Name,
                                               ClangTidyContext *Context)
    : FunctionBodyCheck(Name, Context),
      SessionTypes(Options.get(SessionTypesKey, "")),
      SessionFactories(Options.get(SessionFactoriesKey, "")),
      IgnoredTypes(Options.get(IgnoredTypesKey, "")),
      FactsDir(Options.getLocalOrGlobal(utils::FactsDirOption, "")),
      WriteFacts(utils::parseBoolOption(
          Options.getLocalOrGlobal(utils::WriteFactsOption, ""), false)),
      ReadFacts(utils::parseBoolOption(
          Options.getLocalOrGlobal(utils::ReadFactsOption, ""), true)),
      StrictMode(
          utils::parseBoolOption(Options.get(StrictModeKey, "false"), false)),
      Tidy(Context) {}

void SessionPerRequestCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, SessionTypesKey, SessionTypes);
  Options.store(Opts, SessionFactoriesKey, SessionFactories);
  Options.store(Opts, IgnoredTypesKey, IgnoredTypes);
  Options.store(Opts, StrictModeKey, utils::boolOptionText(StrictMode));
}

void SessionPerRequestCheck::onStartOfTranslationUnit() {
  Catalog.emplace(SessionTypes, SessionFactories, IgnoredTypes);
  Timers.emplace("", "");
  Trees.clear();
  LocalConstructions.clear();
  Repeated.clear();
  CallsOf.clear();
  Reach.clear();
  ReachIndex.clear();
  Defined.clear();
  MainFile.clear();
  UnitFactsDir.clear();
  UnitCtx = nullptr;
  Recorder.clear();
}

void SessionPerRequestCheck::check(const MatchFinder::MatchResult &Result) {
  const FunctionDecl *Function = utils::getMatchedFunction(Result);
  if (!Function)
    return;
  if (!Catalog)
    onStartOfTranslationUnit();
  ASTContext &Ctx = *Result.Context;
  if (!UnitCtx && (WriteFacts || ReadFacts)) {
    UnitCtx = &Ctx;
    MainFile = utils::mainFileOf(Ctx.getSourceManager());
    if (!MainFile.empty())
      UnitFactsDir = utils::findFactsDir(
          FactsDir, Tidy->getCurrentBuildDirectory(), MainFile);
  }
  walk(Function, Ctx);
  // A constructor the compiler writes (`Client c;` of a class whose members
  // have initializers) is a step too: its member constructions run on each
  // construction.
  while (!ImplicitCtors.empty())
    walk(ImplicitCtors.pop_back_val(), Ctx);
}

/// Whether constructing with \p Ctor runs code of the program: a
/// constructor of a class outside the system headers that is not a copy or
/// a move, written by the user or by the compiler.
static bool isProgramConstructor(const CXXConstructorDecl *Ctor,
                                 const SourceManager &SM) {
  return Ctor && !Ctor->isCopyOrMoveConstructor() && !Ctor->isTrivial() &&
         !Ctor->getParent()->isLambda() &&
         !SM.isInSystemHeader(SM.getExpansionLoc(Ctor->getLocation()));
}

/// The state of one walk over a function body: the statements still to
/// visit, with where each sits, and what the walk found so far.
struct SessionPerRequestCheck::BodyWalk {
  BodyWalk(const FunctionDecl *Function, const utils::BodyTree *Tree,
           ASTContext &Ctx)
      : Function(Function), Root(utils::getUserBody(Function)), Tree(Tree),
        Ctx(Ctx) {}
  const FunctionDecl *Function;
  const Stmt *Root;
  /// Where each statement sits (placeOf); null for a function without a
  /// body of its own (an implicit constructor's initializers only).
  const utils::BodyTree *Tree;
  ASTContext &Ctx;
  llvm::SmallVector<const Stmt *, 64> Stack;
  /// Whether each loop met runs per item (utils::repeatsPerItem).
  llvm::DenseMap<const Stmt *, bool> PerItem;
  llvm::SmallPtrSet<const Expr *, 8> DeclaredInits;
  llvm::SmallVector<Construction, 4> Found;
  /// Where to report a construction a constructor's initializer makes: a
  /// member built without an initializer of its own is reported at its
  /// declaration.
  llvm::DenseMap<const Expr *, SourceLocation> ReportAt;
  /// The member each initializer builds: an event loop the object runs
  /// itself is the object's own (a server or a fixture), not a client.
  llvm::DenseMap<const Expr *, const FieldDecl *> InitField;
  /// The variable each local's initialiser initialises, for objects made by
  /// `std::make_shared` or a factory.
  llvm::DenseMap<const Expr *, const VarDecl *> InitialisedVar;
  /// The branches a once-per-object flag guards (noteOnceGuard).
  llvm::SmallVector<SourceRange, 2> OnceGuarded;
};

void SessionPerRequestCheck::walk(const FunctionDecl *Function,
                                  ASTContext &Ctx) {
  Defined.push_back(Function);
  // One walk over the body records the session objects it creates (with
  // the loop around each) and the calls that run a function repeatedly.
  BodyWalk W(Function, Trees.of(Function), Ctx);
  if (W.Root)
    W.Stack.push_back(W.Root);
  // A constructor's initializers run before its body (pushed last, walked
  // first).
  if (const auto *Ctor = llvm::dyn_cast<CXXConstructorDecl>(Function))
    for (const CXXCtorInitializer *Init : llvm::reverse(Ctor->inits()))
      pushInitializer(W, Init);
  while (!W.Stack.empty()) {
    const Stmt *S = W.Stack.pop_back_val();
    if (const auto *If = llvm::dyn_cast<IfStmt>(S))
      noteOnceGuard(W, If);
    if (const auto *DS = llvm::dyn_cast<DeclStmt>(S))
      visitDeclaration(W, DS, placeOf(W, S));
    else if (const auto *Construct = llvm::dyn_cast<CXXConstructExpr>(S))
      visitConstruction(W, Construct, placeOf(W, S));
    else if (const auto *Call = llvm::dyn_cast<CallExpr>(S))
      visitCall(W, Call, placeOf(W, S));
    pushChildren(W, S);
  }
  reportLoopConstructions(Function, W.Found, Ctx);
}

void SessionPerRequestCheck::pushInitializer(BodyWalk &W,
                                             const CXXCtorInitializer *Init) {
  const Expr *E = Init->getInit();
  if (const FieldDecl *Field = Init->getMember(); Field && E)
    W.InitField[utils::ignoreValuePreserving(
        llvm::isa<CXXDefaultInitExpr>(E)
            ? llvm::cast<CXXDefaultInitExpr>(E)->getExpr()
            : E)] = Field;
  if (const auto *Default = llvm::dyn_cast_or_null<CXXDefaultInitExpr>(E))
    E = Default->getExpr();
  else if (E && !Init->isWritten() && Init->getMember())
    W.ReportAt[utils::ignoreValuePreserving(E)] =
        Init->getMember()->getLocation();
  if (E)
    W.Stack.push_back(E);
}

void SessionPerRequestCheck::noteRepeated(const BodyWalk &W,
                                          const FunctionDecl *Callee,
                                          SourceLocation Loc,
                                          const NamedDecl *Spawner) {
  if (Callee)
    Repeated.insert(
        {Callee->getCanonicalDecl(), RepeatedCall{Loc, Spawner, W.Function}});
}

bool SessionPerRequestCheck::runsWhenever(const BodyWalk &W, const Stmt *S) {
  if (StrictMode)
    return true;
  const SourceManager &SM = W.Ctx.getSourceManager();
  const SourceLocation Loc = SM.getExpansionLoc(S->getBeginLoc());
  return llvm::none_of(W.OnceGuarded, [&](SourceRange Branch) {
    return SM.isPointWithin(Loc, Branch.getBegin(), Branch.getEnd());
  });
}

void SessionPerRequestCheck::noteOnceGuard(BodyWalk &W, const IfStmt *If) {
  if (std::optional<SourceRange> Once =
          utils::onceGuardedRange(If, W.Function, W.Ctx.getSourceManager()))
    W.OnceGuarded.push_back(*Once);
}

void SessionPerRequestCheck::noteSpawned(const BodyWalk &W, const Stmt *Site,
                                         const FunctionDecl *Handed,
                                         SourceLocation Loc,
                                         const NamedDecl *Spawner,
                                         const Place &P) {
  // What a spawner starts runs once per start: once per item when the spawn
  // sits in a loop that runs per item, otherwise as often as the function
  // that spawns it (a step of a chain, like a call).
  if (!Handed)
    return;
  // Name a function template, not the specialization, in the notes.
  if (const auto *Fn = llvm::dyn_cast<FunctionDecl>(Spawner))
    if (const FunctionTemplateDecl *Primary = Fn->getPrimaryTemplate())
      Spawner = Primary;
  CallsOf[W.Function->getCanonicalDecl()].push_back(
      {Handed->getCanonicalDecl(), Loc, Spawner, runsWhenever(W, Site)});
  if (P.Loop)
    noteRepeated(W, Handed, Loc, Spawner);
}

void SessionPerRequestCheck::record(BodyWalk &W, const Expr *Made,
                                    SourceLocation Loc, SourceRange Range,
                                    const NamedDecl *What, llvm::StringRef Why,
                                    const Place &P, const VarDecl *Var,
                                    const DeclStmt *DS) {
  Construction C{
      Loc,          Range, What, Why,
      P.Loop,       Var,   Made, Var ? Var : W.InitialisedVar.lookup(Made),
      std::nullopt, true};
  if (Var && DS)
    C.Hoist = hoist(DS, Var, P, W.Ctx);
  C.Whenever = runsWhenever(W, Made);
  W.Found.push_back(std::move(C));
}

void SessionPerRequestCheck::visitDeclaration(BodyWalk &W, const DeclStmt *DS,
                                              const Place &P) {
  for (const Decl *D : DS->decls()) {
    const auto *Var = llvm::dyn_cast<VarDecl>(D);
    // A static local is built once, whatever runs its function.
    if (!Var || Var->isStaticLocal() || !Var->getInit())
      continue;
    const Expr *Init = utils::ignoreValuePreserving(Var->getInit());
    W.InitialisedVar[Init] = Var;
    // `T *p = new T(...)`, `ptr p(new T(...))`: the variable holds what
    // the new-expression builds.
    const auto *Smart = llvm::dyn_cast<CXXConstructExpr>(Init);
    if (Smart && Smart->getNumArgs() == 1)
      Init = Smart->getArg(0)->IgnoreParenImpCasts();
    if (const auto *New = llvm::dyn_cast<CXXNewExpr>(Init))
      if (const CXXConstructExpr *Built = New->getConstructExpr())
        W.InitialisedVar[Built] = Var;
    const auto *Construct = llvm::dyn_cast<CXXConstructExpr>(
        utils::ignoreValuePreserving(Var->getInit()));
    if (!Construct || Construct->getConstructor()->isCopyOrMoveConstructor())
      continue;
    const CXXRecordDecl *Class = Construct->getConstructor()->getParent();
    if (!Catalog->sessionClass(Class).empty() &&
        Var->getType()->getAsCXXRecordDecl() == Class) {
      W.DeclaredInits.insert(Construct);
      record(W, Construct, Var->getLocation(), Var->getSourceRange(), Class,
             Catalog->sessionClass(Class), P, Var, DS);
    }
  }
}

void SessionPerRequestCheck::visitConstruction(
    BodyWalk &W, const CXXConstructExpr *Construct, const Place &P) {
  const SourceManager &SM = W.Ctx.getSourceManager();
  const CXXConstructorDecl *Ctor = Construct->getConstructor();
  const CXXRecordDecl *Class = Ctor->getParent();
  SourceLocation At = W.ReportAt.lookup(Construct);
  if (At.isInvalid())
    At = Construct->getSourceRange().getBegin();
  if (!W.DeclaredInits.contains(Construct) &&
      !Ctor->isCopyOrMoveConstructor() &&
      !Catalog->sessionClass(Class).empty() &&
      !utils::runsItsOwnLoop(W.InitField.lookup(Construct)))
    record(W, Construct, At, Construct->getSourceRange(), Class,
           Catalog->sessionClass(Class), P, nullptr, nullptr);
  // Constructing an object of the program runs its constructor: a step of a
  // chain, like a call.
  if (isProgramConstructor(Ctor, SM)) {
    CallsOf[W.Function->getCanonicalDecl()].push_back(
        {Ctor->getCanonicalDecl(), At, nullptr, runsWhenever(W, Construct)});
    if (P.Loop)
      noteRepeated(W, Ctor, At, nullptr);
    if (Ctor->isDefaulted() && Ctor->isDefined() &&
        WalkedImplicit.insert(Ctor).second)
      ImplicitCtors.push_back(Ctor);
  }
  noteSpawnedArguments(W, Construct, Construct->arguments(), Class, P);
}

void SessionPerRequestCheck::noteSpawnedArguments(
    const BodyWalk &W, const Stmt *Site, CallExpr::const_arg_range Args,
    const NamedDecl *Spawner, const Place &P) {
  if (!Spawner || !utils::isSpawner(utils::qualifiedName(Spawner)))
    return;
  for (const Expr *Arg : Args)
    noteSpawned(W, Site, utils::handedFunction(Arg), Arg->getExprLoc(), Spawner,
                P);
}

void SessionPerRequestCheck::visitCall(BodyWalk &W, const CallExpr *Call,
                                       const Place &P) {
  const SourceManager &SM = W.Ctx.getSourceManager();
  const FunctionDecl *Callee = Call->getDirectCallee();
  const SourceLocation Begin = Call->getSourceRange().getBegin();
  if (const CXXRecordDecl *Made = utils::madeClass(Callee);
      Made && !Catalog->sessionClass(Made).empty())
    record(W, Call, Begin, Call->getSourceRange(), Made,
           Catalog->sessionClass(Made), P, nullptr, nullptr);
  else if (!Catalog->sessionFactory(Callee).empty())
    record(W, Call, Begin, Call->getSourceRange(), Callee,
           Catalog->sessionFactory(Callee), P, nullptr, nullptr);
  if (!Callee)
    return;
  // A call in a loop that runs once per item runs its callee per item.
  if (P.Loop)
    noteRepeated(W, Callee, Begin, nullptr);
  if (!SM.isInSystemHeader(SM.getExpansionLoc(Callee->getLocation())))
    CallsOf[W.Function->getCanonicalDecl()].push_back(
        {Callee->getCanonicalDecl(), Begin, nullptr, runsWhenever(W, Call)});
  noteSpawnedArguments(W, Call, Call->arguments(), Callee, P);
}

bool SessionPerRequestCheck::perItem(BodyWalk &W, const Stmt *Loop) {
  // A loop the code does not show to run per item (it runs once, a fixed
  // handful of times, or once per timer tick) counts as a block.
  auto [It, New] = W.PerItem.try_emplace(Loop, false);
  if (New)
    It->second = utils::repeatsPerItem(Loop, W.Ctx, *Timers);
  return It->second;
}

SessionPerRequestCheck::Place SessionPerRequestCheck::placeOf(BodyWalk &W,
                                                              const Stmt *S) {
  Place P;
  if (!W.Tree)
    return P;
  // Up from S to the walk's root: the innermost block, and the innermost
  // loop that runs per item and runs S each time round (its condition,
  // increment or body; not a for-loop's init or a range-for's range).
  const Stmt *Child = S;
  for (const Stmt *Parent = S == W.Root ? nullptr : W.Tree->parent(S); Parent;
       Child = Parent, Parent = Parent == W.Root ? nullptr
                                                 : W.Tree->parent(Parent)) {
    if (!P.Block)
      P.Block = llvm::dyn_cast<CompoundStmt>(Parent);
    if (P.Loop || !utils::isLoop(Parent))
      continue;
    const auto *For = llvm::dyn_cast<ForStmt>(Parent);
    const auto *Range = llvm::dyn_cast<CXXForRangeStmt>(Parent);
    if ((For && Child == For->getInit()) ||
        (Range && Child != Range->getBody()) || !perItem(W, Parent))
      continue;
    P.Loop = Parent;
    P.LoopParent =
        Parent == W.Root
            ? nullptr
            : llvm::dyn_cast_or_null<CompoundStmt>(W.Tree->parent(Parent));
    P.LoopBody = llvm::dyn_cast_or_null<CompoundStmt>(utils::loopBody(Parent));
  }
  return P;
}

void SessionPerRequestCheck::pushChildren(BodyWalk &W, const Stmt *S) {
  llvm::SmallVector<const Stmt *, 8> Children;
  // A loop that runs per item: what it evaluates, in order (placeOf says
  // which parts run per item).
  if (utils::isLoop(S) && perItem(W, S)) {
    if (const auto *For = llvm::dyn_cast<ForStmt>(S))
      Children = {For->getInit(), For->getCond(), For->getInc(),
                  For->getBody()};
    else if (const auto *Range = llvm::dyn_cast<CXXForRangeStmt>(S))
      Children = {Range->getInit(), Range->getRangeInit(), Range->getBody()};
    else if (const auto *While = llvm::dyn_cast<WhileStmt>(S))
      Children = {While->getCond(), While->getBody()};
    else
      Children = {llvm::cast<DoStmt>(S)->getCond(),
                  llvm::cast<DoStmt>(S)->getBody()};
  } else if (const auto *DS = llvm::dyn_cast<DeclStmt>(S)) {
    // A static local is built once: its initialiser is not walked.
    for (const Decl *D : DS->decls())
      if (const auto *Var = llvm::dyn_cast<VarDecl>(D);
          Var && Var->getInit() && !Var->isStaticLocal())
        Children.push_back(Var->getInit());
  } else {
    Children = utils::evaluatedChildren(S);
  }
  for (auto It = Children.rbegin(), End = Children.rend(); It != End; ++It)
    if (*It)
      W.Stack.push_back(*It);
}

} // namespace clang::tidy::async
