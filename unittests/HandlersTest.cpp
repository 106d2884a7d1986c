//===--- HandlersTest.cpp - catch handlers, paths, error-code sites -------===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

#include "utils/Handlers.h"
#include "TestAST.h"
#include "utils/Coroutines.h"
#include "utils/ErrorCodes.h"
#include "utils/Exits.h"
#include "utils/FixIts.h"
#include "utils/Names.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "gtest/gtest.h"

namespace clang::tidy::async {
namespace {

using test::buildAST;
using test::CoroutinePrelude;
using test::first;
using test::function;
using utils::Branch;
using utils::Exit;
using utils::ExitSet;
using utils::Reception;

/// A mock of the part of Asio and <system_error> the analyses look at.
const char *const AsioMock = R"cpp(
namespace asio::error {
enum basic_errors { operation_aborted = 125, eof = 2 };
}
namespace std {
struct exception { virtual ~exception(); virtual const char *what() const; };
struct runtime_error : exception {};
struct error_code {
  error_code() = default;
  error_code(asio::error::basic_errors) {}
  explicit operator bool() const { return false; }
};
bool operator==(const error_code &, const error_code &);
bool operator!=(const error_code &, const error_code &);
struct system_error : runtime_error { const error_code &code() const; };
struct exception_ptr {};
exception_ptr current_exception();
template <class... T> struct tuple {
  template <class... U> tuple &operator=(tuple<U...> &&);
};
template <class... T> tuple<T &...> tie(T &...);
} // namespace std
namespace asio {
template <class T> struct awaitable {
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  T await_resume() const;
};
struct use_awaitable_t {};
template <class Token> struct redirect_error_t { Token token; };
template <class Token>
redirect_error_t<Token> redirect_error(Token, std::error_code &);
template <class Token> awaitable<void> async_wait(Token);
awaitable<std::error_code> async_code();
awaitable<std::tuple<std::error_code, int>> async_pair();
} // namespace asio
bool c();
void log(const char *);
)cpp";

std::unique_ptr<ASTUnit> build(llvm::StringRef Code) {
  return buildAST(std::string(CoroutinePrelude) + AsioMock + Code.str());
}

/// The block of the first handler in \p Name.
const Stmt *handlerBlock(ASTUnit &AST, llvm::StringRef Name) {
  const auto *Try = first<CXXTryStmt>(function(AST, Name));
  return Try ? Try->getHandler(0)->getHandlerBlock() : nullptr;
}

ExitSet handlerExits(ASTUnit &AST, llvm::StringRef Name) {
  return utils::exitsOf(handlerBlock(AST, Name), AST.getASTContext());
}

TEST(Handlers, ExitsOfHandlerBodies) {
  auto AST = build(R"cpp(
    #define RETHROW throw
    task rethrows() { try { co_await task{}; } catch (...) { log("x"); throw; } }
    task returns() { try { co_await task{}; } catch (...) { co_return; } }
    void plain_return() { try { c(); } catch (...) { return; } }
    task falls() { try { co_await task{}; } catch (...) { log("x"); } }
    task in_loop() {
      for (;;) {
        try { co_await task{}; } catch (...) { if (c()) continue; break; }
      }
    }
    task by_macro() { try { co_await task{}; } catch (...) { RETHROW; } }
    task lambda() {
      try { co_await task{}; } catch (...) { auto f = [] { throw; }; f(); }
    }
  )cpp");
  EXPECT_EQ(handlerExits(*AST, "rethrows"), ExitSet(Exit::Throw));
  EXPECT_EQ(handlerExits(*AST, "returns"), ExitSet(Exit::Return));
  EXPECT_EQ(handlerExits(*AST, "plain_return"), ExitSet(Exit::Return));
  EXPECT_EQ(handlerExits(*AST, "falls"), ExitSet(Exit::FallThrough));
  EXPECT_EQ(handlerExits(*AST, "in_loop"),
            ExitSet({Exit::Continue, Exit::Break}));
  EXPECT_EQ(handlerExits(*AST, "by_macro"), ExitSet(Exit::Throw));
  // A `throw` in a nested lambda is the lambda's.
  EXPECT_EQ(handlerExits(*AST, "lambda"), ExitSet(Exit::FallThrough));
}

TEST(Handlers, PathsAfterAHandler) {
  auto AST = build(R"cpp(
    task last() { try { co_await task{}; } catch (...) {} }
    task then_awaits() {
      try { co_await task{}; } catch (...) {}
      co_await task{};
    }
    task then_returns() {
      try { co_await task{}; } catch (...) {}
      co_return;
      co_await task{};
    }
    task looping() { while (c()) { try { co_await task{}; } catch (...) {} } }
    task breaks_out() {
      for (;;) { try { co_await task{}; } catch (...) { break; } }
      co_await task{};
    }
    task breaks_last() {
      for (;;) { try { co_await task{}; } catch (...) { break; } }
    }
    task in_switch(int k) {
      switch (k) { case 1: try { co_await task{}; } catch (...) { break; } }
      log("done");
    }
    task lambda_after() {
      try { co_await task{}; } catch (...) {}
      auto f = []() -> task { co_await task{}; };
    }
  )cpp");
  const ASTContext &Ctx = AST->getASTContext();
  auto LeadsOn = [&](llvm::StringRef Name, ExitSet Exits) {
    const FunctionDecl *FD = function(*AST, Name);
    const auto *Try = first<CXXTryStmt>(FD);
    utils::BodyPaths Paths(utils::getUserBody(FD));
    return Paths.leadsTo(Try, Exits, utils::containsSuspensionPoint, Ctx);
  };
  EXPECT_FALSE(LeadsOn("last", Exit::FallThrough));
  EXPECT_TRUE(LeadsOn("then_awaits", Exit::FallThrough));
  EXPECT_FALSE(LeadsOn("then_returns", Exit::FallThrough));
  EXPECT_TRUE(LeadsOn("looping", Exit::FallThrough));
  EXPECT_TRUE(LeadsOn("looping", Exit::Continue));
  EXPECT_TRUE(LeadsOn("breaks_out", Exit::Break));
  EXPECT_FALSE(LeadsOn("breaks_last", Exit::Break));
  EXPECT_FALSE(LeadsOn("in_switch", Exit::Break));
  EXPECT_FALSE(LeadsOn("last", {Exit::Return, Exit::Throw, Exit::Jump}));
  // The lambda's body runs elsewhere.
  EXPECT_FALSE(LeadsOn("lambda_after", Exit::FallThrough));

  const FunctionDecl *FD = function(*AST, "in_switch");
  utils::BodyPaths Paths(utils::getUserBody(FD));
  const auto *Try = first<CXXTryStmt>(FD);
  EXPECT_EQ(Paths.enclosingLoop(Try), nullptr);
  EXPECT_TRUE(
      llvm::isa_and_nonnull<SwitchStmt>(Paths.enclosingBreakTarget(Try)));
  EXPECT_TRUE(Paths.isInside(Try, utils::getUserBody(FD)));
  EXPECT_FALSE(Paths.isInside(utils::getUserBody(FD), Try));
}

TEST(Handlers, WhichHandlerReceives) {
  auto AST = build(R"cpp(
    namespace folly { struct OperationCancelled : std::exception {}; }
    struct unrelated {};
    void f() {
      try { c(); }
      catch (folly::OperationCancelled &) {}
      catch (const std::exception &) {}
      catch (std::exception *) {}
      catch (unrelated) {}
      catch (...) {}
    }
    template <class E> void g() { try { c(); } catch (E &) {} }
  )cpp");
  const auto *Try = first<CXXTryStmt>(function(*AST, "f"));
  const CXXRecordDecl *Cancelled =
      utils::lookupClass(AST->getASTContext(), "folly::OperationCancelled");
  ASSERT_NE(Cancelled, nullptr);
  auto Receives = [&](unsigned I, const CXXRecordDecl *RD) {
    return utils::receives(Try->getHandler(I), "folly::OperationCancelled", RD,
                           {"std::exception"});
  };
  EXPECT_EQ(Receives(0, Cancelled), Reception::Exact);
  EXPECT_EQ(Receives(1, Cancelled), Reception::Base);
  EXPECT_EQ(Receives(2, Cancelled), Reception::None);
  EXPECT_EQ(Receives(3, Cancelled), Reception::None);
  EXPECT_EQ(Receives(4, Cancelled), Reception::Base);
  // Without a declaration, by name and documented bases.
  EXPECT_EQ(Receives(0, nullptr), Reception::Exact);
  EXPECT_EQ(Receives(1, nullptr), Reception::Base);
  EXPECT_EQ(Receives(3, nullptr), Reception::None);
  EXPECT_FALSE(utils::catchesEverything(Try->getHandler(0)));
  EXPECT_TRUE(utils::catchesEverything(Try->getHandler(1)));
  EXPECT_FALSE(utils::catchesEverything(Try->getHandler(2)));
  EXPECT_TRUE(utils::catchesEverything(Try->getHandler(4)));

  // A handler whose type is a template parameter may take anything.
  const auto *Dependent = first<CXXTryStmt>(function(*AST, "g"));
  EXPECT_EQ(utils::receives(Dependent->getHandler(0),
                            "folly::OperationCancelled", Cancelled, {}),
            Reception::Unknown);
}

TEST(Handlers, ExposedSuspensionPoints) {
  auto AST = build(R"cpp(
    task direct() { try { co_await task{}; } catch (...) {} }
    task absorbed() {
      try { try { co_await task{}; } catch (...) { log("x"); } } catch (...) {}
    }
    task rethrown() {
      try { try { co_await task{}; } catch (...) { throw; } } catch (...) {}
    }
    task narrow() {
      try {
        try { co_await task{}; } catch (std::system_error &) {}
      } catch (...) {}
    }
    task in_lambda() {
      try { auto f = []() -> task { co_await task{}; }; } catch (...) {}
    }
    task ready_only() { try { co_await ready{}; } catch (...) {} }
  )cpp");
  const ASTContext &Ctx = AST->getASTContext();
  auto Exposed = [&](llvm::StringRef Name) {
    return utils::hasExposedSuspension(
        first<CXXTryStmt>(function(*AST, Name))->getTryBlock(), Ctx);
  };
  EXPECT_TRUE(Exposed("direct"));
  EXPECT_FALSE(Exposed("absorbed"));
  EXPECT_TRUE(Exposed("rethrown"));
  EXPECT_TRUE(Exposed("narrow"));
  EXPECT_FALSE(Exposed("in_lambda"));
  EXPECT_FALSE(Exposed("ready_only"));
}

TEST(Handlers, HandingTheExceptionOff) {
  auto AST = build(R"cpp(
    std::exception_ptr saved;
    std::error_code last;
    struct waiter { std::error_code code; } w;
    void captures() { try { c(); } catch (...) { saved = std::current_exception(); } }
    void stores_code() { try { c(); } catch (std::system_error &e) { last = e.code(); } }
    void stores_member() { try { c(); } catch (std::system_error &e) { w.code = e.code(); } }
    void local_only() {
      try { c(); } catch (std::system_error &e) { std::error_code l; l = e.code(); }
    }
    void message() { try { c(); } catch (std::system_error &e) { log(e.what()); } }
    void lambda() {
      try { c(); } catch (...) { auto f = [] { saved = std::current_exception(); }; }
    }
  )cpp");
  auto HandsOff = [&](llvm::StringRef Name) {
    return utils::handsOffException(
        first<CXXTryStmt>(function(*AST, Name))->getHandler(0));
  };
  EXPECT_TRUE(HandsOff("captures"));
  EXPECT_TRUE(HandsOff("stores_code"));
  EXPECT_TRUE(HandsOff("stores_member"));
  EXPECT_FALSE(HandsOff("local_only"));
  EXPECT_FALSE(HandsOff("message"));
  EXPECT_FALSE(HandsOff("lambda"));
}

TEST(Handlers, FreshExceptionName) {
  auto AST = build(R"cpp(
    int e, ex;
    void free_e() { try { c(); } catch (std::exception &) { log("x"); } }
    void taken() { try { c(); } catch (std::exception &) { (void)e; (void)ex; } }
  )cpp");
  EXPECT_EQ(utils::freshExceptionName(handlerBlock(*AST, "free_e")), "e");
  EXPECT_EQ(utils::freshExceptionName(handlerBlock(*AST, "taken")), "exc");
}

TEST(ErrorCodes, ConditionsWhenCancelled) {
  auto AST = build(R"cpp(
    void set(std::error_code ec) { if (ec) return; }
    void unset(std::error_code ec) { if (!ec) return; }
    void aborted(std::error_code ec) {
      if (ec == asio::error::operation_aborted) return;
    }
    void other_error(std::error_code ec) {
      if (ec && ec != asio::error::operation_aborted) return;
    }
    void state(bool cancelled_flag) {
      struct { bool cancelled() const; } cancellation_state;
      if (cancellation_state.cancelled()) return;
    }
    void unknown(std::error_code ec) { if (c()) return; }
    void exception_code(std::system_error &e) {
      if (e.code() == asio::error::operation_aborted) throw;
    }
  )cpp");
  utils::CancellationConditions Conditions(AST->getASTContext(), {});
  auto IsCode = [](const Expr *E) { return utils::errorCodeRef(E) != nullptr; };
  auto Taken = [&](llvm::StringRef Name, utils::CodePredicate Pred) {
    return Conditions.branchWhenCancelled(first<IfStmt>(function(*AST, Name)),
                                          Pred);
  };
  EXPECT_EQ(Taken("set", IsCode), Branch::Then);
  EXPECT_EQ(Taken("unset", IsCode), Branch::Else);
  EXPECT_EQ(Taken("aborted", IsCode), Branch::Then);
  EXPECT_EQ(Taken("other_error", IsCode), Branch::Else);
  EXPECT_EQ(Taken("state", IsCode), Branch::Guard);
  EXPECT_EQ(Taken("unknown", IsCode), Branch::Both);
  EXPECT_EQ(Taken("exception_code", utils::isExceptionCode), Branch::Then);

  // `if (ec && ec != aborted) return;` falls through when cancelled.
  const FunctionDecl *Other = function(*AST, "other_error");
  EXPECT_EQ(Conditions.exitsWhenCancelled(Other->getBody(), IsCode),
            ExitSet(Exit::FallThrough));
  EXPECT_EQ(
      Conditions.exitsWhenCancelled(function(*AST, "set")->getBody(), IsCode),
      ExitSet(Exit::Return));

  llvm::SmallVector<const IfStmt *, 4> Ifs;
  for (llvm::StringRef Name : {"set", "unset", "unknown", "other_error"})
    Ifs.push_back(first<IfStmt>(function(*AST, Name)));
  llvm::SmallVector<utils::ErrorTest, 8> Tests = utils::errorTests(Ifs);
  ASSERT_EQ(Tests.size(), 3u);
  EXPECT_TRUE(Tests[0].Test.Positive);
  EXPECT_FALSE(Tests[1].Test.Positive);
  EXPECT_EQ(Tests[2].If, Ifs[3]);
}

TEST(ErrorCodes, CancellationClassesInConditions) {
  auto AST = build(R"cpp(
    namespace folly { struct OperationCancelled : std::exception {}; }
    void cast(std::exception &e) {
      if (dynamic_cast<folly::OperationCancelled *>(&e)) throw;
    }
    void other(std::exception &e) {
      if (dynamic_cast<std::system_error *>(&e)) throw;
    }
  )cpp");
  const CXXRecordDecl *Cancelled =
      utils::lookupClass(AST->getASTContext(), "folly::OperationCancelled");
  utils::CancellationConditions With(AST->getASTContext(), {Cancelled});
  utils::CancellationConditions Without(AST->getASTContext(), {});
  const auto *Cast = first<IfStmt>(function(*AST, "cast"));
  EXPECT_TRUE(With.testsCancellation(Cast));
  EXPECT_FALSE(Without.testsCancellation(Cast));
  EXPECT_FALSE(With.testsCancellation(first<IfStmt>(function(*AST, "other"))));
}

TEST(ErrorCodes, SitesOfAwaitedErrorCodes) {
  auto AST = build(R"cpp(
    task declared() { std::error_code ec = co_await asio::async_code(); }
    task tied() {
      std::error_code ec; int n;
      std::tie(ec, n) = co_await asio::async_pair();
    }
    task redirected() {
      std::error_code ec;
      co_await asio::async_wait(asio::redirect_error(asio::use_awaitable_t{}, ec));
    }
    task through_variable() {
      std::error_code ec;
      auto token = asio::redirect_error(asio::use_awaitable_t{}, ec);
      co_await asio::async_wait(token);
    }
    task not_awaited() { std::error_code ec; if (ec) co_return; }
    task in_lambda() {
      auto f = []() -> task { std::error_code ec = co_await asio::async_code(); };
      co_return;
    }
  )cpp");
  auto Sites = [&](llvm::StringRef Name) {
    return utils::errorCodeSites(utils::getUserBody(function(*AST, Name)),
                                 utils::Framework::Unknown);
  };
  for (llvm::StringRef Name :
       {"declared", "tied", "redirected", "through_variable"}) {
    SCOPED_TRACE(Name.str());
    auto Found = Sites(Name);
    ASSERT_EQ(Found.size(), 1u);
    EXPECT_EQ(Found[0].Code->getName(), "ec");
    EXPECT_EQ(Found[0].Library, utils::Framework::Asio);
    EXPECT_TRUE(llvm::isa<CoawaitExpr>(Found[0].Await));
  }
  EXPECT_TRUE(Sites("not_awaited").empty());
  EXPECT_TRUE(Sites("in_lambda").empty());
}

TEST(FixIts, InsertingStatements) {
  auto AST = build(R"cpp(
    void one_line() { try { c(); } catch (...) { log("x"); } }
    void lines() {
      try {
        c();
      } catch (...) {
        log("x");
      }
    }
    #define LOG(x) log(x)
    void macro() {
      try { c(); } catch (...) {
        LOG("x");
      }
    }
  )cpp");
  const SourceManager &SM = AST->getSourceManager();
  const LangOptions &LO = AST->getLangOpts();
  auto AtEnd = [&](llvm::StringRef Name) {
    const auto *Block = llvm::cast<CompoundStmt>(handlerBlock(*AST, Name));
    return utils::insertStatementAtEnd(Block, "throw;", SM);
  };
  auto Before = [&](llvm::StringRef Name) {
    const auto *Block = llvm::cast<CompoundStmt>(handlerBlock(*AST, Name));
    return utils::insertStatementBefore(*Block->body_begin(), "throw;", SM, LO);
  };
  ASSERT_TRUE(AtEnd("one_line"));
  EXPECT_EQ(AtEnd("one_line")->CodeToInsert, "throw; ");
  ASSERT_TRUE(AtEnd("lines"));
  EXPECT_EQ(AtEnd("lines")->CodeToInsert, "        throw;\n");
  ASSERT_TRUE(Before("lines"));
  EXPECT_EQ(Before("lines")->CodeToInsert, "throw;\n        ");
  // Before a macro use, at its name.
  ASSERT_TRUE(Before("macro"));
  EXPECT_EQ(Before("macro")->CodeToInsert, "throw;\n        ");
  EXPECT_TRUE(Before("macro")->RemoveRange.getBegin().isFileID());
}

} // namespace
} // namespace clang::tidy::async
