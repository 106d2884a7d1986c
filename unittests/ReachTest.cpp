//===--- ReachTest.cpp - call chains in a unit, and the link across units -===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

#include "TestAST.h"
#include "utils/CallChains.h"
#include "utils/EveryPath.h"
#include "utils/Facts.h"
#include "utils/Names.h"
#include "llvm/Support/FileSystem.h"
#include "gtest/gtest.h"

namespace clang::tidy::async {
namespace {

using test::buildAST;
using test::function;

/// A chain engine whose hits are calls to a function named `block`; with
/// \p Whenever, only what runs on every path through a function counts.
utils::CallChains blockChains(unsigned MaxDepth, bool Whenever = false) {
  return utils::CallChains(
      MaxDepth,
      [](const Expr *E, const ASTContext &) {
        const FunctionDecl *Callee = utils::namedCallee(E);
        return Callee && Callee->getName() == "block";
      },
      [](const FunctionDecl *Def) { return Def->getName() != "block"; },
      Whenever);
}

/// The names of the functions along a path, then "!" for the hit.
std::string describe(const std::optional<utils::CallPath> &Path) {
  if (!Path)
    return "none";
  std::string Text;
  for (const utils::CallEdge &Step : Path->Chain)
    Text += utils::qualifiedName(Step.Callee) + " ";
  return Text + "!";
}

TEST(CallChains, ShortestChainWithinTheDepth) {
  auto AST = buildAST(R"cpp(
    void block();
    void c() { block(); }
    void b() { c(); }
    void a() { b(); c(); }
    void deep3() { a(); }
    void recursive() { recursive(); }
  )cpp");
  auto Chains = blockChains(3);
  const ASTContext &Ctx = AST->getASTContext();
  EXPECT_EQ(describe(Chains.reach(function(*AST, "c"), Ctx)), "!");
  // a reaches c directly as well as through b: the shorter chain.
  EXPECT_EQ(describe(Chains.reach(function(*AST, "a"), Ctx)), "c !");
  EXPECT_EQ(describe(Chains.reach(function(*AST, "deep3"), Ctx)), "a c !");
  EXPECT_EQ(describe(Chains.reach(function(*AST, "recursive"), Ctx)), "none");
  auto Shallow = blockChains(2);
  EXPECT_EQ(describe(Shallow.reach(function(*AST, "deep3"), Ctx)), "none");
}

TEST(EveryPath, WhatRunsEachTimeTheFunctionRuns) {
  auto AST = buildAST(R"cpp(
    void block();
    bool ready();
    void straight() { ready(); block(); }
    void branch() { if (ready()) block(); }
    void both() { if (ready()) block(); else block(); }
    void early() { if (ready()) return; block(); }
    void guarded(int *p) { if (!p) return; int n = *p; if (n <= 0) return; block(); }
    int fallback(int x) { if (ready()) return x + 1; block(); return 0; }
    bool done_already() { if (ready()) return true; block(); return false; }
    void constexpr_taken() { if constexpr (sizeof(int) > 1) block(); }
    void constexpr_dropped() { if constexpr (sizeof(int) < 1) block(); }
    void late_guard() { ready(); if (ready()) return; block(); }
    void guard_else() { if (ready()) return; else ready(); block(); }
    void loop(int n) { for (int i = 0; i < n; ++i) block(); }
    void after_loop(int n) { for (int i = 0; i < n; ++i) ready(); block(); }
    void nested() { int x = (block(), 1); (void)x; }
    void dead() { if (false) block(); }
    void leave_loop(int n) { while (n--) { if (ready()) break; block(); } }
    void poll(int n) { for (int i = 0; i < n; ++i) { if (ready()) return; block(); } }
    void after_exit_loop() { while (true) { if (ready()) break; } block(); }
    void thrown() { if (ready()) throw 1; block(); }
    void logical() { ready() && (block(), true); }
    void in_switch(int n) { switch (n) { case 1: block(); } }
  )cpp");
  utils::EveryPath Paths;
  auto Runs = [&](llvm::StringRef Name) {
    const FunctionDecl *F = function(*AST, Name);
    std::string Out;
    for (const CallExpr *Call : test::all<CallExpr>(F))
      if (Call->getDirectCallee() &&
          Call->getDirectCallee()->getName() == "block")
        Out += Paths.runsWhenever(F, Call) ? "1" : "0";
    return Out;
  };
  EXPECT_EQ(Runs("straight"), "1");
  EXPECT_EQ(Runs("branch"), "0");
  EXPECT_EQ(Runs("both"), "00"); // each branch alone is not every path
  // A guard at the top that gives up on unusable input (a valueless return)
  // leaves the function's work to what follows it ...
  EXPECT_EQ(Runs("early"), "1");
  EXPECT_EQ(Runs("guarded"), "1");
  // ... a return of a computed result is another way to do the work (a
  // fallback),
  // and a return after work or with an else is a branch.
  EXPECT_EQ(Runs("fallback"), "0");
  EXPECT_EQ(Runs("done_already"), "1"); // a constant result: a guard
  EXPECT_EQ(Runs("constexpr_taken"), "1");
  EXPECT_EQ(Runs("constexpr_dropped"), "0");
  EXPECT_EQ(Runs("late_guard"), "0");
  EXPECT_EQ(Runs("guard_else"), "0");
  EXPECT_EQ(Runs("loop"), "1"); // what the function does when it polls
  // A loop's exit before the call is how the loop stops polling.
  EXPECT_EQ(Runs("leave_loop"), "1");
  EXPECT_EQ(Runs("poll"), "1");
  EXPECT_EQ(Runs("after_exit_loop"), "1");
  EXPECT_EQ(Runs("after_loop"), "1");
  EXPECT_EQ(Runs("nested"), "1");
  EXPECT_EQ(Runs("dead"), "0");
  EXPECT_EQ(Runs("thrown"), "0");
  EXPECT_EQ(Runs("logical"), "0");
  EXPECT_EQ(Runs("in_switch"), "0");
}

TEST(CallChains, WheneverFollowsOnlyWhatRunsOnEveryPath) {
  auto AST = buildAST(R"cpp(
    void block();
    bool parse(const char *);
    void resolve() { block(); }
    int endpoint(const char *s) { if (parse(s)) return s[0]; resolve(); return 0; }
    int endpoint_always(const char *s) { parse(s); resolve(); return 0; }
    void maybe_block(bool b) { if (b) block(); }
  )cpp");
  const ASTContext &Ctx = AST->getASTContext();
  auto Assumed = blockChains(3);
  auto Shown = blockChains(3, /*Whenever=*/true);
  EXPECT_EQ(describe(Assumed.reach(function(*AST, "endpoint"), Ctx)),
            "resolve !");
  EXPECT_EQ(describe(Shown.reach(function(*AST, "endpoint"), Ctx)), "none");
  EXPECT_EQ(describe(Shown.reach(function(*AST, "endpoint_always"), Ctx)),
            "resolve !");
  EXPECT_EQ(describe(Assumed.reach(function(*AST, "maybe_block"), Ctx)), "!");
  EXPECT_EQ(describe(Shown.reach(function(*AST, "maybe_block"), Ctx)), "none");
}

TEST(CallChains, VirtualCallsRunEveryVisibleOverride) {
  auto AST = buildAST(R"cpp(
    void block();
    struct base { virtual void call() = 0; virtual void named(); };
    struct quiet : base { void call() override {} };
    struct loud : base { void call() override { block(); } };
    struct louder final : loud { void call() override { block(); } };
    struct hook { virtual void run() = 0; };
    void base::named() {}
    void dispatch(base &b) { b.call(); }
    void qualified(loud &l) { l.loud::call(); }
    void none(hook &h) { h.run(); }
  )cpp");
  auto Chains = blockChains(3);
  const ASTContext &Ctx = AST->getASTContext();
  const auto *Call = test::first<CXXMemberCallExpr>(function(*AST, "dispatch"));
  ASSERT_NE(Call, nullptr);
  EXPECT_NE(utils::dispatchedMethod(Call), nullptr);
  std::vector<std::string> Targets;
  for (const utils::CallEdge &T : Chains.targets(Call, Ctx))
    Targets.push_back(utils::qualifiedName(T.Callee));
  // The pure method has no body; the overrides run in declaration order.
  EXPECT_EQ(Targets, (std::vector<std::string>{"quiet::call", "loud::call",
                                               "louder::call"}));
  EXPECT_EQ(describe(Chains.reach(function(*AST, "dispatch"), Ctx)),
            "loud::call !");
  // `x.Base::f()` names one definition: no dispatch.
  const auto *Qualified =
      test::first<CXXMemberCallExpr>(function(*AST, "qualified"));
  EXPECT_EQ(utils::dispatchedMethod(Qualified), nullptr);
  // A pure virtual function that nothing implements is not followed.
  EXPECT_EQ(describe(Chains.reach(function(*AST, "none"), Ctx)), "none");
}

utils::FactSite at(const std::string &File, unsigned Line) {
  return {File, Line * 10, Line, 1};
}

utils::FunctionFact fn(std::string Usr, std::string File, unsigned Line) {
  utils::FunctionFact F;
  F.Name = Usr;
  F.Usr = std::move(Usr);
  F.At = at(File, Line);
  return F;
}

utils::CallFact call(std::string Callee, std::string File, unsigned Line,
                     bool Virtual = false) {
  return {Callee, Callee, utils::CallKind::Call, Virtual, at(File, Line), {}};
}

TEST(CallChains, CallsThroughAVariableWithOneTarget) {
  auto AST = buildAST(R"cpp(
    namespace std {
    template <class> class function;
    template <class R, class... A> class function<R(A...)> {
    public:
      template <class F> function(F) {}
      template <class F> function &operator=(F) { return *this; }
      R operator()(A...) const;
    };
    } // namespace std
    void block();
    void sleeper() { block(); }
    void other();
    void take(void (*&)());
    void pointer() { void (*f)() = &sleeper; f(); }
    void decayed() { const auto f = sleeper; f(); }
    void wrapped() { std::function<void()> f = [] { sleeper(); }; f(); }
    void assigned(bool c) { void (*f)() = sleeper; if (c) f = other; f(); }
    void rewrapped() { std::function<void()> f = sleeper; f = other; f(); }
    void handed_out() { void (*f)() = sleeper; take(f); f(); }
    void parameter(void (*f)()) { f(); }
    void generic() { std::function<void(int)> f = [](auto) { sleeper(); }; f(1); }
  )cpp");
  auto Chains = blockChains(3);
  const ASTContext &Ctx = AST->getASTContext();
  auto Reaches = [&](llvm::StringRef Name) {
    return describe(Chains.reach(function(*AST, Name), Ctx));
  };
  // The variable's call runs `sleeper` (or the lambda, which calls it).
  EXPECT_EQ(Reaches("pointer"), "sleeper !");
  EXPECT_EQ(Reaches("decayed"), "sleeper !");
  EXPECT_EQ(Reaches("wrapped"), "wrapped::operator() sleeper !");
  EXPECT_EQ(Reaches("assigned"), "none");
  EXPECT_EQ(Reaches("rewrapped"), "none");
  EXPECT_EQ(Reaches("handed_out"), "none");
  EXPECT_EQ(Reaches("parameter"), "none");
  EXPECT_EQ(Reaches("generic"), "none");
}

TEST(FactsLink, ReportsOnlyWhatCrossesUnits) {
  // a.cpp: coroutine co calls local (blocks in a.cpp), remote (b.cpp ->
  // c.cpp, which blocks), quiet (b.cpp), and dispatches base::run.
  utils::UnitFacts A{"/p/a.cpp", "fp", 3, {}, {}, {}};
  utils::FunctionFact Co = fn("co", "/p/a.cpp", 1);
  Co.Coroutine = true;
  Co.Calls = {call("local", "/p/a.cpp", 2), call("remote", "/p/a.cpp", 3),
              call("quiet", "/p/a.cpp", 4),
              call("base::run", "/p/a.cpp", 5, /*Virtual=*/true)};
  utils::FunctionFact Local = fn("local", "/p/a.cpp", 9);
  Local.Hit = utils::HitFact{"sleep", "sleep", at("/p/a.cpp", 10), ""};
  A.Functions = {Co, Local};

  utils::UnitFacts B{"/p/b.cpp", "fp", 3, {}, {}, {}};
  utils::FunctionFact Remote = fn("remote", "/p/b.cpp", 1);
  Remote.Calls = {call("deep", "/p/b.cpp", 2)};
  B.Functions = {Remote, fn("quiet", "/p/b.cpp", 5)};

  utils::UnitFacts C{"/p/c.cpp", "fp", 3, {}, {}, {}};
  utils::FunctionFact Deep = fn("deep", "/p/c.cpp", 1);
  Deep.Hit = utils::HitFact{"wait", "wait", at("/p/c.cpp", 2), ""};
  utils::FunctionFact Impl = fn("impl::run", "/p/c.cpp", 5);
  Impl.Overrides = {"base::run"};
  Impl.Hit = utils::HitFact{"read", "network", at("/p/c.cpp", 6), ""};
  utils::FunctionFact Other = fn("other::run", "/p/c.cpp", 8);
  Other.Overrides = {"base::run"};
  C.Functions = {Deep, Impl, Other};

  utils::FactsLink Link({A, B, C});
  std::vector<utils::LinkedFinding> Found = Link.findings();
  // `local` is the unit's own finding; `quiet` does not block.
  ASSERT_EQ(Found.size(), 2u);
  EXPECT_EQ(Found[0].Site.Callee, "remote");
  ASSERT_EQ(Found[0].Path.Chain.size(), 1u);
  EXPECT_EQ(Found[0].Path.Chain[0].Target, "deep");
  EXPECT_EQ(Found[0].Path.Hit.Api, "wait");
  EXPECT_EQ(utils::linkedWarning(Found[0].Site, Found[0].Path.Hit),
            "call to 'remote' in a coroutine reaches blocking call 'wait'; "
            "waiting for another thread stalls every coroutine on its "
            "thread");
  EXPECT_EQ(Found[1].Site.Callee, "base::run");
  EXPECT_EQ(Found[1].Targets, 2u);
  EXPECT_EQ(utils::linkedVirtualNote(Found[1].Site, Found[1].BlockingTargets,
                                     Found[1].Targets),
            "virtual call to 'base::run': 1 of its 2 visible implementations "
            "blocks ('impl::run')");

  // With a depth of 1, remote's chain is too long; the virtual one is not.
  A.MaxDepth = 1;
  EXPECT_EQ(utils::FactsLink({A, B, C}).findings().size(), 1u);
}

TEST(FactsLink, OptionsFingerprintCoversWhatShapesTheFacts) {
  auto Fingerprint =
      [](std::initializer_list<std::pair<const char *, const char *>> Options) {
        ClangTidyOptions::OptionMap Map;
        for (const auto &[Key, Value] : Options)
          Map[Key] = ClangTidyOptions::ClangTidyValue(Value);
        return utils::optionsFingerprint(Map,
                                         "async-blocking-call-in-coroutine");
      };
  const std::string Default = Fingerprint({});
  // The check's own options, and the task types every check reads.
  EXPECT_NE(Fingerprint({{"async-blocking-call-in-coroutine.IgnoredFunctions",
                          "sleep"}}),
            Default);
  EXPECT_NE(Fingerprint({{"LazyTaskTypes", "mylib::Deferred"}}), Default);
  // Not another check's, nor where the facts go.
  EXPECT_EQ(Fingerprint({{"async-session-per-request.SessionTypes", "X"}}),
            Default);
  EXPECT_EQ(
      Fingerprint({{"FactsDir", "/tmp/a"},
                   {"async-blocking-call-in-coroutine.WriteFacts", "true"}}),
      Default);
  // A key that only starts with the check's name is another check's.
  EXPECT_EQ(Fingerprint({{"async-blocking-call-in-coroutine-extra.X", "1"}}),
            Default);
  // Order does not matter; a value's boundary does.
  EXPECT_EQ(Fingerprint({{"async-blocking-call-in-coroutine.A", "1"},
                         {"async-blocking-call-in-coroutine.B", "2"}}),
            Fingerprint({{"async-blocking-call-in-coroutine.B", "2"},
                         {"async-blocking-call-in-coroutine.A", "1"}}));
  EXPECT_NE(Fingerprint({{"async-blocking-call-in-coroutine.A", "1;"},
                         {"async-blocking-call-in-coroutine.B", "2"}}),
            Fingerprint({{"async-blocking-call-in-coroutine.A", "1"},
                         {"async-blocking-call-in-coroutine.B", ";2"}}));
}

TEST(FactsLink, FactsRoundTripThroughJson) {
  utils::UnitFacts U{"/p/a.cpp", "fp", 2, {{"/p/a.cpp", 12, 34}}, {}, {}};
  utils::FunctionFact F = fn("f", "/p/a.cpp", 1);
  F.Hit = utils::HitFact{"sleep", "sleep", at("/p/a.cpp", 2), ""};
  F.Calls = {call("g", "/p/a.cpp", 3, true)};
  F.Overrides = {"base::f"};
  U.Functions = {F};
  llvm::Expected<utils::UnitFacts> Back =
      utils::unitFactsFromJson(utils::toJson(U));
  ASSERT_TRUE(static_cast<bool>(Back)) << llvm::toString(Back.takeError());
  EXPECT_EQ(Back->Unit, "/p/a.cpp");
  EXPECT_EQ(Back->Options, "fp");
  EXPECT_EQ(Back->Files[0].ModTime, 34);
  ASSERT_EQ(Back->Functions.size(), 1u);
  EXPECT_EQ(Back->Functions[0].Calls[0].Virtual, true);
  EXPECT_EQ(Back->Functions[0].Hit->At.Line, 2u);
  EXPECT_EQ(Back->Functions[0].Overrides, F.Overrides);

  // Another version, or another shape, is not facts.
  llvm::json::Value Old = utils::toJson(U);
  (*Old.getAsObject())["version"] = 0;
  EXPECT_FALSE(static_cast<bool>(utils::unitFactsFromJson(Old)));
  llvm::consumeError(utils::unitFactsFromJson(Old).takeError());
  llvm::Expected<utils::UnitFacts> Junk =
      utils::unitFactsFromJson(llvm::json::Array{1, 2});
  EXPECT_FALSE(static_cast<bool>(Junk));
  llvm::consumeError(Junk.takeError());
}

utils::PerRequestFact perRequest(std::string Usr, std::string RootName,
                                 std::string Spawner,
                                 std::vector<utils::CallFact> Steps = {}) {
  utils::PerRequestFact P;
  P.Name = Usr;
  P.Usr = std::move(Usr);
  P.Root = at("/p/a.cpp", 20);
  P.RootName = std::move(RootName);
  P.Spawner = std::move(Spawner);
  P.Steps = std::move(Steps);
  return P;
}

utils::HitFact tls(const std::string &File, unsigned Line) {
  return {"asio::ssl::context", "class", at(File, Line),
          "each one loads its certificates and TLS settings again"};
}

TEST(FactsLink, PerRequestAcrossUnits) {
  // a.cpp spawns flow per connection; flow calls relay (b.cpp), which calls
  // build (c.cpp), which builds a TLS context. main() calls warm (c.cpp) in
  // a loop. c.cpp runs known per request itself.
  utils::UnitFacts A{"/p/a.cpp", "fp", 0, {}, {}, {}};
  utils::FunctionFact Flow = fn("flow", "/p/a.cpp", 1);
  Flow.Calls = {call("relay", "/p/a.cpp", 2), call("known", "/p/a.cpp", 3)};
  A.Functions = {Flow};
  utils::PerRequestFact Warm = perRequest("warm", "warm", "");
  Warm.Followed = false;
  A.PerRequest = {perRequest("flow", "flow", "asio::co_spawn"),
                  perRequest("relay", "flow", "asio::co_spawn",
                             {call("relay", "/p/a.cpp", 2)}),
                  perRequest("known", "flow", "asio::co_spawn",
                             {call("known", "/p/a.cpp", 3)}),
                  Warm};

  utils::UnitFacts B{"/p/b.cpp", "fp", 0, {}, {}, {}};
  utils::FunctionFact Relay = fn("relay", "/p/b.cpp", 1);
  Relay.Calls = {call("build", "/p/b.cpp", 2)};
  B.Functions = {Relay};

  utils::UnitFacts C{"/p/c.cpp", "fp", 0, {}, {}, {}};
  utils::FunctionFact Build = fn("build", "/p/c.cpp", 1);
  Build.Hit = tls("/p/c.cpp", 2);
  utils::FunctionFact Known = fn("known", "/p/c.cpp", 5);
  Known.Hit = tls("/p/c.cpp", 6);
  utils::FunctionFact WarmDef = fn("warm", "/p/c.cpp", 8);
  WarmDef.Hit = tls("/p/c.cpp", 9);
  WarmDef.Calls = {call("deep", "/p/c.cpp", 10)};
  utils::FunctionFact Deep = fn("deep", "/p/c.cpp", 12);
  Deep.Hit = tls("/p/c.cpp", 13);
  C.Functions = {Build, Deep, Known, WarmDef};
  C.PerRequest = {perRequest("known", "loop", "")};

  utils::FactsLink Link({A, B, C});
  std::vector<utils::PerRequestFinding> Found = Link.perRequestFindings();
  // `known` is c.cpp's own finding; what `warm` calls is start-up code.
  ASSERT_EQ(Found.size(), 2u);
  EXPECT_EQ(Found[0].Path.Usr, "warm");
  EXPECT_EQ(Found[0].Unit, "/p/c.cpp");
  EXPECT_EQ(Found[0].RootUnit, "/p/a.cpp");
  EXPECT_EQ(utils::perRequestWarning(Found[0].Hit, "warm", Found[0].Path),
            "a new 'asio::ssl::context' is created on every call of 'warm', "
            "which runs once per item; each one loads its certificates and "
            "TLS settings again");
  EXPECT_EQ(utils::perRequestRootNote(Found[0].Path),
            "'warm' is called here inside a loop");

  EXPECT_EQ(Found[1].Path.Usr, "build");
  EXPECT_EQ(Found[1].Hit.At.File, "/p/c.cpp");
  // The unit's step, then the one the link followed.
  ASSERT_EQ(Found[1].Path.Steps.size(), 2u);
  EXPECT_EQ(Found[1].Path.Steps[0].At.File, "/p/a.cpp");
  EXPECT_EQ(Found[1].Path.Steps[1].At.File, "/p/b.cpp");
  EXPECT_EQ(utils::perRequestRootNote(Found[1].Path),
            "'flow' is handed to 'asio::co_spawn' here");
  EXPECT_EQ(utils::perRequestStepNote(Found[1].Path.Steps[1]),
            "'build' is called here");

  // A factory, and a lambda as the root.
  utils::HitFact Channel{"grpc::CreateChannel", "factory", at("/p/c.cpp", 2),
                         "each channel repeats the HTTP/2 and TLS handshakes"};
  utils::PerRequestFact Lambda = perRequest("f", "", "std::async");
  EXPECT_EQ(utils::perRequestWarning(Channel, "f", Lambda),
            "'grpc::CreateChannel' is called on every call of 'f', which "
            "runs once per request; each channel repeats the HTTP/2 and TLS "
            "handshakes");
  EXPECT_EQ(utils::perRequestRootNote(Lambda),
            "the lambda is handed to 'std::async' here");

  // linked-session.json, read back by USR.
  llvm::SmallString<128> Path;
  ASSERT_FALSE(llvm::sys::fs::createTemporaryFile("linked", "json", Path));
  std::string Text;
  llvm::raw_string_ostream(Text) << Link.linkedSessions();
  ASSERT_FALSE(static_cast<bool>(utils::writeAtomically(Path, Text)));
  utils::LinkedSessions Read = utils::LinkedSessions::read(Path);
  llvm::sys::fs::remove(Path);
  std::optional<utils::PerRequestFinding> Back = Read.find("build");
  ASSERT_TRUE(Back.has_value());
  EXPECT_EQ(Back->Path.Steps.size(), 2u);
  EXPECT_EQ(Back->Hit.Detail, Found[1].Hit.Detail);
  EXPECT_FALSE(Read.find("known").has_value());
}

TEST(FactsLink, PerRequestDepthIsLimited) {
  // f0 runs per request; each fN calls fN+1 in a unit of its own.
  std::vector<utils::UnitFacts> Units;
  const unsigned Length = utils::PerRequestLinkDepth + 2;
  for (unsigned N = 0; N < Length; ++N) {
    std::string File = "/p/" + std::to_string(100 + N) + ".cpp";
    utils::UnitFacts U{File, "fp", 0, {}, {}, {}};
    utils::FunctionFact F = fn("f" + std::to_string(N), File, 1);
    if (N + 1 < Length)
      F.Calls = {call("f" + std::to_string(N + 1), File, 2)};
    if (N + 2 >= Length)
      F.Hit = tls(File, 3);
    U.Functions = {F};
    if (N == 0)
      U.PerRequest = {perRequest("f0", "f0", "asio::co_spawn")};
    Units.push_back(std::move(U));
  }
  std::vector<utils::PerRequestFinding> Found =
      utils::FactsLink(Units).perRequestFindings();
  // The function PerRequestLinkDepth calls away is reached; the next is not.
  ASSERT_EQ(Found.size(), 1u);
  EXPECT_EQ(Found[0].Path.Usr,
            "f" + std::to_string(utils::PerRequestLinkDepth));
  EXPECT_EQ(Found[0].Path.Steps.size(), utils::PerRequestLinkDepth);
}

} // namespace
} // namespace clang::tidy::async
