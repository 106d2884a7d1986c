//===--- SequentialAwaitRewrite.cpp - await a loop's tasks together -------===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

#include "SequentialAwaitRewrite.h"
#include "utils/Coroutines.h"
#include "utils/FixIts.h"
#include "utils/Names.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/QualTypeNames.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Lex/Lexer.h"

namespace clang::tidy::async::sequential_await_in_loop {

llvm::StringRef idiomNote(utils::Framework F) {
  llvm::StringRef Advice = utils::profile(F).ConcurrencyAdvice;
  if (!Advice.empty())
    return Advice;
  return "to run the iterations concurrently, start every operation first "
         "and await them together";
}

//===----------------------------------------------------------------------===//
// Whether the tasks may run after the loop.
//===----------------------------------------------------------------------===//

/// Whether the object an argument refers to outlives the loop, so that a
/// lazy task holding a reference to it may run after the loop: a variable
/// declared outside the loop, `this`, or the element itself when the loop
/// variable is a reference to an element of the range.
static bool outlivesLoop(const Expr *Arg, const CXXForRangeStmt *Range,
                         const utils::LoopFacts &Facts) {
  const Expr *E = Arg->IgnoreParens();
  while (const auto *Cast = llvm::dyn_cast<ImplicitCastExpr>(E)) {
    CastKind Kind = Cast->getCastKind();
    if (Kind != CK_NoOp && Kind != CK_DerivedToBase &&
        Kind != CK_UncheckedDerivedToBase)
      break;
    E = Cast->getSubExpr()->IgnoreParens();
  }
  if (llvm::isa<CXXThisExpr>(E))
    return true;
  if (!E->isLValue())
    return false;
  const ValueDecl *Root = utils::rootDecl(E);
  if (!Root)
    return false;
  const VarDecl *LoopVar = Range->getLoopVariable();
  const ValueDecl *LoopRoot = LoopVar;
  if (const auto *Binding = llvm::dyn_cast<BindingDecl>(Root))
    if (const auto *Decomposition =
            llvm::dyn_cast_or_null<DecompositionDecl>(LoopVar))
      if (llvm::is_contained(Decomposition->bindings(), Binding))
        LoopRoot = Binding;
  if (Root == LoopRoot) {
    // A reference bound to an element the range owns, not to a temporary.
    const Expr *Init = LoopVar->getInit();
    if (!LoopVar->getType()->isReferenceType() || !Init)
      return false;
    if (const auto *Cleanups = llvm::dyn_cast<ExprWithCleanups>(Init))
      Init = Cleanups->getSubExpr();
    return !llvm::isa<MaterializeTemporaryExpr>(Init->IgnoreParens());
  }
  return !Facts.BodyLocals.contains(Root);
}

/// Whether a by-value parameter of this type can still refer to the loop's
/// per-iteration objects: pointers and views.
static bool isReferenceLike(QualType T) {
  T = T.getCanonicalType();
  if (T->isPointerType() || T->isMemberPointerType())
    return true;
  const CXXRecordDecl *RD = utils::classDeclOf(T);
  if (!RD)
    return false;
  std::string Name = utils::qualifiedName(utils::identityOf(RD));
  return Name == "std::basic_string_view" || Name == "std::span" ||
         Name == "std::reference_wrapper";
}

/// The lazy task made by \p Call holds its arguments (and the object of a
/// member coroutine) until it runs; after the rewrite it runs after the
/// loop, so every reference it holds must stay valid until then.
static bool argumentsOutliveLoop(const CallExpr *Call,
                                 const CXXForRangeStmt *Range,
                                 const utils::LoopFacts &Facts) {
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Callee)
    return false;
  if (const auto *Member = llvm::dyn_cast<CXXMemberCallExpr>(Call)) {
    if (!outlivesLoop(Member->getImplicitObjectArgument(), Range, Facts))
      return false;
  } else if (const auto *Op = llvm::dyn_cast<CXXOperatorCallExpr>(Call)) {
    if (Op->getOperator() != OO_Call ||
        !outlivesLoop(Op->getArg(0), Range, Facts))
      return false;
  }
  bool Safe = true;
  unsigned Matched = 0;
  utils::forEachParamArg(Call, [&](const Expr *Arg, QualType Param) {
    ++Matched;
    if (llvm::isa<CXXDefaultArgExpr>(Arg)) {
      Safe &= !Param->isReferenceType();
      return;
    }
    if (Param->isReferenceType())
      Safe &= outlivesLoop(Arg, Range, Facts);
    else if (isReferenceLike(Param))
      Safe &= !utils::readsOf(Arg).any(Facts.BodyLocals);
  });
  // Arguments past the declared parameters (C varargs) are not checked.
  unsigned Expected = Call->getNumArgs();
  if (const auto *Op = llvm::dyn_cast<CXXOperatorCallExpr>(Call))
    Expected -= Op->getOperator() == OO_Call ? 1 : 0;
  return Safe && Matched == Expected;
}

//===----------------------------------------------------------------------===//
// The shapes the rewrite knows.
//===----------------------------------------------------------------------===//

namespace {

/// A loop of one of the two shapes, with the parts the rewrite moves.
struct RewritableLoop {
  const CXXForRangeStmt *Range;
  /// `results.push_back(...)` around the await, or null for a bare await.
  const CXXMemberCallExpr *Append;
  /// The call that makes the task.
  const CallExpr *Call;
  QualType TaskType;
};

/// What the rewrite reuses of the loop as written.
struct WrittenLoop {
  /// From `for` to the end of the body, a braceless body's `;` included.
  CharSourceRange Extent;
  /// `for (auto &x : xs)`.
  std::string Header;
  /// The loop and the token after it: the names a new variable must avoid.
  std::string Text;
  std::string Call;
  /// `results.push_back`, for the shape that appends.
  std::string Appender;
};

} // namespace

// The single expression statement of a loop body, braced or not.
static const Expr *onlyExpression(const Stmt *Body) {
  if (const auto *Compound = llvm::dyn_cast<CompoundStmt>(Body)) {
    if (Compound->size() != 1)
      return nullptr;
    Body = Compound->body_front();
  }
  const auto *E = llvm::dyn_cast<Expr>(Body);
  return E ? utils::ignoreValuePreserving(E) : nullptr;
}

// The canonical shapes: a range-for whose only statement is
//   co_await f(elem);                      (A)
//   results.push_back(co_await f(elem));   (B)
// where `f(elem)` makes a lazy task of the framework that the loop may
// leave running until after it.
static std::optional<RewritableLoop>
matchShape(const Finding &Finding, utils::Framework Framework,
           utils::TaskTypeClassifier &Tasks) {
  const auto *Range = llvm::dyn_cast<CXXForRangeStmt>(Finding.Flow->loop());
  if (!Range || !Range->getLoopVariable())
    return std::nullopt;
  const Expr *BodyExpr = onlyExpression(Range->getBody());
  if (!BodyExpr)
    return std::nullopt;
  const CXXMemberCallExpr *Append = nullptr;
  if (const auto *Member = llvm::dyn_cast<CXXMemberCallExpr>(BodyExpr)) {
    const CXXMethodDecl *Method = Member->getMethodDecl();
    if (!Method || !Method->getIdentifier() ||
        (Method->getName() != "push_back" &&
         Method->getName() != "emplace_back") ||
        Member->getNumArgs() != 1)
      return std::nullopt;
    Append = Member;
    BodyExpr = utils::ignoreValuePreserving(Member->getArg(0));
  }
  if (BodyExpr != Finding.Await->Await)
    return std::nullopt;
  const auto *Call = llvm::dyn_cast<CallExpr>(
      utils::ignoreValuePreserving(Finding.Await->Operand));
  if (!Call || Call != Finding.Op.Call || Call->isTypeDependent() ||
      Call->getType()->isDependentType())
    return std::nullopt;
  const QualType TaskType = Call->getType();
  if (Tasks.classify(TaskType) != utils::TaskKind::Lazy ||
      utils::frameworkOf(TaskType) != Framework)
    return std::nullopt;
  // Shape B needs values to append.
  std::optional<bool> VoidResult = utils::awaitResultIsVoid(TaskType);
  if (Append && (!VoidResult || *VoidResult))
    return std::nullopt;
  // The tasks run after the loop: what they refer to must still be there.
  if (!argumentsOutliveLoop(Call, Range, Finding.Flow->facts()))
    return std::nullopt;
  return RewritableLoop{Range, Append, Call, TaskType};
}

//===----------------------------------------------------------------------===//
// The text of the rewrite.
//===----------------------------------------------------------------------===//

// The text of the tokens from the first to the last of Range, when neither
// end is in a macro.
static std::optional<std::string> tokenText(SourceRange Range,
                                            const ASTContext &Ctx) {
  if (Range.getBegin().isMacroID() || Range.getEnd().isMacroID())
    return std::nullopt;
  bool Invalid = false;
  llvm::StringRef Text =
      Lexer::getSourceText(CharSourceRange::getTokenRange(Range),
                           Ctx.getSourceManager(), Ctx.getLangOpts(), &Invalid);
  if (Invalid)
    return std::nullopt;
  return Text.str();
}

// Where the results go (shape B): the object and the member as written,
// `results.push_back`. The object must be one container for all iterations.
static std::optional<std::string> appenderText(const CXXMemberCallExpr *Append,
                                               const utils::LoopDataFlow &Flow,
                                               const ASTContext &Ctx) {
  const auto *Callee =
      llvm::dyn_cast<MemberExpr>(Append->getCallee()->IgnoreParenImpCasts());
  const Expr *Results = Append->getImplicitObjectArgument();
  if (!Callee || !Results || utils::readsOf(Results).any(Flow.derived()))
    return std::nullopt;
  if (const ValueDecl *Root = utils::rootDecl(Results);
      !Root || Flow.facts().BodyLocals.contains(Root))
    return std::nullopt;
  if (Callee->getBeginLoc().isMacroID() || Callee->getMemberLoc().isMacroID())
    return std::nullopt;
  return Lexer::getSourceText(
             CharSourceRange::getCharRange(Callee->getBeginLoc(),
                                           Callee->getMemberLoc()),
             Ctx.getSourceManager(), Ctx.getLangOpts())
             .str() +
         Append->getMethodDecl()->getName().str();
}

// The parts of the loop the rewrite keeps, when all of them are written in
// the file and nothing else in the loop is a comment the rewrite would drop.
static std::optional<WrittenLoop> readLoop(const RewritableLoop &Loop,
                                           const utils::LoopDataFlow &Flow,
                                           const ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  const LangOptions &LangOpts = Ctx.getLangOpts();
  const CXXForRangeStmt *Range = Loop.Range;
  std::optional<CharSourceRange> LoopRange =
      utils::writtenRange(Range, SM, LangOpts);
  std::optional<CharSourceRange> CallRange =
      utils::writtenRange(Loop.Call, SM, LangOpts);
  if (!LoopRange || !CallRange || Range->getBeginLoc().isMacroID() ||
      Range->getBody()->getEndLoc().isMacroID())
    return std::nullopt;
  // A body without braces ends at its semicolon, which the statement's range
  // leaves out.
  SourceLocation End = LoopRange->getEnd();
  if (!llvm::isa<CompoundStmt>(Range->getBody())) {
    std::optional<Token> Next =
        Lexer::findNextToken(Range->getBody()->getEndLoc(), SM, LangOpts);
    if (!Next || !Next->is(tok::semi))
      return std::nullopt;
    End = Next->getEndLoc();
  }
  WrittenLoop Written;
  Written.Extent = CharSourceRange::getCharRange(LoopRange->getBegin(), End);
  std::optional<std::string> Header =
      tokenText(SourceRange(Range->getForLoc(), Range->getRParenLoc()), Ctx);
  std::optional<std::string> Text =
      tokenText(SourceRange(Range->getBeginLoc(), End), Ctx);
  // The rewrite keeps the header and the call; a comment anywhere else in
  // the loop would be lost.
  if (!Header || !Text ||
      utils::hasComment(
          CharSourceRange::getCharRange(Range->getRParenLoc(), End), SM,
          LangOpts))
    return std::nullopt;
  Written.Header = std::move(*Header);
  Written.Text = std::move(*Text);
  Written.Call = Lexer::getSourceText(*CallRange, SM, LangOpts).str();
  if (Loop.Append) {
    std::optional<std::string> Appender = appenderText(Loop.Append, Flow, Ctx);
    if (!Appender)
      return std::nullopt;
    Written.Appender = std::move(*Appender);
  }
  return Written;
}

// The task type, spelled with the file's alias for the framework.
static std::string spellTaskType(QualType TaskType, utils::Framework Framework,
                                 llvm::StringRef Namespace,
                                 const ASTContext &Ctx) {
  PrintingPolicy Policy(Ctx.getLangOpts());
  Policy.SuppressUnwrittenScope = true;
  std::string Text = TypeName::getFullyQualifiedName(
      TaskType.getUnqualifiedType(), Ctx, Policy);
  const std::string Qualified =
      (utils::profile(Framework).Namespace + "::").str();
  if (llvm::StringRef(Text).starts_with(Qualified))
    Text = (Namespace + "::").str() + Text.substr(Qualified.size());
  return Text;
}

// The block that replaces the loop: collect the tasks, then await them all
// at once and, for shape B, append their results in order.
static std::string replacementText(const RewritableLoop &Loop,
                                   const WrittenLoop &Written,
                                   utils::Framework Framework,
                                   llvm::StringRef Namespace,
                                   llvm::StringRef RangeJoin, unsigned Window,
                                   const ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  const std::string Tasks = utils::freshName("tasks", Written.Text);
  const std::string Result = utils::freshName("result", Written.Text);
  const std::string WhenAll =
      (Namespace + "::" + RangeJoin + "(std::move(" + Tasks + ")" +
       (Window ? ", " + std::to_string(Window) : std::string()) + ")")
          .str();
  const std::string TaskType =
      spellTaskType(Loop.TaskType, Framework, Namespace, Ctx);
  const std::string Indent =
      Lexer::getIndentationForLine(Loop.Range->getBeginLoc(), SM).str();
  std::string Text = "{\n";
  Text += Indent + "  std::vector<" + TaskType + "> " + Tasks + ";\n";
  Text += Indent + "  " + Written.Header + "\n";
  Text += Indent + "    " + Tasks + ".push_back(" + Written.Call + ");\n";
  if (!Loop.Append) {
    Text += Indent + "  co_await " + WhenAll + ";\n";
  } else {
    // libcoro hands back its when_all_task wrappers; the others the values.
    std::string Value = Framework == utils::Framework::Libcoro
                            ? Result + ".return_value()"
                            : Result;
    Text +=
        Indent + "  for (auto &" + Result + " : co_await " + WhenAll + ")\n";
    Text +=
        Indent + "    " + Written.Appender + "(std::move(" + Value + "));\n";
  }
  Text += Indent + "}";
  return Text;
}

// The header that declares the range join. Older folly keeps its coroutines
// under folly/experimental/coro.
static llvm::StringRef rangeJoinHeader(const RewritableLoop &Loop,
                                       utils::Framework Framework,
                                       const SourceManager &SM) {
  llvm::StringRef Header = utils::profile(Framework).RangeJoinHeader;
  if (Framework != utils::Framework::Folly)
    return Header;
  const CXXRecordDecl *TaskClass = utils::classDeclOf(Loop.TaskType);
  llvm::StringRef TaskFile =
      TaskClass ? SM.getFilename(SM.getFileLoc(TaskClass->getLocation()))
                : llvm::StringRef();
  return TaskFile.contains("folly/experimental/coro/")
             ? "<folly/experimental/coro/Collect.h>"
             : Header;
}

llvm::SmallVector<FixItHint, 3>
rangeJoinRewrite(const Finding &Finding, utils::Framework Framework,
                 llvm::StringRef Namespace, unsigned MaxConcurrency,
                 utils::TaskTypeClassifier &Tasks,
                 tidy::utils::IncludeInserter &Inserter, ASTContext &Ctx) {
  // A range join that takes a std::vector of tasks: folly, cppcoro and
  // libcoro have one.
  const utils::FrameworkProfile &Profile = utils::profile(Framework);
  if (Profile.RangeJoin.empty())
    return {};
  std::optional<RewritableLoop> Loop = matchShape(Finding, Framework, Tasks);
  if (!Loop)
    return {};
  std::optional<WrittenLoop> Written = readLoop(*Loop, *Finding.Flow, Ctx);
  if (!Written)
    return {};
  // The windowed form when the framework has one: a range the code does not
  // bound would otherwise start every task at once.
  const bool Windowed =
      MaxConcurrency > 0 && !Profile.WindowedRangeJoin.empty();
  llvm::SmallVector<llvm::StringRef, 3> RangeJoinPath;
  (Windowed ? Profile.WindowedRangeJoin : Profile.RangeJoin)
      .split(RangeJoinPath, "::");

  llvm::SmallVector<FixItHint, 3> Fix;
  Fix.push_back(FixItHint::CreateReplacement(
      Written->Extent, replacementText(*Loop, *Written, Framework, Namespace,
                                       RangeJoinPath.back(),
                                       Windowed ? MaxConcurrency : 0, Ctx)));
  const SourceManager &SM = Ctx.getSourceManager();
  const SourceLocation LoopLoc = Loop->Range->getBeginLoc();
  const FileID File = SM.getFileID(Written->Extent.getBegin());
  if (!utils::declaredBefore(Ctx, {"std", "vector"}, LoopLoc))
    if (std::optional<FixItHint> Include =
            Inserter.createIncludeInsertion(File, "<vector>"))
      Fix.push_back(*Include);
  if (!utils::declaredBefore(Ctx, RangeJoinPath, LoopLoc))
    if (std::optional<FixItHint> Include = Inserter.createIncludeInsertion(
            File, rangeJoinHeader(*Loop, Framework, SM)))
      Fix.push_back(*Include);
  return Fix;
}

} // namespace clang::tidy::async::sequential_await_in_loop
