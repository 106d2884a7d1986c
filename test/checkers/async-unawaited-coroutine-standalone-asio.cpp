// RUN: %check_async %s async-unawaited-coroutine %t -- -DASIO_HAS_CO_AWAIT=1 -DASIO_HAS_STD_COROUTINE=1

// Standalone Asio, in a unit of its own.

#include <asio.hpp>

asio::awaitable<void> standalone_fetch();
asio::awaitable<void> standalone() {
  standalone_fetch();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: coroutine 'standalone_fetch' is never awaited; its body will not run [async-unawaited-coroutine]
  // CHECK-FIXES: co_await standalone_fetch();
  co_return;
}
void standalone_plain() {
  standalone_fetch();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: coroutine 'standalone_fetch' is never awaited; its body will not run [async-unawaited-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: coroutine 'standalone_fetch' is never awaited; its body will not run [async-unawaited-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: await it from a coroutine, or run it with 'asio::co_spawn(executor, <task>, asio::detached)'
}
