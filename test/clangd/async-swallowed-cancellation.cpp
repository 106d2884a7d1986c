// async-swallowed-cancellation in the editor: the finding, its docs link,
// and the rethrow as a further (non-preferred) quick-fix, because it changes
// behaviour and is carried by a note.
// RUN: %lsp-check %s | %FileCheck %s
// LSP-CHECKS: async-swallowed-cancellation

#include <folly/OperationCancelled.h>
#include <folly/experimental/coro/Task.h>

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
