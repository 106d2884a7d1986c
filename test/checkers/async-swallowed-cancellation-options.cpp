// RUN: %check_async %s async-swallowed-cancellation %t
// RUN: %check_async -fix-notes -check-suffixes=,OPT %s async-swallowed-cancellation %t-opt \
// RUN:   -config="{CheckOptions: {async-swallowed-cancellation.CancellationExceptions: 'mylib::Cancelled; ::mylib::Stopped; mylib::NotDeclared'}}"

// CancellationExceptions adds the cancellation exceptions of the user's own
// awaitables. They can reach every coroutine, whatever its framework.

#include <coro/coro.hpp>
#include <exception>
#include <folly/OperationCancelled.h>
#include <folly/experimental/coro/Task.h>

void log(const char *);

namespace mylib {
struct Error : std::exception {};
struct Cancelled : Error {};
struct Stopped {};
} // namespace mylib

coro::task<int> next_item();

coro::task<void> mylib_exact() {
  for (;;) {
    try {
      co_await next_item();
    } catch (const mylib::Cancelled &) {
      // CHECK-MESSAGES-OPT: :[[@LINE-1]]:7: warning: handler for cancellation 'mylib::Cancelled' does not rethrow it; the coroutine keeps running after it is cancelled [async-swallowed-cancellation]
      // CHECK-NOTES-OPT: :[[@LINE-2]]:7: warning: handler for cancellation 'mylib::Cancelled' does not rethrow it; the coroutine keeps running after it is cancelled [async-swallowed-cancellation]
      log("cancelled");
    }
    // CHECK-NOTES-OPT: :[[@LINE-1]]:5: note: rethrow the cancellation at the end of the handler
    // CHECK-FIXES-OPT: log("cancelled");
    // CHECK-FIXES-OPT-NEXT: throw;
  }
}

coro::task<void> mylib_base() {
  for (;;) {
    try {
      co_await next_item();
    } catch (const mylib::Error &) {
      // CHECK-MESSAGES-OPT: :[[@LINE-1]]:7: warning: handler for 'const mylib::Error &' also catches cancellation 'mylib::Cancelled' and does not rethrow it; the coroutine keeps running after it is cancelled [async-swallowed-cancellation]
      // CHECK-NOTES-OPT: :[[@LINE-2]]:7: warning: handler for 'const mylib::Error &' also catches cancellation 'mylib::Cancelled' and does not rethrow it; the coroutine keeps running after it is cancelled [async-swallowed-cancellation]
      // CHECK-NOTES-OPT: :[[@LINE-3]]:7: note: rethrow the cancellation before handling other errors
      // CHECK-FIXES-OPT: } catch (const mylib::Cancelled &) { throw; } catch (const mylib::Error &) {
      log("failed");
    }
  }
}

// A second configured class with no base in common, written with a leading
// `::`; a catch-all handler takes both.
coro::task<void> mylib_catch_all() {
  for (;;) {
    try {
      co_await next_item();
    } catch (...) {
      // CHECK-MESSAGES-OPT: :[[@LINE-1]]:7: warning: catch-all handler also catches cancellation 'mylib::Cancelled' and does not rethrow it; the coroutine keeps running after it is cancelled [async-swallowed-cancellation]
      // CHECK-NOTES-OPT: :[[@LINE-2]]:7: warning: catch-all handler also catches cancellation 'mylib::Cancelled' and does not rethrow it; the coroutine keeps running after it is cancelled [async-swallowed-cancellation]
      // CHECK-NOTES-OPT: :[[@LINE-3]]:7: note: rethrow the cancellation before handling other errors
      // CHECK-FIXES-OPT: } catch (const mylib::Cancelled &) { throw; } catch (const mylib::Stopped &) { throw; } catch (...) {
      log("failed");
    }
  }
}

// A handler that takes a framework's cancellation and a configured one gets
// both rethrowing handlers in front of it.
folly::coro::Task<int> fetch();
folly::coro::Task<void> folly_and_mylib() {
  for (;;) {
    try {
      co_await fetch();
    } catch (const std::exception &) {
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: handler for 'const std::exception &' also catches cancellation 'folly::OperationCancelled' and does not rethrow it; the coroutine keeps running after it is cancelled [async-swallowed-cancellation]
      // CHECK-NOTES: :[[@LINE-2]]:7: warning: handler for 'const std::exception &' also catches cancellation 'folly::OperationCancelled' and does not rethrow it; the coroutine keeps running after it is cancelled [async-swallowed-cancellation]
      // CHECK-NOTES: :[[@LINE-3]]:7: note: rethrow the cancellation before handling other errors
      // CHECK-FIXES-OPT: } catch (const folly::OperationCancelled &) { throw; } catch (const mylib::Cancelled &) { throw; } catch (const std::exception &) {
      log("failed");
    }
  }
}

// Not flagged: a handler of a configured class that rethrows, and handlers
// in coroutines of a framework without a known cancellation exception when
// the option is not set.
coro::task<void> mylib_rethrows() {
  for (;;) {
    try {
      co_await next_item();
    } catch (const mylib::Cancelled &) {
      log("cancelled");
      throw;
    } catch (const mylib::Stopped &) {
      throw;
    } catch (...) {
      log("failed");
    }
  }
}
