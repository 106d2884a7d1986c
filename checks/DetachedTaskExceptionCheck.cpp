//===--- DetachedTaskExceptionCheck.cpp - async-detached-task-exception ---===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

#include "DetachedTaskExceptionCheck.h"
#include "utils/Coroutines.h"
#include "utils/FixIts.h"
#include "utils/Names.h"
#include "utils/Options.h"
#include "utils/TaskTypes.h"
#include "utils/Walk.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "llvm/ADT/StringExtras.h"

using namespace clang::ast_matchers;

namespace clang::tidy::async {

using utils::DetachKind;

/// One detached start whose task can throw, and how its exception is lost.
struct DetachedTaskExceptionCheck::Start {
  /// The function that starts the task.
  const FunctionDecl *Spawner;
  const CallExpr *Call;
  const utils::DetachedStart *Primitive;
  utils::Framework Library;
  /// The started coroutine's definition.
  const FunctionDecl *Coroutine;
  /// Where its exception escapes.
  utils::EscapingThrow Escape;
  /// The handler or callback that drops the exception, when one is written:
  /// Asio's `detached`, or a lambda that ignores what it is given.
  const Expr *Dropper;
  /// Whether Dropper may be replaced by a rethrowing handler.
  bool Replaceable;
};

/// Why the exception is lost, the end of the warning.
enum class DetachedTaskExceptionCheck::Loss {
  DetachedToken,
  IgnoringHandler,
  DroppingSpawn,
  IgnoringCallback,
  DiscardedFuture,
  DroppingPromise,
};

namespace {

/// Whether \p Token is the framework's `detached` completion token.
bool isDetachedToken(const Expr *Token, utils::Framework Library) {
  const CXXRecordDecl *RD = utils::classDeclOf(Token->getType());
  return RD && utils::qualifiedName(RD) ==
                   (utils::profile(Library).Namespace + "::detached_t").str();
}

/// The lambda that \p E is, when it ignores the result it is called with:
/// its first parameter is unnamed or never used. Null for anything else --
/// a named function, a function object or a token may look at the result.
const LambdaExpr *ignoringLambda(const Expr *E) {
  const auto *Lambda = llvm::dyn_cast<LambdaExpr>(
      utils::ignoreValuePreserving(E)->IgnoreParenImpCasts());
  if (!Lambda)
    return nullptr;
  const CXXMethodDecl *Call = Lambda->getCallOperator();
  if (Call->getNumParams() == 0)
    return nullptr;
  const ParmVarDecl *Result = Call->getParamDecl(0);
  if (Result->getIdentifier() && utils::mentions(Call->getBody(), Result))
    return nullptr;
  return Lambda;
}

/// Whether \p Lambda can be replaced whole: it captures nothing and does
/// nothing.
bool isEmptyLambda(const LambdaExpr *Lambda) {
  const auto *Body = llvm::dyn_cast_or_null<CompoundStmt>(
      Lambda->getCallOperator()->getBody());
  return Lambda->capture_size() == 0 && Body && Body->body_empty();
}

/// The coroutine whose task \p Task is: the callee of the call that made it,
/// through the framework's own adaptors (`.via(ex)`, `.scheduleOn(ex)`), or
/// the lambda or function handed over.
const FunctionDecl *startedCoroutine(const Expr *Task) {
  const Expr *E = Task;
  while (true) {
    E = utils::ignoreValuePreserving(E)->IgnoreParenImpCasts();
    const auto *Adaptor = llvm::dyn_cast<CXXMemberCallExpr>(E);
    if (!Adaptor || utils::frameworkOf(Adaptor->getMethodDecl()) ==
                        utils::Framework::Unknown)
      break;
    E = Adaptor->getImplicitObjectArgument();
  }
  return utils::handedFunction(E);
}

bool isLambdaOperator(const FunctionDecl *FD) {
  const auto *Method = llvm::dyn_cast<CXXMethodDecl>(FD);
  return Method && Method->getParent()->isLambda();
}

} // namespace

void DetachedTaskExceptionCheck::onStartOfTranslationUnit() {
  // The analysis caches by declaration, which is only meaningful within one
  // translation unit.
  Analysis.reset();
}

static constexpr llvm::StringLiteral StrictModeKey = "StrictMode";
static constexpr llvm::StringLiteral ExceptionHandlerKey = "ExceptionHandler";
static constexpr llvm::StringLiteral ExceptionHandlerHeaderKey =
    "ExceptionHandlerHeader";

static bool isDeclaredNoexcept(const FunctionDecl *Coroutine) {
  const auto *Proto = Coroutine->getType()->getAs<FunctionProtoType>();
  return Proto && Proto->canThrow() == CT_Cannot;
}

DetachedTaskExceptionCheck::DetachedTaskExceptionCheck(
    StringRef Name, ClangTidyContext *Context)
    : FunctionBodyCheck(Name, Context),
      StrictMode(
          utils::parseBoolOption(Options.get(StrictModeKey, "false"), false)),
      ExceptionHandler(Options.get(ExceptionHandlerKey, "")),
      ExceptionHandlerHeader(Options.get(ExceptionHandlerHeaderKey, "")),
      Inserter(Options.getLocalOrGlobal("IncludeStyle",
                                        tidy::utils::IncludeSorter::IS_LLVM),
               areDiagsSelfContained()) {}

void DetachedTaskExceptionCheck::storeOptions(
    ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, StrictModeKey, utils::boolOptionText(StrictMode));
  Options.store(Opts, ExceptionHandlerKey, ExceptionHandler);
  Options.store(Opts, ExceptionHandlerHeaderKey, ExceptionHandlerHeader);
  Options.store(Opts, "IncludeStyle", Inserter.getStyle());
}

void DetachedTaskExceptionCheck::registerPPCallbacks(
    const SourceManager &SM, Preprocessor *PP, Preprocessor *ModuleExpanderPP) {
  Inserter.registerPreprocessor(PP);
}

void DetachedTaskExceptionCheck::check(const MatchFinder::MatchResult &Result) {
  const FunctionDecl *Function = utils::getMatchedFunction(Result);
  if (!Function)
    return;
  ASTContext &Ctx = *Result.Context;
  if (!Analysis)
    Analysis.emplace(Ctx, StrictMode
                              ? utils::ExceptionAnalysis::Evidence::Assumed
                              : utils::ExceptionAnalysis::Evidence::Shown);
  const SourceManager &SM = Ctx.getSourceManager();

  utils::forEachEvaluatedStmtInContext(
      utils::getUserBody(Function), Ctx,
      [&](const Stmt *S, const utils::EvaluationContext &Context) {
        const auto *Call = llvm::dyn_cast<CallExpr>(S);
        if (!Call || Call->isTypeDependent())
          return true;
        // A start a macro writes is not the user's code.
        SourceLocation Loc = Call->getBeginLoc();
        if (Loc.isMacroID() && !SM.isMacroArgExpansion(Loc))
          return true;
        const FunctionDecl *Callee = Call->getDirectCallee();
        const utils::DetachedStart *Primitive =
            Callee ? utils::detachedStart(Callee) : nullptr;
        if (!Primitive)
          if (const CXXRecordDecl *Returned =
                  utils::classDeclOf(Call->getType()))
            Primitive = utils::detachedStart(Returned);
        if (!Primitive || Primitive->ReportsUnhandled)
          return true;

        Start Found{Function, Call, Primitive, utils::frameworkOf(Callee),
                    nullptr,  {},   nullptr,   false};
        const auto *Member = llvm::dyn_cast<CXXMemberCallExpr>(Call);
        const Expr *Task = nullptr;
        switch (Primitive->Kind) {
        case DetachKind::SpawnWithToken: {
          if (Call->getNumArgs() < 3)
            return true;
          Task = Call->getArg(1);
          const Expr *Token = Call->getArg(2);
          if (isDetachedToken(Token, Found.Library)) {
            Found.Dropper = Token;
            Found.Replaceable = true;
          } else if (const LambdaExpr *Lambda = ignoringLambda(Token)) {
            Found.Dropper = Lambda;
            Found.Replaceable = isEmptyLambda(Lambda);
          } else {
            return true;
          }
          break;
        }
        case DetachKind::Spawn:
          if (Call->getNumArgs() < 1)
            return true;
          Task = Call->getArg(0);
          break;
        case DetachKind::Start: {
          if (!Member)
            return true;
          Task = Member->getImplicitObjectArgument();
          if (Call->getNumArgs() == 0 ||
              llvm::isa<CXXDefaultArgExpr>(Call->getArg(0))) {
            // The returned future holds the exception.
            if (!Context.discarded())
              return true;
            break;
          }
          const LambdaExpr *Lambda = ignoringLambda(Call->getArg(0));
          if (!Lambda)
            return true;
          Found.Dropper = Lambda;
          Found.Replaceable = isEmptyLambda(Lambda);
          break;
        }
        case DetachKind::DroppingReturnType:
          Found.Coroutine = Callee;
          Found.Library = utils::frameworkOf(Call->getType());
          break;
        }
        if (Task)
          Found.Coroutine = startedCoroutine(Task);
        Found.Coroutine = utils::visibleDefinition(Found.Coroutine);
        if (!Found.Coroutine || !utils::isCoroutine(Found.Coroutine))
          return true;
        // `noexcept` on a coroutine is its author's statement that its body
        // does not throw.
        if (!StrictMode && isDeclaredNoexcept(Found.Coroutine))
          return true;
        std::optional<utils::EscapingThrow> Escape =
            Analysis->firstEscaping(utils::getUserBody(Found.Coroutine));
        if (!Escape)
          return true;
        Found.Escape = *Escape;
        report(Found, Ctx);
        return true;
      });
}

void DetachedTaskExceptionCheck::report(const Start &S, ASTContext &Ctx) {
  Loss Why = Loss::DroppingSpawn;
  switch (S.Primitive->Kind) {
  case DetachKind::SpawnWithToken:
    Why = llvm::isa<LambdaExpr>(S.Dropper) ? Loss::IgnoringHandler
                                           : Loss::DetachedToken;
    break;
  case DetachKind::Spawn:
    Why = Loss::DroppingSpawn;
    break;
  case DetachKind::Start:
    Why = S.Dropper ? Loss::IgnoringCallback : Loss::DiscardedFuture;
    break;
  case DetachKind::DroppingReturnType:
    Why = Loss::DroppingPromise;
    break;
  }
  const bool Lambda = isLambdaOperator(S.Coroutine);
  llvm::StringRef PrimitiveName = S.Primitive->Name.rsplit("::").second;
  {
    auto Diag =
        diag(S.Call->getExprLoc(),
             "%select{coroutine %1|lambda coroutine}0 can throw, but its "
             "exception is lost: %select{'detached' ignores it|the completion "
             "handler ignores it|'%2' discards it|the callback ignores it|the "
             "future that holds it is discarded|'%2' discards it}3")
        << (Lambda ? 1 : 0) << S.Coroutine << PrimitiveName
        << static_cast<int>(Why);
    Diag << S.Call->getSourceRange();
  }
  noteWhereItThrows(S);
  suggestHandler(S, Why, Ctx);
}

void DetachedTaskExceptionCheck::noteWhereItThrows(const Start &S) {
  diag(S.Escape.Site->getBeginLoc(),
       "%select{a call that can throw|an await that can throw|a throw}0 "
       "outside any handler that catches it is here",
       DiagnosticIDs::Note)
      << static_cast<int>(S.Escape.Kind);
  // Follow the exception into the visible bodies it comes from, so that the
  // finding shows the throw itself and not only the outermost call.
  for (const auto &[Function, Site] : Analysis->pathInside(S.Escape))
    diag(Site.Site->getBeginLoc(),
         "in %0, %select{a call that can throw|an await that can throw|a "
         "throw}1 outside any handler that catches it is here",
         DiagnosticIDs::Note)
        << Function << static_cast<int>(Site.Kind);
}

void DetachedTaskExceptionCheck::suggestHandler(const Start &S, Loss Why,
                                                ASTContext &Ctx) {
  // The fix replaces the handler that drops the exception with one that
  // reports it, or rethrows it out of an event loop that the spawning
  // function runs inside a `try` that handles it. It changes what happens
  // on failure, so it is a note's.
  const utils::FrameworkProfile &Profile = utils::profile(S.Library);
  std::optional<CharSourceRange> Range =
      S.Dropper && S.Replaceable
          ? utils::writtenRange(S.Dropper, Ctx.getSourceManager(),
                                Ctx.getLangOpts())
          : std::nullopt;
  const bool Rethrow =
      Profile.ReportingHandler.empty() ||
      utils::runsEventLoopUnderHandler(utils::getUserBody(S.Spawner), Ctx);
  std::string Handler = Rethrow ? Profile.RethrowingHandler.str()
                                : Profile.ReportingHandler.str();
  std::string Header = Rethrow ? "" : Profile.ReportingHandlerHeader.str();
  if (!Rethrow && !ExceptionHandler.empty()) {
    Handler = ExceptionHandler;
    Header = ExceptionHandlerHeader;
  }
  if (Range && !Handler.empty()) {
    // Asio hands a non-void result to the handler after the exception.
    std::string Results;
    if (S.Primitive->Kind == DetachKind::SpawnWithToken) {
      std::optional<bool> Void =
          utils::awaitResultIsVoid(S.Coroutine->getReturnType());
      if (!Void)
        Range.reset();
      else if (!*Void)
        Results = ", auto &&";
    }
    llvm::StringRef Placeholder = "{0}";
    if (size_t At = Handler.find(Placeholder); At != std::string::npos)
      Handler.replace(At, Placeholder.size(), Results);
    if (Range) {
      auto Diag =
          diag(S.Dropper->getBeginLoc(),
               "replace %select{'detached' with a handler|the handler with "
               "one|the callback with one}0 that %select{reports|rethrows}1 "
               "the exception",
               DiagnosticIDs::Note)
          << (Why == Loss::DetachedToken     ? 0
              : Why == Loss::IgnoringHandler ? 1
                                             : 2)
          << (Rethrow ? 1 : 0) << FixItHint::CreateReplacement(*Range, Handler);
      const SourceManager &SM = Ctx.getSourceManager();
      if (!Header.empty())
        if (std::optional<FixItHint> Include = Inserter.createIncludeInsertion(
                SM.getFileID(Range->getBegin()), Header))
          Diag << *Include;
      return;
    }
  }
  if (S.Dropper)
    diag(S.Dropper->getBeginLoc(),
         "let the %select{handler|callback}0 look at the exception it "
         "receives",
         DiagnosticIDs::Note)
        << (Why == Loss::IgnoringHandler ? 0 : 1);
  else if (!Profile.DetachAdvice.empty())
    diag(S.Call->getExprLoc(), Profile.DetachAdvice, DiagnosticIDs::Note);
}

} // namespace clang::tidy::async
