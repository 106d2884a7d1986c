//===--- TimerRewrite.cpp - a blocking sleep as an awaited timer ----------===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

#include "TimerRewrite.h"
#include "FixIts.h"
#include "Names.h"
#include "TaskTypes.h"
#include "clang/AST/ASTLambda.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/QualTypeNames.h"
#include "llvm/ADT/StringSwitch.h"

namespace clang::tidy::async::utils {

std::optional<DurationInfo> durationInfo(QualType T) {
  const ClassTemplateSpecializationDecl *Duration =
      specializationOf(T, "std::chrono::duration");
  if (!Duration || Duration->getTemplateArgs().size() != 2)
    return std::nullopt;
  const TemplateArgumentList &Args = Duration->getTemplateArgs();
  const ClassTemplateSpecializationDecl *Ratio =
      specializationOf(Args[1].getAsType(), "std::ratio");
  if (!Ratio || Ratio->getTemplateArgs().size() != 2 ||
      Ratio->getTemplateArgs()[0].getKind() != TemplateArgument::Integral ||
      Ratio->getTemplateArgs()[1].getKind() != TemplateArgument::Integral)
    return std::nullopt;
  return DurationInfo{Args[0].getAsType()->isFloatingType(),
                      Ratio->getTemplateArgs()[0].getAsIntegral(),
                      Ratio->getTemplateArgs()[1].getAsIntegral()};
}

bool convertsImplicitly(const DurationInfo &From, const DurationInfo &To) {
  if (To.Floating)
    return true;
  if (From.Floating)
    return false;
  auto Wide = [](const llvm::APSInt &V) { return V.sext(128); };
  llvm::APInt Numerator = Wide(From.Num) * Wide(To.Den);
  llvm::APInt Denominator = Wide(From.Den) * Wide(To.Num);
  return !Denominator.isZero() && Numerator.srem(Denominator).isZero();
}

std::optional<TimePointInfo> timePointInfo(QualType T) {
  const ClassTemplateSpecializationDecl *TimePoint =
      specializationOf(T, "std::chrono::time_point");
  if (!TimePoint || TimePoint->getTemplateArgs().size() != 2)
    return std::nullopt;
  const CXXRecordDecl *Clock =
      TimePoint->getTemplateArgs()[0].getAsType()->getAsCXXRecordDecl();
  if (!Clock)
    return std::nullopt;
  return TimePointInfo{Clock, TimePoint->getTemplateArgs()[1].getAsType()};
}

bool isConstantZero(const Expr *E, const ASTContext &Ctx) {
  Expr::EvalResult Result;
  if (E->isValueDependent() || !E->EvaluateAsRValue(Result, Ctx))
    return false;
  const APValue *Value = &Result.Val;
  // A duration holds its count; a time point holds a duration.
  while (Value->isStruct() && Value->getStructNumFields() >= 1)
    Value = &Value->getStructField(0);
  if (Value->isInt())
    return Value->getInt().isZero();
  if (Value->isFloat())
    return Value->getFloat().isZero();
  return false;
}

namespace {

/// The type a member typedef of \p RD names (`steady_clock::duration`).
QualType memberType(const CXXRecordDecl *RD, llvm::StringRef Name,
                    const ASTContext &Ctx) {
  if (!RD || !RD->hasDefinition())
    return {};
  for (const NamedDecl *D : RD->getDefinition()->lookup(&Ctx.Idents.get(Name)))
    if (const auto *Typedef = llvm::dyn_cast<TypedefNameDecl>(D))
      return Typedef->getUnderlyingType();
  return {};
}

/// The parameter type of a timer function, as its argument must convert to.
QualType parameterType(const FunctionDecl *FD) {
  return FD->getParamDecl(0)
      ->getType()
      .getNonReferenceType()
      .getUnqualifiedType();
}

/// Writes the replacement of one sleep call: the sleep's argument as a
/// duration (or time point), then the recipe of the framework.
class SleepRewriter {
public:
  SleepRewriter(const CallExpr *Sleep, const TimerScope &Scope,
                const ASTContext &Ctx)
      : Sleep(Sleep), Scope(Scope), Ctx(Ctx), Loc(Sleep->getBeginLoc()),
        Chrono(Scope.Aliases.spell(Ctx, "std::chrono", Loc)) {}

  std::optional<std::string> rewrite(SleepArgument Argument, bool ResultUsed) {
    if (Sleep->getNumArgs() != 1 || !readArgument(Argument, ResultUsed))
      return std::nullopt;
    switch (Scope.Library) {
    case Framework::BoostAsio:
    case Framework::Asio:
      return asioTimer();
    case Framework::Folly:
      return follySleep();
    case Framework::Libcoro:
      return libcoroYield();
    default:
      return std::nullopt;
    }
  }

private:
  // The argument as a std::chrono duration or time point: ArgText, Duration
  // and, for a time point, TimePoint.
  bool readArgument(SleepArgument Argument, bool ResultUsed) {
    std::optional<std::string> Text = sourceText(Sleep->getArg(0), Ctx);
    if (!Text)
      return false;
    ArgText = std::move(*Text);
    QualType ArgType = Sleep->getArg(0)->getType();
    Until = Argument == SleepArgument::TimePoint;
    if (Argument == SleepArgument::Seconds ||
        Argument == SleepArgument::Microseconds) {
      // ::sleep and ::usleep return a value; the timer does not.
      if (ResultUsed)
        return false;
      llvm::StringRef Unit =
          Argument == SleepArgument::Seconds ? "seconds" : "microseconds";
      const auto *Typedef = llvm::dyn_cast_or_null<TypedefNameDecl>(
          findDeclaration(Ctx, ("std::chrono::" + Unit).str()));
      if (!Typedef)
        return false;
      ArgType = Typedef->getUnderlyingType();
      ArgText = Chrono + "::" + Unit.str() + "(" + ArgText + ")";
    }
    if (Until && !(TimePoint = timePointInfo(ArgType)))
      return false;
    Duration = durationInfo(Until ? TimePoint->Duration : ArgType);
    return Duration.has_value();
  }

  // The argument as the timer takes it: as written when it converts
  // implicitly, else rounded up (a sleep lasts at least as long as asked).
  std::optional<std::string> fit(QualType Target,
                                 llvm::StringRef TargetSpelling) const {
    std::optional<DurationInfo> To = durationInfo(Target);
    if (!To)
      return std::nullopt;
    if (convertsImplicitly(*Duration, *To))
      return ArgText;
    return Chrono + "::ceil<" + TargetSpelling.str() + ">(" + ArgText + ")";
  }

  std::optional<std::string> fit(QualType Target) const {
    PrintingPolicy Policy(Ctx.getLangOpts());
    Policy.SuppressScope = false;
    return fit(Target, TypeName::getFullyQualifiedName(Target, Ctx, Policy));
  }

  // A timer on the clock of the time point, or the steady clock:
  // `co_await asio::steady_timer(co_await asio::this_coro::executor,
  // d).async_wait(asio::use_awaitable)`.
  std::optional<std::string> asioTimer() const {
    const llvm::StringRef Namespace = profile(Scope.Library).Namespace;
    if (!isDefaultAwaitable(Scope.Coroutine->getReturnType(), Namespace) ||
        !findDeclaration(Ctx, (Namespace + "::this_coro::executor").str()) ||
        !findDeclaration(Ctx, (Namespace + "::use_awaitable").str()))
      return std::nullopt;
    std::string Clock = "steady_clock";
    if (Until)
      Clock = llvm::StringRef(qualifiedName(TimePoint->Clock))
                  .rsplit("::")
                  .second.str();
    llvm::StringRef Timer = llvm::StringSwitch<llvm::StringRef>(Clock)
                                .Case("steady_clock", "steady_timer")
                                .Case("system_clock", "system_timer")
                                .Default("");
    if (Timer.empty() ||
        !findDeclaration(Ctx, (Namespace + "::" + Timer).str()))
      return std::nullopt;
    const auto *ClockDecl = llvm::dyn_cast_or_null<CXXRecordDecl>(
        findDeclaration(Ctx, "std::chrono::" + Clock));
    std::optional<std::string> Arg = fit(memberType(ClockDecl, "duration", Ctx),
                                         Chrono + "::" + Clock + "::duration");
    if (!Arg)
      return std::nullopt;
    const std::string NS = Scope.Aliases.spell(Ctx, Namespace, Loc);
    return "co_await " + NS + "::" + Timer.str() + "(co_await " + NS +
           "::this_coro::executor, " + *Arg + ").async_wait(" + NS +
           "::use_awaitable)";
  }

  // `co_await folly::coro::sleep(d)`.
  std::optional<std::string> follySleep() const {
    const auto *Sleep = llvm::dyn_cast_or_null<FunctionDecl>(
        findDeclaration(Ctx, "folly::coro::sleep"));
    if (Until || !Sleep || Sleep->getNumParams() < 1 ||
        !canAwaitIn(Sleep->getReturnType(), Scope.Coroutine))
      return std::nullopt;
    std::optional<std::string> Arg = fit(parameterType(Sleep));
    if (!Arg)
      return std::nullopt;
    return "co_await " + Scope.Aliases.spell(Ctx, "folly::coro", Loc) +
           "::sleep(" + *Arg + ")";
  }

  // `co_await sched.yield_for(d)` on a scheduler in scope.
  std::optional<std::string> libcoroYield() const {
    std::optional<std::pair<std::string, const CXXRecordDecl *>> Scheduler =
        objectInScope(Sleep, profile(Scope.Library).TimerSchedulers, Scope,
                      Ctx.getSourceManager());
    if (!Scheduler)
      return std::nullopt;
    auto Found = Scheduler->second->lookup(
        &Ctx.Idents.get(Until ? "yield_until" : "yield_for"));
    const NamedDecl *Yield = Found.empty() ? nullptr : Found.front();
    // Current libcoro takes any duration: `template <class Rep, class Period>
    // yield_for(std::chrono::duration<Rep, Period>)`; the sleep's own
    // argument is passed on as written.
    if (const auto *Template =
            llvm::dyn_cast_or_null<FunctionTemplateDecl>(Yield)) {
      const FunctionDecl *Pattern = Template->getTemplatedDecl();
      if (Until || Pattern->getNumParams() != 1 ||
          !canAwaitIn(Pattern->getReturnType(), Scope.Coroutine))
        return std::nullopt;
      return "co_await " + Scheduler->first + "yield_for(" + ArgText + ")";
    }
    const auto *Method = llvm::dyn_cast_or_null<CXXMethodDecl>(Yield);
    if (!Method || Method->getNumParams() != 1 ||
        !canAwaitIn(Method->getReturnType(), Scope.Coroutine))
      return std::nullopt;
    QualType Target = parameterType(Method);
    std::optional<std::string> Arg;
    if (Until) {
      // The scheduler's time point must be on the same clock.
      std::optional<TimePointInfo> Own = timePointInfo(Target);
      if (!Own || Own->Clock->getCanonicalDecl() !=
                      TimePoint->Clock->getCanonicalDecl())
        return std::nullopt;
      Arg = fit(Own->Duration);
    } else {
      Arg = fit(Target);
    }
    if (!Arg)
      return std::nullopt;
    return "co_await " + Scheduler->first +
           (Until ? "yield_until(" : "yield_for(") + *Arg + ")";
  }

  const CallExpr *Sleep;
  const TimerScope &Scope;
  const ASTContext &Ctx;
  const SourceLocation Loc;
  const std::string Chrono;
  std::string ArgText;
  bool Until = false;
  std::optional<TimePointInfo> TimePoint;
  std::optional<DurationInfo> Duration;
};

} // namespace

std::optional<std::string>
sleepReplacement(const CallExpr *Sleep, SleepArgument Argument, bool ResultUsed,
                 const TimerScope &Scope, const ASTContext &Ctx) {
  return SleepRewriter(Sleep, Scope, Ctx).rewrite(Argument, ResultUsed);
}

// How a variable of type T reaches an object of one of Classes: `.` or
// `->`, with the class.
static std::optional<std::pair<llvm::StringRef, const CXXRecordDecl *>>
accessTo(QualType T, llvm::ArrayRef<llvm::StringRef> Classes) {
  T = T.getNonReferenceType();
  llvm::StringRef Op = ".";
  if (T->isPointerType()) {
    T = T->getPointeeType();
    Op = "->";
  } else if (const auto *Smart =
                 llvm::dyn_cast_or_null<ClassTemplateSpecializationDecl>(
                     T->getAsCXXRecordDecl())) {
    std::string Name = qualifiedName(Smart);
    if ((Name == "std::shared_ptr" || Name == "std::unique_ptr") &&
        Smart->getTemplateArgs().size() >= 1) {
      T = Smart->getTemplateArgs()[0].getAsType();
      Op = "->";
    }
  }
  const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
  if (!RD || !RD->hasDefinition() ||
      !llvm::is_contained(Classes, qualifiedName(RD)))
    return std::nullopt;
  return std::make_pair(Op, RD->getDefinition());
}

std::optional<std::pair<std::string, const CXXRecordDecl *>>
objectInScope(const CallExpr *Call, llvm::ArrayRef<llvm::StringRef> Classes,
              const TimerScope &Scope, const SourceManager &SM) {
  auto Candidate = [&](const ValueDecl *D)
      -> std::optional<std::pair<std::string, const CXXRecordDecl *>> {
    if (!D->getIdentifier())
      return std::nullopt;
    if (auto Found = accessTo(D->getType(), Classes))
      return std::make_pair(D->getName().str() + Found->first.str(),
                            Found->second);
    return std::nullopt;
  };
  auto Before = [&SM](SourceLocation A, SourceLocation B) {
    return SM.isBeforeInTranslationUnit(SM.getExpansionLoc(A),
                                        SM.getExpansionLoc(B));
  };

  const SourceLocation At = Call->getBeginLoc();
  // The nearest local declared before the call in a block around it...
  for (const auto &[Var, Block] : llvm::reverse(Scope.Locals)) {
    if (!Block || !Before(Var->getLocation(), At) ||
        !Before(Block->getLBracLoc(), At) || !Before(At, Block->getRBracLoc()))
      continue;
    if (auto Found = Candidate(Var))
      return Found;
  }
  // ...then a parameter, then a member of the coroutine's class.
  for (const ParmVarDecl *Param : Scope.Coroutine->parameters())
    if (auto Found = Candidate(Param))
      return Found;
  if (const auto *Method = llvm::dyn_cast<CXXMethodDecl>(Scope.Coroutine);
      Method && Method->isInstance() && !isLambdaCallOperator(Method))
    for (const FieldDecl *Field : Method->getParent()->fields())
      if (auto Found = Candidate(Field))
        return Found;
  return std::nullopt;
}

} // namespace clang::tidy::async::utils
