// RUN: %check_async -check-suffixes=,NOTES -fix-notes %s async-sequential-await-in-loop %t \
// RUN:   -config="{CheckOptions: {async-sequential-await-in-loop.MaxConcurrency: 0}}"

// The fix on the note adds the headers it needs -- <vector> and the
// framework's when_all -- when the file does not include them yet, and
// spells the framework's namespace in full when the file has no alias.
// MaxConcurrency 0 (here) awaits every task at once: folly's
// collectAllRange instead of collectAllWindowed.

#include <cppcoro/task.hpp>
#include <folly/experimental/coro/Task.h>
#include <string>
// CHECK-FIXES-NOTES: #include <cppcoro/task.hpp>
// CHECK-FIXES-NOTES: #include <folly/experimental/coro/Collect.h>
// CHECK-FIXES-NOTES: #include <folly/experimental/coro/Task.h>
// CHECK-FIXES-NOTES: #include <cppcoro/when_all.hpp>
// CHECK-FIXES-NOTES: #include <string>
// CHECK-FIXES-NOTES: #include <vector>

folly::coro::Task<void> store(std::string url);
folly::coro::Task<void> folly_loop(const std::string (&urls)[3]) {
  for (auto &u : urls)
    co_await store(u);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: each iteration waits for 'store' before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
    // CHECK-NOTES: :[[@LINE-2]]:5: warning: each iteration waits for 'store' before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
    // CHECK-NOTES: :[[@LINE-4]]:3: note: to run the iterations concurrently, collect the tasks and await them with 'folly::coro::collectAllRange', or with 'folly::coro::collectAllWindowed' to bound how many run at once
  // CHECK-FIXES-NOTES: {
  // CHECK-FIXES-NOTES: std::vector<folly::coro::Task<void>> tasks;
  // CHECK-FIXES-NOTES: for (auto &u : urls)
  // CHECK-FIXES-NOTES: tasks.push_back(store(u));
  // CHECK-FIXES-NOTES: co_await folly::coro::collectAllRange(std::move(tasks));
  // CHECK-FIXES-NOTES: }
}

cppcoro::task<> upload(std::string url);
cppcoro::task<> cppcoro_loop(const std::string (&urls)[3]) {
  for (auto &u : urls)
    co_await upload(u);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: each iteration waits for 'upload' before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
    // CHECK-NOTES: :[[@LINE-2]]:5: warning: each iteration waits for 'upload' before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
    // CHECK-NOTES: :[[@LINE-4]]:3: note: to run the iterations concurrently, collect the tasks and await them with 'cppcoro::when_all'
  // CHECK-FIXES-NOTES: {
  // CHECK-FIXES-NOTES: std::vector<cppcoro::task<>> tasks;
  // CHECK-FIXES-NOTES: for (auto &u : urls)
  // CHECK-FIXES-NOTES: tasks.push_back(upload(u));
  // CHECK-FIXES-NOTES: co_await cppcoro::when_all(std::move(tasks));
  // CHECK-FIXES-NOTES: }
}
