//===--- LifetimesTest.cpp - referents of arguments, escapes of tasks -----===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

#include "utils/Lifetimes.h"
#include "TestAST.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "gtest/gtest.h"

namespace clang::tidy::async {
namespace {

using test::buildAST;
using test::CoroutinePrelude;
using test::function;
using utils::EscapeKind;
using utils::ReferentKind;

/// The calls to \p Callee in the body of \p FD, in source order, each once
/// (a `co_await` holds its operand twice).
llvm::SmallVector<const CallExpr *, 4> callsTo(const FunctionDecl *FD,
                                               llvm::StringRef Callee) {
  llvm::SmallVector<const CallExpr *, 4> Calls;
  llvm::SmallVector<const Stmt *, 32> Stack{FD->getBody()};
  while (!Stack.empty()) {
    const Stmt *S = Stack.pop_back_val();
    if (!S)
      continue;
    if (const auto *Call = llvm::dyn_cast<CallExpr>(S))
      if (const FunctionDecl *D = Call->getDirectCallee();
          D && D->getIdentifier() && D->getName() == Callee &&
          !llvm::is_contained(Calls, Call))
        Calls.push_back(Call);
    llvm::SmallVector<const Stmt *, 4> Children(S->child_begin(),
                                                S->child_end());
    Stack.append(Children.rbegin(), Children.rend());
  }
  return Calls;
}

/// The referent of the first argument of each call to `use` in \p Name.
llvm::SmallVector<ReferentKind, 8> referents(ASTUnit &AST,
                                             llvm::StringRef Name) {
  llvm::SmallVector<ReferentKind, 8> Kinds;
  for (const CallExpr *Call : callsTo(function(AST, Name), "use"))
    Kinds.push_back(
        utils::referentOf(Call->getArg(0),
                          Call->getDirectCallee()->getParamDecl(0)->getType())
            .Kind);
  return Kinds;
}

TEST(Lifetimes, ReferentsOfReferencesAndPointers) {
  auto AST = buildAST(R"cpp(
    struct S { int field; int other() const; };
    S make();
    int global;
    void use(const int &);
    void use(const int *);
    struct Holder {
      int member;
      void f(int param, const int &ref) {
        int local = 0;
        int array[2] = {};
        static int st;
        S s{};
        use(local); use(param); use(ref); use(member); use(global);
        use(st); use(42); use(make().field); use(s.field); use(&local);
        use(array); use(array[1]);
      }
    };
  )cpp");
  using K = ReferentKind;
  EXPECT_EQ(referents(*AST, "f"),
            (llvm::SmallVector<K, 8>{K::Local, K::Local, K::Unknown, K::Lasting,
                                     K::Lasting, K::Lasting, K::Temporary,
                                     K::Temporary, K::Local, K::Local, K::Local,
                                     K::Local}));
}

TEST(Lifetimes, ViewClassesAndScopes) {
  auto AST = buildAST(R"cpp(
    namespace std {
    template <class C> struct basic_string_view {
      basic_string_view(const C *);
    };
    using string_view = basic_string_view<char>;
    struct string {
      string();
      operator string_view() const;
    };
    }
    std::string make();
    void use(std::string_view);
    void f() {
      std::string local;
      use(local);
      use(make());
      use("literal");
      for (int i = 0; i < 2; ++i) {
        std::string inner;
        use(inner);
      }
    }
  )cpp");
  using K = ReferentKind;
  EXPECT_EQ(
      referents(*AST, "f"),
      (llvm::SmallVector<K, 8>{K::Local, K::Temporary, K::Lasting, K::Local}));
  const FunctionDecl *F = function(*AST, "f");
  auto Calls = callsTo(F, "use");
  utils::BodyTree Tree(F);
  QualType View = Calls[0]->getDirectCallee()->getParamDecl(0)->getType();
  EXPECT_TRUE(utils::refersToCallerObject(View));
  const VarDecl *Local = utils::referentOf(Calls[0]->getArg(0), View).Var;
  const VarDecl *Inner = utils::referentOf(Calls[3]->getArg(0), View).Var;
  ASSERT_TRUE(Local && Inner);
  EXPECT_EQ(utils::scopeOf(Local, Tree), F->getBody());
  const Stmt *InnerScope = utils::scopeOf(Inner, Tree);
  EXPECT_NE(InnerScope, F->getBody());
  EXPECT_TRUE(utils::isWithinScope(InnerScope, F->getBody(), Tree));
  EXPECT_FALSE(utils::isWithinScope(F->getBody(), InnerScope, Tree));
}

TEST(Lifetimes, WhereATaskGoes) {
  auto AST = buildAST(std::string(CoroutinePrelude) + R"cpp(
    namespace std {
    template <class T> T &&move(T &t) { return static_cast<T &&>(t); }
    }
    struct Tasks { void push_back(task &&); };
    task make(const int &);
    task join(task, task);
    task returned() { return make(1); }
    task coroutine(Tasks &tasks) {
      auto stored = make(1);
      co_await make(1);
      co_await join(make(1), make(1));
      tasks.push_back(make(1));
      (void)make(1);
    }
  )cpp");
  utils::TaskTypeClassifier Classifier("", "");
  utils::BodyTrees Trees;
  const FunctionDecl *Returned = function(*AST, "returned");
  const FunctionDecl *Coroutine = function(*AST, "coroutine");
  auto Escape = [&](const CallExpr *Call, const FunctionDecl *In) {
    return utils::escapeOf(Call, *Trees.of(In), Classifier).Kind;
  };
  EXPECT_EQ(Escape(callsTo(Returned, "make")[0], Returned),
            EscapeKind::Returned);
  auto Calls = callsTo(Coroutine, "make");
  ASSERT_EQ(Calls.size(), 6u);
  EXPECT_EQ(Escape(Calls[0], Coroutine), EscapeKind::Stored);
  EXPECT_EQ(Escape(Calls[1], Coroutine), EscapeKind::Awaited);
  EXPECT_EQ(Escape(Calls[2], Coroutine), EscapeKind::Awaited);
  EXPECT_EQ(Escape(Calls[3], Coroutine), EscapeKind::Awaited);
  EXPECT_EQ(Escape(Calls[4], Coroutine), EscapeKind::Pushed);
  EXPECT_EQ(Escape(Calls[5], Coroutine), EscapeKind::Unknown);
}

TEST(Lifetimes, WaitsForStartedWorkByTheCalledDeclaration) {
  auto AST = buildAST(R"cpp(
    namespace std {
    template <long N> struct counting_semaphore {
      void acquire();
      void release();
    };
    using binary_semaphore = counting_semaphore<1>;
    struct thread { void join(); };
    namespace this_thread { void sleep_for(int); }
    } // namespace std
    namespace coro::concepts { template <class T> concept executor = true; }
    namespace coro { struct thread_pool { void shutdown(); }; }
    struct Signal : std::binary_semaphore {};
    // Same names, other classes: not waits.
    struct Door { void acquire(); void join(); };
    void start();
    void acquires(Signal &s) { start(); s.acquire(); }
    void joins(std::thread &t) { start(); t.join(); }
    void shuts_down(coro::thread_pool &p) { start(); p.shutdown(); }
    void before(Signal &s) { s.acquire(); start(); }
    void sleeps() { start(); std::this_thread::sleep_for(1); }
    void look_alike(Door &d) { start(); d.acquire(); d.join(); }
  )cpp");
  ASTContext &Ctx = AST->getASTContext();
  auto Waits = [&](llvm::StringRef Name) {
    const FunctionDecl *FD = function(*AST, Name);
    return utils::waitsForStartedWork(FD->getBody(),
                                      callsTo(FD, "start").front(), Ctx);
  };
  EXPECT_TRUE(Waits("acquires"));
  EXPECT_TRUE(Waits("joins"));
  EXPECT_TRUE(Waits("shuts_down"));
  EXPECT_FALSE(Waits("before"));
  EXPECT_FALSE(Waits("sleeps"));
  EXPECT_FALSE(Waits("look_alike"));
}

} // namespace
} // namespace clang::tidy::async
