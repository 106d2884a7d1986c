// RUN: %check_async %s async-blocking-call-in-coroutine %t

// Blocking work handed to a thread pool the way the check's notes advise
// runs on the pool and stalls no event loop: a coroutine lambda spawned onto
// a pool or its executor, and the rest of a coroutine after it awaits a
// pool's schedule(). Beside each, the same code where it still runs on the
// event loop.

#include <boost/asio.hpp>
#include <chrono>
#include <coro/coro.hpp>
#include <coro/thread_pool.hpp>
#include <thread>

namespace net = boost::asio;
using namespace std::chrono_literals;

net::awaitable<void> hash_on_pool(net::thread_pool &pool,
                                  net::any_io_executor io) {
  // Not flagged: the lambda runs on the pool.
  co_await net::co_spawn(
      pool,
      [&]() -> net::awaitable<void> {
        std::this_thread::sleep_for(10ms);
        co_return;
      },
      net::use_awaitable);
  co_await net::co_spawn(
      pool.get_executor(),
      [&]() -> net::awaitable<void> {
        std::this_thread::sleep_for(10ms);
        co_return;
      },
      net::use_awaitable);
  // The same lambda spawned onto the I/O executor blocks it.
  co_await net::co_spawn(
      io,
      [&]() -> net::awaitable<void> {
        std::this_thread::sleep_for(10ms);
        // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: blocking call to 'std::this_thread::sleep_for' in a coroutine; sleeping stalls every coroutine on its thread [async-blocking-call-in-coroutine]
        // CHECK-FIXES: {{^}}        co_await net::steady_timer(co_await net::this_coro::executor, 10ms).async_wait(net::use_awaitable);
        co_return;
      },
      net::use_awaitable);
}

coro::task<void> hop(coro::thread_pool &tp) {
  std::this_thread::sleep_for(10ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'std::this_thread::sleep_for' in a coroutine; sleeping stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: blocking call to 'std::this_thread::sleep_for' in a coroutine; sleeping stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: suspend on a timer instead: 'co_await scheduler->yield_for(<duration>)' on a 'coro::scheduler' ('coro::io_scheduler' before libcoro 0.15)
  co_await tp.schedule();
  // Not flagged: after the hop the coroutine runs on the pool.
  std::this_thread::sleep_for(10ms);
}

coro::task<void> hop_in_a_branch(coro::thread_pool &tp, bool busy) {
  if (busy)
    co_await tp.schedule();
  // Only on some paths on the pool: still reported.
  std::this_thread::sleep_for(10ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'std::this_thread::sleep_for' in a coroutine; sleeping stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: blocking call to 'std::this_thread::sleep_for' in a coroutine; sleeping stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: suspend on a timer instead: 'co_await scheduler->yield_for(<duration>)' on a 'coro::scheduler' ('coro::io_scheduler' before libcoro 0.15)
}
