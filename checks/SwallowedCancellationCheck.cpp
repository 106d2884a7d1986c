//===--- SwallowedCancellationCheck.cpp - async-swallowed-cancellation ----===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

#include "SwallowedCancellationCheck.h"
#include "utils/Coroutines.h"
#include "utils/ErrorCodes.h"
#include "utils/Exits.h"
#include "utils/FixIts.h"
#include "utils/Frameworks.h"
#include "utils/Handlers.h"
#include "utils/Loops.h"
#include "utils/Names.h"
#include "utils/Options.h"
#include "utils/TaskTypes.h"
#include "utils/Templates.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/MapVector.h"

using namespace clang::ast_matchers;

namespace clang::tidy::async {

static constexpr llvm::StringLiteral CancellationExceptionsKey =
    "CancellationExceptions";
static constexpr llvm::StringLiteral StrictModeKey = "StrictMode";

using utils::Branch;
using utils::ErrorCodeSite;
using utils::ErrorTest;
using utils::Exit;
using utils::ExitSet;
using utils::Framework;
using utils::isExceptionCode;
using utils::Reception;

namespace {

using Cancellation = SwallowedCancellationCheck::Cancellation;
using Received = SwallowedCancellationCheck::Received;

/// The exits by which a path leaves a handler without rethrowing.
constexpr ExitSet Swallowing = {Exit::FallThrough, Exit::Return, Exit::Break,
                                Exit::Continue};
/// The exits that leave the current loop for good.
constexpr ExitSet LeavingLoop = {Exit::Break, Exit::Return, Exit::Throw,
                                 Exit::Jump};

bool isAsio(Framework F) {
  return F == Framework::BoostAsio || F == Framework::Asio;
}

bool references(const Stmt *S, const ValueDecl *D) {
  bool Found = false;
  utils::forEachEvaluatedStmt(S, [&](const Stmt *Child) {
    if (const auto *Ref = llvm::dyn_cast<DeclRefExpr>(Child))
      Found |= Ref->getDecl() == D;
    return !Found;
  });
  return Found;
}

/// How \p Handler takes the exception of \p C. A `system_error` always
/// arrives as a broad catch: it carries errors other than cancellation.
Reception receives(const CXXCatchStmt *Handler, const Cancellation &C) {
  static constexpr llvm::StringRef ExceptionBases[] = {"std::exception"};
  static constexpr llvm::StringRef SystemErrorBases[] = {"std::exception",
                                                         "std::runtime_error"};
  llvm::ArrayRef<llvm::StringRef> KnownBases = ExceptionBases;
  if (C.Kind == Cancellation::AsioError)
    KnownBases = SystemErrorBases;
  Reception R = utils::receives(Handler, C.Name, C.Record, KnownBases);
  if (R == Reception::Exact && C.Kind == Cancellation::AsioError)
    return Reception::Base;
  return R;
}

/// Each cancellation goes to the first handler of \p Try that can take it;
/// the handlers that take some, with what they take.
llvm::MapVector<const CXXCatchStmt *, llvm::SmallVector<Received, 2>>
receivingHandlers(const CXXTryStmt *Try,
                  llvm::ArrayRef<const Cancellation *> Kinds) {
  llvm::MapVector<const CXXCatchStmt *, llvm::SmallVector<Received, 2>>
      ByHandler;
  for (const Cancellation *C : Kinds) {
    for (unsigned I = 0, N = Try->getNumHandlers(); I < N; ++I) {
      const CXXCatchStmt *Handler = Try->getHandler(I);
      Reception R = receives(Handler, *C);
      if (R == Reception::None)
        continue;
      if (R != Reception::Unknown)
        ByHandler[Handler].push_back({C, R == Reception::Exact});
      break;
    }
  }
  return ByHandler;
}

} // namespace

/// One coroutine body, walked up front: the parent of every statement, its
/// `try` statements and `if` statements, and where awaited operations store
/// error codes.
struct SwallowedCancellationCheck::CoroutineContext {
  CoroutineContext(const FunctionDecl *Function, ASTContext &Ctx,
                   const Stmt *Body, bool HasReturnVoid,
                   llvm::ArrayRef<const CXXRecordDecl *> CancellationClasses)
      : Function(Function), Ctx(Ctx),
        Library(utils::frameworkOf(Function->getReturnType())),
        HasReturnVoid(HasReturnVoid), Paths(Body),
        Conditions(Ctx, CancellationClasses),
        Sites(utils::errorCodeSites(Body, Library)) {
    utils::forEachEvaluatedStmt(Body, [this](const Stmt *S) {
      // A `try` that a macro writes (a test framework's assertion around
      // `co_await f()`) is the macro's business, not a handler the user
      // wrote.
      if (const auto *Try = llvm::dyn_cast<CXXTryStmt>(S)) {
        if (!Try->getTryLoc().isMacroID())
          Tries.push_back(Try);
      } else if (const auto *If = llvm::dyn_cast<IfStmt>(S)) {
        Ifs.push_back(If);
      }
      return true;
    });
  }

  const FunctionDecl *Function;
  ASTContext &Ctx;
  Framework Library;
  bool HasReturnVoid;
  utils::BodyPaths Paths;
  utils::CancellationConditions Conditions;
  llvm::SmallVector<ErrorCodeSite, 4> Sites;
  llvm::SmallVector<const CXXTryStmt *, 4> Tries;
  llvm::SmallVector<const IfStmt *, 16> Ifs;

  /// Whether the coroutine can reach another suspension point once control
  /// leaves \p S by one of \p Exits.
  bool suspendsAgain(const Stmt *S, ExitSet Exits) const {
    return Paths.leadsTo(S, Exits, utils::containsSuspensionPoint, Ctx);
  }

  /// The first site in \p Loop that stores into \p Code.
  const ErrorCodeSite *siteIn(const ValueDecl *Code, const Stmt *Loop) const {
    for (const ErrorCodeSite &Site : Sites)
      if (Site.Code == Code && Paths.isInside(Site.Await, Loop))
        return &Site;
    return nullptr;
  }

  /// Whether some `if` in \p Loop leaves it when the error code that
  /// \p IsCode accepts holds `operation_aborted`.
  bool leavesOnCancellation(const Stmt *Loop,
                            utils::CodePredicate IsCode) const {
    auto Leaves = [&](const Stmt *S) {
      if (!S)
        return false;
      ExitSet Exits = Conditions.exitsWhenCancelled(S, IsCode);
      return !Exits.empty() && Exits.isSubsetOf(LeavingLoop);
    };
    return llvm::any_of(Ifs, [&](const IfStmt *If) {
      if (!Paths.isInside(If, Loop))
        return false;
      const Branch Taken = Conditions.branchWhenCancelled(If, IsCode);
      if (Taken == Branch::Both)
        return false;
      return ((Taken == Branch::Then || Taken == Branch::Guard) &&
              Leaves(If->getThen())) ||
             ((Taken == Branch::Else || Taken == Branch::Guard) &&
              Leaves(If->getElse()));
    });
  }
};

SwallowedCancellationCheck::SwallowedCancellationCheck(
    StringRef Name, ClangTidyContext *Context)
    : FunctionBodyCheck(Name, Context),
      CancellationExceptions(Options.get(CancellationExceptionsKey, "")),
      StrictMode(
          utils::parseBoolOption(Options.get(StrictModeKey, "false"), false)) {}

SwallowedCancellationCheck::~SwallowedCancellationCheck() = default;

void SwallowedCancellationCheck::storeOptions(
    ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, CancellationExceptionsKey, CancellationExceptions);
  Options.store(Opts, StrictModeKey, utils::boolOptionText(StrictMode));
}

void SwallowedCancellationCheck::onStartOfTranslationUnit() {
  Aliases.clear();
  // Declarations are only meaningful within one translation unit.
  Known.clear();
}

const SwallowedCancellationCheck::Cancellation &
SwallowedCancellationCheck::classCancellation(ASTContext &Ctx,
                                              llvm::StringRef QualifiedName) {
  QualifiedName = QualifiedName.trim();
  QualifiedName.consume_front("::");
  std::unique_ptr<Cancellation> &Entry = Known[QualifiedName];
  if (!Entry)
    Entry.reset(new Cancellation{Cancellation::Exception, QualifiedName.str(),
                                 utils::lookupClass(Ctx, QualifiedName),
                                 Framework::Unknown});
  return *Entry;
}

const SwallowedCancellationCheck::Cancellation &
SwallowedCancellationCheck::asioCancellation(ASTContext &Ctx, bool Boost) {
  // Boost.Asio throws boost::system::system_error; standalone Asio's
  // asio::system_error is std::system_error.
  llvm::StringRef Name =
      Boost ? "boost::system::system_error" : "std::system_error";
  std::unique_ptr<Cancellation> &Entry =
      Known[(Boost ? "asio:boost" : "asio:standalone")];
  if (!Entry)
    Entry.reset(new Cancellation{
        Cancellation::AsioError, Name.str(), utils::lookupClass(Ctx, Name),
        Boost ? Framework::BoostAsio : Framework::Asio});
  return *Entry;
}

void SwallowedCancellationCheck::check(const MatchFinder::MatchResult &Result) {
  // A template whose awaits depend on its arguments is read in an
  // instantiation, and reported where it is written.
  const FunctionDecl *Function =
      utils::bodyToAnalyse(utils::getMatchedFunction(Result));
  const CoroutineBodyStmt *CoroBody = utils::getCoroutineBody(Function);
  if (!CoroBody || !CoroBody->getBody())
    return;
  ASTContext &Ctx = *Result.Context;

  llvm::SmallVector<const CXXRecordDecl *, 4> Classes;
  for (llvm::StringRef Name :
       {"folly::OperationCancelled", "cppcoro::operation_cancelled"})
    if (const CXXRecordDecl *RD = classCancellation(Ctx, Name).Record)
      Classes.push_back(RD);
  for (const std::string &Name : utils::splitList(CancellationExceptions))
    if (const CXXRecordDecl *RD = classCancellation(Ctx, Name).Record)
      Classes.push_back(RD);

  CoroutineContext Coro(Function, Ctx, CoroBody->getBody(),
                        CoroBody->getFallthroughHandler() != nullptr, Classes);
  for (const CXXTryStmt *Try : Coro.Tries) {
    checkHandlers(Coro, Try);
    checkTerminalHandler(Coro, Try);
  }
  checkErrorCodeLoops(Coro);
}

// ---------------------------------------------------------------------------
// Catch handlers.

void SwallowedCancellationCheck::checkHandlers(CoroutineContext &Coro,
                                               const CXXTryStmt *Try) {
  if (!utils::hasExposedSuspension(Try->getTryBlock(), Coro.Ctx))
    return;
  llvm::SmallVector<const Cancellation *, 4> Kinds =
      cancellationsOf(Coro, Try->getTryBlock());
  for (const auto &[Handler, Receptions] : receivingHandlers(Try, Kinds))
    checkHandler(Coro, Try, Handler, Receptions);
}

llvm::SmallVector<const SwallowedCancellationCheck::Cancellation *, 4>
SwallowedCancellationCheck::cancellationsOf(CoroutineContext &Coro,
                                            const Stmt *TryBlock) {
  // What a cancelled suspension point in the block delivers depends on the
  // framework of the coroutine and of what it awaits.
  llvm::SmallVector<Framework, 4> Libraries{Coro.Library};
  utils::forEachEvaluatedStmt(TryBlock, [&](const Stmt *S) {
    if (const Expr *Operand = utils::suspensionOperand(S)) {
      Framework F = utils::frameworkOf(Operand->getType());
      if (!llvm::is_contained(Libraries, F))
        Libraries.push_back(F);
    }
    return true;
  });
  llvm::SmallVector<const Cancellation *, 4> Kinds;
  auto AddKind = [&Kinds](const Cancellation &C) {
    if (!llvm::is_contained(Kinds, &C))
      Kinds.push_back(&C);
  };
  for (Framework F : Libraries) {
    if (F == Framework::Folly)
      AddKind(classCancellation(Coro.Ctx, "folly::OperationCancelled"));
    else if (F == Framework::Cppcoro)
      AddKind(classCancellation(Coro.Ctx, "cppcoro::operation_cancelled"));
  }
  // A configured class that this translation unit does not declare cannot be
  // caught by name here; it is left out rather than guessed at.
  for (const std::string &Name : utils::splitList(CancellationExceptions))
    if (const Cancellation &C = classCancellation(Coro.Ctx, Name); C.Record)
      AddKind(C);
  for (Framework F : Libraries)
    if (isAsio(F))
      AddKind(asioCancellation(Coro.Ctx, F == Framework::BoostAsio));
  return Kinds;
}

void SwallowedCancellationCheck::checkHandler(
    CoroutineContext &Coro, const CXXTryStmt *Try, const CXXCatchStmt *Handler,
    llvm::ArrayRef<Received> Receptions) {
  const auto *Block = llvm::cast<CompoundStmt>(Handler->getHandlerBlock());
  if (utils::handsOffException(Handler))
    return;
  ExitSet Exits = Coro.Conditions.exitsWhenCancelled(Block, isExceptionCode);
  ExitSet Swallows = Exits.without(Exits.without(Swallowing));
  if (Swallows.empty())
    return;
  const bool Continues = Coro.suspendsAgain(Try, Swallows);
  const SourceLocation CatchLoc = Handler->getCatchLoc();

  if (const auto *Exact =
          llvm::find_if(Receptions, [](const Received &R) { return R.Exact; });
      Exact != Receptions.end()) {
    diag(CatchLoc, "handler for cancellation '%0' does not rethrow it; "
                   "%select{the caller of the coroutine never learns that "
                   "it was cancelled|the coroutine keeps running after it "
                   "is cancelled}1")
        << Exact->C->Name << Continues;
    // Appending `throw;` rethrows on the paths that reach the end of the
    // handler; other exits would still swallow the cancellation.
    if (Swallows == ExitSet(Exit::FallThrough))
      if (std::optional<FixItHint> Fix = utils::insertStatementAtEnd(
              Block, "throw;", Coro.Ctx.getSourceManager()))
        diag(Block->getRBracLoc(),
             "rethrow the cancellation at the end of the handler",
             DiagnosticIDs::Note)
            << *Fix;
    return;
  }
  if (!Continues && !StrictMode)
    return;

  const Cancellation *Primary = Receptions.front().C;
  for (const Received &R : Receptions)
    if (R.C->Kind == Cancellation::Exception) {
      Primary = R.C;
      break;
    }
  const QualType Caught = Handler->getCaughtType();
  const bool CatchAll = Caught.isNull();
  const std::string CaughtSpelling =
      CatchAll ? std::string() : utils::spelledType(Caught, Coro.Ctx);
  if (Primary->Kind == Cancellation::Exception)
    diag(CatchLoc, "%select{handler for '%1'|catch-all handler}0 also "
                   "catches cancellation '%2' and does not rethrow it; "
                   "%select{the caller of the coroutine never learns that "
                   "it was cancelled|the coroutine keeps running after it "
                   "is cancelled}3")
        << CatchAll << CaughtSpelling << Primary->Name << Continues;
  else
    diag(CatchLoc, "%select{handler for '%1'|catch-all handler}0 also "
                   "catches the 'operation_aborted' error of a cancelled "
                   "operation and does not rethrow it; %select{the caller "
                   "of the coroutine never learns that it was "
                   "cancelled|the coroutine keeps running after it is "
                   "cancelled}2")
        << CatchAll << CaughtSpelling << Continues;

  if (std::optional<llvm::SmallVector<FixItHint, 3>> Fixes =
          rethrowFixes(Coro.Ctx, Handler, Receptions))
    diag(CatchLoc, "rethrow the cancellation before handling other errors",
         DiagnosticIDs::Note)
        << *Fixes;
}

// ---------------------------------------------------------------------------
// Error codes tested in loops.

void SwallowedCancellationCheck::checkErrorCodeLoops(CoroutineContext &Coro) {
  if (Coro.Sites.empty())
    return;
  llvm::DenseSet<std::pair<const Stmt *, const ValueDecl *>> Done;
  for (const ErrorTest &Found : utils::errorTests(Coro.Ifs)) {
    const Stmt *Loop = Coro.Paths.enclosingLoop(Found.If);
    if (!Loop || !Done.insert({Loop, Found.Test.Code}).second)
      continue;
    if (const ErrorCodeSite *Site = Coro.siteIn(Found.Test.Code, Loop))
      checkErrorTest(Coro, Found, *Site, Loop);
  }
}

void SwallowedCancellationCheck::checkErrorTest(CoroutineContext &Coro,
                                                const ErrorTest &Found,
                                                const ErrorCodeSite &Site,
                                                const Stmt *Loop) {
  const ValueDecl *Code = Found.Test.Code;
  auto IsCode = [Code](const Expr *E) {
    const auto *Ref = llvm::dyn_cast<DeclRefExpr>(E);
    return Ref && Ref->getDecl() == Code;
  };
  // The loop stops on errors, or on cancellation, somewhere: its condition
  // reads the code, or some `if` in it leaves when the code holds
  // operation_aborted.
  const Expr *Cond = utils::loopCondition(Loop);
  if (Cond &&
      (references(Cond, Code) || Coro.Conditions.mentionsCancellation(Cond)))
    return;
  // A loop whose count the code fixes ends after it, whatever the errors.
  if (utils::constantTripCount(Loop, Coro.Ctx))
    return;
  const Stmt *ErrorBranch =
      Found.Test.Positive ? Found.If->getThen() : Found.If->getElse();
  if (Coro.leavesOnCancellation(Loop, IsCode)) {
    checkTerminalRead(Coro, Found, Site, Loop, ErrorBranch);
    return;
  }
  if (goesOn(Coro, Found.If, ErrorBranch,
             Coro.Conditions.exitsWhenCancelled(ErrorBranch, IsCode)))
    reportUnhandledCode(Coro, Found, Site);
}

// The error branch of \p If goes on (falls through or continues) by one of
// \p Exits, and what comes after it reaches another suspension point: an
// `if` that only logs before an unconditional `co_return` lets nothing run
// again.
bool SwallowedCancellationCheck::goesOn(const CoroutineContext &Coro,
                                        const IfStmt *If,
                                        const Stmt *ErrorBranch,
                                        ExitSet Exits) {
  const ExitSet GoesOn =
      Exits.without({Exit::Return, Exit::Throw, Exit::Jump, Exit::Break});
  return !GoesOn.empty() &&
         Coro.suspendsAgain(ErrorBranch ? ErrorBranch : If, GoesOn);
}

// No path in the loop stops on cancellation; the first test of the code is
// reported.
void SwallowedCancellationCheck::reportUnhandledCode(
    CoroutineContext &Coro, const ErrorTest &Found, const ErrorCodeSite &Site) {
  const ValueDecl *Code = Found.Test.Code;
  const IfStmt *If = Found.If;
  diag(Found.Test.Ref->getBeginLoc(),
       "error code %0 of an awaited operation is handled without checking "
       "for 'operation_aborted'; the loop keeps running after the "
       "operation is cancelled")
      << Code;
  diag(Site.Await->getBeginLoc(), "%0 is set by the operation awaited here",
       DiagnosticIDs::Note)
      << Code;

  // `co_return;` needs a coroutine without a result, and the error code
  // must already be declared where the test is inserted.
  const SourceManager &SM = Coro.Ctx.getSourceManager();
  const Stmt *Parent = Coro.Paths.parent(If);
  const SourceLocation IfBegin = If->getBeginLoc();
  if (!Coro.HasReturnVoid || !Parent || !llvm::isa<CompoundStmt>(Parent) ||
      !SM.isBeforeInTranslationUnit(Code->getLocation(), IfBegin))
    return;
  const std::string Guard =
      "if (" + Code->getName().str() + " == " +
      Aliases.spell(Coro.Ctx, utils::profile(Site.Library).Namespace, IfBegin) +
      "::error::operation_aborted) co_return;";
  if (std::optional<FixItHint> Fix =
          utils::insertStatementBefore(If, Guard, SM, Coro.Ctx.getLangOpts()))
    diag(IfBegin,
         "return from the coroutine when the operation was "
         "cancelled",
         DiagnosticIDs::Note)
        << *Fix;
}

// A read that ended its stream reports eof (or Beast's end_of_stream or
// closed) and keeps reporting it: a loop that treats it like a transient
// error reads again for ever. Checked where the loop already stops on
// cancellation, so that one `if` gets one finding.
void SwallowedCancellationCheck::checkTerminalRead(CoroutineContext &Coro,
                                                   const ErrorTest &Found,
                                                   const ErrorCodeSite &Site,
                                                   const Stmt *Loop,
                                                   const Stmt *ErrorBranch) {
  const ValueDecl *Code = Found.Test.Code;
  std::optional<utils::TerminalError> Terminal =
      utils::terminalErrorOfRead(utils::suspensionOperand(Site.Await));
  if (!Terminal || !ErrorBranch ||
      utils::mentionsTerminalError(utils::loopCondition(Loop)) ||
      utils::mentionsTerminalError(utils::loopBody(Loop)) ||
      !goesOn(Coro, Found.If, ErrorBranch,
              utils::exitsOf(ErrorBranch, Coro.Ctx)))
    return;
  const SourceLocation IfBegin = Found.If->getBeginLoc();
  const std::string Enumerator =
      Aliases.spell(Coro.Ctx, Terminal->Namespace, IfBegin) +
      "::error::" + Terminal->Name.str();
  diag(Found.Test.Ref->getBeginLoc(),
       "error code %0 of an awaited read is handled like a transient error "
       "when it is '%1'; the loop reads again from a stream that has ended")
      << Code << Enumerator;
  diag(Site.Await->getBeginLoc(), "%0 is set by the read awaited here",
       DiagnosticIDs::Note)
      << Code;
  // `break` leaves the loop only from its own body, outside any switch.
  const SourceManager &SM = Coro.Ctx.getSourceManager();
  if (Coro.Paths.parent(Found.If) != utils::loopBody(Loop) ||
      !SM.isBeforeInTranslationUnit(Code->getLocation(), IfBegin))
    return;
  const std::string Guard =
      "if (" + Code->getName().str() + " == " + Enumerator + ") break;";
  if (std::optional<FixItHint> Fix = utils::insertStatementBefore(
          Found.If, Guard, SM, Coro.Ctx.getLangOpts()))
    diag(IfBegin, "leave the loop when the stream has ended",
         DiagnosticIDs::Note)
        << *Fix;
}

// The same mistake with exceptions: a read awaited with `use_awaitable`
// throws its terminal error, and a handler that catches it and lets the loop
// go round reads again from the ended stream.
void SwallowedCancellationCheck::checkTerminalHandler(CoroutineContext &Coro,
                                                      const CXXTryStmt *Try) {
  const Stmt *Loop = Coro.Paths.enclosingLoop(Try);
  std::optional<utils::ThrowingRead> Read =
      Loop ? utils::throwingTerminalRead(Try->getTryBlock()) : std::nullopt;
  if (!Read || utils::mentionsTerminalError(utils::loopCondition(Loop)) ||
      utils::mentionsTerminalError(utils::loopBody(Loop)))
    return;
  const Framework Library =
      utils::frameworkOf(utils::suspensionOperand(Read->Await)->getType());
  if (!isAsio(Library))
    return;
  const Cancellation &Error =
      asioCancellation(Coro.Ctx, Library == Framework::BoostAsio);
  const CXXCatchStmt *Handler = nullptr;
  for (unsigned I = 0, N = Try->getNumHandlers(); I < N && !Handler; ++I) {
    Reception R = receives(Try->getHandler(I), Error);
    if (R == Reception::Unknown)
      return;
    if (R != Reception::None)
      Handler = Try->getHandler(I);
  }
  if (!Handler || utils::handsOffException(Handler) ||
      !utils::exitsOf(Handler->getHandlerBlock(), Coro.Ctx)
           .intersects({Exit::FallThrough, Exit::Continue}))
    return;
  // A handler that swallows cancellation as well is reported for that (one
  // handler, one finding), as error-code loops are.
  if (Coro.Conditions
          .exitsWhenCancelled(Handler->getHandlerBlock(), isExceptionCode)
          .intersects(Swallowing))
    return;

  const SourceLocation CatchLoc = Handler->getCatchLoc();
  const std::string Enumerator =
      Aliases.spell(Coro.Ctx, Read->Error.Namespace, CatchLoc) +
      "::error::" + Read->Error.Name.str();
  diag(Read->Await->getBeginLoc(),
       "read awaited in a loop throws '%0' once its stream has ended, and the "
       "handler that catches it lets the loop read again from a stream that "
       "has ended")
      << Enumerator;
  const QualType Caught = Handler->getCaughtType();
  diag(CatchLoc,
       "%select{the handler for '%1'|the catch-all handler}0 lets "
       "the loop go round",
       DiagnosticIDs::Note)
      << Caught.isNull()
      << (Caught.isNull() ? "" : utils::spelledType(Caught, Coro.Ctx));

  // `break` leaves the loop from a `try` directly in its body; the
  // exception's code is read from a named system_error.
  const VarDecl *Var = Handler->getExceptionDecl();
  const CXXRecordDecl *Record = utils::classDeclOf(Caught);
  const auto *Block = llvm::cast<CompoundStmt>(Handler->getHandlerBlock());
  if (Coro.Paths.parent(Try) != utils::loopBody(Loop) || !Var ||
      Var->getName().empty() || !Record || !Error.Record ||
      Record->getCanonicalDecl() != Error.Record->getCanonicalDecl())
    return;
  const SourceManager &SM = Coro.Ctx.getSourceManager();
  const std::string Guard =
      "if (" + Var->getName().str() + ".code() == " + Enumerator + ") break;";
  std::optional<FixItHint> Fix =
      Block->body_empty()
          ? utils::insertStatementAtEnd(Block, Guard, SM)
          : utils::insertStatementBefore(*Block->body_begin(), Guard, SM,
                                         Coro.Ctx.getLangOpts());
  if (Fix)
    diag(CatchLoc, "leave the loop when the stream has ended",
         DiagnosticIDs::Note)
        << *Fix;
}

} // namespace clang::tidy::async
