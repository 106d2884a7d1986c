// RUN: %check_async %s async-sequential-await-in-loop %t-default
// RUN: %check_async -check-suffixes=,GLOBAL %s async-sequential-await-in-loop %t-global \
// RUN:   -config="{CheckOptions: {LazyTaskTypes: 'mylib::Deferred'}}"
// RUN: %check_async -check-suffixes=,GLOBAL %s async-sequential-await-in-loop %t-local \
// RUN:   -config="{CheckOptions: {LazyTaskTypes: 'other::Thing', async-sequential-await-in-loop.LazyTaskTypes: 'mylib::Deferred'}}"

// The shared task-type options reach this check: set once, globally (or for
// this check, which wins over the global setting), a type listed as lazy is a
// task that only starts when awaited, so awaiting earlier-made ones one at a
// time in a loop runs them one after another.

#include <coro/coro.hpp>
#include <utility>
#include <vector>

namespace mylib {
// A task type of the project's own whose promise starts eagerly; the project
// knows better (its awaiter defers the work) and lists it as lazy.
struct Deferred {
  struct promise_type {
    Deferred get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  void await_resume() const noexcept {}
};
} // namespace mylib

// Reported in every configuration: a call per item.
coro::task<int> fetch(int id);
coro::task<int> fetch_all(std::vector<int> ids) {
  int total = 0;
  for (int id : ids)
    total += co_await fetch(id);
    // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: each iteration waits for 'fetch' before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
    // CHECK-NOTES: :[[@LINE-2]]:14: warning: each iteration waits for 'fetch' before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
    // CHECK-NOTES: :[[@LINE-4]]:3: note: to run the iterations concurrently, collect the tasks and await them with 'coro::when_all'
  co_return total;
}

// Without the option the type looks eager: awaiting it in a loop is a join.
coro::task<void> run_all(std::vector<mylib::Deferred> jobs) {
  for (auto &job : jobs)
    co_await std::move(job);
    // CHECK-MESSAGES-GLOBAL: :[[@LINE-1]]:5: warning: each iteration waits for the awaited operation before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
    // CHECK-NOTES-GLOBAL: :[[@LINE-2]]:5: warning: each iteration waits for the awaited operation before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
    // CHECK-NOTES-GLOBAL: :[[@LINE-4]]:3: note: to run the iterations concurrently, collect the tasks and await them with 'coro::when_all'
  co_return;
}
