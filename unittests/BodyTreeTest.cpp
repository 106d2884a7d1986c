//===--- BodyTreeTest.cpp - utils/BodyTree tests
//---------------------------===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

#include "utils/BodyTree.h"
#include "TestAST.h"
#include "clang/AST/StmtCXX.h"
#include "gtest/gtest.h"

namespace clang::tidy::async {
namespace {

using test::all;
using test::buildAST;
using test::first;
using test::function;

const char *const Code = R"cpp(
  void use(int);
  struct Holder {
    Holder() : value([] { return 1; }()) {}
    int value;
  };
  void outer(int param) {
    int local = 1;
    auto lambda = [&] {
      int inner = local;
      auto nested = [&] { use(inner); };
      nested();
    };
    lambda();
    try {
      use(param);
    } catch (int caught) {
      use(caught);
    }
  }
)cpp";

TEST(BodyTree, LambdasShareTheTreeOfTheFunctionThatHoldsThem) {
  auto AST = buildAST(Code);
  const FunctionDecl *Outer = function(*AST, "outer");
  ASSERT_TRUE(Outer);
  auto Lambdas = all<LambdaExpr>(Outer);
  ASSERT_EQ(Lambdas.size(), 2u);
  const CXXMethodDecl *Nested = Lambdas[1]->getCallOperator();
  EXPECT_EQ(utils::outermostFunction(Nested), Outer);
  EXPECT_EQ(utils::outermostFunction(Outer), Outer);

  utils::BodyTrees Trees;
  const utils::BodyTree *Tree = Trees.of(Nested);
  ASSERT_TRUE(Tree);
  EXPECT_EQ(Tree, Trees.of(Outer));
  EXPECT_EQ(Tree->function(), Outer);
  EXPECT_EQ(Tree->lambdaOf(Nested->getParent()), Lambdas[1]);
  EXPECT_EQ(Tree->lambdaOf(Lambdas[0]->getLambdaClass()), Lambdas[0]);

  // The nested lambda's call reaches the outer body through both lambdas.
  const auto *Use = first<CallExpr>(Nested);
  ASSERT_TRUE(Use);
  const Stmt *S = Use;
  int LambdasPassed = 0;
  for (; Tree->parent(S); S = Tree->parent(S))
    LambdasPassed += llvm::isa<LambdaExpr>(S);
  EXPECT_EQ(LambdasPassed, 2);
  EXPECT_EQ(S, Outer->getBody());
  EXPECT_TRUE(Tree->contains(Use));
  EXPECT_TRUE(Tree->contains(Outer->getBody()));
}

TEST(BodyTree, DeclarationsAndInitializers) {
  auto AST = buildAST(Code);
  const FunctionDecl *Outer = function(*AST, "outer");
  ASSERT_TRUE(Outer);
  utils::BodyTree Tree(Outer);
  auto Decls = all<DeclStmt>(Outer);
  ASSERT_FALSE(Decls.empty());
  const auto *Local = llvm::cast<VarDecl>(Decls[0]->getSingleDecl());
  EXPECT_EQ(Tree.declarationOf(Local), Decls[0]);
  EXPECT_EQ(Tree.initialisedBy(Local->getInit()), Local);
  EXPECT_EQ(Tree.initialisedBy(first<CallExpr>(Outer)), nullptr);
  const auto *Catch = first<CXXCatchStmt>(Outer);
  ASSERT_TRUE(Catch);
  EXPECT_EQ(Tree.declarationOf(Catch->getExceptionDecl()), Catch);
  EXPECT_EQ(Tree.declarationOf(Outer->getParamDecl(0)), nullptr);

  // A constructor's member initializers are in its tree, at the top.
  const FunctionDecl *Ctor = function(*AST, "Holder");
  ASSERT_TRUE(Ctor);
  utils::BodyTrees Trees;
  const utils::BodyTree *CtorTree = Trees.of(Ctor);
  ASSERT_TRUE(CtorTree);
  const Expr *Init =
      (*llvm::cast<CXXConstructorDecl>(Ctor)->init_begin())->getInit();
  EXPECT_TRUE(CtorTree->contains(Init));
  EXPECT_EQ(CtorTree->parent(Init), nullptr);
  EXPECT_FALSE(Tree.contains(Init));
}

} // namespace
} // namespace clang::tidy::async
