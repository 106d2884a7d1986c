//===--- OnceGuardsTest.cpp - utils/OnceGuards unit tests -----------------===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

#include "utils/OnceGuards.h"
#include "TestAST.h"
#include "clang/AST/StmtCXX.h"
#include "gtest/gtest.h"

namespace clang::tidy::async {
namespace {

using test::buildAST;
using test::first;
using test::function;

bool guarded(ASTUnit &AST, llvm::StringRef Name) {
  const FunctionDecl *FD = function(AST, Name);
  const auto *If = FD ? first<IfStmt>(FD) : nullptr;
  EXPECT_NE(If, nullptr) << Name.str();
  return If &&
         utils::onceGuardedRange(If, FD, AST.getASTContext().getSourceManager())
             .has_value();
}

TEST(OnceGuards, LazyInitialisationRunsOncePerObject) {
  auto AST = buildAST(R"cpp(
    void build();
    struct client {
      bool inited = false;
      bool secure = false;
      void init() { build(); inited = true; }
      // The branch sets the flag, through a call.
      void branch() { if (!inited) init(); }
      // The rest of the body sets it after an early return.
      void early() { if (inited) return; build(); inited = true; }
      // Compared with false.
      void compared() { if (inited == false) { build(); inited = true; } }
      // Not a once guard: the configuration decides, the flag is never set,
      // or the guard has an else.
      void config() { if (secure) build(); }
      void never_set() { if (!inited) build(); }
      void with_else() { if (!inited) init(); else build(); }
    };
  )cpp");
  EXPECT_TRUE(guarded(*AST, "branch"));
  EXPECT_TRUE(guarded(*AST, "early"));
  EXPECT_TRUE(guarded(*AST, "compared"));
  EXPECT_FALSE(guarded(*AST, "config"));
  EXPECT_FALSE(guarded(*AST, "never_set"));
  EXPECT_FALSE(guarded(*AST, "with_else"));
}

} // namespace
} // namespace clang::tidy::async
