// The LSP test set-up directives (checks, compile flags, .clang-tidy lines)
// reach async-clangd, and only async-* findings get our docs link: other
// clang-tidy findings keep the link clangd gives them.
// LSP-CHECKS: async-unawaited-coroutine, misc-coroutine-hostile-raii
// LSP-FLAGS: -DTASK_TYPE=mylib::Deferred
// LSP-CLANG-TIDY: CheckOptions:
// LSP-CLANG-TIDY:   async-unawaited-coroutine.LazyTaskTypes: 'mylib::Deferred'
// RUN: %lsp-check %s | %FileCheck %s

#include <cppcoro/task.hpp>
#include <mutex>

// CHECK: published 2 diagnostics

namespace mylib {
struct Deferred {};
} // namespace mylib
TASK_TYPE deferred();
cppcoro::task<int> fetch();
std::mutex m;

cppcoro::task<> user() {
  deferred();
  std::lock_guard<std::mutex> lock(m);
  co_await fetch();
}
// CHECK-NEXT: diagnostic [[@LINE-4]]:3-[[@LINE-4]]:13 async-unawaited-coroutine warning Coroutine 'deferred' is never awaited; its body will not run
// CHECK-NEXT: link <docs>/async-unawaited-coroutine.md
// CHECK-NEXT: diagnostic [[@LINE-5]]:31-[[@LINE-5]]:35 misc-coroutine-hostile-raii warning 'lock' persists across a suspension point of coroutine
// CHECK-NEXT: link https://clang.llvm.org/extra/clang-tidy/checks/misc/coroutine-hostile-raii.html
// CHECK-NEXT: note [[@LINE-6]]:3-[[@LINE-6]]:11 Suspension point is here
// CHECK-NEXT: end
