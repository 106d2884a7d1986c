//===--- FixItsTest.cpp - fresh names, comments, earlier declarations -----===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

#include "utils/FixIts.h"
#include "TestAST.h"
#include "utils/Names.h"
#include "gtest/gtest.h"

namespace clang::tidy::async {
namespace {

using test::buildAST;
using test::function;

TEST(FixIts, FreshNamesAvoidEveryIdentifier) {
  EXPECT_EQ(utils::freshName("tasks", "for (auto &x : xs) f(x);"), "tasks");
  EXPECT_EQ(utils::freshName("tasks", "f(tasks, tasks2)"), "tasks3");
  // Only whole identifiers count.
  EXPECT_EQ(utils::freshName("result", "results.push_back(r)"), "result");
}

TEST(FixIts, CommentsAndEarlierDeclarations) {
  auto AST = buildAST(R"cpp(
    namespace std { template <class T> class vector {}; }
    void f() {
      int a = 1; /* kept */
      int b = 2;
    }
    namespace later { void join(); }
  )cpp");
  ASTContext &Ctx = AST->getASTContext();
  const SourceManager &SM = Ctx.getSourceManager();
  const auto *Body = llvm::cast<CompoundStmt>(function(*AST, "f")->getBody());
  const Stmt *A = Body->body_front();
  const Stmt *B = Body->body_back();
  EXPECT_TRUE(utils::hasComment(
      CharSourceRange::getCharRange(A->getBeginLoc(), B->getBeginLoc()), SM,
      Ctx.getLangOpts()));
  EXPECT_FALSE(
      utils::hasComment(CharSourceRange::getTokenRange(B->getSourceRange()), SM,
                        Ctx.getLangOpts()));

  SourceLocation InF = A->getBeginLoc();
  EXPECT_TRUE(utils::declaredBefore(Ctx, {"std", "vector"}, InF));
  EXPECT_FALSE(utils::declaredBefore(Ctx, {"later", "join"}, InF));
  EXPECT_FALSE(utils::declaredBefore(Ctx, {"nowhere", "join"}, InF));
}

TEST(Names, WithinStdLooksThroughNestedNamespacesAndClasses) {
  auto AST = buildAST(R"cpp(
    namespace std {
    struct direct {};
    namespace chrono { struct nested {}; }
    template <class T> struct outer { struct inner {}; };
    }
    struct user {};
    void f(std::direct, std::chrono::nested, std::outer<int>::inner, user) {}
  )cpp");
  const FunctionDecl *F = function(*AST, "f");
  ASSERT_NE(F, nullptr);
  auto ClassOf = [F](unsigned I) {
    return F->getParamDecl(I)->getType()->getAsCXXRecordDecl();
  };
  EXPECT_TRUE(utils::isWithinStd(ClassOf(0)));
  EXPECT_TRUE(utils::isWithinStd(ClassOf(1)));
  EXPECT_FALSE(ClassOf(1)->isInStdNamespace());
  EXPECT_TRUE(utils::isWithinStd(ClassOf(2)));
  EXPECT_FALSE(utils::isWithinStd(ClassOf(3)));
}

} // namespace
} // namespace clang::tidy::async
