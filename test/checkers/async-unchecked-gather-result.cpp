// RUN: %check_async -fix-notes %s async-unchecked-gather-result %t
// RUN: %check_async -fix-notes -check-suffixes=,STRICT %s async-unchecked-gather-result %t-strict \
// RUN:   -config="{CheckOptions: {async-unchecked-gather-result.StrictMode: true}}"

#include <async_simple/coro/Collect.h>
#include <async_simple/coro/Lazy.h>
#include <concurrencpp/concurrencpp.h>
#include <coro/coro.hpp>
#include <cppcoro/io_service.hpp>
#include <cppcoro/task.hpp>
#include <cppcoro/when_all.hpp>
#include <folly/experimental/coro/Collect.h>
#include <folly/experimental/coro/Task.h>
#include <stdexcept>
#include <string>
#include <vector>

using async_simple::coro::Lazy;

// Tasks whose bodies show a failure, and tasks whose bodies cannot fail.
Lazy<int> fetch(int id) {
  if (id < 0)
    throw std::invalid_argument("negative id");
  co_return id;
}
Lazy<int> cached(int id) noexcept { co_return id; }
Lazy<void> refresh(std::string key) {
  if (key.empty())
    throw std::runtime_error("no key");
  co_return;
}
Lazy<void> touch() { co_return; }

// async_simple: the results are Trys; awaiting collectAll only waits.
Lazy<void> fan_out(int n) {
  std::vector<Lazy<int>> tasks;
  for (int i = 0; i < n; ++i)
    tasks.push_back(fetch(i));
  co_await async_simple::coro::collectAll(std::move(tasks));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: the result of 'collectAll' is discarded, and with it the failures it captured from its tasks [async-unchecked-gather-result]
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: the result of 'collectAll' is discarded, and with it the failures it captured from its tasks [async-unchecked-gather-result]
  // CHECK-NOTES: :[[@LINE-4]]:21: note: this task can fail
  // CHECK-NOTES: :[[@LINE-20]]:5: note: a throw outside any handler that catches it is here
  // CHECK-NOTES: :[[@LINE-5]]:3: note: check each async_simple::Try with 'hasError()', or read it with 'value()', which rethrows
}

// Not flagged: the same gather whose results are read; tasks that cannot
// fail; a result thrown away on purpose.
Lazy<int> fan_out_read(int n) {
  std::vector<Lazy<int>> tasks;
  for (int i = 0; i < n; ++i)
    tasks.push_back(fetch(i));
  auto results = co_await async_simple::coro::collectAll(std::move(tasks));
  int sum = 0;
  for (auto &r : results)
    sum += r.value();
  co_return sum;
}
Lazy<void> fan_out_infallible(int n) {
  std::vector<Lazy<int>> tasks;
  for (int i = 0; i < n; ++i)
    tasks.push_back(cached(i));
  co_await async_simple::coro::collectAll(std::move(tasks));
  co_await async_simple::coro::collectAllPara(touch(), touch());
}
Lazy<void> fan_out_ignored(int n) {
  std::vector<Lazy<int>> tasks;
  for (int i = 0; i < n; ++i)
    tasks.push_back(fetch(i));
  (void)co_await async_simple::coro::collectAll(std::move(tasks));
}

// A result held but never read, and bindings: each binding holds the result
// of the task at its place.
Lazy<void> pair_up(std::string key) {
  auto results = co_await async_simple::coro::collectAllPara(refresh(key), touch());
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'results' holds the failures that 'collectAllPara' captured from its tasks, but is never read [async-unchecked-gather-result]
  // CHECK-NOTES: :[[@LINE-2]]:8: warning: 'results' holds the failures that 'collectAllPara' captured from its tasks, but is never read [async-unchecked-gather-result]
  // CHECK-NOTES: :[[@LINE-3]]:62: note: this task can fail
  // CHECK-NOTES: :[[@LINE-51]]:5: note: a throw outside any handler that catches it is here
  // CHECK-NOTES: :[[@LINE-5]]:18: note: check each async_simple::Try with 'hasError()', or read it with 'value()', which rethrows
  auto [id, done] = co_await async_simple::coro::collectAll(cached(1), refresh(key));
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'done' holds the failure that 'collectAll' captured from its task, but is never read [async-unchecked-gather-result]
  // CHECK-NOTES: :[[@LINE-2]]:13: warning: 'done' holds the failure that 'collectAll' captured from its task, but is never read [async-unchecked-gather-result]
  // CHECK-NOTES: :[[@LINE-3]]:72: note: this task can fail
  // CHECK-NOTES: :[[@LINE-57]]:5: note: a throw outside any handler that catches it is here
  // CHECK-NOTES: :[[@LINE-5]]:21: note: check each async_simple::Try with 'hasError()', or read it with 'value()', which rethrows
  (void)id.value();
  // Not flagged: the binding of the task that cannot fail is unread.
  auto [unused, checked] = co_await async_simple::coro::collectAll(cached(2), refresh(key));
  checked.value();
}

// Tasks made by the caller: nothing in sight shows they fail (StrictMode).
Lazy<void> run_all(std::vector<Lazy<int>> tasks) {
  co_await async_simple::coro::collectAll(std::move(tasks));
  // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:3: warning: the result of 'collectAll' is discarded, and with it the failures it captured from its tasks [async-unchecked-gather-result]
  // CHECK-NOTES-STRICT: :[[@LINE-2]]:3: note: check each async_simple::Try with 'hasError()', or read it with 'value()', which rethrows
}

// folly: collectAllTry has a twin that rethrows the first failure.
folly::coro::Task<int> load(int id) {
  if (id == 0)
    throw std::out_of_range("id 0");
  co_return id;
}
folly::coro::Task<void> load_both() {
  co_await folly::coro::collectAllTry(load(1), load(2));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: the result of 'collectAllTry' is discarded, and with it the failures it captured from its tasks [async-unchecked-gather-result]
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: the result of 'collectAllTry' is discarded, and with it the failures it captured from its tasks [async-unchecked-gather-result]
  // CHECK-NOTES: :[[@LINE-3]]:39: note: this task can fail
  // CHECK-NOTES: :[[@LINE-8]]:5: note: a throw outside any handler that catches it is here
  // CHECK-NOTES: :[[@LINE-5]]:25: note: rethrow the first failure instead: call 'collectAll'
  // CHECK-FIXES: co_await folly::coro::collectAll(load(1), load(2));
}

// cppcoro: when_all_ready hands back the tasks; when_all rethrows.
cppcoro::task<int> parse(std::string text) {
  if (text.empty())
    throw std::invalid_argument("empty");
  co_return static_cast<int>(text.size());
}
cppcoro::task<> parse_both(std::string a, std::string b) {
  co_await cppcoro::when_all_ready(parse(a), parse(b));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: the result of 'when_all_ready' is discarded, and with it the failures it captured from its tasks [async-unchecked-gather-result]
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: the result of 'when_all_ready' is discarded, and with it the failures it captured from its tasks [async-unchecked-gather-result]
  // CHECK-NOTES: :[[@LINE-3]]:36: note: this task can fail
  // CHECK-NOTES: :[[@LINE-8]]:5: note: a throw outside any handler that catches it is here
  // CHECK-NOTES: :[[@LINE-5]]:21: note: rethrow the first failure instead: call 'when_all'
  // CHECK-FIXES: co_await cppcoro::when_all(parse(a), parse(b));
}

// Not flagged: tasks whose only await is a timed schedule, which fails only
// when a cancellation token it was given is cancelled (cppcoro's own tests
// gather such ticks).
cppcoro::task<> tick(cppcoro::io_service &io) {
  co_await io.schedule_after(std::chrono::milliseconds(1));
}
cppcoro::task<> tick_twice(cppcoro::io_service &io) {
  co_await cppcoro::when_all_ready(tick(io), tick(io));
}

// libcoro: when_all holds each task's exception until its result is read.
coro::task<int> compute(int n) {
  if (n < 0)
    throw std::domain_error("negative");
  co_return n * 2;
}
coro::task<void> compute_all(int n) {
  std::vector<coro::task<int>> tasks;
  for (int i = 0; i < n; ++i)
    tasks.emplace_back(compute(i));
  co_await coro::when_all(std::move(tasks));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: the result of 'when_all' is discarded, and with it the failures it captured from its tasks [async-unchecked-gather-result]
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: the result of 'when_all' is discarded, and with it the failures it captured from its tasks [async-unchecked-gather-result]
  // CHECK-NOTES: :[[@LINE-4]]:24: note: this task can fail
  // CHECK-NOTES: :[[@LINE-11]]:5: note: a throw outside any handler that catches it is here
  // CHECK-NOTES: :[[@LINE-5]]:3: note: read each result's 'return_value()', which rethrows
}

// concurrencpp: results start at once; when_all waits for them and hands
// them back, each holding its value or its exception until 'get()'. The
// task a variable was made with is followed while nothing else touches it.
using concurrencpp::executor;
using concurrencpp::result;
result<int> price(std::shared_ptr<executor> ex, int id) {
  if (id < 0)
    throw std::out_of_range("no price");
  co_return id;
}
result<int> stock(int id) noexcept { co_return id; }
result<void> quote(std::shared_ptr<executor> ex) {
  auto p = price(ex, 1);
  auto s = stock(2);
  co_await concurrencpp::when_all(ex, std::move(p), std::move(s));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: the result of 'when_all' is discarded, and with it the failures it captured from its tasks [async-unchecked-gather-result]
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: the result of 'when_all' is discarded, and with it the failures it captured from its tasks [async-unchecked-gather-result]
  // CHECK-NOTES: :[[@LINE-5]]:12: note: this task can fail
  // CHECK-NOTES: :[[@LINE-11]]:5: note: a throw outside any handler that catches it is here
  // CHECK-NOTES: :[[@LINE-5]]:3: note: read each result with 'get()', which rethrows, or check its 'status()'
}
result<int> quote_pair(std::shared_ptr<executor> ex) {
  auto [p, s] = co_await concurrencpp::when_all(ex, price(ex, 1), stock(2));
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'p' holds the failure that 'when_all' captured from its task, but is never read [async-unchecked-gather-result]
  // CHECK-NOTES: :[[@LINE-2]]:9: warning: 'p' holds the failure that 'when_all' captured from its task, but is never read [async-unchecked-gather-result]
  // CHECK-NOTES: :[[@LINE-3]]:53: note: this task can fail
  // CHECK-NOTES: :[[@LINE-19]]:5: note: a throw outside any handler that catches it is here
  // CHECK-NOTES: :[[@LINE-5]]:17: note: read each result with 'get()', which rethrows, or check its 'status()'
  // Not flagged: 's', the result of a task that cannot fail.
  co_return 0;
}

// Not flagged: the results read; a variable that holds another task by the
// time it is handed over. A range of results is made out of sight of the
// gather (StrictMode).
result<int> quote_read(std::shared_ptr<executor> ex) {
  auto [p, s] = co_await concurrencpp::when_all(ex, price(ex, 1), stock(2));
  co_return p.get() + s.get();
}
result<void> quote_replaced(std::shared_ptr<executor> ex) {
  auto p = price(ex, -1);
  p = stock(3);
  co_await concurrencpp::when_all(ex, std::move(p));
  // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:3: warning: the result of 'when_all' is discarded, and with it the failures it captured from its tasks [async-unchecked-gather-result]
  // CHECK-NOTES-STRICT: :[[@LINE-2]]:3: note: read each result with 'get()', which rethrows, or check its 'status()'
}
result<void> quote_range(std::shared_ptr<executor> ex, int n) {
  std::vector<result<int>> prices;
  for (int i = 0; i < n; ++i)
    prices.push_back(price(ex, i));
  co_await concurrencpp::when_all(ex, prices.begin(), prices.end());
  // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:3: warning: the result of 'when_all' is discarded, and with it the failures it captured from its tasks [async-unchecked-gather-result]
  // CHECK-NOTES-STRICT: :[[@LINE-2]]:3: note: read each result with 'get()', which rethrows, or check its 'status()'
}

// Not flagged: an await a macro writes, and a gather of the program's own
// that shares a framework's name.
#define WAIT_ALL(tasks) co_await async_simple::coro::collectAll(std::move(tasks))
Lazy<void> macro_wait(int n) {
  std::vector<Lazy<int>> tasks;
  for (int i = 0; i < n; ++i)
    tasks.push_back(fetch(i));
  WAIT_ALL(tasks);
}
namespace mine {
template <class T> Lazy<void> collectAll(std::vector<Lazy<T>> tasks) {
  co_return;
}
} // namespace mine
Lazy<void> own_gather(int n) {
  std::vector<Lazy<int>> tasks;
  for (int i = 0; i < n; ++i)
    tasks.push_back(fetch(i));
  co_await mine::collectAll(std::move(tasks));
}
