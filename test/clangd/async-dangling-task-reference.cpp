// async-dangling-task-reference in the editor: the warning has no fix; a
// note's fix (take the parameter by value, or keep the temporary in a
// variable) is a further, non-preferred quick-fix; a note without a fix is
// related information. (lsp_check.py documents the output.)
// RUN: %lsp-check %s | %FileCheck %s
// LSP-CHECKS: async-dangling-task-reference

#include <folly/experimental/coro/Task.h>
#include <string>
#include <string_view>
#include <utility>

std::string make_msg();

// CHECK: published 3 diagnostics

folly::coro::Task<void> send(const std::string &msg);
folly::coro::Task<void> stored() {
  auto t = send(make_msg());
  co_await std::move(t);
}
// CHECK-NEXT: diagnostic [[@LINE-3]]:17-[[@LINE-3]]:27 async-dangling-task-reference warning Task of 'send' refers to a temporary through parameter 'msg' and is stored; it can run after the temporary is destroyed at the end of the full-expression (fix available)
// CHECK-NEXT: link <docs>/async-dangling-task-reference.md
// CHECK-NEXT: action take 'msg' by value so that the task owns a copy
// CHECK-NEXT: => [[@LINE-8]]: folly::coro::Task<void> send(std::string msg);

folly::coro::Task<void> send_view(std::string_view text);
folly::coro::Task<void> view_stored() {
  auto t = send_view(std::string("x"));
  co_await std::move(t);
}
// CHECK-NEXT: diagnostic [[@LINE-3]]:22-[[@LINE-3]]:38 async-dangling-task-reference warning Task of 'send_view' refers to a temporary through parameter 'text' and is stored; it can run after the temporary is destroyed at the end of the full-expression (fix available)
// CHECK-NEXT: link <docs>/async-dangling-task-reference.md
// CHECK-NEXT: action keep the temporary in a variable declared before the task
// CHECK-NEXT: => [[@LINE-6]]: auto text = std::string("x");
// CHECK-NEXT: => [[@LINE-6]]: auto t = send_view(text);

void detached(folly::Executor *ex, std::string line) {
  send_view(line).scheduleOn(ex).start();
}
// CHECK-NEXT: diagnostic [[@LINE-2]]:13-[[@LINE-2]]:17 async-dangling-task-reference warning Task of 'send_view' refers to 'line' through parameter 'text' and is started detached; it can run after 'line' is destroyed
// CHECK-NEXT: link <docs>/async-dangling-task-reference.md
// CHECK-NEXT: note [[@LINE-16]]:52-[[@LINE-16]]:56 Parameter 'text' is declared here

// Not flagged: awaited in the same full-expression.
folly::coro::Task<void> awaited() { co_await send(make_msg()); }
// CHECK-NEXT: end
