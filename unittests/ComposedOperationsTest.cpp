//===--- ComposedOperationsTest.cpp - utils/ComposedOperations tests ------===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

#include "utils/ComposedOperations.h"
#include "TestAST.h"
#include "gtest/gtest.h"

namespace clang::tidy::async {
namespace {

using test::buildAST;
using test::function;

// Asio's shapes, reduced: an operation object (`self`), a timer, a socket,
// the executor hop and the composer that calls the implementation.
const char *const Asio = R"cpp(
namespace std {
struct error_code {
  error_code() = default;
  error_code(int v) : v(v) {}
  explicit operator bool() const { return v != 0; }
  int v = 0;
};
}
namespace asio {
struct operation {
  void complete(std::error_code) {}
  bool cancelled() const { return false; }
};
struct basic_waitable_timer {
  template <class H> void async_wait(H &&) {}
};
struct basic_stream_socket {
  template <class H> void async_read_some(H &&) {}
};
template <class H> void post(H &&) {}
template <class H, class... V> H append(H h, V...) { return h; }
template <class Impl> int async_compose(Impl impl) {
  operation self;
  impl(self);
  return 0;
}
}
void fill(std::error_code &);
struct group {
  asio::basic_waitable_timer timer;
  asio::basic_stream_socket socket;
  int pending = 0;
)cpp";

bool cancellationOnly(llvm::StringRef Members, llvm::StringRef Name) {
  auto AST = buildAST(std::string(Asio) + Members.str() + "};");
  const FunctionDecl *F = function(*AST, Name);
  return F && utils::composedOfCancellationOnlyWaits(F);
}

TEST(ComposedOperations, TimerWaitsCompletingWithTheirOwnError) {
  // The wait group: a timer's wait, an executor hop with the error it got.
  EXPECT_TRUE(cancellationOnly(R"cpp(
    auto wait() {
      return asio::async_compose([this](auto &self, std::error_code ec = {}) {
        if (!self.cancelled() && ec)
          ec = {};
        if (pending != 0 && !ec)
          return timer.async_wait(self);
        if (pending == 0)
          return asio::post(asio::append(self, ec));
        self.complete(ec);
      });
    }
  )cpp",
                               "wait"));
}

TEST(ComposedOperations, AFailureOfItsOwnOrAnotherOperation) {
  // An error the implementation makes up.
  EXPECT_FALSE(cancellationOnly(R"cpp(
    auto wait() {
      return asio::async_compose([this](auto &self, std::error_code ec = {}) {
        if (pending != 0 && !ec)
          return timer.async_wait(self);
        if (pending != 0)
          ec = 5;
        self.complete(ec);
      });
    }
  )cpp",
                                "wait"));
  // A socket's read can fail without being cancelled.
  EXPECT_FALSE(cancellationOnly(R"cpp(
    auto read() {
      return asio::async_compose([this](auto &self, std::error_code ec = {}) {
        if (!ec)
          return socket.async_read_some(self);
        self.complete(ec);
      });
    }
  )cpp",
                                "read"));
  // An error code a call may fill.
  EXPECT_FALSE(cancellationOnly(R"cpp(
    auto wait() {
      return asio::async_compose([this](auto &self, std::error_code ec = {}) {
        fill(ec);
        self.complete(ec);
      });
    }
  )cpp",
                                "wait"));
  // An error appended to the hop.
  EXPECT_FALSE(cancellationOnly(R"cpp(
    auto wait() {
      return asio::async_compose([this](auto &self, std::error_code ec = {}) {
        if (!ec)
          return asio::post(asio::append(self, std::error_code(5)));
        self.complete(ec);
      });
    }
  )cpp",
                                "wait"));
}

TEST(ComposedOperations, SelfGoingWhereTheReviewCannotFollow) {
  EXPECT_FALSE(cancellationOnly(R"cpp(
    auto wait() {
      return asio::async_compose([this](auto &self, std::error_code ec = {}) {
        auto copy = self;
        copy.complete(ec);
      });
    }
  )cpp",
                                "wait"));
  // Not a composed operation: nothing to review.
  EXPECT_FALSE(cancellationOnly(R"cpp(
    int wait() { return pending; }
  )cpp",
                                "wait"));
}

} // namespace
} // namespace clang::tidy::async
