//===--- Loops.cpp - the parts of a loop statement ------------------------===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

#include "Loops.h"
#include "Exits.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Analysis/Analyses/ExprMutationAnalyzer.h"

namespace clang::tidy::async::utils {

const Stmt *loopBody(const Stmt *Loop) {
  if (const auto *For = llvm::dyn_cast_or_null<ForStmt>(Loop))
    return For->getBody();
  if (const auto *Range = llvm::dyn_cast_or_null<CXXForRangeStmt>(Loop))
    return Range->getBody();
  if (const auto *While = llvm::dyn_cast_or_null<WhileStmt>(Loop))
    return While->getBody();
  if (const auto *Do = llvm::dyn_cast_or_null<DoStmt>(Loop))
    return Do->getBody();
  return nullptr;
}

const Expr *loopCondition(const Stmt *Loop) {
  if (const auto *For = llvm::dyn_cast_or_null<ForStmt>(Loop))
    return For->getCond();
  if (const auto *While = llvm::dyn_cast_or_null<WhileStmt>(Loop))
    return While->getCond();
  if (const auto *Do = llvm::dyn_cast_or_null<DoStmt>(Loop))
    return Do->getCond();
  return nullptr;
}

bool isWithin(SourceLocation Loc, SourceRange Range, const SourceManager &SM) {
  return Range.isValid() && Loc.isValid() &&
         !SM.isBeforeInTranslationUnit(SM.getFileLoc(Loc),
                                       SM.getFileLoc(Range.getBegin())) &&
         !SM.isBeforeInTranslationUnit(SM.getFileLoc(Range.getEnd()),
                                       SM.getFileLoc(Loc));
}

namespace {

/// The value of \p E when it is an integer constant expression.
std::optional<llvm::APSInt> constantOf(const Expr *E, const ASTContext &Ctx) {
  if (!E || E->isValueDependent() || E->isTypeDependent())
    return std::nullopt;
  return E->getIntegerConstantExpr(Ctx);
}

/// Whether \p E names \p Var (through implicit casts and parentheses).
bool names(const Expr *E, const VarDecl *Var) {
  const auto *Ref =
      llvm::dyn_cast_or_null<DeclRefExpr>(E ? E->IgnoreParenImpCasts() : E);
  return Ref && Ref->getDecl() == Var;
}

/// The step a counting loop's increment adds to \p Var: +1 or -1, or
/// nothing for any other increment.
std::optional<int> stepOf(const Expr *Inc, const VarDecl *Var,
                          const ASTContext &Ctx) {
  if (const auto *Unary = llvm::dyn_cast_or_null<UnaryOperator>(Inc))
    if (Unary->isIncrementDecrementOp() && names(Unary->getSubExpr(), Var))
      return Unary->isIncrementOp() ? 1 : -1;
  if (const auto *Compound =
          llvm::dyn_cast_or_null<CompoundAssignOperator>(Inc))
    if (names(Compound->getLHS(), Var))
      if (std::optional<llvm::APSInt> By = constantOf(Compound->getRHS(), Ctx);
          By && *By == 1)
        return Compound->getOpcode() == BO_AddAssign   ? 1
               : Compound->getOpcode() == BO_SubAssign ? -1
                                                       : 0;
  return std::nullopt;
}

std::optional<uint64_t> countingForTrips(const ForStmt *For, ASTContext &Ctx) {
  const auto *Init = llvm::dyn_cast_or_null<DeclStmt>(For->getInit());
  const auto *Var = Init && Init->isSingleDecl()
                        ? llvm::dyn_cast<VarDecl>(Init->getSingleDecl())
                        : nullptr;
  const auto *Cond = llvm::dyn_cast_or_null<BinaryOperator>(
      For->getCond() ? For->getCond()->IgnoreParenImpCasts() : nullptr);
  if (!Var || !Var->getType()->isIntegerType() || !Cond ||
      !names(Cond->getLHS(), Var))
    return std::nullopt;
  std::optional<llvm::APSInt> From = constantOf(Var->getInit(), Ctx);
  std::optional<llvm::APSInt> To = constantOf(Cond->getRHS(), Ctx);
  std::optional<int> Step = stepOf(For->getInc(), Var, Ctx);
  if (!From || !To || !Step || *Step != 1)
    return std::nullopt;
  const int64_t Begin = From->getExtValue(), End = To->getExtValue();
  int64_t Trips = 0;
  switch (Cond->getOpcode()) {
  case BO_LT:
  case BO_NE:
    Trips = End - Begin;
    break;
  case BO_LE:
    Trips = End - Begin + 1;
    break;
  default:
    return std::nullopt;
  }
  if (Trips < 0 || (Cond->getOpcode() == BO_NE && End < Begin))
    return std::nullopt;
  // A body that changes the counter decides the count itself.
  if (For->getBody() &&
      ExprMutationAnalyzer(*For->getBody(), Ctx).isMutated(Var))
    return std::nullopt;
  return static_cast<uint64_t>(Trips);
}

std::optional<uint64_t> rangeForTrips(const CXXForRangeStmt *Range) {
  const Expr *Init = Range->getRangeInit();
  if (!Init)
    return std::nullopt;
  Init = Init->IgnoreParenImpCasts();
  if (const auto *List = llvm::dyn_cast<CXXStdInitializerListExpr>(Init))
    Init = List->getSubExpr()->IgnoreParenImpCasts();
  if (const auto *Temp = llvm::dyn_cast<MaterializeTemporaryExpr>(Init))
    Init = Temp->getSubExpr()->IgnoreParenImpCasts();
  if (const auto *List = llvm::dyn_cast<InitListExpr>(Init))
    return List->getNumInits();
  if (const auto *Array = llvm::dyn_cast_or_null<ConstantArrayType>(
          Init->getType()->getAsArrayTypeUnsafe()))
    return Array->getSize().getZExtValue();
  return std::nullopt;
}

} // namespace

bool runsAtMostOnce(const Stmt *Loop, const ASTContext &Ctx) {
  const Stmt *Body = loopBody(Loop);
  if (!Body)
    return false;
  const ExitSet Exits = exitsOf(Body, Ctx);
  if (!Exits.has(Exit::FallThrough) && !Exits.has(Exit::Continue))
    return true;
  const Expr *Cond = loopCondition(Loop);
  bool Value = true;
  if (!Cond || Cond->isValueDependent() ||
      !Cond->EvaluateAsBooleanCondition(Value, Ctx) || Value)
    return false;
  // `do ... while (0)` runs its body once; `while (false)` never.
  return true;
}

std::optional<uint64_t> constantTripCount(const Stmt *Loop, ASTContext &Ctx) {
  if (const auto *For = llvm::dyn_cast_or_null<ForStmt>(Loop))
    return countingForTrips(For, Ctx);
  if (const auto *Range = llvm::dyn_cast_or_null<CXXForRangeStmt>(Loop))
    return rangeForTrips(Range);
  return std::nullopt;
}

} // namespace clang::tidy::async::utils
