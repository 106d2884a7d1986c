//===--- BlockingCallInCoroutineReports.cpp - its warnings, notes, fixes --===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The reporting half of async-blocking-call-in-coroutine: the warning for a
// blocking call found directly or through a chain of calls, and the notes
// and fixes that go with it (a timer instead of a sleep, the operation's
// asynchronous twin, the framework's way to move the work off the thread).
//
//===----------------------------------------------------------------------===//

#include "BlockingCallInCoroutineCheck.h"
#include "utils/Coroutines.h"
#include "utils/ErrorCodes.h"
#include "utils/FixIts.h"
#include "utils/Frameworks.h"
#include "utils/Names.h"
#include "utils/TaskTypes.h"
#include "utils/TimerRewrite.h"
#include "utils/Walk.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ASTLambda.h"
#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "llvm/ADT/STLFunctionalExtras.h"

namespace clang::tidy::async {

using utils::BlockingRemedy;
using Position = utils::EvaluationContext;

SourceLocation BlockingCallInCoroutineCheck::diagLoc(const Expr *E) {
  if (const auto *Member = llvm::dyn_cast<CXXMemberCallExpr>(E))
    return Member->getExprLoc();
  return E->getSourceRange().getBegin();
}

namespace {

// ---------------------------------------------------------------------------
// Small facts about calls and types.

/// How a message's %select names a function that is called: 0 by name,
/// 1 as a lambda, 2 as a constructor of its class.
unsigned calleeKind(const FunctionDecl *Callee) {
  return static_cast<unsigned>(utils::callKindOf(Callee));
}

bool isSleep(BlockingRemedy Remedy) {
  return Remedy == BlockingRemedy::SleepFor ||
         Remedy == BlockingRemedy::SleepUntil ||
         Remedy == BlockingRemedy::SleepSeconds ||
         Remedy == BlockingRemedy::SleepMicroseconds ||
         Remedy == BlockingRemedy::SleepOther;
}

/// What the argument of a sleep that a timer can replace is.
std::optional<utils::SleepArgument> sleepArgument(BlockingRemedy Remedy) {
  switch (Remedy) {
  case BlockingRemedy::SleepFor:
    return utils::SleepArgument::Duration;
  case BlockingRemedy::SleepUntil:
    return utils::SleepArgument::TimePoint;
  case BlockingRemedy::SleepSeconds:
    return utils::SleepArgument::Seconds;
  case BlockingRemedy::SleepMicroseconds:
    return utils::SleepArgument::Microseconds;
  default:
    return std::nullopt;
  }
}

} // namespace

// ---------------------------------------------------------------------------
// Reporting.

void BlockingCallInCoroutineCheck::reportTransitive(
    const Coroutine &Co, const Expr *Call, const FunctionDecl *Callee,
    const utils::CallPath &Path, llvm::ArrayRef<const FunctionDecl *> Blocking,
    size_t Targets) {
  std::optional<utils::BlockingCall> Hit = lookup(Path.Hit, Co.Ctx);
  const SourceLocation Loc = diagLoc(Call);
  // The same words as the link step's, from the same builder.
  utils::CallFact Site{
      "", utils::qualifiedName(Callee), utils::callKindOf(Callee), false, {},
      {}};
  utils::HitFact Blocks{
      Hit->DisplayName, utils::categoryName(Hit->Api->Category).str(), {}, ""};
  diag(Loc, "%0") << utils::linkedWarning(Site, Blocks)
                  << Call->getSourceRange();
  if (utils::dispatchedMethod(Call)) {
    std::vector<std::string> Names;
    for (const FunctionDecl *FD : Blocking)
      Names.push_back(utils::qualifiedName(FD));
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
    auto Diag = diag(Loc, "blocking call to '%0' in a coroutine; %1 stalls "
                          "every coroutine on its thread")
                << Blocking.DisplayName
                << utils::categoryEffect(Blocking.Api->Category)
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
  noteIdiom(Loc, Pos, utils::offloadIdiom(Aliases, Co.Ctx, Co.Framework, Loc),
            "move the blocking call to a thread pool and await its "
            "result%select{|, outside the catch handler}0",
            "move the blocking call to a thread pool%select{|, outside the "
            "catch handler}1: %0");
}

void BlockingCallInCoroutineCheck::noteTimer(const Coroutine &Co,
                                             SourceLocation Loc, Position Pos) {
  noteIdiom(Loc, Pos, utils::timerIdiom(Aliases, Co.Ctx, Co.Framework, Loc),
            "suspend on a timer of the coroutine's framework "
            "instead%select{|, outside the catch handler}0",
            "suspend on a timer instead%select{|, outside the catch "
            "handler}1: %0");
}

// \p Generic takes whether the call is in a handler as %0; \p WithIdiom
// takes the idiom as %0 and that as %1.
void BlockingCallInCoroutineCheck::noteIdiom(SourceLocation Loc, Position Pos,
                                             const std::string &Idiom,
                                             llvm::StringRef Generic,
                                             llvm::StringRef WithIdiom) {
  if (Idiom.empty())
    diag(Loc, Generic, DiagnosticIDs::Note) << Pos.InHandler;
  else
    diag(Loc, WithIdiom, DiagnosticIDs::Note) << Idiom << Pos.InHandler;
}

// ---------------------------------------------------------------------------
// Fix-its.

std::optional<std::string> BlockingCallInCoroutineCheck::sleepReplacement(
    const Coroutine &Co, const CallExpr *Call, BlockingRemedy Remedy,
    Position Pos) {
  std::optional<utils::SleepArgument> Argument = sleepArgument(Remedy);
  if (Pos.NoAwait || !Argument)
    return std::nullopt;
  return utils::sleepReplacement(
      Call, *Argument, !Pos.discarded(),
      {Co.Function, Co.Framework, Co.Locals, Aliases}, Co.Ctx);
}

std::optional<std::string>
BlockingCallInCoroutineCheck::awaitArgumentReplacement(
    const Coroutine &Co, const CallExpr *Call, BlockingRemedy Remedy,
    Position Pos, bool &AwaitableArgument) {
  llvm::SmallVector<const Expr *, 4> Args = utils::writtenArguments(Call);
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
  std::optional<std::string> Text = utils::sourceText(Arg, Co.Ctx);
  if (!Text)
    return std::nullopt;
  std::string Await =
      "co_await " +
      (utils::needsParensAfterPrefix(Arg) ? "(" + *Text + ")" : *Text);
  return Pos.PostfixOperand ? "(" + Await + ")" : Await;
}

bool BlockingCallInCoroutineCheck::noteAsyncTwin(const Coroutine &Co,
                                                 const CallExpr *Call,
                                                 Position Pos) {
  // The twin completes through the coroutine's own framework.
  std::optional<utils::AsyncTwin> Twin = utils::asyncTwinOf(Call, Co.Ctx);
  if (!Twin || Twin->Library != Co.Framework)
    return false;
  const ASTContext &Ctx = Co.Ctx;
  const SourceLocation Loc = diagLoc(Call);
  const llvm::StringRef Namespace = utils::profile(Twin->Library).Namespace;
  if (!utils::isDefaultAwaitable(Co.Function->getReturnType(), Namespace)) {
    diag(Loc,
         "use the asynchronous '%0' with the coroutine's completion token "
         "instead%select{|, outside the catch handler}1",
         DiagnosticIDs::Note)
        << Twin->Name << Pos.InHandler;
    return true;
  }
  const std::string Token =
      Aliases.spell(Ctx, Namespace, Loc) + "::use_awaitable";

  // The fix awaits the twin. It keeps the meaning only without an
  // error_code argument: the synchronous overload taking one reports errors
  // there, while the awaited operation throws.
  llvm::SmallVector<FixItHint, 4> Fix;
  if (!Pos.NoAwait &&
      utils::findDeclaration(Ctx, (Namespace + "::use_awaitable").str()) &&
      llvm::none_of(utils::writtenArguments(Call), [](const Expr *Arg) {
        return utils::isErrorCodeType(Arg->getType());
      }))
    Fix = utils::awaitRenamedCall(Call, Twin->Name, Token, Pos.PostfixOperand,
                                  Ctx);
  diag(Loc,
       "use the asynchronous '%0' with '%1' instead%select{|, outside the "
       "catch handler}2",
       DiagnosticIDs::Note)
      << Twin->Name << Token << Pos.InHandler << Fix;
  return true;
}

} // namespace clang::tidy::async
