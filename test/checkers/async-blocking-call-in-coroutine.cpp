// RUN: %check_async %s async-blocking-call-in-coroutine %t
// RUN: %check_async -check-suffixes=,STRICT %s async-blocking-call-in-coroutine %t-strict \
// RUN:   -config="{CheckOptions: {async-blocking-call-in-coroutine.StrictMode: true}}"

#include <qcoro/qcorotask.h>
#include <async_simple/coro/Lazy.h>
#include <boost/asio.hpp>
#include <coro/coro.hpp>
#include <coro/io_scheduler.hpp>
#include <coro/scheduler.hpp>
#include <cpr/cpr.h>
#include <cppcoro/sync_wait.hpp>
#include <cppcoro/task.hpp>
#include <curl/curl.h>
#include <exec/task.hpp>
#include <folly/experimental/coro/BlockingWait.h>
#include <folly/experimental/coro/Sleep.h>
#include <folly/experimental/coro/Task.h>
#define CPPHTTPLIB_OPENSSL_SUPPORT
#include <httplib.h>
#include <stdexec/execution.hpp>

#include <atomic>
#include <barrier>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <future>
#include <latch>
#include <mutex>
#include <semaphore>
#include <string>
#include <thread>
#include <vector>

#include <cerrno>
#include <cstdint>
#include <iostream>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

namespace net = boost::asio;
using namespace std::chrono_literals;

// ---------------------------------------------------------------------------
// Sleeping. In an Asio coroutine the fix awaits a timer instead, spelled with
// the file's alias for boost::asio.

net::awaitable<void> asio_sleeps() {
  std::this_thread::sleep_for(100ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'std::this_thread::sleep_for' in a coroutine; sleeping stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-FIXES: co_await net::steady_timer(co_await net::this_coro::executor, 100ms).async_wait(net::use_awaitable);
  std::this_thread::sleep_for(std::chrono::seconds(2));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'std::this_thread::sleep_for' in a coroutine; sleeping stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-FIXES: co_await net::steady_timer(co_await net::this_coro::executor, std::chrono::seconds(2)).async_wait(net::use_awaitable);
  // A floating-point duration does not convert to the timer's duration.
  std::this_thread::sleep_for(std::chrono::duration<double>(1.5));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'std::this_thread::sleep_for' in a coroutine; sleeping stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-FIXES: co_await net::steady_timer(co_await net::this_coro::executor, std::chrono::ceil<std::chrono::steady_clock::duration>(std::chrono::duration<double>(1.5))).async_wait(net::use_awaitable);
  std::this_thread::sleep_until(std::chrono::steady_clock::now() + 1s);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'std::this_thread::sleep_until' in a coroutine; sleeping stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-FIXES: co_await net::steady_timer(co_await net::this_coro::executor, std::chrono::steady_clock::now() + 1s).async_wait(net::use_awaitable);
  std::this_thread::sleep_until(std::chrono::system_clock::now() + 1s);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'std::this_thread::sleep_until' in a coroutine; sleeping stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-FIXES: co_await net::system_timer(co_await net::this_coro::executor, std::chrono::system_clock::now() + 1s).async_wait(net::use_awaitable);
  sleep(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'sleep' in a coroutine; sleeping stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-FIXES: co_await net::steady_timer(co_await net::this_coro::executor, std::chrono::seconds(1)).async_wait(net::use_awaitable);
  usleep(500);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'usleep' in a coroutine; sleeping stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-FIXES: co_await net::steady_timer(co_await net::this_coro::executor, std::chrono::microseconds(500)).async_wait(net::use_awaitable);
  // The result is used: the timer has none, so only a note.
  unsigned left = sleep(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: blocking call to 'sleep' in a coroutine; sleeping stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:19: warning: blocking call to 'sleep' in a coroutine; sleeping stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:19: note: suspend on a timer instead: 'co_await net::steady_timer(co_await net::this_coro::executor, <duration>).async_wait(net::use_awaitable)'
  timespec ts{0, 1000};
  nanosleep(&ts, nullptr);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'nanosleep' in a coroutine; sleeping stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: blocking call to 'nanosleep' in a coroutine; sleeping stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: suspend on a timer instead: 'co_await net::steady_timer(co_await net::this_coro::executor, <duration>).async_wait(net::use_awaitable)'
  try {
    co_await asio_sleeps();
  } catch (...) {
    // co_await is not allowed in a handler.
    std::this_thread::sleep_for(10ms);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: blocking call to 'std::this_thread::sleep_for' in a coroutine; sleeping stalls every coroutine on its thread [async-blocking-call-in-coroutine]
    // CHECK-NOTES: :[[@LINE-2]]:5: warning: blocking call to 'std::this_thread::sleep_for' in a coroutine; sleeping stalls every coroutine on its thread [async-blocking-call-in-coroutine]
    // CHECK-NOTES: :[[@LINE-3]]:5: note: suspend on a timer instead, outside the catch handler: 'co_await net::steady_timer(co_await net::this_coro::executor, <duration>).async_wait(net::use_awaitable)'
  }
  (void)left;
}

folly::coro::Task<void> folly_sleeps() {
  std::this_thread::sleep_for(100ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'std::this_thread::sleep_for' in a coroutine; sleeping stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-FIXES: co_await folly::coro::sleep(100ms);
  // Finer than folly's duration: rounded up.
  std::this_thread::sleep_for(500ns);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'std::this_thread::sleep_for' in a coroutine; sleeping stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-FIXES: co_await folly::coro::sleep(std::chrono::ceil<folly::HighResDuration>(500ns));
  std::this_thread::sleep_until(std::chrono::steady_clock::now() + 1s);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'std::this_thread::sleep_until' in a coroutine; sleeping stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: blocking call to 'std::this_thread::sleep_until' in a coroutine; sleeping stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: suspend on a timer instead: 'co_await folly::coro::sleep(<duration>)'
  co_return;
}

coro::task<void> libcoro_sleeps(std::shared_ptr<coro::io_scheduler> scheduler) {
  std::this_thread::sleep_for(100ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'std::this_thread::sleep_for' in a coroutine; sleeping stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-FIXES: co_await scheduler->yield_for(100ms);
  std::this_thread::sleep_for(250us);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'std::this_thread::sleep_for' in a coroutine; sleeping stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-FIXES: co_await scheduler->yield_for(std::chrono::ceil<std::chrono::milliseconds>(250us));
  std::this_thread::sleep_until(std::chrono::steady_clock::now() + 1s);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'std::this_thread::sleep_until' in a coroutine; sleeping stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-FIXES: co_await scheduler->yield_until(std::chrono::steady_clock::now() + 1s);
  {
    coro::io_scheduler &local = *scheduler;
    std::this_thread::sleep_for(1s);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: blocking call to 'std::this_thread::sleep_for' in a coroutine; sleeping stalls every coroutine on its thread [async-blocking-call-in-coroutine]
    // CHECK-FIXES: co_await local.yield_for(1s);
  }
  co_return;
}

// libcoro 0.15 renamed io_scheduler to scheduler, whose yield_for takes any
// duration: the sleep's argument is passed on as written.
coro::task<void> libcoro_renamed_scheduler(std::unique_ptr<coro::scheduler> &scheduler) {
  std::this_thread::sleep_for(100ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'std::this_thread::sleep_for' in a coroutine; sleeping stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-FIXES: co_await scheduler->yield_for(100ms);
  std::this_thread::sleep_for(250us);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'std::this_thread::sleep_for' in a coroutine; sleeping stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-FIXES: co_await scheduler->yield_for(250us);
  co_return;
}

coro::task<void> libcoro_without_scheduler() {
  std::this_thread::sleep_for(100ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'std::this_thread::sleep_for' in a coroutine; sleeping stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: blocking call to 'std::this_thread::sleep_for' in a coroutine; sleeping stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: suspend on a timer instead: 'co_await scheduler->yield_for(<duration>)' on a 'coro::scheduler' ('coro::io_scheduler' before libcoro 0.15)
  co_return;
}

cppcoro::task<void> cppcoro_sleep() {
  std::this_thread::sleep_for(100ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'std::this_thread::sleep_for' in a coroutine; sleeping stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: blocking call to 'std::this_thread::sleep_for' in a coroutine; sleeping stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: suspend on a timer instead: 'co_await service.schedule_after(<duration>)' on a 'cppcoro::io_service'
  co_return;
}

// A task type async-lint knows only by its shape.
struct Job {
  struct promise_type {
    Job get_return_object() { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
};
Job unknown_framework_sleep() {
  std::this_thread::sleep_for(100ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'std::this_thread::sleep_for' in a coroutine; sleeping stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: blocking call to 'std::this_thread::sleep_for' in a coroutine; sleeping stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: suspend on a timer of the coroutine's framework instead
  co_return;
}

// ---------------------------------------------------------------------------
// Waiting on a thread primitive: a note offers the framework's way to move
// the wait to a thread pool.

net::awaitable<void> asio_waits(std::future<int> f, std::shared_future<int> sf,
                                std::thread &t, std::jthread &jt,
                                std::condition_variable &cv,
                                std::condition_variable_any &cva,
                                std::mutex &m, std::latch &done,
                                std::barrier<> &sync,
                                std::counting_semaphore<4> &slots,
                                std::binary_semaphore &flag,
                                std::atomic<int> &state, net::thread_pool &pool) {
  int v = f.get();
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: blocking call to 'std::future::get' in a coroutine; waiting for another thread stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:13: warning: blocking call to 'std::future::get' in a coroutine; waiting for another thread stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:13: note: move the blocking call to a thread pool: 'co_await net::co_spawn(pool, [&]() -> net::awaitable<void> { <blocking call>; co_return; }, net::use_awaitable)'
  f.wait();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: blocking call to 'std::future::wait' in a coroutine; waiting for another thread stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:5: warning: blocking call to 'std::future::wait' in a coroutine; waiting for another thread stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:5: note: move the blocking call to a thread pool: 'co_await net::co_spawn(pool, [&]() -> net::awaitable<void> { <blocking call>; co_return; }, net::use_awaitable)'
  f.wait_for(50ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: blocking call to 'std::future::wait_for' in a coroutine; waiting for another thread stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:5: warning: blocking call to 'std::future::wait_for' in a coroutine; waiting for another thread stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:5: note: move the blocking call to a thread pool: 'co_await net::co_spawn(pool, [&]() -> net::awaitable<void> { <blocking call>; co_return; }, net::use_awaitable)'
  sf.get();
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: blocking call to 'std::shared_future::get' in a coroutine; waiting for another thread stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:6: warning: blocking call to 'std::shared_future::get' in a coroutine; waiting for another thread stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:6: note: move the blocking call to a thread pool: 'co_await net::co_spawn(pool, [&]() -> net::awaitable<void> { <blocking call>; co_return; }, net::use_awaitable)'
  t.join();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: blocking call to 'std::thread::join' in a coroutine; waiting for another thread stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:5: warning: blocking call to 'std::thread::join' in a coroutine; waiting for another thread stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:5: note: move the blocking call to a thread pool: 'co_await net::co_spawn(pool, [&]() -> net::awaitable<void> { <blocking call>; co_return; }, net::use_awaitable)'
  jt.join();
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: blocking call to 'std::jthread::join' in a coroutine; waiting for another thread stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:6: warning: blocking call to 'std::jthread::join' in a coroutine; waiting for another thread stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:6: note: move the blocking call to a thread pool: 'co_await net::co_spawn(pool, [&]() -> net::awaitable<void> { <blocking call>; co_return; }, net::use_awaitable)'
  std::unique_lock lock(m);
  cv.wait(lock);
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: blocking call to 'std::condition_variable::wait' in a coroutine; waiting for another thread stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:6: warning: blocking call to 'std::condition_variable::wait' in a coroutine; waiting for another thread stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:6: note: move the blocking call to a thread pool: 'co_await net::co_spawn(pool, [&]() -> net::awaitable<void> { <blocking call>; co_return; }, net::use_awaitable)'
  cv.wait_for(lock, 1s, [] { return true; });
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: blocking call to 'std::condition_variable::wait_for' in a coroutine; waiting for another thread stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:6: warning: blocking call to 'std::condition_variable::wait_for' in a coroutine; waiting for another thread stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:6: note: move the blocking call to a thread pool: 'co_await net::co_spawn(pool, [&]() -> net::awaitable<void> { <blocking call>; co_return; }, net::use_awaitable)'
  cva.wait(lock);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: blocking call to 'std::condition_variable_any::wait' in a coroutine; waiting for another thread stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:7: warning: blocking call to 'std::condition_variable_any::wait' in a coroutine; waiting for another thread stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:7: note: move the blocking call to a thread pool: 'co_await net::co_spawn(pool, [&]() -> net::awaitable<void> { <blocking call>; co_return; }, net::use_awaitable)'
  lock.unlock();
  done.wait();
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: blocking call to 'std::latch::wait' in a coroutine; waiting for another thread stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:8: warning: blocking call to 'std::latch::wait' in a coroutine; waiting for another thread stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:8: note: move the blocking call to a thread pool: 'co_await net::co_spawn(pool, [&]() -> net::awaitable<void> { <blocking call>; co_return; }, net::use_awaitable)'
  sync.arrive_and_wait();
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: blocking call to 'std::barrier::arrive_and_wait' in a coroutine; waiting for another thread stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:8: warning: blocking call to 'std::barrier::arrive_and_wait' in a coroutine; waiting for another thread stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:8: note: move the blocking call to a thread pool: 'co_await net::co_spawn(pool, [&]() -> net::awaitable<void> { <blocking call>; co_return; }, net::use_awaitable)'
  slots.acquire();
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: blocking call to 'std::counting_semaphore::acquire' in a coroutine; waiting for another thread stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:9: warning: blocking call to 'std::counting_semaphore::acquire' in a coroutine; waiting for another thread stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:9: note: move the blocking call to a thread pool: 'co_await net::co_spawn(pool, [&]() -> net::awaitable<void> { <blocking call>; co_return; }, net::use_awaitable)'
  flag.acquire();
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: blocking call to 'std::counting_semaphore::acquire' in a coroutine; waiting for another thread stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:8: warning: blocking call to 'std::counting_semaphore::acquire' in a coroutine; waiting for another thread stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:8: note: move the blocking call to a thread pool: 'co_await net::co_spawn(pool, [&]() -> net::awaitable<void> { <blocking call>; co_return; }, net::use_awaitable)'
  state.wait(0);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: blocking call to 'std::atomic::wait' in a coroutine; waiting for another thread stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:9: warning: blocking call to 'std::atomic::wait' in a coroutine; waiting for another thread stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:9: note: move the blocking call to a thread pool: 'co_await net::co_spawn(pool, [&]() -> net::awaitable<void> { <blocking call>; co_return; }, net::use_awaitable)'
  pool.join();
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: blocking call to 'boost::asio::thread_pool::join' in a coroutine; waiting for another thread stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:8: warning: blocking call to 'boost::asio::thread_pool::join' in a coroutine; waiting for another thread stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:8: note: move the blocking call to a thread pool: 'co_await net::co_spawn(pool, [&]() -> net::awaitable<void> { <blocking call>; co_return; }, net::use_awaitable)'
  (void)v;
  co_return;
}

folly::coro::Task<void> folly_wait(std::future<int> &f) {
  f.wait();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: blocking call to 'std::future::wait' in a coroutine; waiting for another thread stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:5: warning: blocking call to 'std::future::wait' in a coroutine; waiting for another thread stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:5: note: move the blocking call to a thread pool: 'co_await folly::via(folly::getGlobalCPUExecutor(), [&] { return <blocking call>; })'
  co_return;
}
cppcoro::task<void> cppcoro_wait(std::future<int> &f) {
  f.wait();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: blocking call to 'std::future::wait' in a coroutine; waiting for another thread stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:5: warning: blocking call to 'std::future::wait' in a coroutine; waiting for another thread stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:5: note: move the blocking call to a thread pool: 'co_await pool.schedule()' on a 'cppcoro::static_thread_pool' before the call
  co_return;
}
coro::task<void> libcoro_wait(std::future<int> &f) {
  f.wait();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: blocking call to 'std::future::wait' in a coroutine; waiting for another thread stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:5: warning: blocking call to 'std::future::wait' in a coroutine; waiting for another thread stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:5: note: move the blocking call to a thread pool: 'co_await pool.schedule()' on a 'coro::thread_pool' before the call
  co_return;
}
Job unknown_framework_wait(std::future<int> &f) {
  f.wait();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: blocking call to 'std::future::wait' in a coroutine; waiting for another thread stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:5: warning: blocking call to 'std::future::wait' in a coroutine; waiting for another thread stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:5: note: move the blocking call to a thread pool and await its result
  co_return;
}

// co_await is not allowed in a handler: the note says where to await.
net::awaitable<void> asio_wait_in_handler(std::future<int> &f) {
  try {
    co_await asio_sleeps();
  } catch (...) {
    f.get();
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: blocking call to 'std::future::get' in a coroutine; waiting for another thread stalls every coroutine on its thread [async-blocking-call-in-coroutine]
    // CHECK-NOTES: :[[@LINE-2]]:7: warning: blocking call to 'std::future::get' in a coroutine; waiting for another thread stalls every coroutine on its thread [async-blocking-call-in-coroutine]
    // CHECK-NOTES: :[[@LINE-3]]:7: note: move the blocking call to a thread pool, outside the catch handler: 'co_await net::co_spawn(pool, [&]() -> net::awaitable<void> { <blocking call>; co_return; }, net::use_awaitable)'
  }
}

// Not flagged: polling with a zero timeout, a mutex, notifying.
net::awaitable<void> asio_polls(std::future<int> &f, std::mutex &m,
                                std::condition_variable &cv,
                                std::counting_semaphore<4> &slots) {
  if (f.wait_for(0s) == std::future_status::ready)
    (void)f.valid();
  (void)f.wait_for(std::chrono::seconds(0));
  (void)slots.try_acquire();
  (void)slots.try_acquire_for(0ms);
  std::lock_guard guard(m);
  m.lock();
  m.unlock();
  std::scoped_lock both(m);
  cv.notify_all();
  co_return;
}

// ---------------------------------------------------------------------------
// Nested event loops. Running an awaitable to completion inside a coroutine
// is what `co_await` does without blocking: the fix awaits the argument.

folly::coro::Task<int> compute();
folly::coro::Task<std::vector<int>> numbers();
folly::coro::Task<void> folly_nested() {
  int v = folly::coro::blockingWait(compute());
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: blocking call to 'folly::coro::blockingWait' in a coroutine; a nested event loop stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-FIXES: int v = co_await compute();
  auto task = compute();
  int w = folly::coro::blockingWait(std::move(task));
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: blocking call to 'folly::coro::blockingWait' in a coroutine; a nested event loop stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-FIXES: int w = co_await std::move(task);
  auto n = folly::coro::blockingWait(numbers()).size();
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: blocking call to 'folly::coro::blockingWait' in a coroutine; a nested event loop stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-FIXES: auto n = (co_await numbers()).size();
  (void)v, (void)w, (void)n;
  co_return;
}

cppcoro::task<int> cppcoro_compute();
cppcoro::task<int> cppcoro_other();
cppcoro::task<void> cppcoro_nested(bool fast) {
  cppcoro::sync_wait(cppcoro_compute());
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'cppcoro::sync_wait' in a coroutine; waiting for another thread stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-FIXES: co_await cppcoro_compute();
  cppcoro::sync_wait(fast ? cppcoro_compute() : cppcoro_other());
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'cppcoro::sync_wait' in a coroutine; waiting for another thread stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-FIXES: co_await (fast ? cppcoro_compute() : cppcoro_other());
  // An lvalue task would have to be moved from: a note only.
  auto task = cppcoro_compute();
  cppcoro::sync_wait(task);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'cppcoro::sync_wait' in a coroutine; waiting for another thread stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: blocking call to 'cppcoro::sync_wait' in a coroutine; waiting for another thread stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: 'co_await' the argument instead of blocking on it
  co_return;
}

coro::task<int> libcoro_compute();
coro::task<void> libcoro_nested() {
  coro::sync_wait(libcoro_compute());
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'coro::sync_wait' in a coroutine; waiting for another thread stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-FIXES: co_await libcoro_compute();
  co_return;
}

async_simple::coro::Lazy<int> lazy_compute();
async_simple::coro::Lazy<void> async_simple_nested() {
  int v = async_simple::coro::syncAwait(lazy_compute());
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: blocking call to 'async_simple::coro::syncAwait' in a coroutine; waiting for another thread stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-FIXES: int v = co_await lazy_compute();
  (void)v;
  co_return;
}

// stdexec::sync_wait returns an optional tuple: only a discarded result
// means the same once awaited.
exec::task<int> sender_work();
exec::task<void> stdexec_nested() {
  stdexec::sync_wait(sender_work());
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'stdexec::sync_wait' in a coroutine; a nested event loop stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-FIXES: co_await sender_work();
  auto result = stdexec::sync_wait(sender_work());
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: blocking call to 'stdexec::sync_wait' in a coroutine; a nested event loop stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:17: warning: blocking call to 'stdexec::sync_wait' in a coroutine; a nested event loop stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:17: note: 'co_await' the argument instead of blocking on it
  (void)result;
  co_return;
}

// A folly task cannot be awaited in an Asio coroutine: move the wait away.
net::awaitable<void> foreign_nested() {
  folly::coro::blockingWait(compute());
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'folly::coro::blockingWait' in a coroutine; a nested event loop stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: blocking call to 'folly::coro::blockingWait' in a coroutine; a nested event loop stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: move the blocking call to a thread pool: 'co_await net::co_spawn(pool, [&]() -> net::awaitable<void> { <blocking call>; co_return; }, net::use_awaitable)'
  co_return;
}

net::awaitable<void> asio_loops(net::io_context &ctx) {
  ctx.run();
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: blocking call to 'boost::asio::io_context::run' in a coroutine; a nested event loop stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:7: warning: blocking call to 'boost::asio::io_context::run' in a coroutine; a nested event loop stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:7: note: run the io_context outside coroutines (for example in main) and co_spawn work onto it; inside a coroutine, await the work instead
  ctx.run_one();
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: blocking call to 'boost::asio::io_context::run_one' in a coroutine; a nested event loop stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:7: warning: blocking call to 'boost::asio::io_context::run_one' in a coroutine; a nested event loop stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:7: note: run the io_context outside coroutines (for example in main) and co_spawn work onto it; inside a coroutine, await the work instead
  ctx.poll();
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: blocking call to 'boost::asio::io_context::poll' in a coroutine; a nested event loop stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:7: warning: blocking call to 'boost::asio::io_context::poll' in a coroutine; a nested event loop stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:7: note: run the io_context outside coroutines (for example in main) and co_spawn work onto it; inside a coroutine, await the work instead
  ctx.run_for(1s);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: blocking call to 'boost::asio::io_context::run_for' in a coroutine; a nested event loop stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:7: warning: blocking call to 'boost::asio::io_context::run_for' in a coroutine; a nested event loop stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:7: note: run the io_context outside coroutines (for example in main) and co_spawn work onto it; inside a coroutine, await the work instead
  co_return;
}

// ---------------------------------------------------------------------------
// Synchronous network I/O. (Asio's and Beast's synchronous operations, and
// the fixes that await their async_ twins, are in
// async-blocking-call-in-coroutine-asio.cpp.)

net::awaitable<void> posix_io(int fd, sockaddr *addr, socklen_t len,
                              epoll_event *events, fd_set *fds, pollfd *pfd) {
  char buf[64];
  read(fd, buf, sizeof buf);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'read' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: blocking call to 'read' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: put the descriptor in non-blocking mode (O_NONBLOCK) and await its readiness, or use the framework's asynchronous I/O operations
  write(fd, buf, sizeof buf);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'write' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: blocking call to 'write' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: put the descriptor in non-blocking mode (O_NONBLOCK) and await its readiness, or use the framework's asynchronous I/O operations
  recv(fd, buf, sizeof buf, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'recv' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: blocking call to 'recv' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: put the descriptor in non-blocking mode (O_NONBLOCK) and await its readiness, or use the framework's asynchronous I/O operations
  send(fd, buf, sizeof buf, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'send' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: blocking call to 'send' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: put the descriptor in non-blocking mode (O_NONBLOCK) and await its readiness, or use the framework's asynchronous I/O operations
  recvfrom(fd, buf, sizeof buf, 0, addr, &len);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'recvfrom' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: blocking call to 'recvfrom' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: put the descriptor in non-blocking mode (O_NONBLOCK) and await its readiness, or use the framework's asynchronous I/O operations
  connect(fd, addr, len);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'connect' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: blocking call to 'connect' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: put the descriptor in non-blocking mode (O_NONBLOCK) and await its readiness, or use the framework's asynchronous I/O operations
  accept(fd, addr, &len);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'accept' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: blocking call to 'accept' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: put the descriptor in non-blocking mode (O_NONBLOCK) and await its readiness, or use the framework's asynchronous I/O operations
  select(fd + 1, fds, nullptr, nullptr, nullptr);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'select' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: blocking call to 'select' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: move the blocking call to a thread pool: 'co_await net::co_spawn(pool, [&]() -> net::awaitable<void> { <blocking call>; co_return; }, net::use_awaitable)'
  poll(pfd, 1, -1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'poll' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: blocking call to 'poll' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: move the blocking call to a thread pool: 'co_await net::co_spawn(pool, [&]() -> net::awaitable<void> { <blocking call>; co_return; }, net::use_awaitable)'
  epoll_wait(fd, events, 8, -1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'epoll_wait' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: blocking call to 'epoll_wait' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: move the blocking call to a thread pool: 'co_await net::co_spawn(pool, [&]() -> net::awaitable<void> { <blocking call>; co_return; }, net::use_awaitable)'
  addrinfo *info = nullptr;
  getaddrinfo("example.com", "80", nullptr, &info);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'getaddrinfo' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: blocking call to 'getaddrinfo' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: move the blocking call to a thread pool: 'co_await net::co_spawn(pool, [&]() -> net::awaitable<void> { <blocking call>; co_return; }, net::use_awaitable)'
  gethostbyname("example.com");
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'gethostbyname' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: blocking call to 'gethostbyname' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: move the blocking call to a thread pool: 'co_await net::co_spawn(pool, [&]() -> net::awaitable<void> { <blocking call>; co_return; }, net::use_awaitable)'
  co_return;
}

net::awaitable<void> http_clients(CURL *curl) {
  curl_easy_perform(curl);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'curl_easy_perform' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: blocking call to 'curl_easy_perform' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: move the blocking call to a thread pool: 'co_await net::co_spawn(pool, [&]() -> net::awaitable<void> { <blocking call>; co_return; }, net::use_awaitable)'
  httplib::Client client("http://example.com");
  auto res = client.Get("/");
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: blocking call to 'httplib::Client::Get' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:21: warning: blocking call to 'httplib::Client::Get' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:21: note: move the blocking call to a thread pool: 'co_await net::co_spawn(pool, [&]() -> net::awaitable<void> { <blocking call>; co_return; }, net::use_awaitable)'
  client.Post("/items", "{}", "application/json");
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: blocking call to 'httplib::Client::Post' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:10: warning: blocking call to 'httplib::Client::Post' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:10: note: move the blocking call to a thread pool: 'co_await net::co_spawn(pool, [&]() -> net::awaitable<void> { <blocking call>; co_return; }, net::use_awaitable)'
  httplib::SSLClient secure("example.com");
  secure.Get("/");
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: blocking call to 'httplib::ClientImpl::Get' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:10: warning: blocking call to 'httplib::ClientImpl::Get' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:10: note: move the blocking call to a thread pool: 'co_await net::co_spawn(pool, [&]() -> net::awaitable<void> { <blocking call>; co_return; }, net::use_awaitable)'
  httplib::Server server;
  server.listen("0.0.0.0", 8080);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: blocking call to 'httplib::Server::listen' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:10: warning: blocking call to 'httplib::Server::listen' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:10: note: move the blocking call to a thread pool: 'co_await net::co_spawn(pool, [&]() -> net::awaitable<void> { <blocking call>; co_return; }, net::use_awaitable)'
  cpr::Response r = cpr::Get(cpr::Url{"http://example.com"});
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: blocking call to 'cpr::Get' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:21: warning: blocking call to 'cpr::Get' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:21: note: move the blocking call to a thread pool: 'co_await net::co_spawn(pool, [&]() -> net::awaitable<void> { <blocking call>; co_return; }, net::use_awaitable)'
  cpr::Session session;
  session.Get();
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: blocking call to 'cpr::Session::Get' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:11: warning: blocking call to 'cpr::Session::Get' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:11: note: move the blocking call to a thread pool: 'co_await net::co_spawn(pool, [&]() -> net::awaitable<void> { <blocking call>; co_return; }, net::use_awaitable)'
  (void)res, (void)r;
  co_return;
}

// Not flagged: the asynchronous forms, and functions that merely share a
// name with a blocking one.
namespace app {
int send(int fd, const char *msg);
struct Channel {
  int read(char *buf);
};
} // namespace app
net::awaitable<void> not_blocking(net::ip::tcp::socket &sock,
                                  app::Channel &channel) {
  char buf[64];
  co_await sock.async_read_some(net::buffer(buf, sizeof buf),
                                net::use_awaitable);
  co_await net::async_write(sock, net::buffer(buf, sizeof buf),
                            net::use_awaitable);
  auto pending = cpr::GetAsync(cpr::Url{"http://example.com"});
  httplib::Client client("http://example.com");
  (void)client.is_valid();
  app::send(1, "x");
  channel.read(buf);
  co_return;
}

// ---------------------------------------------------------------------------
// Child processes.

net::awaitable<void> processes() {
  std::system("make");
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'system' in a coroutine; waiting for a child process stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: blocking call to 'system' in a coroutine; waiting for a child process stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: move the blocking call to a thread pool: 'co_await net::co_spawn(pool, [&]() -> net::awaitable<void> { <blocking call>; co_return; }, net::use_awaitable)'
  FILE *pipe = popen("ls", "r");
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: blocking call to 'popen' in a coroutine; waiting for a child process stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:16: warning: blocking call to 'popen' in a coroutine; waiting for a child process stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:16: note: move the blocking call to a thread pool: 'co_await net::co_spawn(pool, [&]() -> net::awaitable<void> { <blocking call>; co_return; }, net::use_awaitable)'
  pclose(pipe);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'pclose' in a coroutine; waiting for a child process stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: blocking call to 'pclose' in a coroutine; waiting for a child process stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: move the blocking call to a thread pool: 'co_await net::co_spawn(pool, [&]() -> net::awaitable<void> { <blocking call>; co_return; }, net::use_awaitable)'
  int status = 0;
  waitpid(-1, &status, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'waitpid' in a coroutine; waiting for a child process stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: blocking call to 'waitpid' in a coroutine; waiting for a child process stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: move the blocking call to a thread pool: 'co_await net::co_spawn(pool, [&]() -> net::awaitable<void> { <blocking call>; co_return; }, net::use_awaitable)'
  co_return;
}

// File I/O is off by default (Categories; see the -options test).
net::awaitable<void> files_by_default() {
  std::ifstream in("config.txt");
  std::string line;
  std::getline(in, line);
  FILE *f = fopen("log.txt", "a");
  fputs("x", f);
  fclose(f);
  co_return;
}

// ---------------------------------------------------------------------------
// Transitive: a function defined in this file that reaches a blocking call
// through at most MaxDepth (3) non-coroutine calls. Notes show the chain.

void flush_to_disk() { std::this_thread::sleep_for(5ms); }
void save() { flush_to_disk(); }
void save_all() { save(); }
void save_everything() { save_all(); }
int checksum(std::future<int> &f) { return f.get(); }
template <class Future> auto wait_for_result(Future &f) { return f.get(); }
struct Connection {
  explicit Connection(int fd) { ::connect(fd, nullptr, 0); }
};
// Recursion does not loop.
void retry(int n) {
  if (n > 0)
    retry(n - 1);
  else
    save();
}

net::awaitable<void> transitive(std::future<int> &f) {
  save();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'save' in a coroutine reaches blocking call 'std::this_thread::sleep_for'; sleeping stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: call to 'save' in a coroutine reaches blocking call 'std::this_thread::sleep_for'; sleeping stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-20]]:15: note: 'flush_to_disk' is called here
  // CHECK-NOTES: :[[@LINE-22]]:24: note: blocking call to 'std::this_thread::sleep_for' is here
  // CHECK-NOTES: :[[@LINE-5]]:3: note: move the blocking call to a thread pool: 'co_await net::co_spawn(pool, [&]() -> net::awaitable<void> { <blocking call>; co_return; }, net::use_awaitable)'
  save_all();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'save_all' in a coroutine reaches blocking call 'std::this_thread::sleep_for'; sleeping stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: call to 'save_all' in a coroutine reaches blocking call 'std::this_thread::sleep_for'; sleeping stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-25]]:19: note: 'save' is called here
  // CHECK-NOTES: :[[@LINE-27]]:15: note: 'flush_to_disk' is called here
  // CHECK-NOTES: :[[@LINE-29]]:24: note: blocking call to 'std::this_thread::sleep_for' is here
  // CHECK-NOTES: :[[@LINE-6]]:3: note: move the blocking call to a thread pool: 'co_await net::co_spawn(pool, [&]() -> net::awaitable<void> { <blocking call>; co_return; }, net::use_awaitable)'
  int sum = checksum(f);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: call to 'checksum' in a coroutine reaches blocking call 'std::future::get'; waiting for another thread stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:13: warning: call to 'checksum' in a coroutine reaches blocking call 'std::future::get'; waiting for another thread stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-30]]:46: note: blocking call to 'std::future::get' is here
  // CHECK-NOTES: :[[@LINE-4]]:13: note: move the blocking call to a thread pool: 'co_await net::co_spawn(pool, [&]() -> net::awaitable<void> { <blocking call>; co_return; }, net::use_awaitable)'
  int r = wait_for_result(f);
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: call to 'wait_for_result' in a coroutine reaches blocking call 'std::future::get'; waiting for another thread stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:11: warning: call to 'wait_for_result' in a coroutine reaches blocking call 'std::future::get'; waiting for another thread stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-34]]:68: note: blocking call to 'std::future::get' is here
  // CHECK-NOTES: :[[@LINE-4]]:11: note: move the blocking call to a thread pool: 'co_await net::co_spawn(pool, [&]() -> net::awaitable<void> { <blocking call>; co_return; }, net::use_awaitable)'
  Connection conn(3);
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: construction of 'Connection' in a coroutine reaches blocking call 'connect'; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:14: warning: construction of 'Connection' in a coroutine reaches blocking call 'connect'; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-37]]:33: note: blocking call to 'connect' is here
  // CHECK-NOTES: :[[@LINE-4]]:14: note: move the blocking call to a thread pool: 'co_await net::co_spawn(pool, [&]() -> net::awaitable<void> { <blocking call>; co_return; }, net::use_awaitable)'
  // `retry` calls `save` on one branch only: what it may do is not evidence
  // (StrictMode reports it).
  retry(2);
  // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:3: warning: call to 'retry' in a coroutine reaches blocking call 'std::this_thread::sleep_for'; sleeping stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES-STRICT: :[[@LINE-2]]:3: warning: call to 'retry' in a coroutine reaches blocking call 'std::this_thread::sleep_for'; sleeping stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES-STRICT: :[[@LINE-37]]:5: note: 'save' is called here
  // CHECK-NOTES-STRICT: :[[@LINE-51]]:15: note: 'flush_to_disk' is called here
  // CHECK-NOTES-STRICT: :[[@LINE-53]]:24: note: blocking call to 'std::this_thread::sleep_for' is here
  // CHECK-NOTES-STRICT: :[[@LINE-6]]:3: note: move the blocking call to a thread pool: 'co_await net::co_spawn(pool, [&]() -> net::awaitable<void> { <blocking call>; co_return; }, net::use_awaitable)'
  [] { std::this_thread::sleep_for(1ms); }();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: lambda call in a coroutine reaches blocking call 'std::this_thread::sleep_for'; sleeping stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: lambda call in a coroutine reaches blocking call 'std::this_thread::sleep_for'; sleeping stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:8: note: blocking call to 'std::this_thread::sleep_for' is here
  // CHECK-NOTES: :[[@LINE-4]]:3: note: move the blocking call to a thread pool: 'co_await net::co_spawn(pool, [&]() -> net::awaitable<void> { <blocking call>; co_return; }, net::use_awaitable)'
  // Four calls deep: beyond MaxDepth.
  save_everything();
  (void)sum, (void)r;
  co_return;
}

// ---------------------------------------------------------------------------
// A called function blocks only if it does so each time it runs. A fallback
// branch (resolve a name only when the text is not an address) and the code
// after an early return are what it may do, not what the code shows it does:
// reported only under StrictMode. Beside them, the same helpers whose
// blocking call runs each time are reported; so is a loop that waits, which
// is what its function does.

bool parse_address(const std::string &text, int &out);
int resolve_name(const std::string &host) {
  int fd = 0;
  ::connect(fd, nullptr, 0);
  return fd;
}
int listen_endpoint(const std::string &host) {
  int address = 0;
  if (parse_address(host, address))
    return address;
  return resolve_name(host);
}
int listen_endpoint_always(const std::string &host) {
  int address = 0;
  parse_address(host, address);
  return resolve_name(host) + address;
}
void wait_all(std::vector<std::future<int>> &pending) {
  for (auto &f : pending)
    f.wait();
}
void wait_unless_ready(std::vector<std::future<int>> &pending) {
  if (pending.empty())
    return;
  pending.front().wait();
}

net::awaitable<void> start_server(std::string host,
                                  std::vector<std::future<int>> &pending) {
  int a = listen_endpoint(host);
  // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:11: warning: call to 'listen_endpoint' in a coroutine reaches blocking call 'connect'; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES-STRICT: :[[@LINE-2]]:11: warning: call to 'listen_endpoint' in a coroutine reaches blocking call 'connect'; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES-STRICT: :[[@LINE-22]]:10: note: 'resolve_name' is called here
  // CHECK-NOTES-STRICT: :[[@LINE-30]]:3: note: blocking call to 'connect' is here
  // CHECK-NOTES-STRICT: :[[@LINE-5]]:11: note: move the blocking call to a thread pool: 'co_await net::co_spawn(pool, [&]() -> net::awaitable<void> { <blocking call>; co_return; }, net::use_awaitable)'
  int b = listen_endpoint_always(host);
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: call to 'listen_endpoint_always' in a coroutine reaches blocking call 'connect'; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:11: warning: call to 'listen_endpoint_always' in a coroutine reaches blocking call 'connect'; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-23]]:10: note: 'resolve_name' is called here
  // CHECK-NOTES: :[[@LINE-36]]:3: note: blocking call to 'connect' is here
  // CHECK-NOTES: :[[@LINE-5]]:11: note: move the blocking call to a thread pool: 'co_await net::co_spawn(pool, [&]() -> net::awaitable<void> { <blocking call>; co_return; }, net::use_awaitable)'
  wait_all(pending);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'wait_all' in a coroutine reaches blocking call 'std::future::wait'; waiting for another thread stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: call to 'wait_all' in a coroutine reaches blocking call 'std::future::wait'; waiting for another thread stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-25]]:7: note: blocking call to 'std::future::wait' is here
  // CHECK-NOTES: :[[@LINE-4]]:3: note: move the blocking call to a thread pool: 'co_await net::co_spawn(pool, [&]() -> net::awaitable<void> { <blocking call>; co_return; }, net::use_awaitable)'
  wait_unless_ready(pending);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'wait_unless_ready' in a coroutine reaches blocking call 'std::future::wait'; waiting for another thread stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: call to 'wait_unless_ready' in a coroutine reaches blocking call 'std::future::wait'; waiting for another thread stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-25]]:19: note: blocking call to 'std::future::wait' is here
  // CHECK-NOTES: :[[@LINE-4]]:3: note: move the blocking call to a thread pool: 'co_await net::co_spawn(pool, [&]() -> net::awaitable<void> { <blocking call>; co_return; }, net::use_awaitable)'
  (void)a, (void)b;
  co_return;
}

// ---------------------------------------------------------------------------
// A branch taken only when the coroutine has no executor: it then runs
// inline on its caller's thread (async_simple's sleep falls back to sleeping
// the thread there), and stalls no executor. The same sleep outside that
// branch is reported.

async_simple::coro::Lazy<void> nap(std::chrono::milliseconds d) {
  auto ex = co_await async_simple::CurrentExecutor{};
  if (!ex) {
    std::this_thread::sleep_for(d);
    co_return;
  }
  if (ex == nullptr)
    std::this_thread::sleep_for(d);
  std::this_thread::sleep_for(d);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'std::this_thread::sleep_for' in a coroutine; sleeping stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: blocking call to 'std::this_thread::sleep_for' in a coroutine; sleeping stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: suspend on a timer instead: 'co_await async_simple::coro::sleep(<duration>)'
}

// The same in a template, as async_simple writes its sleep: `ex` is `auto`
// until instantiation.
template <class Rep, class Period>
async_simple::coro::Lazy<void> nap_for(std::chrono::duration<Rep, Period> d) {
  auto ex = co_await async_simple::CurrentExecutor();
  if (!ex) {
    std::this_thread::sleep_for(d);
    co_return;
  }
}

// ---------------------------------------------------------------------------
// Not flagged: blocking work handed to another thread or pool, nested
// lambdas, local classes, unevaluated operands, and code that is not a
// coroutine.

int blocking_job() {
  std::this_thread::sleep_for(1s);
  return 1;
}
void ordinary_function(std::future<int> &f) {
  std::this_thread::sleep_for(1s);
  f.get();
  save();
}
net::awaitable<void> handed_off(net::thread_pool &pool) {
  std::thread worker([] { std::this_thread::sleep_for(1s); });
  worker.detach();
  std::thread(blocking_job).detach();
  auto result = std::async(std::launch::async, [] { return blocking_job(); });
  auto deferred = std::async(std::launch::async, blocking_job);
  net::post(pool, [] { save(); });
  auto later = [] { sleep(1); };
  struct Local {
    void run() { std::this_thread::sleep_for(1s); }
  };
  (void)sizeof(blocking_job());
  using R = decltype(blocking_job());
  (void)noexcept(save());
  if constexpr (sizeof(int) == 0)
    save();
  (void)later;
  co_return;
}

// A coroutine lambda is a coroutine of its own: its blocking calls are
// reported there.
void spawn_lambda(net::io_context &ctx) {
  net::co_spawn(
      ctx,
      []() -> net::awaitable<void> {
        std::this_thread::sleep_for(1s);
        // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: blocking call to 'std::this_thread::sleep_for' in a coroutine; sleeping stalls every coroutine on its thread [async-blocking-call-in-coroutine]
        // CHECK-FIXES: co_await net::steady_timer(co_await net::this_coro::executor, 1s).async_wait(net::use_awaitable);
        co_return;
      },
      net::detached);
}

// A generator that never awaits runs on its consumer's thread, step by step,
// like an ordinary function: not flagged.
template <class T> struct Generator {
  struct promise_type {
    T value;
    Generator get_return_object() { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    std::suspend_always yield_value(T v) {
      value = v;
      return {};
    }
    void return_void() {}
    void unhandled_exception() {}
  };
};
Generator<std::string> lines_of(int fd) {
  char buf[64];
  while (read(fd, buf, sizeof buf) > 0)
    co_yield std::string(buf);
}
// One that also awaits is an asynchronous generator: flagged.
Generator<int> ticks() {
  std::this_thread::sleep_for(1s);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'std::this_thread::sleep_for' in a coroutine; sleeping stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: blocking call to 'std::this_thread::sleep_for' in a coroutine; sleeping stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: suspend on a timer of the coroutine's framework instead
  co_await std::suspend_always{};
  co_yield 1;
}

// ---------------------------------------------------------------------------
// Templates: a qualified call whose overload is chosen per instantiation is
// found through its candidates, which all block; it gets the advice but no
// rewrite. An unqualified one may find other functions by argument-dependent
// lookup at instantiation: not flagged.

template <class Duration> net::awaitable<void> pause_for(Duration d) {
  std::this_thread::sleep_for(d);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'std::this_thread::sleep_for' in a coroutine; sleeping stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: blocking call to 'std::this_thread::sleep_for' in a coroutine; sleeping stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: suspend on a timer instead: 'co_await net::steady_timer(co_await net::this_coro::executor, <duration>).async_wait(net::use_awaitable)'
  co_return;
}
template <class Duration> net::awaitable<void> pause_unqualified(Duration d) {
  using std::this_thread::sleep_for;
  sleep_for(d);
  co_return;
}

// ---------------------------------------------------------------------------
// Not flagged: non-blocking descriptors (libcoro's own sockets). The call is
// tried first; when it would block, the coroutine awaits readiness.

namespace nb {
struct io_status {
  int native = 0;
  bool try_again() const { return native == EAGAIN || native == EWOULDBLOCK; }
};

class tcp_client {
public:
  // Polls the descriptor: a coroutine that suspends until it is ready.
  coro::task<int> poll(int op);

  coro::task<io_status> read_some(char *buf, std::size_t size) {
    if (ready_) {
      io_status status = recv_now(buf, size);
      if (!status.try_again())
        co_return status;
      ready_ = false;
    }
    co_await poll(1);
    co_return recv_now(buf, size);
  }

  coro::task<int> connect_to(const sockaddr *addr, socklen_t len) {
    int ret = ::connect(fd_, addr, len);
    if (ret == -1 && (errno == EAGAIN || errno == EINPROGRESS))
      co_return co_await poll(2);
    co_return ret;
  }

private:
  io_status recv_now(char *buf, std::size_t size) {
    if (::recv(fd_, buf, size, 0) < 0)
      return {errno};
    return {};
  }
  int fd_ = -1;
  bool ready_ = true;
};
} // namespace nb

// MSG_DONTWAIT and O_NONBLOCK say the call does not wait.
coro::task<void> dont_wait(int fd, char *buf, std::size_t size) {
  ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
  ::send(fd, buf, size, MSG_DONTWAIT);
  co_return;
}

// Waking a poller through an eventfd or a pipe writes one counter.
coro::task<void> wake_poller(int event_fd) {
  std::uint64_t one = 1;
  auto written = ::write(event_fd, &one, sizeof(one));
  (void)written;
  co_return;
}

// A plain blocking read in a coroutine is still reported.
coro::task<void> blocking_read(int fd, char *buf, std::size_t size) {
  auto n = ::read(fd, buf, size);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: blocking call to 'read' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:12: warning: blocking call to 'read' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:12: note: put the descriptor in non-blocking mode (O_NONBLOCK) and await its readiness, or use the framework's asynchronous I/O operations
  (void)n;
  co_return;
}

// Console input waits for the user.
net::awaitable<void> console_input() {
  std::string line;
  std::getline(std::cin, line);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'std::getline' in a coroutine; waiting for console input stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: blocking call to 'std::getline' in a coroutine; waiting for console input stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: move the blocking call to a thread pool: 'co_await net::co_spawn(pool, [&]() -> net::awaitable<void> { <blocking call>; co_return; }, net::use_awaitable)'
  int n = 0;
  std::cin >> n;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'std::cin >>' in a coroutine; waiting for console input stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: blocking call to 'std::cin >>' in a coroutine; waiting for console input stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: move the blocking call to a thread pool: 'co_await net::co_spawn(pool, [&]() -> net::awaitable<void> { <blocking call>; co_return; }, net::use_awaitable)'
  // Not flagged: writing to the console does not wait for the user.
  std::cout << line << n;
  co_return;
}

// A virtual call runs one of the implementations the unit can see: reported
// when one of them blocks, with a note that says which; a pure virtual
// function with no implementation in sight is not followed, and neither is
// a call that names one definition (`x.Base::f()`).
struct endpoint_base {
  virtual ~endpoint_base() = default;
  virtual void call() = 0;
  virtual void flush() {}
};
struct proc_endpoint : endpoint_base {
  void call() override { std::this_thread::sleep_for(std::chrono::seconds(3)); }
};
struct quiet_endpoint : endpoint_base {
  void call() override {}
  void flush() override {}
};
struct plugin_hook {
  virtual ~plugin_hook() = default;
  virtual void run() = 0;
};
void stop_endpoint(endpoint_base &ep) { ep.call(); }

net::awaitable<void> poke(endpoint_base &ep, plugin_hook &hook,
                          proc_endpoint &proc) {
  ep.call();
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: call to 'call' in a coroutine reaches blocking call 'std::this_thread::sleep_for'; sleeping stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:6: warning: call to 'call' in a coroutine reaches blocking call 'std::this_thread::sleep_for'; sleeping stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:6: note: virtual call to 'endpoint_base::call': 1 of its 2 visible implementations blocks ('proc_endpoint::call')
  // CHECK-NOTES: :[[@LINE-18]]:26: note: blocking call to 'std::this_thread::sleep_for' is here
  // CHECK-NOTES: :[[@LINE-5]]:6: note: move the blocking call to a thread pool: 'co_await net::co_spawn(pool, [&]() -> net::awaitable<void> { <blocking call>; co_return; }, net::use_awaitable)'
  stop_endpoint(ep);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'stop_endpoint' in a coroutine reaches blocking call 'std::this_thread::sleep_for'; sleeping stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: call to 'stop_endpoint' in a coroutine reaches blocking call 'std::this_thread::sleep_for'; sleeping stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-13]]:44: note: 'endpoint_base::call' is called here and runs 'proc_endpoint::call'
  // CHECK-NOTES: :[[@LINE-24]]:26: note: blocking call to 'std::this_thread::sleep_for' is here
  // CHECK-NOTES: :[[@LINE-5]]:3: note: move the blocking call to a thread pool: 'co_await net::co_spawn(pool, [&]() -> net::awaitable<void> { <blocking call>; co_return; }, net::use_awaitable)'
  // Not flagged: no implementation of flush blocks; run has none in sight;
  // the qualified call runs quiet_endpoint::call only.
  ep.flush();
  hook.run();
  static_cast<endpoint_base &>(proc).endpoint_base::flush();
  co_return;
}

// A call through a local function pointer or std::function runs the one
// function it was initialised with when nothing changes it afterwards.
void wait_for_child() { std::this_thread::sleep_for(std::chrono::seconds(10)); }
void no_child() {}
void pick(void (*&slot)());
net::awaitable<void> through_variables(bool fast, void (*hook)()) {
  void (*stop)() = &wait_for_child;
  stop();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'wait_for_child' in a coroutine reaches blocking call 'std::this_thread::sleep_for'; sleeping stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: call to 'wait_for_child' in a coroutine reaches blocking call 'std::this_thread::sleep_for'; sleeping stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-8]]:25: note: blocking call to 'std::this_thread::sleep_for' is here
  // CHECK-NOTES: :[[@LINE-4]]:3: note: move the blocking call to a thread pool: 'co_await net::co_spawn(pool, [&]() -> net::awaitable<void> { <blocking call>; co_return; }, net::use_awaitable)'
  const std::function<void()> later = [] { wait_for_child(); };
  later();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: lambda call in a coroutine reaches blocking call 'std::this_thread::sleep_for'; sleeping stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: lambda call in a coroutine reaches blocking call 'std::this_thread::sleep_for'; sleeping stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-4]]:44: note: 'wait_for_child' is called here
  // CHECK-NOTES: :[[@LINE-15]]:25: note: blocking call to 'std::this_thread::sleep_for' is here
  // CHECK-NOTES: :[[@LINE-5]]:3: note: move the blocking call to a thread pool: 'co_await net::co_spawn(pool, [&]() -> net::awaitable<void> { <blocking call>; co_return; }, net::use_awaitable)'
  // Not followed: assigned again, handed out by reference, a parameter.
  void (*maybe)() = &wait_for_child;
  if (fast)
    maybe = &no_child;
  maybe();
  std::function<void()> chosen = wait_for_child;
  chosen = no_child;
  chosen();
  void (*slot)() = &wait_for_child;
  pick(slot);
  slot();
  hook();
  co_return;
}
