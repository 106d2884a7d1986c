// async-swallowed-cancellation in the editor: the finding, its docs link,
// and the rethrow as a further (non-preferred) quick-fix, because it changes
// behaviour and is carried by a note.
// RUN: %lsp-check %s | %FileCheck %s
// LSP-CHECKS: async-swallowed-cancellation

#include <folly/OperationCancelled.h>
#include <folly/experimental/coro/Task.h>
#include <exception>

// CHECK: published 1 diagnostics
folly::coro::Task<int> step();
folly::coro::Task<void> worker() {
  for (;;) {
    try {
      co_await step();
    } catch (const folly::OperationCancelled &) {
    }
  }
}
// CHECK-NEXT: diagnostic [[@LINE-4]]:7-[[@LINE-4]]:12 async-swallowed-cancellation warning Handler for cancellation 'folly::OperationCancelled' does not rethrow it; the coroutine keeps running after it is cancelled (fix available)
// CHECK-NEXT: link <docs>/async-swallowed-cancellation.md
// CHECK-NEXT: action rethrow the cancellation at the end of the handler
// CHECK-NEXT: => [[@LINE-6]]: throw;
// CHECK-NEXT: end

// Not reported in the editor either: a test framework's assertion macro
// writes its own try/catch around the await, and a handler that captures the
// exception to rethrow it after cleanup swallows nothing.
#define EXPECT_NOTHROW_MOCK(expr)                                              \
  do {                                                                         \
    try {                                                                      \
      expr;                                                                    \
    } catch (...) {                                                            \
    }                                                                          \
  } while (false)
folly::coro::Task<void> tested() {
  for (int i = 0; i < 3; ++i)
    EXPECT_NOTHROW_MOCK(co_await step());
}
folly::coro::Task<void> cleanup();
folly::coro::Task<void> rethrown() {
  std::exception_ptr failure;
  for (int i = 0; i < 3; ++i) {
    try {
      co_await step();
    } catch (...) {
      failure = std::current_exception();
    }
    co_await cleanup();
    if (failure)
      std::rethrow_exception(failure);
  }
}
