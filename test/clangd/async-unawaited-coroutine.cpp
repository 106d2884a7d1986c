// async-unawaited-coroutine in the editor: each finding with its range, code
// and docs link; the fix on the warning as the preferred quick-fix; a fix
// carried by a note as a further, non-preferred quick-fix; notes without a
// fix as related information. (lsp_check.py documents the output, and also
// asserts that asking for code actions by range and the fixes embedded in
// the diagnostics give the same quick-fixes.)
// RUN: %lsp-check %s | %FileCheck %s

#include <boost/asio.hpp>
#include <cppcoro/task.hpp>
#include <folly/experimental/coro/Task.h>
#include <qcoro/qcorotask.h>

namespace net = boost::asio;

// CHECK: published 11 diagnostics

// A lazy task in a coroutine: the warning's fix awaits it.
cppcoro::task<int> fetch();
cppcoro::task<> fetch_void();
cppcoro::task<> lazy_user() {
  fetch();
  co_return;
}
// CHECK-NEXT: diagnostic [[@LINE-3]]:3-[[@LINE-3]]:10 async-unawaited-coroutine warning Coroutine 'fetch' is never awaited; its body will not run (fix available)
// CHECK-NEXT: link <docs>/async-unawaited-coroutine.md
// CHECK-NEXT: action [preferred] insert 'co_await '
// CHECK-NEXT: => [[@LINE-6]]: co_await fetch();

// A fix with two edits is named after the warning; still the preferred one.
cppcoro::task<int> operator+(cppcoro::task<int>, cppcoro::task<int>);
cppcoro::task<> operator_user() {
  fetch() + fetch();
  co_return;
}
// CHECK-NEXT: diagnostic [[@LINE-3]]:3-[[@LINE-3]]:20 async-unawaited-coroutine warning Task of type 'cppcoro::task<int>' is never awaited; its body will not run (fix available)
// CHECK-NEXT: link <docs>/async-unawaited-coroutine.md
// CHECK-NEXT: action [preferred] task of type 'cppcoro::task<int>' is never awaited; its body will not run
// CHECK-NEXT: => [[@LINE-6]]: co_await (fetch() + fetch());

// Unused task variables: the fix awaits the initialiser, or replaces the
// declaration when the task yields nothing (clangd then underlines the
// replaced text).
cppcoro::task<> variable_user() {
  auto value = fetch();
  auto nothing = fetch_void();
  co_return;
}
// CHECK-NEXT: diagnostic [[@LINE-4]]:8-[[@LINE-4]]:13 async-unawaited-coroutine warning Coroutine 'fetch' is stored in 'value' but never awaited; its body will not run (fix available)
// CHECK-NEXT: link <docs>/async-unawaited-coroutine.md
// CHECK-NEXT: action [preferred] insert 'co_await '
// CHECK-NEXT: => [[@LINE-7]]: auto value = co_await fetch();
// CHECK-NEXT: diagnostic [[@LINE-7]]:3-[[@LINE-7]]:18 async-unawaited-coroutine warning Coroutine 'fetch_void' is stored in 'nothing' but never awaited; its body will not run (fix available)
// CHECK-NEXT: link <docs>/async-unawaited-coroutine.md
// CHECK-NEXT: action [preferred] change 'auto nothing = ' to 'co_await '
// CHECK-NEXT: => [[@LINE-10]]: co_await fetch_void();

// An eager task: awaiting it changes behaviour, so the fix is on a note and
// is not preferred; the other note has no fix.
QCoro::Task<int> started();
QCoro::Task<> eager_user() {
  started();
  auto pending = started();
  co_return;
}
// CHECK-NEXT: diagnostic [[@LINE-4]]:3-[[@LINE-4]]:12 async-unawaited-coroutine warning Coroutine 'started' is started but never awaited; its result and exceptions are lost (fix available)
// CHECK-NEXT: link <docs>/async-unawaited-coroutine.md
// CHECK-NEXT: note [[@LINE-6]]:3-[[@LINE-6]]:10 Cast the call to 'void' if it is meant to run detached
// CHECK-NEXT: action add 'co_await' to wait for its result
// CHECK-NEXT: => [[@LINE-8]]: co_await started();
// CHECK-NEXT: diagnostic [[@LINE-8]]:8-[[@LINE-8]]:15 async-unawaited-coroutine warning Coroutine 'started' is stored in 'pending' but never awaited; its result and exceptions are lost (fix available)
// CHECK-NEXT: link <docs>/async-unawaited-coroutine.md
// CHECK-NEXT: action add 'co_await' to wait for its result
// CHECK-NEXT: => [[@LINE-11]]: auto pending = co_await started();

// Outside a coroutine: no fix; a note names the way to run the task, spelled
// with the file's namespace alias.
net::awaitable<void> session();
void plain_function() {
  session();
}
// CHECK-NEXT: diagnostic [[@LINE-2]]:3-[[@LINE-2]]:12 async-unawaited-coroutine warning Coroutine 'session' is never awaited; its body will not run
// CHECK-NEXT: link <docs>/async-unawaited-coroutine.md
// CHECK-NEXT: note [[@LINE-4]]:3-[[@LINE-4]]:10 Await it from a coroutine, or run it with 'net::co_spawn(executor, <task>, net::detached)'
// Boost.Asio declares awaitable [[nodiscard]]: the compiler's own warning
// comes beside ours.
// CHECK-NEXT: diagnostic [[@LINE-7]]:3-[[@LINE-7]]:12 -Wunused-value warning Ignoring return value of type 'awaitable<void>' declared with 'nodiscard' attribute
// CHECK-NEXT: link none

// A folly task cannot be awaited in an Asio coroutine: no fix.
folly::coro::Task<void> folly_fetch();
net::awaitable<void> mixed_user() {
  folly_fetch();
  co_return;
}
// CHECK-NEXT: diagnostic [[@LINE-3]]:3-[[@LINE-3]]:16 async-unawaited-coroutine warning Coroutine 'folly_fetch' is never awaited; its body will not run
// CHECK-NEXT: link <docs>/async-unawaited-coroutine.md

// A call written in a macro argument is fixed inside the argument (clangd
// underlines the whole macro call).
#define LOGGED(x) x
cppcoro::task<> macro_user() {
  LOGGED(fetch());
  co_return;
}
// CHECK-NEXT: diagnostic [[@LINE-3]]:3-[[@LINE-3]]:18 async-unawaited-coroutine warning Coroutine 'fetch' is never awaited; its body will not run (fix available)
// CHECK-NEXT: link <docs>/async-unawaited-coroutine.md
// CHECK-NEXT: action [preferred] insert 'co_await '
// CHECK-NEXT: => [[@LINE-6]]: LOGGED(co_await fetch());

// A lambda coroutine.
void spawner() {
  auto body = []() -> cppcoro::task<> {
    fetch();
    co_return;
  };
  (void)body;
}
// CHECK-NEXT: diagnostic [[@LINE-5]]:5-[[@LINE-5]]:12 async-unawaited-coroutine warning Coroutine 'fetch' is never awaited; its body will not run (fix available)
// CHECK-NEXT: link <docs>/async-unawaited-coroutine.md
// CHECK-NEXT: action [preferred] insert 'co_await '
// CHECK-NEXT: => [[@LINE-8]]: co_await fetch();

// Not flagged.
cppcoro::task<> awaited_user() {
  co_await fetch();
  auto value = co_await fetch();
  (void)value;
}
// CHECK-NEXT: end
