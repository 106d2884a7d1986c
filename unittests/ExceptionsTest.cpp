//===--- ExceptionsTest.cpp - where an exception can leave a body ---------===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

#include "utils/Exceptions.h"
#include "TestAST.h"
#include "utils/Frameworks.h"
#include "utils/Names.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "gtest/gtest.h"

namespace clang::tidy::async {
namespace {

using test::buildAST;
using test::CoroutinePrelude;
using test::function;
using utils::EscapingThrow;

/// A small exception hierarchy, without the standard headers.
const char *const Hierarchy = R"cpp(
namespace std {
struct exception { virtual ~exception() noexcept; };
struct runtime_error : exception { runtime_error(const char *); };
struct logic_error : exception { logic_error(const char *); };
}
)cpp";

using Evidence = utils::ExceptionAnalysis::Evidence;

std::optional<EscapingThrow> escaping(ASTUnit &AST, llvm::StringRef Name,
                                      Evidence Mode = Evidence::Assumed) {
  utils::ExceptionAnalysis Analysis(AST.getASTContext(), Mode);
  return Analysis.firstEscaping(function(AST, Name)->getBody());
}

TEST(Exceptions, ThrowsAndTheirHandlers) {
  auto AST = buildAST(std::string(Hierarchy) + R"cpp(
    void bare() { throw std::runtime_error("x"); }
    void all() { try { throw 1; } catch (...) {} }
    void base() { try { throw std::runtime_error("x"); } catch (std::exception &) {} }
    void sibling() { try { throw std::runtime_error("x"); } catch (std::logic_error &) {} }
    void rethrow() { try { throw 1; } catch (int) { throw; } }
    void nested() {
      try { try { throw 1; } catch (int) { throw; } } catch (...) {}
    }
  )cpp");
  ASSERT_TRUE(escaping(*AST, "bare"));
  EXPECT_EQ(escaping(*AST, "bare")->Kind, EscapingThrow::Throw);
  EXPECT_FALSE(escaping(*AST, "all"));
  EXPECT_FALSE(escaping(*AST, "base"));
  EXPECT_TRUE(escaping(*AST, "sibling"));
  // A throw inside a handler escapes that handler's own try.
  EXPECT_TRUE(escaping(*AST, "rethrow"));
  EXPECT_FALSE(escaping(*AST, "nested"));
}

TEST(Exceptions, CallsNoexceptAndVisibleBodies) {
  auto AST = buildAST(std::string(Hierarchy) + R"cpp(
    void opaque();
    void quiet() noexcept;
    int inline_sum(int a, int b) { return a + b; }
    void thrower() { throw 1; }
    void indirect() { thrower(); }
    struct Widget { virtual void run(); };
    void calls_opaque() { opaque(); }
    void calls_quiet() { quiet(); }
    void calls_inline() { (void)inline_sum(1, 2); }
    void calls_indirect() { indirect(); }
    void calls_virtual(Widget &w) { w.run(); }
    void guarded_std() { try { opaque(); } catch (const std::exception &) {} }
    void guarded_narrow() { try { opaque(); } catch (const std::runtime_error &) {} }
    void through_pointer(void (*f)() noexcept) { f(); }
  )cpp");
  ASSERT_TRUE(escaping(*AST, "calls_opaque"));
  EXPECT_EQ(escaping(*AST, "calls_opaque")->Kind, EscapingThrow::Call);
  EXPECT_FALSE(escaping(*AST, "calls_quiet"));
  EXPECT_FALSE(escaping(*AST, "calls_inline"));
  EXPECT_TRUE(escaping(*AST, "calls_indirect"));
  EXPECT_TRUE(escaping(*AST, "calls_virtual"));
  // What the code shows: a body that is not visible, or an override that
  // may be called instead, is not evidence; a visible body that throws is.
  EXPECT_FALSE(escaping(*AST, "calls_opaque", Evidence::Shown));
  EXPECT_FALSE(escaping(*AST, "calls_virtual", Evidence::Shown));
  EXPECT_TRUE(escaping(*AST, "calls_indirect", Evidence::Shown));
  EXPECT_FALSE(escaping(*AST, "calls_inline", Evidence::Shown));
  // What a call throws is unknown: std::exception covers it, a narrower
  // handler does not.
  EXPECT_FALSE(escaping(*AST, "guarded_std"));
  EXPECT_TRUE(escaping(*AST, "guarded_narrow"));
  EXPECT_FALSE(escaping(*AST, "through_pointer"));
}

TEST(Exceptions, Awaits) {
  auto AST = buildAST(std::string(CoroutinePrelude) + R"cpp(
    struct throwing {
      bool await_ready() const noexcept { return false; }
      void await_suspend(std::coroutine_handle<>) const noexcept {}
      int await_resume() const { return 0; }
    };
    task quiet_child() { co_return; }
    task loud_child() { throw 1; co_return; }
    task awaits_ready() { co_await ready{}; }
    task awaits_throwing() { co_await throwing{}; }
    task awaits_quiet_child() { co_await quiet_child(); }
    task awaits_loud_child() { co_await loud_child(); }
    task calls_loud_child() { loud_child(); co_return; }
  )cpp");
  auto UserBody = [&](llvm::StringRef Name, Evidence Mode = Evidence::Assumed) {
    utils::ExceptionAnalysis Analysis(AST->getASTContext(), Mode);
    const auto *Coro =
        llvm::cast<CoroutineBodyStmt>(function(*AST, Name)->getBody());
    return Analysis.firstEscaping(Coro->getBody());
  };
  // await_resume() is noexcept.
  EXPECT_FALSE(UserBody("awaits_ready"));
  ASSERT_TRUE(UserBody("awaits_throwing"));
  EXPECT_EQ(UserBody("awaits_throwing")->Kind, EscapingThrow::Await);
  // Awaiting a coroutine throws what its visible body throws.
  EXPECT_FALSE(UserBody("awaits_quiet_child"));
  EXPECT_TRUE(UserBody("awaits_loud_child"));
  // Calling one does not: the body's exceptions go to its task.
  EXPECT_FALSE(UserBody("calls_loud_child"));
}

TEST(Exceptions, StandardLibraryAndFrameworksThatFailByValue) {
  auto AST = buildAST(std::string(CoroutinePrelude) + R"cpp(
    namespace std {
    struct string { string(const char *); };
    struct ostream {};
    ostream &operator<<(ostream &, const char *);
    extern ostream cerr;
    int stoi(const string &);
    void rethrow_exception(int);
    }
    namespace coro::concepts { template <class T> concept executor = true; }
    namespace coro {
    struct status { bool ok; };
    struct client {
      struct op {
        bool await_ready() const noexcept { return false; }
        void await_suspend(std::coroutine_handle<>) const noexcept {}
        status await_resume() const;
      };
      op read_some();
    };
    }
    namespace boost::asio {
    struct socket {
      struct op {
        bool await_ready() const noexcept { return false; }
        void await_suspend(std::coroutine_handle<>) const noexcept {}
        int await_resume() const;
      };
      op async_read_some();
    };
    }
    void allocates() { std::string s("x"); std::cerr << "x"; }
    void parses() { (void)std::stoi("1"); }
    void rethrows() { std::rethrow_exception(0); }
    task libcoro_read(coro::client &c) { (void)(co_await c.read_some()); }
    task asio_read(boost::asio::socket &s) { (void)(co_await s.async_read_some()); }
  )cpp");
  auto UserBody = [&](llvm::StringRef Name, Evidence Mode = Evidence::Assumed) {
    utils::ExceptionAnalysis Analysis(AST->getASTContext(), Mode);
    const Stmt *Body = function(*AST, Name)->getBody();
    if (const auto *Coro = llvm::dyn_cast<CoroutineBodyStmt>(Body))
      Body = Coro->getBody();
    return Analysis.firstEscaping(Body);
  };
  // Only running out of memory: not counted.
  EXPECT_FALSE(UserBody("allocates"));
  // Thrown on bad input, or on purpose.
  EXPECT_TRUE(UserBody("parses"));
  EXPECT_TRUE(UserBody("rethrows"));
  // libcoro returns statuses; Asio's operations throw.
  EXPECT_FALSE(UserBody("libcoro_read"));
  EXPECT_TRUE(UserBody("asio_read"));
  // An operation only declared outside a library header is the program's
  // own, defined elsewhere: not evidence.
  EXPECT_FALSE(UserBody("asio_read", Evidence::Shown));
  EXPECT_TRUE(UserBody("parses", Evidence::Shown));
}

TEST(Frameworks, DetachedStarts) {
  auto AST = buildAST(R"cpp(
    namespace boost::asio { template <class... A> void co_spawn(A...) {} }
    namespace coro::concepts { template <class T> concept executor = true; }
    namespace coro { struct scheduler { bool spawn_detached(int); }; }
    namespace cppcoro { struct async_scope { void spawn(int); }; }
    namespace mine { void co_spawn(); }
  )cpp");
  auto Lookup = [&](llvm::StringRef Name) {
    return utils::detachedStart(
        utils::findDeclaration(AST->getASTContext(), Name));
  };
  ASSERT_NE(Lookup("boost::asio::co_spawn"), nullptr);
  EXPECT_EQ(Lookup("boost::asio::co_spawn")->Kind,
            utils::DetachKind::SpawnWithToken);
  ASSERT_NE(Lookup("coro::scheduler::spawn_detached"), nullptr);
  EXPECT_FALSE(Lookup("coro::scheduler::spawn_detached")->ReportsUnhandled);
  // cppcoro's async_scope terminates on an escaping exception.
  ASSERT_NE(Lookup("cppcoro::async_scope::spawn"), nullptr);
  EXPECT_TRUE(Lookup("cppcoro::async_scope::spawn")->ReportsUnhandled);
  EXPECT_EQ(Lookup("mine::co_spawn"), nullptr);
}

} // namespace
} // namespace clang::tidy::async
