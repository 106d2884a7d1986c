//===--- TimerRewriteTest.cpp - durations, time points, timer recipes -----===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

#include "utils/TimerRewrite.h"
#include "TestAST.h"
#include "utils/BlockingApis.h"
#include "utils/FixIts.h"
#include "clang/AST/ExprCXX.h"
#include "gtest/gtest.h"

namespace clang::tidy::async {
namespace {

using test::buildAST;
using test::first;
using test::function;
using utils::SleepArgument;

/// A mock of the part of <chrono>, <thread> and Asio the recipes look at.
const char *const ChronoMock = R"cpp(
namespace std {
template <long N, long D = 1> struct ratio {};
namespace chrono {
template <class Rep, class Period = ratio<1>> struct duration {
  Rep count_ = 0;
  constexpr duration() = default;
  constexpr explicit duration(Rep r) : count_(r) {}
  template <class R2, class P2> constexpr duration(const duration<R2, P2> &);
};
using nanoseconds = duration<long, ratio<1, 1000000000>>;
using microseconds = duration<long, ratio<1, 1000000>>;
using milliseconds = duration<long, ratio<1, 1000>>;
using seconds = duration<long>;
using minutes = duration<long, ratio<60>>;
template <class Clock, class Dur = typename Clock::duration>
struct time_point { Dur since_epoch_{}; };
struct steady_clock { using duration = nanoseconds; };
struct system_clock { using duration = microseconds; };
} // namespace chrono
namespace this_thread {
template <class R, class P> void sleep_for(const chrono::duration<R, P> &);
template <class C, class D> void sleep_until(const chrono::time_point<C, D> &);
} // namespace this_thread
} // namespace std
extern "C" unsigned sleep(unsigned);
namespace asio {
struct any_io_executor {};
template <class T, class Executor = any_io_executor> struct awaitable {};
struct use_awaitable_t {};
inline constexpr use_awaitable_t use_awaitable;
namespace this_coro {
struct executor_t {};
inline constexpr executor_t executor;
} // namespace this_coro
struct steady_timer {};
} // namespace asio
namespace coro::concepts { template <class T> concept executor = true; }
namespace coro { struct io_scheduler {}; }
)cpp";

std::unique_ptr<ASTUnit> build(llvm::StringRef Code) {
  return buildAST(std::string(ChronoMock) + Code.str());
}

/// The type of the first parameter of the function defined as \p Name.
QualType paramType(ASTUnit &AST, llvm::StringRef Name) {
  return function(AST, Name)->getParamDecl(0)->getType();
}

TEST(TimerRewrite, DurationsAndTheirConversions) {
  auto AST = build(R"cpp(
    void ms(std::chrono::milliseconds) {}
    void s(std::chrono::seconds) {}
    void min(std::chrono::minutes) {}
    void fs(std::chrono::duration<double>) {}
    void i(int) {}
    void tp(std::chrono::time_point<std::chrono::steady_clock>) {}
  )cpp");
  auto Ms = utils::durationInfo(paramType(*AST, "ms"));
  auto S = utils::durationInfo(paramType(*AST, "s"));
  auto Min = utils::durationInfo(paramType(*AST, "min"));
  auto Fs = utils::durationInfo(paramType(*AST, "fs"));
  ASSERT_TRUE(Ms && S && Min && Fs);
  EXPECT_FALSE(Ms->Floating);
  EXPECT_EQ(Ms->Num, 1);
  EXPECT_EQ(Ms->Den, 1000);
  EXPECT_TRUE(Fs->Floating);
  EXPECT_FALSE(utils::durationInfo(paramType(*AST, "i")));
  EXPECT_FALSE(utils::durationInfo(paramType(*AST, "tp")));

  // Coarser to finer is exact; finer to coarser loses precision; anything
  // goes into a floating-point duration, nothing comes out of one.
  EXPECT_TRUE(utils::convertsImplicitly(*S, *Ms));
  EXPECT_TRUE(utils::convertsImplicitly(*Min, *S));
  EXPECT_FALSE(utils::convertsImplicitly(*Ms, *S));
  EXPECT_TRUE(utils::convertsImplicitly(*Ms, *Fs));
  EXPECT_FALSE(utils::convertsImplicitly(*Fs, *Ms));
  EXPECT_TRUE(utils::convertsImplicitly(*Ms, *Ms));
}

TEST(TimerRewrite, TimePoints) {
  auto AST = build(R"cpp(
    void steady(std::chrono::time_point<std::chrono::steady_clock>) {}
    void coarse(std::chrono::time_point<std::chrono::system_clock,
                                        std::chrono::seconds>) {}
    void ms(std::chrono::milliseconds) {}
  )cpp");
  auto Steady = utils::timePointInfo(paramType(*AST, "steady"));
  ASSERT_TRUE(Steady);
  EXPECT_EQ(Steady->Clock->getName(), "steady_clock");
  auto Duration = utils::durationInfo(Steady->Duration);
  ASSERT_TRUE(Duration);
  EXPECT_EQ(Duration->Den, 1000000000);
  auto Coarse = utils::timePointInfo(paramType(*AST, "coarse"));
  ASSERT_TRUE(Coarse);
  EXPECT_EQ(Coarse->Clock->getName(), "system_clock");
  EXPECT_EQ(utils::durationInfo(Coarse->Duration)->Den, 1);
  EXPECT_FALSE(utils::timePointInfo(paramType(*AST, "ms")));
}

TEST(TimerRewrite, ConstantZero) {
  auto AST = build(R"cpp(
    void take(int, std::chrono::seconds, std::chrono::seconds,
              std::chrono::time_point<std::chrono::steady_clock>, int);
    int runtime();
    void f() {
      take(0, std::chrono::seconds(0), std::chrono::seconds(5), {}, runtime());
    }
  )cpp");
  const auto *Call = first<CallExpr>(function(*AST, "f"));
  ASSERT_NE(Call, nullptr);
  const ASTContext &Ctx = AST->getASTContext();
  EXPECT_TRUE(utils::isConstantZero(Call->getArg(0), Ctx));
  EXPECT_TRUE(utils::isConstantZero(Call->getArg(1), Ctx));
  EXPECT_FALSE(utils::isConstantZero(Call->getArg(2), Ctx));
  EXPECT_TRUE(utils::isConstantZero(Call->getArg(3), Ctx));
  EXPECT_FALSE(utils::isConstantZero(Call->getArg(4), Ctx));
}

TEST(TimerRewrite, AsioTimerRecipe) {
  auto AST = build(R"cpp(
    asio::awaitable<void> ms(std::chrono::milliseconds d) {
      std::this_thread::sleep_for(d);
      return {};
    }
    asio::awaitable<void> fs(std::chrono::duration<double> d) {
      std::this_thread::sleep_for(d);
      return {};
    }
    asio::awaitable<void> secs() { sleep(3); return {}; }
    asio::awaitable<void> steady(
        std::chrono::time_point<std::chrono::steady_clock> t) {
      std::this_thread::sleep_until(t);
      return {};
    }
    asio::awaitable<void> system(
        std::chrono::time_point<std::chrono::system_clock> t) {
      std::this_thread::sleep_until(t);
      return {};
    }
    void not_awaitable(std::chrono::milliseconds d) {
      std::this_thread::sleep_for(d);
    }
  )cpp");
  const ASTContext &Ctx = AST->getASTContext();
  auto Rewrite = [&](llvm::StringRef Name, SleepArgument Argument,
                     bool ResultUsed = false) {
    const FunctionDecl *FD = function(*AST, Name);
    utils::NamespaceAliases Aliases;
    utils::TimerScope Scope{FD, utils::Framework::Asio, {}, Aliases};
    return utils::sleepReplacement(first<CallExpr>(FD), Argument, ResultUsed,
                                   Scope, Ctx);
  };
  const std::string Timer =
      "co_await asio::steady_timer(co_await asio::this_coro::executor, ";
  const std::string Wait = ").async_wait(asio::use_awaitable)";
  EXPECT_EQ(Rewrite("ms", SleepArgument::Duration), Timer + "d" + Wait);
  EXPECT_EQ(Rewrite("fs", SleepArgument::Duration),
            Timer +
                "std::chrono::ceil<std::chrono::steady_clock::duration>(d)" +
                Wait);
  EXPECT_EQ(Rewrite("secs", SleepArgument::Seconds),
            Timer + "std::chrono::seconds(3)" + Wait);
  // `sleep` returns what is left of its time; a timer returns nothing.
  EXPECT_FALSE(Rewrite("secs", SleepArgument::Seconds, /*ResultUsed=*/true));
  EXPECT_EQ(Rewrite("steady", SleepArgument::TimePoint), Timer + "t" + Wait);
  // No system_timer is declared.
  EXPECT_FALSE(Rewrite("system", SleepArgument::TimePoint));
  EXPECT_FALSE(Rewrite("not_awaitable", SleepArgument::Duration));
}

TEST(TimerRewrite, ObjectInScope) {
  auto AST = build(R"cpp(
    void sleeps();
    void local(coro::io_scheduler *param) {
      {
        coro::io_scheduler inner;
      }
      coro::io_scheduler sched;
      sleeps();
    }
    void param(coro::io_scheduler *p) { sleeps(); }
    void none() { sleeps(); }
  )cpp");
  const SourceManager &SM = AST->getSourceManager();
  const llvm::StringRef Classes[] = {"coro::io_scheduler"};
  auto Find = [&](llvm::StringRef Name) {
    const FunctionDecl *FD = function(*AST, Name);
    llvm::SmallVector<std::pair<const VarDecl *, const CompoundStmt *>, 4>
        Locals;
    const auto *Body = llvm::cast<CompoundStmt>(FD->getBody());
    for (const Stmt *S : Body->body()) {
      const CompoundStmt *Block = Body;
      if (const auto *Inner = llvm::dyn_cast<CompoundStmt>(S)) {
        Block = Inner;
        S = *Inner->body_begin();
      }
      if (const auto *Decls = llvm::dyn_cast<DeclStmt>(S))
        Locals.push_back({llvm::cast<VarDecl>(Decls->getSingleDecl()), Block});
    }
    utils::NamespaceAliases Aliases;
    utils::TimerScope Scope{FD, utils::Framework::Libcoro, Locals, Aliases};
    auto Found = utils::objectInScope(first<CallExpr>(FD), Classes, Scope, SM);
    return Found ? Found->first : std::string("<none>");
  };
  // The local in the block around the call, not the one in a closed block,
  // before the parameter.
  EXPECT_EQ(Find("local"), "sched.");
  EXPECT_EQ(Find("param"), "p->");
  EXPECT_EQ(Find("none"), "<none>");
}

TEST(FixIts, PrefixOperatorsAndWrittenText) {
  auto AST = build(R"cpp(
    struct task {};
    task operator+(task, task);
    task operator!(task);
    task make(int = 0);
    void f(task a, task b, bool c) {
      (void)(a + b);
      (void)(!a);
      (void)(c ? a : b);
      (void)make();
      (void)make(1);
    }
  )cpp");
  const auto *Body = llvm::cast<CompoundStmt>(function(*AST, "f")->getBody());
  llvm::SmallVector<const Expr *, 5> Operands;
  for (const Stmt *S : Body->body())
    Operands.push_back(llvm::cast<CStyleCastExpr>(S)
                           ->getSubExpr()
                           ->IgnoreParens()
                           ->IgnoreImplicit());
  EXPECT_TRUE(utils::needsParensAfterPrefix(Operands[0]));
  EXPECT_FALSE(utils::needsParensAfterPrefix(Operands[1]));
  EXPECT_TRUE(utils::needsParensAfterPrefix(Operands[2]));
  EXPECT_FALSE(utils::needsParensAfterPrefix(Operands[3]));
  EXPECT_EQ(utils::sourceText(Operands[0], AST->getASTContext()), "a + b");
  EXPECT_TRUE(
      utils::writtenArguments(llvm::cast<CallExpr>(Operands[3])).empty());
  EXPECT_EQ(utils::writtenArguments(llvm::cast<CallExpr>(Operands[4])).size(),
            1u);
}

TEST(FixIts, AwaitingTheAsyncTwin) {
  auto AST = build(R"cpp(
    namespace asio {
    struct socket {
      int read_some(int);
      awaitable<int> async_read_some(int, use_awaitable_t);
      void close();
    };
    int read(socket &, int);
    template <class T> awaitable<int> async_read(socket &, int, T);
    } // namespace asio
    void member(asio::socket &s) { s.read_some(1); }
    void free(asio::socket &s) { asio::read(s, 1); }
    void no_twin(asio::socket &s) { s.close(); }
    void chained(asio::socket &s) { (void)s.read_some(1); }
  )cpp");
  const ASTContext &Ctx = AST->getASTContext();
  auto Call = [&](llvm::StringRef Name) {
    return first<CallExpr>(function(*AST, Name));
  };
  std::optional<utils::AsyncTwin> Member =
      utils::asyncTwinOf(Call("member"), Ctx);
  ASSERT_TRUE(Member);
  EXPECT_EQ(Member->Name, "async_read_some");
  EXPECT_EQ(Member->Library, utils::Framework::Asio);
  std::optional<utils::AsyncTwin> Free = utils::asyncTwinOf(Call("free"), Ctx);
  ASSERT_TRUE(Free);
  EXPECT_EQ(Free->Name, "async_read");
  EXPECT_FALSE(utils::asyncTwinOf(Call("no_twin"), Ctx));

  auto Fix = utils::awaitRenamedCall(Call("member"), "async_read_some",
                                     "asio::use_awaitable", false, Ctx);
  ASSERT_EQ(Fix.size(), 3u);
  EXPECT_EQ(Fix[0].CodeToInsert, "co_await ");
  EXPECT_EQ(Fix[1].CodeToInsert, "async_read_some");
  EXPECT_EQ(Fix[2].CodeToInsert, ", asio::use_awaitable");
  auto Postfix = utils::awaitRenamedCall(Call("chained"), "async_read_some",
                                         "asio::use_awaitable", true, Ctx);
  ASSERT_EQ(Postfix.size(), 4u);
  EXPECT_EQ(Postfix[0].CodeToInsert, "(co_await ");
  EXPECT_EQ(Postfix[3].CodeToInsert, ")");
}

} // namespace
} // namespace clang::tidy::async
