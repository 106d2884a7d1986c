//===--- SharedStateTest.cpp - utils/SharedState tests
//---------------------===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

#include "utils/SharedState.h"
#include "TestAST.h"
#include "gtest/gtest.h"

namespace clang::tidy::async {
namespace {

using test::all;
using test::buildAST;
using test::function;

const char *const Code = R"cpp(
  namespace std {
  template <class T> struct atomic {
    atomic &operator=(T) { return *this; }
  };
  }
  int global = 0;
  const int limit = 3;
  std::atomic<int> hits;
  struct Object {
    void run(int param) {
      int local = 0;
      member = 1;
      this->member += 2;
      global++;
      counter = 4;
      local = 5;
      param = 6;
      hits = 7;
      other.member = 8;
      auto byRef = [&local] { local = 9; };
      auto byValue = [local]() mutable { local = 10; };
      byRef();
      byValue();
      (void)limit;
    }
    int member = 0;
    static int counter;
    Object *next = nullptr;
    struct Inner { int member; } other;
  };
)cpp";

// The state each write in \p F (lambdas included, each as its own call
// operator) names, in pre-order; `++` marks an increment.
llvm::SmallVector<std::string, 8> writtenState(const FunctionDecl *F) {
  utils::BodyTree Tree(F);
  llvm::SmallVector<std::string, 8> Names;
  for (const Expr *E : all<Expr>(F)) {
    const FunctionDecl *In = F;
    for (const Stmt *S = Tree.parent(E); S; S = Tree.parent(S))
      if (const auto *Lambda = llvm::dyn_cast<LambdaExpr>(S)) {
        In = Lambda->getCallOperator();
        break;
      }
    if (auto W = utils::stateWriteOf(E, In, Tree))
      Names.push_back(W->State->getNameAsString() + (W->Value ? "" : "++"));
  }
  return Names;
}

TEST(SharedState, WhatOtherCoroutinesCanChange) {
  auto AST = buildAST(Code);
  const FunctionDecl *Run = function(*AST, "run");
  ASSERT_TRUE(Run);
  // Members of this object, statics and globals, and a by-reference
  // capture; not locals, parameters, by-value captures, atomics or another
  // object's members.
  EXPECT_EQ(writtenState(Run),
            (llvm::SmallVector<std::string, 8>{"member", "member", "global++",
                                               "counter", "local"}));
}

TEST(SharedState, ConstantsAreNotState) {
  auto AST = buildAST(Code);
  const FunctionDecl *Run = function(*AST, "run");
  ASSERT_TRUE(Run);
  utils::BodyTree Tree(Run);
  unsigned Seen = 0;
  for (const DeclRefExpr *Ref : all<DeclRefExpr>(Run)) {
    if (Ref->getDecl()->getName() != "limit")
      continue;
    ++Seen;
    EXPECT_EQ(utils::sharedStateOf(Ref, Run, Tree), nullptr);
  }
  EXPECT_EQ(Seen, 1u);
}

} // namespace
} // namespace clang::tidy::async
