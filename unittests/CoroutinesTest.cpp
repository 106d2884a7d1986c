//===--- CoroutinesTest.cpp - utils/Coroutines unit tests -----------------===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

#include "utils/Coroutines.h"
#include "TestAST.h"
#include "clang/AST/ExprCXX.h"
#include "gtest/gtest.h"

namespace clang::tidy::async {
namespace {

using test::buildAST;
using test::CoroutinePrelude;
using test::first;
using test::function;

std::string withPrelude(const char *Code) {
  return std::string(CoroutinePrelude) + Code;
}

TEST(IsSuspensionPoint, AwaitOfATaskSuspends) {
  auto AST = buildAST(withPrelude("task f(); task g() { co_await f(); }"));
  const auto *Await = first<CoawaitExpr>(function(*AST, "g"));
  ASSERT_NE(Await, nullptr);
  EXPECT_TRUE(utils::isSuspensionPoint(Await));
}

TEST(IsSuspensionPoint, ReadyAwaiterNeverSuspends) {
  auto AST = buildAST(withPrelude("task g() { int x = co_await ready{}; }"));
  const auto *Await = first<CoawaitExpr>(function(*AST, "g"));
  ASSERT_NE(Await, nullptr);
  EXPECT_FALSE(utils::isSuspensionPoint(Await));
}

TEST(IsSuspensionPoint, DependentAwaitCounts) {
  auto AST =
      buildAST(withPrelude("template <class T> task g(T t) { co_await t; }"));
  const FunctionDecl *G = function(*AST, "g");
  ASSERT_NE(G, nullptr);
  const Stmt *Await = first<DependentCoawaitExpr>(G);
  if (!Await)
    Await = first<CoawaitExpr>(G);
  ASSERT_NE(Await, nullptr);
  EXPECT_TRUE(utils::isSuspensionPoint(Await));
}

TEST(IsSuspensionPoint, OrdinaryStatementIsNot) {
  auto AST = buildAST("int f() { return 1; }");
  EXPECT_FALSE(
      utils::isSuspensionPoint(first<ReturnStmt>(function(*AST, "f"))));
  EXPECT_FALSE(utils::isSuspensionPoint(nullptr));
}

TEST(ConstantResult, ReturnOfABooleanLiteral) {
  auto AST = buildAST(R"cpp(
    bool yes() { return true; }
    bool no() { return false; }
    bool maybe(int x) { return x > 0; }
    bool two() { int y = 1; return y; }
  )cpp");
  EXPECT_EQ(utils::constantResult(function(*AST, "yes")), true);
  EXPECT_EQ(utils::constantResult(function(*AST, "no")), false);
  EXPECT_EQ(utils::constantResult(function(*AST, "maybe")), std::nullopt);
  EXPECT_EQ(utils::constantResult(function(*AST, "two")), std::nullopt);
  EXPECT_EQ(utils::constantResult(nullptr), std::nullopt);
}

TEST(NeverSuspends, BodyWithoutAwait) {
  auto AST = buildAST(withPrelude(R"cpp(
    task count() { int n = 0; for (int i = 0; i < 3; ++i) n += i; co_return; }
    task awaits() { co_await count(); }
    task only_ready() { int x = co_await ready{}; co_return; }
    task lambda_awaits() {
      auto l = []() -> task { co_await task{}; };
      co_return;
    }
    task declared_only();
  )cpp"));
  EXPECT_TRUE(utils::neverSuspends(function(*AST, "count")));
  EXPECT_FALSE(utils::neverSuspends(function(*AST, "awaits")));
  EXPECT_TRUE(utils::neverSuspends(function(*AST, "only_ready")));
  // The nested lambda's await suspends the lambda, not this coroutine.
  EXPECT_TRUE(utils::neverSuspends(function(*AST, "lambda_awaits")));
  EXPECT_FALSE(utils::neverSuspends(nullptr));
}

TEST(ContainsCompileErrors, RecoveryAndInvalidDeclarations) {
  auto AST = buildAST(withPrelude(R"cpp(
    task good() { co_await task{}; }
    task undeclared() { co_await nosuch(1); }
    void bad_local() { unknown_type x; }
    void plain() { int y = 1; (void)y; }
  )cpp"),
                      /*ExpectErrors=*/true);
  EXPECT_FALSE(utils::containsCompileErrors(function(*AST, "good")));
  EXPECT_TRUE(utils::containsCompileErrors(function(*AST, "undeclared")));
  EXPECT_TRUE(utils::containsCompileErrors(function(*AST, "bad_local")));
  EXPECT_FALSE(utils::containsCompileErrors(function(*AST, "plain")));
}

TEST(ForEachEvaluatedStmt, SkipsLambdaBodiesButNotCaptures) {
  auto AST = buildAST(R"cpp(
    int side();
    void f() {
      int a = side();
      auto l = [b = side()] { return side() + b; };
      (void)l;
    }
  )cpp");
  int Calls = 0;
  utils::forEachEvaluatedStmt(function(*AST, "f")->getBody(),
                              [&](const Stmt *S) {
                                Calls += llvm::isa<CallExpr>(S);
                                return true;
                              });
  // `side()` in `a`'s initialiser and in the capture; not the lambda body's.
  EXPECT_EQ(Calls, 2);
}

// A container, reduced: an append and a move.
const char *const Containers = R"cpp(
namespace std {
template <class T> struct remove_reference { using type = T; };
template <class T> struct remove_reference<T &> { using type = T; };
template <class T>
constexpr typename remove_reference<T>::type &&move(T &&t) noexcept {
  return static_cast<typename remove_reference<T>::type &&>(t);
}
}
struct item {};
struct list {
  list() = default;
  list(list &&) = default;
  void push_back(item);
  void emplace_back(item);
  void clear();
};
void take(list);
void take_ref(list &);
)cpp";

TEST(HandedVariable, MovedCopiedOrNamed) {
  auto AST = buildAST(std::string(Containers) + R"cpp(
    void f() {
      list a, b;
      take(std::move(a));
      take_ref(b);
      take(list());
    }
  )cpp");
  const FunctionDecl *F = function(*AST, "f");
  ASSERT_NE(F, nullptr);
  auto Calls = test::all<CallExpr>(F);
  llvm::SmallVector<const VarDecl *, 3> Handed;
  for (const CallExpr *Call : Calls)
    if (Call->getDirectCallee() &&
        Call->getDirectCallee()->getName().starts_with("take"))
      Handed.push_back(utils::handedVariable(Call->getArg(0)));
  ASSERT_EQ(Handed.size(), 3u);
  ASSERT_NE(Handed[0], nullptr);
  EXPECT_EQ(Handed[0]->getName(), "a");
  ASSERT_NE(Handed[1], nullptr);
  EXPECT_EQ(Handed[1]->getName(), "b");
  EXPECT_EQ(Handed[2], nullptr); // A temporary is no variable.
}

TEST(AppendsTo, OnlyAppendsToThatContainer) {
  auto AST = buildAST(std::string(Containers) + R"cpp(
    void f(bool more) {
      list a, b;
      a.push_back(item());
      if (more)
        a.emplace_back(item());
      b.push_back(item());
      a.clear();
    }
  )cpp");
  const FunctionDecl *F = function(*AST, "f");
  ASSERT_NE(F, nullptr);
  const auto *Decls = first<DeclStmt>(F);
  ASSERT_NE(Decls, nullptr);
  const auto *A = llvm::cast<VarDecl>(*Decls->decl_begin());
  EXPECT_EQ(utils::appendsTo(F->getBody(), A).size(), 2u);
}

TEST(MentionsOutside, OnlyTheExcludedPartNamesTheVariable) {
  auto AST = buildAST(R"cpp(
    int use(int);
    int once() { int r = 1; return use(r); }
    int twice() { int r = 1; r = 2; return use(r); }
  )cpp");
  for (const char *Name : {"once", "twice"}) {
    const FunctionDecl *F = function(*AST, Name);
    ASSERT_NE(F, nullptr);
    const auto *Handed = first<CallExpr>(F);
    ASSERT_NE(Handed, nullptr);
    const auto *Decl = first<DeclStmt>(F);
    ASSERT_NE(Decl, nullptr);
    const auto *R = llvm::cast<VarDecl>(Decl->getSingleDecl());
    EXPECT_TRUE(utils::mentions(F->getBody(), R));
    EXPECT_EQ(utils::mentionsOutside(F->getBody(), R, Handed),
              llvm::StringRef(Name) == "twice")
        << Name;
  }
}

} // namespace
} // namespace clang::tidy::async
