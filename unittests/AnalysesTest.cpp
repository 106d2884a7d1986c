//===--- AnalysesTest.cpp - exits, non-blocking I/O, templates, names -----===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

#include "TestAST.h"
#include "utils/ErrorCodes.h"
#include "utils/Exits.h"
#include "utils/Frameworks.h"
#include "utils/Loops.h"
#include "utils/Names.h"
#include "utils/NonBlockingIo.h"
#include "utils/Templates.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "gtest/gtest.h"
#include <functional>

namespace clang::tidy::async {
namespace {

using test::buildAST;
using test::CoroutinePrelude;
using test::first;
using test::function;
using utils::Exit;
using utils::ExitSet;

/// The exits of the body of the first loop in \p Name.
ExitSet loopBodyExits(ASTUnit &AST, llvm::StringRef Name) {
  const FunctionDecl *FD = function(AST, Name);
  const auto *Loop = first<ForStmt>(FD);
  return utils::exitsOf(Loop->getBody(), AST.getASTContext());
}

TEST(Exits, BreakContinueReturnThrowAndFallThrough) {
  auto AST = buildAST(R"cpp(
    bool c();
    void once() { for (;;) { c(); break; } }
    void maybe() { for (;;) { if (c()) continue; break; } }
    void returns() { for (;;) { if (c()) return; throw 1; } }
    void falls() { for (;;) { if (c()) break; } }
    void nested() { for (;;) { for (int i = 0; i < 3; ++i) { continue; } break; } }
    void stuck() { for (;;) { for (;;) { continue; } break; } }
  )cpp");
  EXPECT_EQ(loopBodyExits(*AST, "once"), ExitSet(Exit::Break));
  EXPECT_EQ(loopBodyExits(*AST, "maybe"),
            ExitSet({Exit::Continue, Exit::Break}));
  EXPECT_EQ(loopBodyExits(*AST, "returns"),
            ExitSet({Exit::Return, Exit::Throw}));
  EXPECT_EQ(loopBodyExits(*AST, "falls"),
            ExitSet({Exit::Break, Exit::FallThrough}));
  // The inner loop's `continue` is the inner loop's business.
  EXPECT_EQ(loopBodyExits(*AST, "nested"), ExitSet(Exit::Break));
  // An inner loop that never ends never reaches the `break` after it.
  EXPECT_TRUE(loopBodyExits(*AST, "stuck").empty());
}

TEST(Loops, BodiesAndConditions) {
  auto AST = buildAST(R"cpp(
    bool c();
    void f(int (&a)[2]) {
      for (;;) {}
      while (c()) {}
      do {} while (c());
      for (int x : a) { (void)x; }
    }
  )cpp");
  const auto *Body = llvm::cast<CompoundStmt>(function(*AST, "f")->getBody());
  llvm::SmallVector<const Stmt *, 4> Loops(Body->body_begin(),
                                           Body->body_end());
  ASSERT_EQ(Loops.size(), 4u);
  for (const Stmt *Loop : Loops) {
    EXPECT_TRUE(utils::isLoop(Loop));
    EXPECT_NE(utils::loopBody(Loop), nullptr);
  }
  EXPECT_EQ(utils::loopCondition(Loops[0]), nullptr);
  EXPECT_NE(utils::loopCondition(Loops[1]), nullptr);
  EXPECT_NE(utils::loopCondition(Loops[2]), nullptr);
  EXPECT_EQ(utils::loopCondition(Loops[3]), nullptr);
  EXPECT_FALSE(utils::isLoop(Body));
  EXPECT_EQ(utils::loopBody(Body), nullptr);
}

/// The loops written directly in the body of \p Name, in order.
llvm::SmallVector<const Stmt *, 8> loopsOf(ASTUnit &AST, llvm::StringRef Name) {
  const FunctionDecl *FD = function(AST, Name);
  EXPECT_NE(FD, nullptr);
  llvm::SmallVector<const Stmt *, 8> Loops;
  if (FD)
    for (const Stmt *S : llvm::cast<CompoundStmt>(FD->getBody())->body())
      if (utils::isLoop(S))
        Loops.push_back(S);
  return Loops;
}

TEST(Loops, RunsAtMostOnce) {
  auto AST = buildAST(R"cpp(
    bool c();
    void f() {
      do { c(); } while (0);
      do { c(); } while (false);
      while (false) { c(); }
      for (;;) { c(); break; }
      do { c(); } while (c());
      while (true) { if (c()) break; }
      for (int i = 0; i < 2; ++i) { c(); }
    }
  )cpp");
  auto Loops = loopsOf(*AST, "f");
  ASSERT_EQ(Loops.size(), 7u);
  ASTContext &Ctx = AST->getASTContext();
  EXPECT_TRUE(utils::runsAtMostOnce(Loops[0], Ctx));
  EXPECT_TRUE(utils::runsAtMostOnce(Loops[1], Ctx));
  EXPECT_TRUE(utils::runsAtMostOnce(Loops[2], Ctx));
  EXPECT_TRUE(utils::runsAtMostOnce(Loops[3], Ctx));
  EXPECT_FALSE(utils::runsAtMostOnce(Loops[4], Ctx));
  EXPECT_FALSE(utils::runsAtMostOnce(Loops[5], Ctx));
  EXPECT_FALSE(utils::runsAtMostOnce(Loops[6], Ctx));
}

TEST(Loops, ConstantTripCount) {
  auto AST = buildAST(R"cpp(
    namespace std {
    template <class T> class initializer_list {
      const T *First;
      decltype(sizeof 0) Size;
    public:
      const T *begin() const { return First; }
      const T *end() const { return First + Size; }
    };
    } // namespace std
    int next();
    constexpr int Cases = 3;
    void f(int n, int (&a)[4], const int *p) {
      for (int i = 0; i < 2; ++i) {}
      for (int i = 1; i <= Cases; i++) {}
      for (unsigned i = 0; i != 5; i += 1) {}
      for (int x : {1, 2, 3}) { (void)x; }
      for (int x : a) { (void)x; }
      for (int i = 0; i < n; ++i) {}
      for (int i = 0; i < 2; ++i) { i = next(); }
      for (int i = 0; i < 8; i += 2) {}
      for (int i = 5; i > 0; --i) {}
      while (n) {}
    }
  )cpp");
  auto Loops = loopsOf(*AST, "f");
  ASSERT_EQ(Loops.size(), 10u);
  ASTContext &Ctx = AST->getASTContext();
  EXPECT_EQ(utils::constantTripCount(Loops[0], Ctx), 2u);
  EXPECT_EQ(utils::constantTripCount(Loops[1], Ctx), 3u);
  EXPECT_EQ(utils::constantTripCount(Loops[2], Ctx), 5u);
  EXPECT_EQ(utils::constantTripCount(Loops[3], Ctx), 3u);
  EXPECT_EQ(utils::constantTripCount(Loops[4], Ctx), 4u);
  // A bound read at run time, a counter the body changes, other steps and
  // conditions: the code does not fix the count (as far as this reads it).
  for (unsigned I = 5; I < Loops.size(); ++I)
    EXPECT_EQ(utils::constantTripCount(Loops[I], Ctx), std::nullopt) << I;
}

TEST(Exits, CoReturnInAHandler) {
  auto AST = buildAST(std::string(CoroutinePrelude) + R"cpp(
    task f() {
      try { co_await task{}; } catch (...) { co_return; }
    }
  )cpp");
  const auto *Try = first<CXXTryStmt>(function(*AST, "f"));
  ASSERT_NE(Try, nullptr);
  EXPECT_EQ(utils::exitsOf(Try->getHandler(0)->getHandlerBlock(),
                           AST->getASTContext()),
            ExitSet(Exit::Return));
}

/// The condition of the first `if` in \p Name.
const Expr *firstCondition(ASTUnit &AST, llvm::StringRef Name) {
  return first<IfStmt>(function(AST, Name))->getCond();
}

TEST(ErrorCodes, TruthTestsAndCancellation) {
  auto AST = buildAST(R"cpp(
    namespace asio::error {
    enum basic_errors { operation_aborted = 125, eof = 2 };
    }
    namespace std {
    struct error_code {
      error_code() = default;
      error_code(asio::error::basic_errors) {}
      explicit operator bool() const { return false; }
    };
    bool operator==(const error_code &, const error_code &);
    }
    bool other();
    void set(std::error_code ec) { if (ec) return; }
    void unset(std::error_code ec) { if (!ec) return; }
    void both(std::error_code ec) { if (ec && other()) return; }
    void either(std::error_code ec) { if (!ec || other()) return; }
    void aborted(std::error_code ec) { if (ec == asio::error::operation_aborted) return; }
    void not_eof(std::error_code ec) { if (ec != asio::error::eof) return; }
    void unknown(std::error_code ec) { if (other()) return; }
    void not_a_code(int ec) { if (ec) return; }
  )cpp");
  auto Test = [&](llvm::StringRef Name) {
    return utils::truthTest(firstCondition(*AST, Name));
  };
  ASSERT_TRUE(Test("set"));
  EXPECT_TRUE(Test("set")->Positive);
  ASSERT_TRUE(Test("unset"));
  EXPECT_FALSE(Test("unset")->Positive);
  // `ec && x` holds only on error; `!ec || x` says nothing sure about errors
  // in its `then`, but sends all successes there.
  ASSERT_TRUE(Test("both"));
  EXPECT_TRUE(Test("both")->Positive);
  ASSERT_TRUE(Test("either"));
  EXPECT_FALSE(Test("either")->Positive);
  EXPECT_FALSE(Test("unknown"));
  EXPECT_FALSE(Test("not_a_code"));

  // With the code holding operation_aborted.
  auto IsCode = [](const Expr *E) { return utils::errorCodeRef(E) != nullptr; };
  auto Cancelled = [&](llvm::StringRef Name) {
    return utils::evaluateCancelled(firstCondition(*AST, Name), IsCode);
  };
  EXPECT_EQ(Cancelled("set"), utils::Truth::True);
  EXPECT_EQ(Cancelled("unset"), utils::Truth::False);
  EXPECT_EQ(Cancelled("aborted"), utils::Truth::True);
  EXPECT_EQ(Cancelled("not_eof"), utils::Truth::True);
  EXPECT_EQ(Cancelled("both"), utils::Truth::Unknown);
  EXPECT_EQ(Cancelled("unknown"), utils::Truth::Unknown);
}

TEST(NonBlockingIo, TheIdiomsAroundADescriptorCall) {
  auto AST = buildAST(std::string(CoroutinePrelude) + R"cpp(
    #define EAGAIN 11
    #define EWOULDBLOCK EAGAIN
    #define MSG_DONTWAIT 0x40
    extern "C" long recv(int, void *, unsigned long, int);
    extern "C" long write(int, const void *, unsigned long);
    extern int errno_value;
    struct status { bool try_again() const; };
    task poll(int fd);
    task tests_errno(int fd, char *b) {
      if (recv(fd, b, 1, 0) < 0 && errno_value == EWOULDBLOCK) co_await poll(fd);
    }
    task asks_predicate(status s) { if (s.try_again()) co_return; }
    task dont_wait(int fd, char *b) { recv(fd, b, 1, MSG_DONTWAIT); co_return; }
    task awaits_poll(int fd, char *b) { co_await poll(fd); recv(fd, b, 1, 0); }
    task plain(int fd, char *b) { recv(fd, b, 1, 0); co_await task{}; }
    void wake(int fd) { unsigned long one = 1; write(fd, &one, sizeof one); }
    void buffer(int fd, char *b) { write(fd, b, 16); }
  )cpp");
  const ASTContext &Ctx = AST->getASTContext();
  utils::NonBlockingIoFacts Facts;
  EXPECT_TRUE(Facts.usesNonBlockingIo(function(*AST, "tests_errno"), Ctx));
  EXPECT_TRUE(Facts.usesNonBlockingIo(function(*AST, "asks_predicate"), Ctx));
  EXPECT_TRUE(Facts.usesNonBlockingIo(function(*AST, "dont_wait"), Ctx));
  EXPECT_TRUE(Facts.usesNonBlockingIo(function(*AST, "awaits_poll"), Ctx));
  EXPECT_FALSE(Facts.usesNonBlockingIo(function(*AST, "plain"), Ctx));

  const auto *Wake = first<CallExpr>(function(*AST, "wake"));
  const auto *Buffer = first<CallExpr>(function(*AST, "buffer"));
  EXPECT_TRUE(utils::isPosixDescriptorCall(Wake));
  EXPECT_TRUE(utils::isWakeUpWrite(Wake));
  EXPECT_FALSE(utils::isWakeUpWrite(Buffer));
}

TEST(NonBlockingIo, ACppFunctionNamedLikePosixIsNot) {
  auto AST = buildAST(R"cpp(
    namespace app { long recv(int); }
    void f() { app::recv(1); }
  )cpp");
  EXPECT_FALSE(
      utils::isPosixDescriptorCall(first<CallExpr>(function(*AST, "f"))));
}

TEST(Templates, InstantiatedTypesOfAReference) {
  auto AST = buildAST(R"cpp(
    template <class T> struct box { T value; };
    template <class T> void each(box<T> *items, int n) {
      for (int i = 0; i < n; ++i) {
        box<T> &item = items[i];
        (void)item;
      }
    }
    template void each<int>(box<int> *, int);
    template void each<long>(box<long> *, int);
    template <class T> void never(T t) { (void)t; }
  )cpp");
  const FunctionDecl *Each = function(*AST, "each");
  ASSERT_NE(Each, nullptr);
  // The pattern comes first in the translation unit.
  Each = Each->getTemplateInstantiationPattern()
             ? Each->getTemplateInstantiationPattern()
             : Each;
  const DeclRefExpr *Item = nullptr;
  for (const auto *Ref : {first<DeclRefExpr>(Each)})
    Item = Ref;
  ASSERT_NE(Item, nullptr);
  llvm::SmallVector<QualType, 2> Types = utils::instantiatedTypes(Item, Each);
  EXPECT_EQ(Types.size(), 2u);
  const FunctionDecl *Never = function(*AST, "never");
  EXPECT_TRUE(
      utils::instantiatedTypes(first<DeclRefExpr>(Never), Never).empty());
}

TEST(Frameworks, OneRowPerFramework) {
  using utils::Framework;
  for (Framework F :
       {Framework::BoostAsio, Framework::Asio, Framework::Folly,
        Framework::Cppcoro, Framework::Libcoro, Framework::AsyncSimple,
        Framework::Stdexec, Framework::QCoro, Framework::Seastar,
        Framework::Concurrencpp, Framework::AsioGrpc}) {
    const utils::FrameworkProfile &P = utils::profile(F);
    EXPECT_EQ(P.Kind, F);
    EXPECT_FALSE(P.Namespace.empty());
    // Detection goes by the namespace column, which holds the spelling's.
    EXPECT_FALSE(P.Namespaces.empty());
    EXPECT_TRUE(llvm::any_of(P.Namespaces, [&](llvm::StringRef NS) {
      return P.Namespace == NS || P.Namespace.starts_with((NS + "::").str());
    }));
    // A range join comes with the namespace it lives in.
    if (!P.RangeJoin.empty()) {
      EXPECT_TRUE(P.RangeJoin.starts_with(P.Namespace.split("::").first));
    }
  }
  EXPECT_EQ(utils::profile(Framework::Unknown).Kind, Framework::Unknown);
  // Boost.Asio and Asio differ in their namespace only.
  EXPECT_EQ(utils::profile(Framework::BoostAsio).TimerIdiom,
            utils::profile(Framework::Asio).TimerIdiom);
}

const Decl *named(ASTUnit &AST, llvm::StringRef Qualified) {
  const Decl *Found = nullptr;
  std::function<void(const DeclContext *)> Visit = [&](const DeclContext *DC) {
    for (const Decl *D : DC->decls()) {
      if (const auto *ND = llvm::dyn_cast<NamedDecl>(D);
          ND && ND->getQualifiedNameAsString() == Qualified)
        Found = ND;
      if (const auto *Inner = llvm::dyn_cast<DeclContext>(D))
        Visit(Inner);
    }
  };
  Visit(AST.getASTContext().getTranslationUnitDecl());
  return Found;
}

TEST(Frameworks, DetectionByNamespaceColumn) {
  using utils::Framework;
  // A program's own namespaces called like a framework's, without the
  // declarations the framework's headers make, are not the framework.
  auto Mine = buildAST(R"cpp(
    namespace coro { struct scheduler {}; }
    namespace exec { struct async_scope {}; }
    namespace boost::asio { struct io_context {}; }
    namespace folly::io { struct Cursor {}; }
    namespace agrpc::detail { struct op {}; }
    namespace asiox { struct x {}; }
  )cpp");
  EXPECT_EQ(utils::frameworkOf(named(*Mine, "coro::scheduler")),
            Framework::Unknown);
  EXPECT_EQ(utils::frameworkOf(named(*Mine, "exec::async_scope")),
            Framework::Unknown);
  EXPECT_EQ(utils::frameworkOf(named(*Mine, "boost::asio::io_context")),
            Framework::BoostAsio);
  EXPECT_EQ(utils::frameworkOf(named(*Mine, "folly::io::Cursor")),
            Framework::Folly);
  EXPECT_EQ(utils::frameworkOf(named(*Mine, "agrpc::detail::op")),
            Framework::AsioGrpc);
  EXPECT_EQ(utils::frameworkOf(named(*Mine, "asiox::x")), Framework::Unknown);
  // With the framework's own declarations in the unit, they are.
  auto Theirs = buildAST(R"cpp(
    namespace coro::concepts { template <class T> concept executor = true; }
    namespace coro { struct scheduler {}; }
    namespace stdexec { template <class S> concept sender = true; }
    namespace exec { struct async_scope {}; }
  )cpp");
  EXPECT_EQ(utils::frameworkOf(named(*Theirs, "coro::scheduler")),
            Framework::Libcoro);
  EXPECT_EQ(utils::frameworkOf(named(*Theirs, "exec::async_scope")),
            Framework::Stdexec);
}

TEST(Frameworks, RenamedSchedulerHasBothNames) {
  llvm::ArrayRef<llvm::StringRef> Schedulers =
      utils::profile(utils::Framework::Libcoro).TimerSchedulers;
  EXPECT_TRUE(llvm::is_contained(Schedulers, "coro::scheduler"));
  EXPECT_TRUE(llvm::is_contained(Schedulers, "coro::io_scheduler"));
}

TEST(Names, SpelledTypeKeepsTheSugar) {
  auto AST = buildAST(R"cpp(
    namespace lib {
    struct executor {};
    template <class T, class E = executor> struct awaitable {};
    }
    using reply = lib::awaitable<bool>;
    reply f();
    void g() { f(); }
  )cpp");
  const auto *Call = first<CallExpr>(function(*AST, "g"));
  ASSERT_NE(Call, nullptr);
  EXPECT_EQ(utils::spelledType(Call->getType(), AST->getASTContext()), "reply");
}

} // namespace
} // namespace clang::tidy::async

namespace clang::tidy::async {
namespace {

TEST(ErrorCodes, TerminalErrorOfEachLibrarysReads) {
  auto AST = test::buildAST(R"cpp(
    namespace boost::asio { struct socket { int async_read_some(int); int async_write_some(int); }; }
    namespace boost::beast::http { int async_read(int); }
    namespace boost::beast::websocket { struct stream { int async_read(int); }; }
    namespace mine { int async_read(int); }
    void asio(boost::asio::socket &s) { s.async_read_some(1); }
    void write(boost::asio::socket &s) { s.async_write_some(1); }
    void http() { boost::beast::http::async_read(1); }
    void ws(boost::beast::websocket::stream &w) { w.async_read(1); }
    void other() { mine::async_read(1); }
  )cpp");
  auto Terminal = [&](llvm::StringRef Function) -> std::string {
    const auto *Call = test::first<CallExpr>(test::function(*AST, Function));
    std::optional<utils::TerminalError> T = utils::terminalErrorOfRead(Call);
    return T ? (T->Namespace + "::error::" + T->Name).str() : "none";
  };
  EXPECT_EQ(Terminal("asio"), "boost::asio::error::eof");
  EXPECT_EQ(Terminal("write"), "none");
  EXPECT_EQ(Terminal("http"), "boost::beast::http::error::end_of_stream");
  EXPECT_EQ(Terminal("ws"), "boost::beast::websocket::error::closed");
  EXPECT_EQ(Terminal("other"), "none");
}

} // namespace
} // namespace clang::tidy::async
