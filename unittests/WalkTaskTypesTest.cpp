//===--- WalkTaskTypesTest.cpp - utils/Walk and utils/TaskTypes tests -----===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

#include "TestAST.h"
#include "utils/TaskTypes.h"
#include "utils/Walk.h"
#include "clang/AST/ExprCXX.h"
#include "gtest/gtest.h"

namespace clang::tidy::async {
namespace {

using test::buildAST;
using test::CoroutinePrelude;
using test::function;

/// The context the walk gives the first call of \p Callee in \p Caller.
std::optional<utils::EvaluationContext>
contextOfCall(ASTUnit &AST, llvm::StringRef Caller, llvm::StringRef Callee) {
  std::optional<utils::EvaluationContext> Found;
  const FunctionDecl *FD = function(AST, Caller);
  if (!FD)
    return Found;
  utils::forEachEvaluatedStmtInContext(
      FD->getBody(), AST.getASTContext(),
      [&](const Stmt *S, const utils::EvaluationContext &C) {
        const auto *Call = llvm::dyn_cast<CallExpr>(S);
        const FunctionDecl *Named = Call ? Call->getDirectCallee() : nullptr;
        if (!Found && Named && Named->getName() == Callee)
          Found = C;
        return true;
      });
  return Found;
}

TEST(Walk, HowEachValueIsUsed) {
  auto AST = buildAST(R"cpp(
    int a(); int b(); int c(); int d(); int e(); void take(int);
    struct S { int m(); };
    S s();
    void f() {
      a();
      (void)b();
      take(c());
      d(), e();
      s().m();
    }
  )cpp");
  EXPECT_EQ(contextOfCall(*AST, "f", "a")->Use, utils::ValueUse::Discarded);
  EXPECT_EQ(contextOfCall(*AST, "f", "b")->Use, utils::ValueUse::VoidCast);
  EXPECT_EQ(contextOfCall(*AST, "f", "c")->Use, utils::ValueUse::Used);
  // The left side of a comma is thrown away; the right side is what the
  // comma expression is, itself discarded here.
  EXPECT_EQ(contextOfCall(*AST, "f", "d")->Use, utils::ValueUse::Discarded);
  EXPECT_EQ(contextOfCall(*AST, "f", "e")->Use, utils::ValueUse::Discarded);
  // `s()` is the operand of a postfix member access.
  EXPECT_TRUE(contextOfCall(*AST, "f", "s")->PostfixOperand);
  EXPECT_FALSE(contextOfCall(*AST, "f", "a")->PostfixOperand);
}

TEST(Walk, HandlersAndStaticLocalsCannotAwait) {
  auto AST = buildAST(R"cpp(
    int a(); int b(); int c();
    void f() {
      try { a(); } catch (...) { b(); }
      static int once = c();
    }
  )cpp");
  EXPECT_FALSE(contextOfCall(*AST, "f", "a")->InHandler);
  EXPECT_FALSE(contextOfCall(*AST, "f", "a")->NoAwait);
  EXPECT_TRUE(contextOfCall(*AST, "f", "b")->InHandler);
  EXPECT_TRUE(contextOfCall(*AST, "f", "b")->NoAwait);
  EXPECT_TRUE(contextOfCall(*AST, "f", "c")->NoAwait);
}

TEST(Walk, BlocksAndDiscardedBranches) {
  auto AST = buildAST(R"cpp(
    int a(); int b(); int c(); int u();
    template <bool B> void f() {
      a();
      { b(); }
      if constexpr (B) c(); else u();
      (void)sizeof(u());
    }
    template void f<true>();
  )cpp");
  // The instantiation: in the pattern, `if constexpr` keeps both branches.
  const FunctionDecl *Found = function(*AST, "f");
  ASSERT_NE(Found, nullptr);
  const FunctionDecl *Inst =
      Found->getTemplateInstantiationPattern() ? Found : nullptr;
  if (const FunctionTemplateDecl *Template =
          Found->getDescribedFunctionTemplate())
    for (const FunctionDecl *Spec : Template->specializations())
      Inst = Spec;
  ASSERT_NE(Inst, nullptr);
  llvm::SmallVector<std::string, 4> Calls;
  const CompoundStmt *Outer = llvm::cast<CompoundStmt>(Inst->getBody());
  const CompoundStmt *BlockOfB = nullptr;
  utils::forEachEvaluatedStmtInContext(
      Outer, AST->getASTContext(),
      [&](const Stmt *S, const utils::EvaluationContext &C) {
        if (const auto *Call = llvm::dyn_cast<CallExpr>(S)) {
          Calls.push_back(Call->getDirectCallee()->getNameAsString());
          if (Calls.back() == "b")
            BlockOfB = C.Block;
          if (Calls.back() == "a") {
            EXPECT_EQ(C.Block, Outer);
          }
        }
        return true;
      });
  // The branch `if constexpr` discards and the operand of sizeof are not
  // evaluated.
  EXPECT_EQ(Calls, (llvm::SmallVector<std::string, 4>{"a", "b", "c"}));
  ASSERT_NE(BlockOfB, nullptr);
  EXPECT_NE(BlockOfB, Outer);
}

TEST(TaskTypes, ClassifiesByNameAndByShape) {
  auto AST = buildAST(std::string(CoroutinePrelude) + R"cpp(
    namespace lib { template <class T> struct job { struct promise_type; }; }
    struct eager {
      struct promise_type {
        eager get_return_object() { return {}; }
        std::suspend_never initial_suspend() noexcept { return {}; }
        std::suspend_never final_suspend() noexcept { return {}; }
        void return_void() {}
        void unhandled_exception() {}
      };
    };
    struct gen {
      struct promise_type {
        std::suspend_always yield_value(int) { return {}; }
        std::suspend_always initial_suspend() noexcept { return {}; }
      };
    };
    struct plain {};
    task t(); eager e(); gen g(); plain p(); lib::job<int> j();
  )cpp");
  utils::TaskTypeClassifier Classifier("lib::job", "");
  auto Kind = [&](llvm::StringRef Name) {
    const FunctionDecl *FD = nullptr;
    for (const Decl *D : AST->getASTContext().getTranslationUnitDecl()->decls())
      if (const auto *F = llvm::dyn_cast<FunctionDecl>(D);
          F && F->getName() == Name)
        FD = F;
    EXPECT_NE(FD, nullptr) << Name.str();
    return FD ? Classifier.classify(FD->getReturnType())
              : utils::TaskKind::None;
  };
  // By shape: the promise's initial_suspend says lazy or eager.
  EXPECT_EQ(Kind("t"), utils::TaskKind::Lazy);
  EXPECT_EQ(Kind("e"), utils::TaskKind::Eager);
  // A generator and a plain class are not tasks.
  EXPECT_EQ(Kind("g"), utils::TaskKind::None);
  EXPECT_EQ(Kind("p"), utils::TaskKind::None);
  // By the name given to the classifier, whatever its (incomplete) shape.
  EXPECT_EQ(Kind("j"), utils::TaskKind::Lazy);
}

TEST(TaskTypes, AwaitResultIsVoid) {
  auto AST = buildAST(R"cpp(
    template <class T> struct job {};
    job<void> v(); job<int> i(); int n();
  )cpp");
  auto ReturnOf = [&](llvm::StringRef Name) {
    for (const Decl *D : AST->getASTContext().getTranslationUnitDecl()->decls())
      if (const auto *F = llvm::dyn_cast<FunctionDecl>(D);
          F && F->getName() == Name)
        return F->getReturnType();
    return QualType();
  };
  EXPECT_EQ(utils::awaitResultIsVoid(ReturnOf("v")), std::optional<bool>(true));
  EXPECT_EQ(utils::awaitResultIsVoid(ReturnOf("i")),
            std::optional<bool>(false));
  EXPECT_EQ(utils::awaitResultIsVoid(ReturnOf("n")), std::nullopt);
}

} // namespace
} // namespace clang::tidy::async
