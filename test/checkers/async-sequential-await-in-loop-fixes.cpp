// RUN: %check_async %s async-sequential-await-in-loop %t
// RUN: %check_async -check-suffixes=,NOTES -fix-notes %s async-sequential-await-in-loop %t-notes

// The canonical shapes -- a range-for whose only statement is
// `co_await f(elem);` or `results.push_back(co_await f(elem));` -- get a
// complete rewrite on the note in the frameworks with a range when_all
// (folly, cppcoro, libcoro). The warning itself never carries a fix: running
// the tasks concurrently changes ordering, exceptions and cancellation.

#include <coro/coro.hpp>
#include <cppcoro/task.hpp>
#include <cppcoro/when_all.hpp>
#include <folly/experimental/coro/Collect.h>
#include <folly/experimental/coro/Task.h>
#include <string>
#include <utility>
#include <vector>

namespace fc = folly::coro;

fc::Task<int> fetch(const std::string &url);
fc::Task<void> store(std::string url);
fc::Task<void> store_n(std::string url, int copies);

class Client {
public:
  fc::Task<std::string> get(const std::string &url);
};

// ---------------------------------------------------------------------------
// folly: collectAllWindowed, at most MaxConcurrency (16) at once, spelled
// with the file's alias.

fc::Task<void> folly_discarded(std::vector<std::string> urls) {
  for (const auto &u : urls) {
    co_await store(u);
  }
  // CHECK-MESSAGES: :[[@LINE-2]]:5: warning: each iteration waits for 'store' before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
  // CHECK-NOTES: :[[@LINE-3]]:5: warning: each iteration waits for 'store' before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
  // CHECK-NOTES: :[[@LINE-5]]:3: note: to run the iterations concurrently, collect the tasks and await them with 'fc::collectAllRange', or with 'fc::collectAllWindowed' to bound how many run at once
  // CHECK-FIXES-NOTES: {
  // CHECK-FIXES-NOTES: std::vector<fc::Task<void>> tasks;
  // CHECK-FIXES-NOTES: for (const auto &u : urls)
  // CHECK-FIXES-NOTES: tasks.push_back(store(u));
  // CHECK-FIXES-NOTES: co_await fc::collectAllWindowed(std::move(tasks), 16);
  // CHECK-FIXES-NOTES: }
}

fc::Task<std::vector<int>> folly_collected(std::vector<std::string> urls) {
  std::vector<int> sizes;
  for (auto &u : urls)
    sizes.push_back(co_await fetch(u));
    // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: each iteration waits for 'fetch' before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
    // CHECK-NOTES: :[[@LINE-2]]:21: warning: each iteration waits for 'fetch' before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
    // CHECK-NOTES: :[[@LINE-4]]:3: note: to run the iterations concurrently, collect the tasks and await them with 'fc::collectAllRange', or with 'fc::collectAllWindowed' to bound how many run at once
  // CHECK-FIXES-NOTES: {
  // CHECK-FIXES-NOTES: std::vector<fc::Task<int>> tasks;
  // CHECK-FIXES-NOTES: for (auto &u : urls)
  // CHECK-FIXES-NOTES: tasks.push_back(fetch(u));
  // CHECK-FIXES-NOTES: for (auto &result : co_await fc::collectAllWindowed(std::move(tasks), 16))
  // CHECK-FIXES-NOTES: sizes.push_back(std::move(result));
  // CHECK-FIXES-NOTES: }
  co_return sizes;
}

fc::Task<void> folly_emplaced(std::vector<std::string> urls,
                              std::vector<std::string> &bodies, Client &client) {
  for (auto &u : urls)
    bodies.emplace_back(co_await client.get(u));
    // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: each iteration waits for 'get' before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
    // CHECK-NOTES: :[[@LINE-2]]:25: warning: each iteration waits for 'get' before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
    // CHECK-NOTES: :[[@LINE-4]]:3: note: to run the iterations concurrently, collect the tasks and await them with 'fc::collectAllRange', or with 'fc::collectAllWindowed' to bound how many run at once
  // CHECK-FIXES-NOTES: {
  // CHECK-FIXES-NOTES: std::vector<fc::Task<std::string>> tasks;
  // CHECK-FIXES-NOTES: for (auto &u : urls)
  // CHECK-FIXES-NOTES: tasks.push_back(client.get(u));
  // CHECK-FIXES-NOTES: for (auto &result : co_await fc::collectAllWindowed(std::move(tasks), 16))
  // CHECK-FIXES-NOTES: bodies.emplace_back(std::move(result));
  // CHECK-FIXES-NOTES: }
}

// The copy the loop makes is passed by value: the task owns its own copy.
fc::Task<void> folly_by_value(std::vector<std::string> urls) {
  for (auto u : urls)
    co_await store(u);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: each iteration waits for 'store' before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
    // CHECK-NOTES: :[[@LINE-2]]:5: warning: each iteration waits for 'store' before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
    // CHECK-NOTES: :[[@LINE-4]]:3: note: to run the iterations concurrently, collect the tasks and await them with 'fc::collectAllRange', or with 'fc::collectAllWindowed' to bound how many run at once
  // CHECK-FIXES-NOTES: {
  // CHECK-FIXES-NOTES: std::vector<fc::Task<void>> tasks;
  // CHECK-FIXES-NOTES: for (auto u : urls)
  // CHECK-FIXES-NOTES: tasks.push_back(store(u));
  // CHECK-FIXES-NOTES: co_await fc::collectAllWindowed(std::move(tasks), 16);
  // CHECK-FIXES-NOTES: }
}

// The loop already uses the name `tasks`.
fc::Task<void> folly_fresh_name(std::vector<std::string> urls, int tasks) {
  for (auto &u : urls)
    co_await store_n(u, tasks);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: each iteration waits for 'store_n' before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
    // CHECK-NOTES: :[[@LINE-2]]:5: warning: each iteration waits for 'store_n' before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
    // CHECK-NOTES: :[[@LINE-4]]:3: note: to run the iterations concurrently, collect the tasks and await them with 'fc::collectAllRange', or with 'fc::collectAllWindowed' to bound how many run at once
  // CHECK-FIXES-NOTES: {
  // CHECK-FIXES-NOTES: std::vector<fc::Task<void>> tasks2;
  // CHECK-FIXES-NOTES: for (auto &u : urls)
  // CHECK-FIXES-NOTES: tasks2.push_back(store_n(u, tasks));
  // CHECK-FIXES-NOTES: co_await fc::collectAllWindowed(std::move(tasks2), 16);
  // CHECK-FIXES-NOTES: }
}

// ---------------------------------------------------------------------------
// cppcoro: when_all over a std::vector of tasks.

cppcoro::task<std::string> download(const std::string &url);
cppcoro::task<> upload(const std::string &url);

cppcoro::task<> cppcoro_discarded(std::vector<std::string> urls) {
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

cppcoro::task<> cppcoro_collected(std::vector<std::string> urls) {
  std::vector<std::string> pages;
  for (auto &u : urls)
    pages.push_back(co_await download(u));
    // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: each iteration waits for 'download' before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
    // CHECK-NOTES: :[[@LINE-2]]:21: warning: each iteration waits for 'download' before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
    // CHECK-NOTES: :[[@LINE-4]]:3: note: to run the iterations concurrently, collect the tasks and await them with 'cppcoro::when_all'
  // CHECK-FIXES-NOTES: {
  // CHECK-FIXES-NOTES: std::vector<cppcoro::task<std::string>> tasks;
  // CHECK-FIXES-NOTES: for (auto &u : urls)
  // CHECK-FIXES-NOTES: tasks.push_back(download(u));
  // CHECK-FIXES-NOTES: for (auto &result : co_await cppcoro::when_all(std::move(tasks)))
  // CHECK-FIXES-NOTES: pages.push_back(std::move(result));
  // CHECK-FIXES-NOTES: }
}

// ---------------------------------------------------------------------------
// libcoro: when_all hands back wrappers; the fix unwraps return_value().

coro::task<int> compute(int x);
coro::task<void> emit(int x);

coro::task<void> libcoro_collected(std::vector<int> xs) {
  std::vector<int> ys;
  for (const int &x : xs)
    ys.push_back(co_await compute(x));
    // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: each iteration waits for 'compute' before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
    // CHECK-NOTES: :[[@LINE-2]]:18: warning: each iteration waits for 'compute' before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
    // CHECK-NOTES: :[[@LINE-4]]:3: note: to run the iterations concurrently, collect the tasks and await them with 'coro::when_all'
  // CHECK-FIXES-NOTES: {
  // CHECK-FIXES-NOTES: std::vector<coro::task<int>> tasks;
  // CHECK-FIXES-NOTES: for (const int &x : xs)
  // CHECK-FIXES-NOTES: tasks.push_back(compute(x));
  // CHECK-FIXES-NOTES: for (auto &result : co_await coro::when_all(std::move(tasks)))
  // CHECK-FIXES-NOTES: ys.push_back(std::move(result.return_value()));
  // CHECK-FIXES-NOTES: }
}

coro::task<void> libcoro_discarded(std::vector<int> xs) {
  for (int x : xs)
    co_await emit(x);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: each iteration waits for 'emit' before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
    // CHECK-NOTES: :[[@LINE-2]]:5: warning: each iteration waits for 'emit' before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
    // CHECK-NOTES: :[[@LINE-4]]:3: note: to run the iterations concurrently, collect the tasks and await them with 'coro::when_all'
  // CHECK-FIXES-NOTES: {
  // CHECK-FIXES-NOTES: std::vector<coro::task<void>> tasks;
  // CHECK-FIXES-NOTES: for (int x : xs)
  // CHECK-FIXES-NOTES: tasks.push_back(emit(x));
  // CHECK-FIXES-NOTES: co_await coro::when_all(std::move(tasks));
  // CHECK-FIXES-NOTES: }
}

// ---------------------------------------------------------------------------
// A note without a fix: the rewrite would not be what the code does.

// The task would keep a reference to the loop's copy of the element after the
// copy is gone.
fc::Task<void> dangling_copy(std::vector<std::string> urls) {
  for (auto u : urls)
    co_await fetch(u);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: each iteration waits for 'fetch' before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
    // CHECK-NOTES: :[[@LINE-2]]:5: warning: each iteration waits for 'fetch' before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
    // CHECK-NOTES: :[[@LINE-4]]:3: note: to run the iterations concurrently, collect the tasks and await them with 'fc::collectAllRange', or with 'fc::collectAllWindowed' to bound how many run at once
}

// ... or to a temporary made for the call.
fc::Task<void> dangling_temporary(std::vector<std::string> urls) {
  for (auto &u : urls)
    co_await fetch(u + "/index.html");
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: each iteration waits for 'fetch' before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
    // CHECK-NOTES: :[[@LINE-2]]:5: warning: each iteration waits for 'fetch' before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
    // CHECK-NOTES: :[[@LINE-4]]:3: note: to run the iterations concurrently, collect the tasks and await them with 'fc::collectAllRange', or with 'fc::collectAllWindowed' to bound how many run at once
}

// ... or to a temporary the loop variable is bound to.
fc::Task<void> dangling_element(std::vector<const char *> names) {
  for (const std::string &n : names)
    co_await fetch(n);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: each iteration waits for 'fetch' before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
    // CHECK-NOTES: :[[@LINE-2]]:5: warning: each iteration waits for 'fetch' before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
    // CHECK-NOTES: :[[@LINE-4]]:3: note: to run the iterations concurrently, collect the tasks and await them with 'fc::collectAllRange', or with 'fc::collectAllWindowed' to bound how many run at once
}

// Not one of the canonical shapes.
fc::Task<void> two_statements(std::vector<std::string> urls) {
  int total = 0;
  for (auto &u : urls) {
    int size = co_await fetch(u);
    // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: each iteration waits for 'fetch' before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
    // CHECK-NOTES: :[[@LINE-2]]:16: warning: each iteration waits for 'fetch' before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
    // CHECK-NOTES: :[[@LINE-4]]:3: note: to run the iterations concurrently, collect the tasks and await them with 'fc::collectAllRange', or with 'fc::collectAllWindowed' to bound how many run at once
    total += size;
  }
}

// A comment in the loop would be lost.
fc::Task<void> commented(std::vector<std::string> urls) {
  for (auto &u : urls) {
    // Archive every page.
    co_await store(u);
  }
  // CHECK-MESSAGES: :[[@LINE-2]]:5: warning: each iteration waits for 'store' before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
  // CHECK-NOTES: :[[@LINE-3]]:5: warning: each iteration waits for 'store' before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
  // CHECK-NOTES: :[[@LINE-6]]:3: note: to run the iterations concurrently, collect the tasks and await them with 'fc::collectAllRange', or with 'fc::collectAllWindowed' to bound how many run at once
}

fc::Task<void> index_loop(std::vector<std::string> urls) {
  for (std::size_t i = 0; i < urls.size(); ++i)
    co_await store(urls[i]);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: each iteration waits for 'store' before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
    // CHECK-NOTES: :[[@LINE-2]]:5: warning: each iteration waits for 'store' before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
    // CHECK-NOTES: :[[@LINE-4]]:3: note: to run the iterations concurrently, collect the tasks and await them with 'fc::collectAllRange', or with 'fc::collectAllWindowed' to bound how many run at once
}

// Code from a macro body is never rewritten.
#define STORE(x) co_await store(x)
fc::Task<void> in_macro(std::vector<std::string> urls) {
  for (auto &u : urls)
    STORE(u);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: each iteration waits for 'store' before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
    // CHECK-NOTES: :[[@LINE-2]]:5: warning: each iteration waits for 'store' before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
    // CHECK-NOTES: :[[@LINE-4]]:3: note: to run the iterations concurrently, collect the tasks and await them with 'fc::collectAllRange', or with 'fc::collectAllWindowed' to bound how many run at once
}
