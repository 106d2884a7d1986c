//===--- OnceGuards.cpp - code that runs once per object ------------------===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

#include "OnceGuards.h"
#include "Coroutines.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"

namespace clang::tidy::async::utils {

namespace {

/// The boolean member a guard tests for false (`!inited_`,
/// `inited_ == false`) or, with \p ForTrue, for true (`inited_`), or null.
const FieldDecl *testedFlag(const Expr *Cond, bool ForTrue = false) {
  Cond = Cond->IgnoreParenImpCasts();
  const Expr *Tested = nullptr;
  if (ForTrue)
    Tested = Cond;
  else if (const auto *Not = llvm::dyn_cast<UnaryOperator>(Cond);
           Not && Not->getOpcode() == UO_LNot)
    Tested = Not->getSubExpr();
  else if (const auto *Eq = llvm::dyn_cast<BinaryOperator>(Cond);
           Eq && Eq->getOpcode() == BO_EQ &&
           llvm::isa<CXXBoolLiteralExpr>(Eq->getRHS()->IgnoreParenImpCasts()) &&
           !llvm::cast<CXXBoolLiteralExpr>(Eq->getRHS()->IgnoreParenImpCasts())
                ->getValue())
    Tested = Eq->getLHS();
  const auto *Member = llvm::dyn_cast_or_null<MemberExpr>(
      Tested ? Tested->IgnoreParenImpCasts() : nullptr);
  const auto *Field =
      Member ? llvm::dyn_cast<FieldDecl>(Member->getMemberDecl()) : nullptr;
  return Field && Field->getType()->isBooleanType() ? Field : nullptr;
}

/// Whether \p S, or a function it calls (three calls deep), sets \p Flag
/// to true.
bool setsFlag(const Stmt *S, const FieldDecl *Flag, unsigned Depth = 0) {
  bool Found = false;
  auto Visit = [&](const Stmt *Node) {
    if (const auto *Assign = llvm::dyn_cast<BinaryOperator>(Node);
        Assign && Assign->getOpcode() == BO_Assign) {
      const auto *Member =
          llvm::dyn_cast<MemberExpr>(Assign->getLHS()->IgnoreParenImpCasts());
      const auto *True = llvm::dyn_cast<CXXBoolLiteralExpr>(
          Assign->getRHS()->IgnoreParenImpCasts());
      Found |=
          Member && Member->getMemberDecl() == Flag && True && True->getValue();
    }
    return !Found;
  };
  forEachEvaluatedStmt(S, [&](const Stmt *Node) {
    Visit(Node);
    if (const auto *Call = llvm::dyn_cast<CallExpr>(Node); Call && Depth < 3)
      if (const FunctionDecl *Callee = Call->getDirectCallee())
        if (const FunctionDecl *Def = Callee->getDefinition())
          Found |= setsFlag(Def->getBody(), Flag, Depth + 1);
    return !Found;
  });
  return Found;
}

} // namespace

std::optional<SourceRange> onceGuardedRange(const IfStmt *If,
                                            const FunctionDecl *Function,
                                            const SourceManager &SM) {
  if (!If->getCond() || !If->getThen() || If->getElse())
    return std::nullopt;
  // `if (!inited_) { ...; inited_ = true; }`: the branch runs once.
  if (const FieldDecl *Flag = testedFlag(If->getCond());
      Flag && setsFlag(If->getThen(), Flag)) {
    return SourceRange(SM.getExpansionLoc(If->getThen()->getBeginLoc()),
                       SM.getExpansionLoc(If->getThen()->getEndLoc()));
  }
  // `if (inited_) return ...;` at the top of a function whose rest sets
  // `inited_ = true`: the rest runs once.
  const auto *Body =
      llvm::dyn_cast_or_null<CompoundStmt>(getUserBody(Function));
  const FieldDecl *Flag = testedFlag(If->getCond(), /*ForTrue=*/true);
  const Stmt *Then = If->getThen();
  if (const auto *Block = llvm::dyn_cast<CompoundStmt>(Then);
      Block && Block->size() == 1)
    Then = Block->body_front();
  if (!Flag || !Body || !llvm::is_contained(Body->body(), If) ||
      !llvm::isa<ReturnStmt, CoreturnStmt>(Then))
    return std::nullopt;
  auto Rest = llvm::find(Body->body(), If);
  bool Sets = false;
  for (auto It = std::next(Rest); It != Body->body_end() && !Sets; ++It)
    Sets = setsFlag(*It, Flag);
  if (!Sets)
    return std::nullopt;
  return SourceRange(SM.getExpansionLoc(If->getEndLoc()),
                     SM.getExpansionLoc(Body->getEndLoc()));
}

} // namespace clang::tidy::async::utils
