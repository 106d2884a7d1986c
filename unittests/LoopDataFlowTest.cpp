//===--- LoopDataFlowTest.cpp - what loop iterations read and write -------===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

#include "utils/LoopDataFlow.h"
#include "TestAST.h"
#include "utils/Coroutines.h"
#include "utils/Loops.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Analysis/Analyses/ExprMutationAnalyzer.h"
#include "gtest/gtest.h"
#include <set>

namespace clang::tidy::async {
namespace {

using test::buildAST;
using test::CoroutinePrelude;
using test::function;
using utils::DeclSet;
using utils::LoopDataFlow;

/// Declarations the loops below await and iterate over.
const char *const Prelude = R"cpp(
task work(int);
ready fetch(int);
ready more();
struct vec {
  void push_back(int);
  int &operator[](int);
  int size() const;
};
struct pair { int first; int second; };
)cpp";

std::unique_ptr<ASTUnit> build(llvm::StringRef Code) {
  return buildAST(std::string(CoroutinePrelude) + Prelude + Code.str());
}

/// The loops of \p Name's body, outer before inner.
llvm::SmallVector<const Stmt *, 4> loopsOf(ASTUnit &AST, llvm::StringRef Name) {
  llvm::SmallVector<const Stmt *, 4> Loops;
  const FunctionDecl *FD = function(AST, Name);
  EXPECT_NE(FD, nullptr) << Name.str();
  if (!FD)
    return Loops;
  utils::forEachEvaluatedStmt(utils::getUserBody(FD), [&](const Stmt *S) {
    if (utils::isLoop(S))
      Loops.push_back(S);
    return true;
  });
  return Loops;
}

/// The data flow of loop number \p Index (in pre-order) of \p Name.
LoopDataFlow flowOf(ASTUnit &AST, llvm::StringRef Name, unsigned Index = 0) {
  llvm::SmallVector<const Stmt *, 4> Loops = loopsOf(AST, Name);
  EXPECT_LT(Index, Loops.size()) << Name.str();
  return LoopDataFlow(Loops[Index]);
}

/// The names in \p Set; unnamed declarations (a decomposition) are left out.
std::set<std::string> names(const DeclSet &Set) {
  std::set<std::string> Names;
  for (const ValueDecl *D : Set)
    if (!D->getName().empty())
      Names.insert(D->getName().str());
  return Names;
}

using Names = std::set<std::string>;

TEST(LoopDataFlow, RangeForElementAndBindingsAreLoopVariables) {
  auto AST = build(R"cpp(
    task plain(int (&xs)[4]) { for (int x : xs) co_await work(x); }
    task bound(pair (&ps)[4]) {
      for (auto [a, b] : ps) co_await work(a + b);
    }
  )cpp");
  LoopDataFlow Plain = flowOf(*AST, "plain");
  EXPECT_EQ(names(Plain.loopVariables()), Names({"x"}));
  ASSERT_EQ(Plain.facts().Awaits.size(), 1u);
  EXPECT_TRUE(Plain.facts().Awaits[0].OperandReads.any(Plain.derived()));
  EXPECT_TRUE(Plain.produced().empty());
  EXPECT_TRUE(Plain.carried().empty());
  EXPECT_FALSE(Plain.exitsEarly());

  LoopDataFlow Bound = flowOf(*AST, "bound");
  EXPECT_EQ(names(Bound.loopVariables()), Names({"a", "b"}));
  EXPECT_EQ(Bound.loopVariables().size(), 3u); // With the decomposition.
}

TEST(LoopDataFlow, IndexVariablesByHowTheyStep) {
  auto AST = build(R"cpp(
    task stride(int n, int step) {
      for (int i = 0; i < n; i += step) co_await work(i);
    }
    task bodyStep(int n) {
      for (int i = 0; i < n;) { co_await work(i); ++i; }
    }
    task reassign(int n) {
      for (int i = 0; i < n; i = i + 1) co_await work(i);
    }
    task noStep(int n) {
      for (int i = 0; i < n;) co_await work(i);
    }
  )cpp");
  EXPECT_EQ(names(flowOf(*AST, "stride").loopVariables()), Names({"i"}));
  EXPECT_EQ(names(flowOf(*AST, "bodyStep").loopVariables()), Names({"i"}));
  LoopDataFlow BodyStep = flowOf(*AST, "bodyStep");
  EXPECT_TRUE(
      BodyStep.facts().Stepped.contains(*BodyStep.loopVariables().begin()));
  EXPECT_EQ(names(flowOf(*AST, "reassign").loopVariables()), Names({"i"}));
  EXPECT_TRUE(flowOf(*AST, "noStep").loopVariables().empty());
}

TEST(LoopDataFlow, IteratorsAdvancedInTheBody) {
  auto AST = build(R"cpp(
    task advance(int *it, int *end) {
      while (it != end) { co_await work(*it); ++it; }
    }
    task inCondition(int *it, int *end) {
      do { co_await work(*it); } while (++it != end);
    }
    task untouched(int *it, int *end) {
      while (it != end) co_await work(*it);
    }
  )cpp");
  LoopDataFlow Advance = flowOf(*AST, "advance");
  EXPECT_EQ(names(Advance.loopVariables()), Names({"it"}));
  EXPECT_TRUE(Advance.facts().Awaits[0].OperandReads.any(Advance.derived()));
  EXPECT_EQ(names(flowOf(*AST, "inCondition").loopVariables()), Names({"it"}));
  EXPECT_TRUE(flowOf(*AST, "untouched").loopVariables().empty());
}

TEST(LoopDataFlow, AccumulatorsAndCursorsCarryAcrossIterations) {
  auto AST = build(R"cpp(
    task sum(int (&xs)[4]) {
      int total = 0;
      for (int x : xs) { int v = co_await fetch(x); total += v; }
    }
    task cursor(int n) {
      int next = 0;
      for (int i = 0; i < n; ++i) next = co_await fetch(next);
    }
    task slots(int n, int (&out)[4]) {
      for (int i = 0; i < n; ++i) out[i] = co_await fetch(i);
    }
  )cpp");
  LoopDataFlow Sum = flowOf(*AST, "sum");
  EXPECT_EQ(names(Sum.produced()), Names({"v", "total"}));
  EXPECT_EQ(names(Sum.carried()), Names({"total"}));
  EXPECT_TRUE(Sum.facts().BodyLocals.contains(*llvm::find_if(
      Sum.produced(), [](const ValueDecl *D) { return D->getName() == "v"; })));

  LoopDataFlow Cursor = flowOf(*AST, "cursor");
  EXPECT_EQ(names(Cursor.carried()), Names({"next"}));
  // The await reads what the previous iteration's await produced.
  EXPECT_TRUE(Cursor.facts().Awaits[0].OperandReads.any(Cursor.carried()));

  // One slot per item is not carried.
  LoopDataFlow Slots = flowOf(*AST, "slots");
  EXPECT_EQ(names(Slots.produced()), Names({"out"}));
  EXPECT_TRUE(Slots.carried().empty());
}

TEST(LoopDataFlow, HeaderReadingAnAwaitedValue) {
  auto AST = build(R"cpp(
    task pages(int n) {
      int more = 1;
      for (int i = 0; more; ++i) more = co_await fetch(i);
    }
    task generator() { while (co_await more()) co_await work(1); }
  )cpp");
  EXPECT_TRUE(flowOf(*AST, "pages").headerReadsProduced());
  const Stmt *Generator = loopsOf(*AST, "generator")[0];
  EXPECT_TRUE(utils::headerAwaits(Generator));
  EXPECT_FALSE(utils::headerAwaits(loopsOf(*AST, "pages")[0]));
}

TEST(LoopDataFlow, NestedLoops) {
  auto AST = build(R"cpp(
    task nested(int (&xs)[4], int (&ys)[4]) {
      for (int x : xs)
        for (int y : ys) {
          co_await work(x + y);
          break;
        }
    }
    task generatorInside(int (&xs)[4]) {
      for (int x : xs) {
        co_await work(x);
        while (co_await more()) co_await work(x);
      }
    }
  )cpp");
  LoopDataFlow Outer = flowOf(*AST, "nested", 0);
  EXPECT_EQ(names(Outer.loopVariables()), Names({"x"}));
  // The inner element is a new variable in every outer iteration, taken
  // from a range that does not depend on the outer element.
  EXPECT_EQ(names(Outer.facts().BodyLocals), Names({"y"}));
  EXPECT_EQ(names(Outer.derived()), Names({"x"}));
  // The inner loop's `break` ends the inner loop only.
  EXPECT_TRUE(Outer.facts().Exits.empty());

  LoopDataFlow Inner = flowOf(*AST, "nested", 1);
  EXPECT_EQ(names(Inner.loopVariables()), Names({"y"}));
  ASSERT_EQ(Inner.facts().Exits.size(), 1u);
  EXPECT_TRUE(Inner.exitsEarly()); // Unconditional.

  LoopDataFlow WithGenerator = flowOf(*AST, "generatorInside");
  ASSERT_EQ(WithGenerator.facts().Awaits.size(), 3u);
  EXPECT_FALSE(WithGenerator.facts().Awaits[0].InGeneratorLoop);
  // The awaits of a nested loop whose header awaits, header included, are
  // part of that loop's iterations.
  EXPECT_TRUE(WithGenerator.facts().Awaits[1].InGeneratorLoop);
  EXPECT_TRUE(WithGenerator.facts().Awaits[2].InGeneratorLoop);
}

TEST(LoopDataFlow, LambdaBodiesAreNotPartOfTheIteration) {
  auto AST = build(R"cpp(
    task lambdas(int (&xs)[4]) {
      int last = 0;
      for (int x : xs) {
        auto remember = [&] { last = x; };
        auto later = [x]() -> task { co_await work(x); };
        remember();
        co_await work(x);
      }
    }
  )cpp");
  LoopDataFlow Flow = flowOf(*AST, "lambdas");
  // Only the await in the loop itself; the lambda coroutine runs elsewhere.
  EXPECT_EQ(Flow.facts().Awaits.size(), 1u);
  for (const utils::Assignment &A : Flow.facts().Assignments)
    EXPECT_NE(A.Target->getName(), "last");
  EXPECT_EQ(names(Flow.facts().BodyLocals), Names({"remember", "later"}));
}

TEST(LoopDataFlow, MacrosAreAnalysedAsExpanded) {
  auto AST = build(R"cpp(
    #define AWAIT_WORK(v) co_await work(v)
    #define STEP(v) ++v
    task macros(int n) {
      for (int i = 0; i < n;) { AWAIT_WORK(i); STEP(i); }
    }
  )cpp");
  LoopDataFlow Flow = flowOf(*AST, "macros");
  EXPECT_EQ(names(Flow.loopVariables()), Names({"i"}));
  ASSERT_EQ(Flow.facts().Awaits.size(), 1u);
  EXPECT_TRUE(Flow.facts().Awaits[0].OperandReads.any(Flow.derived()));
}

TEST(LoopDataFlow, TemplatePatternsWithDependentAwaits) {
  auto AST = build(R"cpp(
    template <class Range> task each(Range &items) {
      for (auto &item : items) co_await item.run();
    }
  )cpp");
  LoopDataFlow Flow = flowOf(*AST, "each");
  EXPECT_EQ(names(Flow.loopVariables()), Names({"item"}));
  ASSERT_EQ(Flow.facts().Awaits.size(), 1u);
  const utils::AwaitSite &Site = Flow.facts().Awaits[0];
  EXPECT_TRUE(Site.OperandReads.any(Flow.derived()));
  llvm::SmallVector<utils::Operation, 2> Ops;
  utils::collectOperations(Site.Operand, Ops);
  ASSERT_EQ(Ops.size(), 1u);
  EXPECT_EQ(Ops[0].identifier(), "run");
  EXPECT_NE(Ops[0].Object, nullptr);
  EXPECT_EQ(Ops[0].Named, nullptr);
}

TEST(LoopDataFlow, CoReturnAndBreakAreExitsContinueIsNot) {
  auto AST = build(R"cpp(
    task awaitedExit(int (&xs)[4]) {
      for (int x : xs) { if (co_await fetch(x)) co_return; }
    }
    task plainExit(int (&xs)[4]) {
      for (int x : xs) { co_await work(x); if (x == 3) break; }
    }
    task producedExit(int (&xs)[4]) {
      for (int x : xs) { int r = co_await fetch(x); if (r) break; }
    }
    task unconditional(int (&xs)[4]) {
      for (int x : xs) { co_await work(x); co_return; }
    }
    task skips(int (&xs)[4]) {
      for (int x : xs) {
        if (x == 1) continue;
        switch (x) { case 2: break; }
        co_await work(x);
      }
    }
  )cpp");
  LoopDataFlow Awaited = flowOf(*AST, "awaitedExit");
  ASSERT_EQ(Awaited.facts().Exits.size(), 1u);
  EXPECT_TRUE(llvm::isa<CoreturnStmt>(Awaited.facts().Exits[0].Exit));
  EXPECT_EQ(Awaited.facts().Exits[0].Guards.size(), 1u);
  EXPECT_TRUE(Awaited.exitsEarly());

  LoopDataFlow Plain = flowOf(*AST, "plainExit");
  ASSERT_EQ(Plain.facts().Exits.size(), 1u);
  EXPECT_TRUE(llvm::isa<BreakStmt>(Plain.facts().Exits[0].Exit));
  EXPECT_FALSE(Plain.exitsEarly());

  EXPECT_TRUE(flowOf(*AST, "producedExit").exitsEarly());
  EXPECT_TRUE(flowOf(*AST, "unconditional").exitsEarly());

  LoopDataFlow Skips = flowOf(*AST, "skips");
  EXPECT_TRUE(Skips.facts().Exits.empty());
  EXPECT_FALSE(Skips.exitsEarly());
}

TEST(LoopDataFlow, ObjectsSharedAcrossIterations) {
  auto AST = build(R"cpp(
    task shared(vec &all, int n, int &total) {
      for (int i = 0; i < n; ++i) {
        int local = i;
        co_await work(all[i] + total + local + all.size());
      }
    }
  )cpp");
  LoopDataFlow Flow = flowOf(*AST, "shared");
  const auto *Await = llvm::cast<Expr>(Flow.facts().Awaits[0].Operand);
  llvm::SmallVector<const Expr *, 4> Refs;
  utils::forEachEvaluatedStmt(Await, [&](const Stmt *S) {
    if (const auto *E = llvm::dyn_cast<Expr>(S);
        E && llvm::isa<DeclRefExpr, CXXOperatorCallExpr>(S))
      Refs.push_back(E);
    return true;
  });
  auto Find = [&](llvm::StringRef Text) -> const Expr * {
    for (const Expr *E : Refs) {
      const ValueDecl *Root = utils::rootDecl(E);
      bool Subscript = llvm::isa<CXXOperatorCallExpr>(E);
      if (Root && Root->getName() == Text.drop_back(Text.ends_with("[]") * 2) &&
          Subscript == Text.ends_with("[]"))
        return E;
    }
    return nullptr;
  };
  ASSERT_NE(Find("all[]"), nullptr);
  // Selected by the index: one object per iteration.
  EXPECT_FALSE(Flow.sharedAcrossIterations(Find("all[]")));
  EXPECT_TRUE(Flow.sharedAcrossIterations(Find("total")));
  EXPECT_TRUE(Flow.sharedAcrossIterations(Find("all")));
  EXPECT_FALSE(Flow.sharedAcrossIterations(Find("local")));
}

TEST(LoopDataFlow, WritesByKind) {
  auto AST = build(R"cpp(
    void fill(int &out, int in);
    task writes(int (&xs)[4], vec &results, vec &v) {
      int filled = 0;
      for (int x : xs) {
        results.push_back(x);
        fill(filled, x);
        co_await work(v[x]);
      }
    }
  )cpp");
  LoopDataFlow Flow = flowOf(*AST, "writes");
  Names Mutated, Assigned;
  for (const utils::Assignment &A : Flow.facts().Assignments)
    (A.Mutation ? Mutated : Assigned).insert(A.Target->getName().str());
  EXPECT_EQ(Mutated, Names({"results", "filled"}));
  EXPECT_TRUE(Assigned.empty());
  // Mutating calls do not select their object by what they read.
  EXPECT_EQ(names(Flow.derived()), Names({"x"}));
  // The accessor `v[x]` is not a write here, but Clang's mutation analyzer
  // counts it as one: the reason LoopDataFlow records writes itself.
  ExprMutationAnalyzer Analyzer(*utils::loopBody(Flow.loop()),
                                AST->getASTContext());
  const FunctionDecl *FD = function(*AST, "writes");
  EXPECT_TRUE(Analyzer.isMutated(FD->getParamDecl(2)));
}

TEST(LoopDataFlow, AwaitOutputsAreWrittenData) {
  auto AST = build(R"cpp(
    ready read_into(int &out, int id);
    task outputs(int (&xs)[4]) {
      int shared = 0;
      for (int x : xs) co_await read_into(shared, x);
    }
  )cpp");
  LoopDataFlow Flow = flowOf(*AST, "outputs");
  ASSERT_EQ(Flow.facts().Awaits.size(), 1u);
  ASSERT_EQ(Flow.facts().Awaits[0].Outputs.size(), 1u);
  EXPECT_TRUE(Flow.sharedAcrossIterations(Flow.facts().Awaits[0].Outputs[0]));
  EXPECT_EQ(names(Flow.produced()), Names({"shared"}));
}

TEST(LoopDataFlow, RootDeclsAndWrittenThrough) {
  auto AST = build(R"cpp(
    struct holder {
      int field;
      vec items;
      task run(int n) {
        for (int i = 0; i < n; ++i) {
          field = i;
          items[i] = 0;
        }
        co_return;
      }
    };
    void use(int *);
    void g() { int a[2]; int b = 0; use(a); use(&b); }
  )cpp");
  LoopDataFlow Flow = flowOf(*AST, "run");
  Names Targets;
  for (const utils::Assignment &A : Flow.facts().Assignments)
    Targets.insert(A.Target->getName().str());
  EXPECT_EQ(Targets, Names({"field", "items"}));

  const FunctionDecl *G = function(*AST, "g");
  Names Written;
  utils::forEachEvaluatedStmt(G->getBody(), [&](const Stmt *S) {
    if (const auto *Call = llvm::dyn_cast<CallExpr>(S))
      utils::forEachParamArg(Call, [&](const Expr *Arg, QualType Param) {
        if (const Expr *W = utils::writtenThrough(Arg, Param))
          Written.insert(utils::rootDecl(W)->getName().str());
      });
    return true;
  });
  EXPECT_EQ(Written, Names({"a", "b"}));
}

} // namespace
} // namespace clang::tidy::async
