// RUN: %check_async -fix-notes %s async-stale-read-across-await %t
// RUN: %check_async -fix-notes -check-suffixes=,STRICT %s async-stale-read-across-await %t-strict \
// RUN:   -config="{CheckOptions: {async-stale-read-across-await.StrictMode: true}}"

#include <atomic>
#include <boost/asio.hpp>
#include <coro/coro.hpp>
#include <coro/mutex.hpp>
#include <cppcoro/async_mutex.hpp>
#include <cppcoro/task.hpp>
#include <folly/experimental/coro/Mutex.h>
#include <folly/experimental/coro/Task.h>

namespace net = boost::asio;

net::awaitable<void> audit();
net::awaitable<void> flush();
void log(int);

// An account two coroutines change: the withdrawal copies the balance,
// suspends, and writes the copy back; a deposit made meanwhile is lost.
class Account {
public:
  net::awaitable<void> withdraw(int amount) {
    auto b = balance_;
    co_await audit();
    balance_ = b - amount;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'balance_' is written from 'b', read before the suspension at line [[@LINE-2]]; what another coroutine wrote to 'balance_' while this one was suspended is lost [async-stale-read-across-await]
    // CHECK-NOTES: :[[@LINE-4]]:5: note: 'balance_' is read here
    // CHECK-NOTES: :[[@LINE-3]]:5: note: apply the change to the value 'balance_' has after the suspension
    // CHECK-NOTES: :[[@LINE+6]]:5: note: 'deposit' also writes 'balance_'
    // CHECK-FIXES:      net::awaitable<void> withdraw(int amount) {
    // CHECK-FIXES-NEXT:   co_await audit();
    // CHECK-FIXES-NEXT:   balance_ -= amount;
  }
  net::awaitable<void> deposit(int amount) {
    balance_ += amount;
    co_await flush();
  }

  // Not flagged: the balance read again after the suspension.
  net::awaitable<void> withdraw_fresh(int amount) {
    co_await audit();
    balance_ = balance_ - amount;
  }

  // Not flagged: the copy is only put back (a value saved and restored), and
  // the coroutine itself writes the state in between.
  net::awaitable<void> with_depth_zero() {
    auto saved = depth_;
    depth_ = 0;
    co_await flush();
    depth_ = saved;
  }
  net::awaitable<void> nest() {
    depth_ = depth_ + 1;
    co_await flush();
  }

  // Not flagged: the suspension runs only on one branch; the write may come
  // without it. Beside it, the same copy across an await that always runs.
  net::awaitable<void> maybe_audit(int amount, bool check) {
    auto b = balance_;
    if (check)
      co_await audit();
    balance_ = b - amount;
  }
  net::awaitable<void> audit_in_branch(int amount, bool check) {
    if (check) {
      auto b = balance_;
      co_await audit();
      balance_ = b + amount;
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'balance_' is written from 'b', read before the suspension at line [[@LINE-2]]; {{.*}} [async-stale-read-across-await]
      // CHECK-NOTES: :[[@LINE-4]]:7: note: 'balance_' is read here
      // CHECK-NOTES: :[[@LINE-3]]:7: note: apply the change to the value 'balance_' has after the suspension
      // CHECK-NOTES: :[[@LINE-49]]:5: note: 'withdraw' also writes 'balance_'
      // CHECK-FIXES:      if (check) {
      // CHECK-FIXES-NEXT:   co_await audit();
      // CHECK-FIXES-NEXT:   balance_ += amount;
    }
  }

  // Not flagged: the local is changed again after it was read (here,
  // re-read after the suspension).
  net::awaitable<void> reread(int amount) {
    auto b = balance_;
    co_await audit();
    b = balance_;
    balance_ = b - amount;
  }

  // Not flagged: an await that never suspends.
  net::awaitable<void> same_step(int amount) {
    auto b = balance_;
    auto ex = co_await net::this_coro::executor;
    (void)ex;
    balance_ = b - amount;
  }

private:
  int balance_ = 0;
  int depth_ = 0;
};

// A global counter, with the copy also logged: no fix, a note.
int g_requests = 0;
const int g_limit = 10;
std::atomic<int> g_atomic{0};
net::awaitable<void> count_request() {
  auto seen = g_requests;
  co_await flush();
  g_requests = seen + 1;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'g_requests' is written from 'seen', read before the suspension at line [[@LINE-2]]; {{.*}} [async-stale-read-across-await]
  // CHECK-NOTES: :[[@LINE-4]]:3: note: 'g_requests' is read here
  // CHECK-NOTES: :[[@LINE-3]]:3: note: read 'g_requests' again after the suspension{{$}}
  // CHECK-NOTES: :[[@LINE+5]]:3: note: 'reset_requests' also writes 'g_requests'
  log(seen);
}
net::awaitable<void> reset_requests() {
  co_await flush();
  g_requests = 0;
}
// Not flagged: an atomic is read and written by its own operations.
net::awaitable<void> count_atomic() {
  int seen = g_atomic.load();
  co_await flush();
  g_atomic = seen + 1;
}
net::awaitable<void> reset_atomic() {
  co_await flush();
  g_atomic = 0;
}

// Not flagged by default: no other coroutine of the unit writes 'solo_'.
struct Solo {
  net::awaitable<void> bump() {
    auto n = solo_;
    co_await flush();
    solo_ = n * 2;
    // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:5: warning: 'solo_' is written from 'n', {{.*}} [async-stale-read-across-await]
    // CHECK-NOTES-STRICT: :[[@LINE-4]]:5: note: 'solo_' is read here
    // CHECK-NOTES-STRICT: :[[@LINE-3]]:5: note: apply the change to the value 'solo_' has after the suspension
  }
  int solo_ = 1;
};

// A static data member: one value for every object, and another coroutine
// of the unit writes it.
struct Registry {
  static int generation;
  net::awaitable<void> bump() {
    auto g = generation;
    co_await flush();
    generation = g + 1;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'generation' is written from 'g', read before the suspension at line [[@LINE-2]]; {{.*}} [async-stale-read-across-await]
    // CHECK-NOTES: :[[@LINE-4]]:5: note: 'generation' is read here
    // CHECK-NOTES: :[[@LINE-3]]:5: note: apply the change to the value 'generation' has after the suspension
    // CHECK-NOTES: :[[@LINE+8]]:5: note: 'reset' also writes 'generation'
    // CHECK-FIXES:      static int generation;
    // CHECK-FIXES-NEXT: net::awaitable<void> bump() {
    // CHECK-FIXES-NEXT:   co_await flush();
    // CHECK-FIXES-NEXT:   generation += 1;
  }
  net::awaitable<void> reset() {
    co_await flush();
    generation = 0;
  }
};
int Registry::generation = 0;

// A function's static local, which only this coroutine writes: its calls
// may or may not overlap, so only StrictMode reports it.
net::awaitable<void> count_calls() {
  static int calls = 0;
  auto n = calls;
  co_await flush();
  calls = n + 1;
  // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:3: warning: 'calls' is written from 'n', {{.*}} [async-stale-read-across-await]
  // CHECK-NOTES-STRICT: :[[@LINE-4]]:3: note: 'calls' is read here
  // CHECK-NOTES-STRICT: :[[@LINE-3]]:3: note: apply the change to the value 'calls' has after the suspension
}

// Not flagged: state in the coroutine's own frame.
net::awaitable<void> frame_local() {
  int local = 0;
  auto n = local;
  co_await flush();
  local = n + 1;
  log(local);
}

// Lambda coroutines that capture a total by reference both change it; one
// captured by value changes its own copy.
void start(net::io_context &io) {
  int total = 0;
  net::co_spawn(
      io,
      [&total]() -> net::awaitable<void> {
        auto t = total;
        co_await flush();
        total = t + 5;
        // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'total' is written from 't', {{.*}} [async-stale-read-across-await]
        // CHECK-NOTES: :[[@LINE-4]]:9: note: 'total' is read here
        // CHECK-NOTES: :[[@LINE-3]]:9: note: apply the change to the value 'total' has after the suspension
        // CHECK-NOTES: :[[@LINE+7]]:9: note: 'operator()' also writes 'total'
      },
      net::detached);
  net::co_spawn(
      io,
      [&total]() -> net::awaitable<void> {
        co_await flush();
        total = 0;
      },
      net::detached);
  net::co_spawn(
      io,
      [total]() mutable -> net::awaitable<void> {
        auto t = total;
        co_await flush();
        total = t + 1;
      },
      net::detached);
  io.run();
}

// An async mutex held across the suspension keeps the other writers out;
// one released before the write, or a guard dropped at once, does not.
folly::coro::Task<void> folly_flush();
class FollyCounter {
public:
  folly::coro::Task<void> locked() {
    auto lock = co_await mutex_.co_scoped_lock();
    auto n = count_;
    co_await folly_flush();
    count_ = n + 1;
  }
  folly::coro::Task<void> dropped_guard() {
    co_await mutex_.co_scoped_lock();
    auto n = count_;
    co_await folly_flush();
    count_ = n + 1;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'count_' is written from 'n', {{.*}} [async-stale-read-across-await]
    // CHECK-NOTES: :[[@LINE-4]]:5: note: 'count_' is read here
    // CHECK-NOTES: :[[@LINE-3]]:5: note: apply the change to the value 'count_' has after the suspension
    // CHECK-NOTES: :[[@LINE-10]]:5: note: 'locked' also writes 'count_'
  }
  folly::coro::Task<void> logged() {
    auto n = count_;
    co_await folly_flush();
    count_ = n + 1;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'count_' is written from 'n', {{.*}} [async-stale-read-across-await]
    // CHECK-NOTES: :[[@LINE-4]]:5: note: 'count_' is read here
    // CHECK-NOTES: :[[@LINE-3]]:5: note: read 'count_' again after the suspension, or hold a folly::coro::Mutex across it ('auto lock = co_await mutex.co_scoped_lock();')
    // CHECK-NOTES: :[[@LINE-19]]:5: note: 'locked' also writes 'count_'
    log(n);
  }

private:
  folly::coro::Mutex mutex_;
  int count_ = 0;
};

cppcoro::task<> cppcoro_flush();
class CppcoroCounter {
public:
  cppcoro::task<> unlocked_after() {
    co_await mutex_.lock_async();
    auto n = count_;
    co_await cppcoro_flush();
    count_ = n + 1;
    mutex_.unlock();
  }
  cppcoro::task<> unlocked_before() {
    co_await mutex_.lock_async();
    auto n = count_;
    mutex_.unlock();
    co_await cppcoro_flush();
    count_ = n + 1;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'count_' is written from 'n', {{.*}} [async-stale-read-across-await]
    // CHECK-NOTES: :[[@LINE-5]]:5: note: 'count_' is read here
    // CHECK-NOTES: :[[@LINE-3]]:5: note: apply the change to the value 'count_' has after the suspension
    // CHECK-NOTES: :[[@LINE-12]]:5: note: 'unlocked_after' also writes 'count_'
  }

private:
  cppcoro::async_mutex mutex_;
  int count_ = 0;
};

coro::task<> libcoro_flush();
class LibcoroCounter {
public:
  coro::task<> locked() {
    auto lock = co_await mutex_.lock();
    auto n = count_;
    co_await libcoro_flush();
    count_ = n + 1;
  }
  coro::task<> lock_after_read() {
    auto n = count_;
    auto lock = co_await mutex_.lock();
    co_await libcoro_flush();
    count_ = n + 1;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'count_' is written from 'n', {{.*}} [async-stale-read-across-await]
    // CHECK-NOTES: :[[@LINE-5]]:5: note: 'count_' is read here
    // CHECK-NOTES: :[[@LINE-3]]:5: note: apply the change to the value 'count_' has after the suspension
    // CHECK-NOTES: :[[@LINE-10]]:5: note: 'locked' also writes 'count_'
  }

private:
  coro::mutex mutex_;
  int count_ = 0;
};

// Not flagged: a write a macro makes is not the user's code.
#define PUT_BACK(state, value) state = (value)
struct Macro {
  net::awaitable<void> bump() {
    auto n = hits_;
    co_await flush();
    PUT_BACK(hits_, n + 1);
  }
  net::awaitable<void> reset() {
    co_await flush();
    hits_ = 0;
  }
  int hits_ = 0;
};
