// RUN: %check_async -fix-notes %s async-unbounded-fan-out %t
// RUN: %check_async -fix-notes -check-suffixes=,STRICT %s async-unbounded-fan-out %t-strict \
// RUN:   -config="{CheckOptions: {async-unbounded-fan-out.StrictMode: true}}"

#include <array>
#include <async_simple/coro/Collect.h>
#include <async_simple/coro/Lazy.h>
#include <boost/asio.hpp>
#include <concurrencpp/concurrencpp.h>
#include <cppcoro/task.hpp>
#include <cppcoro/when_all.hpp>
#include <folly/experimental/coro/Collect.h>
#include <folly/experimental/coro/Task.h>
#include <string>
#include <utility>
#include <vector>

namespace net = boost::asio;

// folly: one task per URL the caller passes, all started by collectAllRange.
folly::coro::Task<int> fetch(std::string url);
folly::coro::Task<void> crawl(const std::vector<std::string> &urls) {
  std::vector<folly::coro::Task<int>> tasks;
  for (const auto &url : urls)
    tasks.push_back(fetch(url));
  co_await folly::coro::collectAllRange(std::move(tasks));
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'collectAllRange' starts a task for every element of 'urls' at once; nothing bounds how many run together [async-unbounded-fan-out]
  // CHECK-NOTES: :[[@LINE-2]]:12: warning: 'collectAllRange' starts a task for every element of 'urls' at once; nothing bounds how many run together [async-unbounded-fan-out]
  // CHECK-NOTES: :[[@LINE-4]]:11: note: a task per element is made here
  // CHECK-NOTES: :[[@LINE-4]]:25: note: run at most 16 at once: call 'collectAllWindowed'
  // CHECK-FIXES: co_await folly::coro::collectAllWindowed(std::move(tasks), 16);
}

// async_simple: an index loop over a member.
using async_simple::coro::Lazy;
Lazy<void> refresh(std::string key);
struct cache {
  std::vector<std::string> keys_;
  Lazy<void> refresh_all() {
    std::vector<Lazy<void>> tasks;
    for (std::size_t i = 0; i < keys_.size(); ++i)
      tasks.push_back(refresh(keys_[i]));
    co_await async_simple::coro::collectAll(std::move(tasks));
    // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'collectAll' starts a task for every element of 'keys_' at once; nothing bounds how many run together [async-unbounded-fan-out]
    // CHECK-NOTES: :[[@LINE-2]]:14: warning: 'collectAll' starts a task for every element of 'keys_' at once; nothing bounds how many run together [async-unbounded-fan-out]
    // CHECK-NOTES: :[[@LINE-4]]:13: note: a task per element is made here
    // CHECK-NOTES: :[[@LINE-4]]:34: note: run at most 16 at once: call 'collectAllWindowed'
    // CHECK-FIXES: co_await async_simple::coro::collectAllWindowed(16, false, std::move(tasks));
  }
};

// cppcoro has no windowed gather: a note says how to bound it.
cppcoro::task<int> parse(std::string text);
cppcoro::task<> parse_all(std::vector<std::string> texts) {
  std::vector<cppcoro::task<int>> tasks;
  for (auto &text : texts)
    tasks.push_back(parse(text));
  co_await cppcoro::when_all(std::move(tasks));
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'when_all' starts a task for every element of 'texts' at once; nothing bounds how many run together [async-unbounded-fan-out]
  // CHECK-NOTES: :[[@LINE-2]]:12: warning: 'when_all' starts a task for every element of 'texts' at once; nothing bounds how many run together [async-unbounded-fan-out]
  // CHECK-NOTES: :[[@LINE-4]]:11: note: a task per element is made here
  // CHECK-NOTES: :[[@LINE-4]]:12: note: run at most a few at once: gather the tasks in batches, or have each task take a counting semaphore first
}

// concurrencpp: each result starts when it is made, and a coroutine runs
// on the caller until it suspends; when_all then waits for the whole
// container, through its iterators.
using concurrencpp::executor;
concurrencpp::result<int> lookup_score(std::string text);
concurrencpp::result<int> score(std::string text) {
  co_return co_await lookup_score(text);
}
concurrencpp::result<void> score_all(std::shared_ptr<executor> ex,
                                     std::vector<std::string> texts) {
  std::vector<concurrencpp::result<int>> results;
  for (auto &text : texts)
    results.push_back(score(text));
  co_await concurrencpp::when_all(ex, results.begin(), results.end());
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: the tasks that 'when_all' waits for start one per element of 'texts', all at once; nothing bounds how many run together [async-unbounded-fan-out]
  // CHECK-NOTES: :[[@LINE-2]]:12: warning: the tasks that 'when_all' waits for start one per element of 'texts', all at once; nothing bounds how many run together [async-unbounded-fan-out]
  // CHECK-NOTES: :[[@LINE-4]]:13: note: a task per element is made and started here
  // CHECK-NOTES: :[[@LINE-4]]:12: note: run at most a few at once: gather the tasks in batches, or have each task take a counting semaphore first
}
// Not flagged: iterators of two containers, or part of one; work submitted
// to an executor, and coroutines handed one, which its threads (a bounded
// number) take in turn; a coroutine that never suspends, which finishes
// before the loop goes on.
concurrencpp::result<int> score_on(concurrencpp::executor_tag,
                                   std::shared_ptr<executor> ex,
                                   std::string text) {
  co_return co_await lookup_score(text);
}
concurrencpp::result<int> count_words(std::string text) {
  co_return static_cast<int>(text.size());
}
concurrencpp::result<void> score_some(std::shared_ptr<executor> ex,
                                      std::vector<std::string> texts) {
  std::vector<concurrencpp::result<int>> results, more, pooled, tagged, quick;
  for (auto &text : texts) {
    results.push_back(score(text));
    pooled.push_back(ex->submit([text] { return 1; }));
    tagged.push_back(score_on({}, ex, text));
    quick.push_back(count_words(text));
  }
  co_await concurrencpp::when_all(ex, results.begin(), more.end());
  co_await concurrencpp::when_all(ex, results.begin(), results.begin() + 2);
  co_await concurrencpp::when_all(ex, pooled.begin(), pooled.end());
  co_await concurrencpp::when_all(ex, tagged.begin(), tagged.end());
  co_await concurrencpp::when_all(ex, quick.begin(), quick.end());
}

// Asio: a spawn per element, all at once.
net::awaitable<void> notify(std::string peer);
void notify_all(net::io_context &ctx, const std::vector<std::string> &peers) {
  for (const auto &peer : peers)
    net::co_spawn(ctx, notify(peer), net::detached);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'co_spawn' starts a task for every element of 'peers' at once; nothing bounds how many run together [async-unbounded-fan-out]
  // CHECK-NOTES: :[[@LINE-2]]:5: warning: 'co_spawn' starts a task for every element of 'peers' at once; nothing bounds how many run together [async-unbounded-fan-out]
  // CHECK-NOTES: :[[@LINE-3]]:5: note: run at most a few at once: have each task take a counting semaphore first, or spawn the range in batches
}

// Not flagged: a range whose size the type fixes; a batch gathered every
// few elements inside the loop; a loop that waits between spawns; a
// windowed gather; an accept loop (connections are not a container).
folly::coro::Task<void> crawl_fixed(const std::array<std::string, 4> &urls) {
  std::vector<folly::coro::Task<int>> tasks;
  for (const auto &url : urls)
    tasks.push_back(fetch(url));
  co_await folly::coro::collectAllRange(std::move(tasks));
}
folly::coro::Task<void> crawl_batched(const std::vector<std::string> &urls) {
  std::vector<folly::coro::Task<int>> tasks;
  for (const auto &url : urls) {
    tasks.push_back(fetch(url));
    if (tasks.size() == 8)
      co_await folly::coro::collectAllRange(std::move(tasks));
  }
  co_await folly::coro::collectAllRange(std::move(tasks));
}
net::awaitable<void> notify_paced(const std::vector<std::string> &peers,
                                  net::steady_timer &timer) {
  auto ex = co_await net::this_coro::executor;
  for (const auto &peer : peers) {
    co_await timer.async_wait(net::use_awaitable);
    net::co_spawn(ex, notify(peer), net::detached);
  }
}
folly::coro::Task<void> crawl_windowed(const std::vector<std::string> &urls) {
  std::vector<folly::coro::Task<int>> tasks;
  for (const auto &url : urls)
    tasks.push_back(fetch(url));
  co_await folly::coro::collectAllWindowed(std::move(tasks), 8);
}
net::awaitable<void> session(net::ip::tcp::socket socket);
net::awaitable<void> accept_loop(net::ip::tcp::acceptor &acceptor) {
  for (;;) {
    auto socket = co_await acceptor.async_accept(net::use_awaitable);
    net::co_spawn(acceptor.get_executor(), session(std::move(socket)),
                  net::detached);
  }
}

// Not flagged: a task per listener that serves until the server stops (here
// 4 accept loops per acceptor, as a proxy server starts them). Beside it, a
// task per listener that does one piece of work is a fan-out.
class Server {
public:
  void start() {
    for (auto &acceptor : acceptors_)
      for (int i = 0; i < 4; i++)
        net::co_spawn(ex_, serve(acceptor), net::detached);
    for (auto &acceptor : acceptors_)
      net::co_spawn(ex_, announce(acceptor), net::detached);
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'co_spawn' starts a task for every element of 'acceptors_' at once; nothing bounds how many run together [async-unbounded-fan-out]
    // CHECK-NOTES: :[[@LINE-2]]:7: warning: 'co_spawn' starts a task for every element of 'acceptors_' at once; nothing bounds how many run together [async-unbounded-fan-out]
    // CHECK-NOTES: :[[@LINE-3]]:7: note: run at most a few at once: have each task take a counting semaphore first, or spawn the range in batches
  }

private:
  template <class Acceptor> net::awaitable<void> serve(Acceptor &acceptor) {
    while (!stopped_) {
      auto socket = co_await acceptor.async_accept(net::use_awaitable);
      (void)socket;
    }
  }
  net::awaitable<void> announce(net::ip::tcp::acceptor &acceptor) {
    for (int attempt = 0; attempt < 3; ++attempt)
      co_await notify(acceptor.local_endpoint().address().to_string());
  }
  net::any_io_executor ex_;
  std::vector<net::ip::tcp::acceptor> acceptors_;
  bool stopped_ = false;
};

// A range the function builds itself: its size is not in sight either, but
// the function decides it (StrictMode).
std::vector<std::string> load_urls();
folly::coro::Task<void> crawl_loaded() {
  std::vector<std::string> urls = load_urls();
  std::vector<folly::coro::Task<int>> tasks;
  for (const auto &url : urls)
    tasks.push_back(fetch(url));
  co_await folly::coro::collectAllRange(std::move(tasks));
  // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:12: warning: 'collectAllRange' starts a task for every element of 'urls' at once; nothing bounds how many run together [async-unbounded-fan-out]
  // CHECK-NOTES-STRICT: :[[@LINE-3]]:11: note: a task per element is made here
  // CHECK-NOTES-STRICT: :[[@LINE-3]]:25: note: run at most 16 at once: call 'collectAllWindowed'
}
