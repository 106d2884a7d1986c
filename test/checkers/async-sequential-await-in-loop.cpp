// RUN: %check_async -check-suffixes=,DEFAULT %s async-sequential-await-in-loop %t
// RUN: %check_async -check-suffixes=,OPT %s async-sequential-await-in-loop %t-opt \
// RUN:   -config="{CheckOptions: {async-sequential-await-in-loop.SerialTypes: 'mylib::Printer', async-sequential-await-in-loop.ConcurrentTypes: 'mylib::SharedConnection', async-sequential-await-in-loop.IgnoredFunctions: 'mylib::audit'}}"

// What counts as independent per-item work, on the mock frameworks. The
// fix-its of the canonical shapes are tested in
// async-sequential-await-in-loop-fixes.cpp.

#include <async_simple/coro/Lazy.h>
#include <boost/asio.hpp>
#include <boost/asio/experimental/channel.hpp>
#include <coro/coro.hpp>
#include <cppcoro/async_generator.hpp>
#include <cppcoro/sequence_barrier.hpp>
#include <cppcoro/task.hpp>
#include <exec/task.hpp>
#include <exec/timed_scheduler.hpp>
#include <folly/experimental/coro/AsyncGenerator.h>
#include <folly/experimental/coro/BoundedQueue.h>
#include <folly/experimental/coro/Mutex.h>
#include <folly/experimental/coro/Sleep.h>
#include <folly/experimental/coro/Task.h>
#include <concurrencpp/concurrencpp.h>
#include <qcoro/qcorotask.h>
#include <seastar/core/future.hh>
#include <chrono>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace net = boost::asio;
using net::ip::tcp;
using namespace std::chrono_literals;

struct Page {
  std::string next;
  std::vector<std::string> items;
};

net::awaitable<void> fetch_page(std::string url);
net::awaitable<std::string> fetch_text(const std::string &url);
net::awaitable<std::size_t> fetch_size(const std::string &url);
net::awaitable<void> fetch_path(const std::string &host, const std::string &path);
net::awaitable<bool> try_fetch(const std::string &host);
net::awaitable<bool> probe(const std::string &host);
net::awaitable<int> step(int acc);
net::awaitable<Page> fetch_listing(const std::string &cursor, int page);
net::awaitable<void> read_body_into(const std::string &url, std::string &out);
net::awaitable<void> connect_to(const std::string &host, int port);
net::awaitable<void> ping();
net::awaitable<void> send_frame(tcp::socket &socket, std::string frame);

class HttpClient {
public:
  net::awaitable<std::string> get(std::string url);
};

// ---------------------------------------------------------------------------
// Flagged: per-item work, one item at a time.

net::awaitable<void> range_for(std::vector<std::string> hosts) {
  for (auto &h : hosts)
    co_await fetch_page(h);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: each iteration waits for 'fetch_page' before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
    // CHECK-NOTES: :[[@LINE-2]]:5: warning: each iteration waits for 'fetch_page' before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
    // CHECK-NOTES: :[[@LINE-4]]:3: note: to run the iterations concurrently, start the operations with 'net::deferred' and await them together with 'net::experimental::make_parallel_group', or join a fixed number with the '&&' operator of 'net::experimental::awaitable_operators'
}

net::awaitable<void> index_for(std::vector<std::string> hosts) {
  for (std::size_t i = 0; i < hosts.size(); ++i)
    co_await fetch_page(hosts[i]);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: each iteration waits for 'fetch_page' before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
    // CHECK-NOTES: :[[@LINE-2]]:5: warning: each iteration waits for 'fetch_page' before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
    // CHECK-NOTES: :[[@LINE-4]]:3: note: to run the iterations concurrently, start the operations with 'net::deferred' and await them together with 'net::experimental::make_parallel_group', or join a fixed number with the '&&' operator of 'net::experimental::awaitable_operators'
}

net::awaitable<void> while_index(std::vector<std::string> hosts) {
  std::size_t i = 0;
  while (i < hosts.size()) {
    co_await fetch_page(hosts[i]);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: each iteration waits for 'fetch_page' before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
    // CHECK-NOTES: :[[@LINE-2]]:5: warning: each iteration waits for 'fetch_page' before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
    // CHECK-NOTES: :[[@LINE-4]]:3: note: to run the iterations concurrently, start the operations with 'net::deferred' and await them together with 'net::experimental::make_parallel_group', or join a fixed number with the '&&' operator of 'net::experimental::awaitable_operators'
    ++i;
  }
}

// A task that holds the loop's own variable by reference: run together,
// every task would read `i` as the last iteration left it. Not flagged; the
// same task holding a copy of it is.
template <class Request> net::awaitable<void> send_request(Request request) {
  co_await request();
}

net::awaitable<void> round_robin(std::vector<std::string> hosts) {
  for (int i = 0; i < 6; ++i)
    co_await send_request([&i, &hosts]() -> net::awaitable<void> {
      co_await fetch_page(hosts[i % 2]);
    });
  for (int i = 0; i < 6; ++i)
    co_await send_request([i, &hosts]() -> net::awaitable<void> {
      co_await fetch_page(hosts[i % 2]);
    });
    // CHECK-MESSAGES: :[[@LINE-3]]:5: warning: each iteration waits for 'send_request' before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
    // CHECK-NOTES: :[[@LINE-4]]:5: warning: each iteration waits for 'send_request' before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
    // CHECK-NOTES: :[[@LINE-6]]:3: note: to run the iterations concurrently, start the operations with 'net::deferred' and await them together with 'net::experimental::make_parallel_group', or join a fixed number with the '&&' operator of 'net::experimental::awaitable_operators'
}

net::awaitable<void> do_iterator(std::vector<std::string> hosts) {
  auto it = hosts.begin();
  do {
    co_await fetch_page(*it);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: each iteration waits for 'fetch_page' before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
    // CHECK-NOTES: :[[@LINE-2]]:5: warning: each iteration waits for 'fetch_page' before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
    // CHECK-NOTES: :[[@LINE-4]]:3: note: to run the iterations concurrently, start the operations with 'net::deferred' and await them together with 'net::experimental::make_parallel_group', or join a fixed number with the '&&' operator of 'net::experimental::awaitable_operators'
  } while (++it != hosts.end());
}

net::awaitable<void> derived_value(std::vector<std::string> hosts) {
  for (const auto &h : hosts) {
    std::string url = "https://" + h + "/";
    co_await fetch_page(url);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: each iteration waits for 'fetch_page' before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
    // CHECK-NOTES: :[[@LINE-2]]:5: warning: each iteration waits for 'fetch_page' before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
    // CHECK-NOTES: :[[@LINE-5]]:3: note: to run the iterations concurrently, start the operations with 'net::deferred' and await them together with 'net::experimental::make_parallel_group', or join a fixed number with the '&&' operator of 'net::experimental::awaitable_operators'
  }
}

net::awaitable<std::vector<std::string>> collect(std::vector<std::string> urls) {
  std::vector<std::string> pages;
  for (auto &u : urls)
    pages.push_back(co_await fetch_text(u));
    // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: each iteration waits for 'fetch_text' before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
    // CHECK-NOTES: :[[@LINE-2]]:21: warning: each iteration waits for 'fetch_text' before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
    // CHECK-NOTES: :[[@LINE-4]]:3: note: to run the iterations concurrently, start the operations with 'net::deferred' and await them together with 'net::experimental::make_parallel_group', or join a fixed number with the '&&' operator of 'net::experimental::awaitable_operators'
  co_return pages;
}

net::awaitable<std::size_t> reduction(std::vector<std::string> urls) {
  std::size_t total = 0;
  for (auto &u : urls)
    total += co_await fetch_size(u);
    // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: each iteration waits for 'fetch_size' before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
    // CHECK-NOTES: :[[@LINE-2]]:14: warning: each iteration waits for 'fetch_size' before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
    // CHECK-NOTES: :[[@LINE-4]]:3: note: to run the iterations concurrently, start the operations with 'net::deferred' and await them together with 'net::experimental::make_parallel_group', or join a fixed number with the '&&' operator of 'net::experimental::awaitable_operators'
  co_return total;
}

net::awaitable<void> bindings(std::vector<std::pair<std::string, int>> endpoints) {
  for (auto &[host, port] : endpoints)
    co_await connect_to(host, port);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: each iteration waits for 'connect_to' before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
    // CHECK-NOTES: :[[@LINE-2]]:5: warning: each iteration waits for 'connect_to' before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
    // CHECK-NOTES: :[[@LINE-4]]:3: note: to run the iterations concurrently, start the operations with 'net::deferred' and await them together with 'net::experimental::make_parallel_group', or join a fixed number with the '&&' operator of 'net::experimental::awaitable_operators'
}

net::awaitable<void> fresh_socket(net::any_io_executor ex, std::vector<std::string> messages) {
  for (auto &m : messages) {
    tcp::socket s(ex);
    co_await net::async_write(s, net::buffer(m), net::use_awaitable);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: each iteration waits for 'async_write' before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
    // CHECK-NOTES: :[[@LINE-2]]:5: warning: each iteration waits for 'async_write' before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
    // CHECK-NOTES: :[[@LINE-5]]:3: note: to run the iterations concurrently, start the operations with 'net::deferred' and await them together with 'net::experimental::make_parallel_group', or join a fixed number with the '&&' operator of 'net::experimental::awaitable_operators'
  }
}

net::awaitable<void> broadcast(std::vector<tcp::socket> &sockets, std::string greeting) {
  for (auto &s : sockets)
    co_await net::async_write(s, net::buffer(greeting), net::use_awaitable);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: each iteration waits for 'async_write' before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
    // CHECK-NOTES: :[[@LINE-2]]:5: warning: each iteration waits for 'async_write' before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
    // CHECK-NOTES: :[[@LINE-4]]:3: note: to run the iterations concurrently, start the operations with 'net::deferred' and await them together with 'net::experimental::make_parallel_group', or join a fixed number with the '&&' operator of 'net::experimental::awaitable_operators'
}

net::awaitable<void> stored_tasks(std::vector<std::string> urls) {
  std::vector<net::awaitable<void>> tasks;
  for (auto &u : urls)
    tasks.push_back(fetch_page(u));
  for (auto &t : tasks)
    co_await std::move(t);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: each iteration waits for the awaited operation before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
    // CHECK-NOTES: :[[@LINE-2]]:5: warning: each iteration waits for the awaited operation before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
    // CHECK-NOTES: :[[@LINE-4]]:3: note: to run the iterations concurrently, start the operations with 'net::deferred' and await them together with 'net::experimental::make_parallel_group', or join a fixed number with the '&&' operator of 'net::experimental::awaitable_operators'
}

net::awaitable<void> awaited_lambda(std::vector<std::string> hosts) {
  for (auto &h : hosts)
    co_await [&]() -> net::awaitable<void> { co_await fetch_page(h); }();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: each iteration waits for the awaited operation before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
    // CHECK-NOTES: :[[@LINE-2]]:5: warning: each iteration waits for the awaited operation before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
    // CHECK-NOTES: :[[@LINE-4]]:3: note: to run the iterations concurrently, start the operations with 'net::deferred' and await them together with 'net::experimental::make_parallel_group', or join a fixed number with the '&&' operator of 'net::experimental::awaitable_operators'
}

net::awaitable<void> nested(std::vector<std::string> hosts, std::vector<std::string> paths) {
  for (auto &h : hosts)
    for (auto &p : paths)
      co_await fetch_path(h, p);
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: each iteration waits for 'fetch_path' before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
      // CHECK-NOTES: :[[@LINE-2]]:7: warning: each iteration waits for 'fetch_path' before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
      // CHECK-NOTES: :[[@LINE-4]]:5: note: to run the iterations concurrently, start the operations with 'net::deferred' and await them together with 'net::experimental::make_parallel_group', or join a fixed number with the '&&' operator of 'net::experimental::awaitable_operators'
}

net::awaitable<void> retry_inside(std::vector<std::string> hosts) {
  for (auto &h : hosts) {
    for (int attempt = 0; attempt < 3; ++attempt) {
      if (co_await try_fetch(h))
      // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: each iteration waits for 'try_fetch' before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
      // CHECK-NOTES: :[[@LINE-2]]:11: warning: each iteration waits for 'try_fetch' before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
      // CHECK-NOTES: :[[@LINE-5]]:3: note: to run the iterations concurrently, start the operations with 'net::deferred' and await them together with 'net::experimental::make_parallel_group', or join a fixed number with the '&&' operator of 'net::experimental::awaitable_operators'
        break;
    }
  }
}

net::awaitable<void> shared_client(HttpClient &client, std::vector<std::string> urls) {
  for (auto &u : urls)
    co_await client.get(u);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: each iteration waits for 'get' before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
    // CHECK-NOTES: :[[@LINE-2]]:5: warning: each iteration waits for 'get' before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
    // CHECK-NOTES: :[[@LINE-4]]:3: note: to run the iterations concurrently, start the operations with 'net::deferred' and await them together with 'net::experimental::make_parallel_group', or join a fixed number with the '&&' operator of 'net::experimental::awaitable_operators'
}

// A class name ends in a serial word only at a word boundary: a Report is
// not a port.
class Report {
public:
  net::awaitable<void> add(std::string line);
};
net::awaitable<void> report_lines(Report &report, std::vector<std::string> lines) {
  for (auto &l : lines)
    co_await report.add(l);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: each iteration waits for 'add' before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
    // CHECK-NOTES: :[[@LINE-2]]:5: warning: each iteration waits for 'add' before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
    // CHECK-NOTES: :[[@LINE-4]]:3: note: to run the iterations concurrently, start the operations with 'net::deferred' and await them together with 'net::experimental::make_parallel_group', or join a fixed number with the '&&' operator of 'net::experimental::awaitable_operators'
}

net::awaitable<void> filtered(std::vector<std::string> hosts) {
  for (auto &h : hosts) {
    if (h.empty())
      continue;
    if (h == "stop")
      break;
    co_await fetch_page(h);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: each iteration waits for 'fetch_page' before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
    // CHECK-NOTES: :[[@LINE-2]]:5: warning: each iteration waits for 'fetch_page' before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
    // CHECK-NOTES: :[[@LINE-8]]:3: note: to run the iterations concurrently, start the operations with 'net::deferred' and await them together with 'net::experimental::make_parallel_group', or join a fixed number with the '&&' operator of 'net::experimental::awaitable_operators'
  }
}

net::awaitable<void> own_slots(std::vector<std::string> urls) {
  std::vector<std::string> bodies(urls.size());
  for (std::size_t i = 0; i < urls.size(); ++i)
    co_await read_body_into(urls[i], bodies[i]);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: each iteration waits for 'read_body_into' before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
    // CHECK-NOTES: :[[@LINE-2]]:5: warning: each iteration waits for 'read_body_into' before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
    // CHECK-NOTES: :[[@LINE-4]]:3: note: to run the iterations concurrently, start the operations with 'net::deferred' and await them together with 'net::experimental::make_parallel_group', or join a fixed number with the '&&' operator of 'net::experimental::awaitable_operators'
}

template <class T> net::awaitable<void> handle(const T &item);
template <class T> net::awaitable<void> each(std::vector<T> items) {
  for (auto &item : items)
    co_await handle(item);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: each iteration waits for 'handle' before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
    // CHECK-NOTES: :[[@LINE-2]]:5: warning: each iteration waits for 'handle' before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
    // CHECK-NOTES: :[[@LINE-4]]:3: note: to run the iterations concurrently, start the operations with 'net::deferred' and await them together with 'net::experimental::make_parallel_group', or join a fixed number with the '&&' operator of 'net::experimental::awaitable_operators'
}

// Each framework's note names its own idiom.

async_simple::coro::Lazy<int> lazy_fetch(std::string url);
async_simple::coro::Lazy<void> async_simple_loop(std::vector<std::string> urls) {
  for (auto &u : urls)
    co_await lazy_fetch(u);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: each iteration waits for 'lazy_fetch' before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
    // CHECK-NOTES: :[[@LINE-2]]:5: warning: each iteration waits for 'lazy_fetch' before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
    // CHECK-NOTES: :[[@LINE-4]]:3: note: to run the iterations concurrently, collect the tasks and await them with 'async_simple::coro::collectAll', or with 'async_simple::coro::collectAllWindowed' to bound how many run at once
}

exec::task<void> sender_work(int x);
exec::task<void> stdexec_loop(std::vector<int> xs) {
  for (int x : xs)
    co_await sender_work(x);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: each iteration waits for 'sender_work' before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
    // CHECK-NOTES: :[[@LINE-2]]:5: warning: each iteration waits for 'sender_work' before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
    // CHECK-NOTES: :[[@LINE-4]]:3: note: to run the iterations concurrently, combine a fixed set of senders with 'stdexec::when_all', or spawn each iteration into an 'exec::async_scope' and await its 'on_empty()'
}

seastar::future<> store_item(int x);
seastar::future<> seastar_loop(std::vector<int> xs) {
  for (int x : xs)
    co_await store_item(x);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: each iteration waits for 'store_item' before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
    // CHECK-NOTES: :[[@LINE-2]]:5: warning: each iteration waits for 'store_item' before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
    // CHECK-NOTES: :[[@LINE-4]]:3: note: to run the iterations concurrently, use 'seastar::parallel_for_each', or 'seastar::max_concurrent_for_each' to bound how many run at once
}

concurrencpp::result<void> submit(int x);
concurrencpp::result<void> concurrencpp_loop(std::vector<int> xs) {
  for (int x : xs)
    co_await submit(x);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: each iteration waits for 'submit' before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
    // CHECK-NOTES: :[[@LINE-2]]:5: warning: each iteration waits for 'submit' before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
    // CHECK-NOTES: :[[@LINE-4]]:3: note: to run the iterations concurrently, start the tasks first and await them with 'concurrencpp::when_all'
}

// An eager task started per item in the loop still runs one at a time.
QCoro::Task<int> qcoro_fetch(int x);
QCoro::Task<void> qcoro_loop(std::vector<int> xs) {
  for (int x : xs)
    co_await qcoro_fetch(x);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: each iteration waits for 'qcoro_fetch' before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
    // CHECK-NOTES: :[[@LINE-2]]:5: warning: each iteration waits for 'qcoro_fetch' before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
    // CHECK-NOTES: :[[@LINE-4]]:3: note: to run the iterations concurrently, start every operation first and await them together
}

// A task type known by its shape only.
struct Job {
  struct promise_type : mock_support::promise<Job, void> {};
  mock_support::awaiter<void> operator co_await() const noexcept { return {}; }
};
Job run_job(int x);
Job job_loop(std::vector<int> xs) {
  for (int x : xs)
    co_await run_job(x);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: each iteration waits for 'run_job' before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
    // CHECK-NOTES: :[[@LINE-2]]:5: warning: each iteration waits for 'run_job' before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
    // CHECK-NOTES: :[[@LINE-4]]:3: note: to run the iterations concurrently, start every operation first and await them together
}

// ---------------------------------------------------------------------------
// Not flagged: a loop-carried dependency.

net::awaitable<int> accumulate(std::vector<int> xs) {
  int acc = 0;
  for (int x : xs)
    acc = co_await step(acc + x);
  co_return acc;
}

net::awaitable<void> paginate(int pages) {
  std::string cursor;
  for (int page = 0; page < pages; ++page) {
    Page p = co_await fetch_listing(cursor, page);
    cursor = p.next;
  }
}

// Not flagged: the awaited result decides an early exit.

net::awaitable<void> first_match_break(std::vector<std::string> hosts) {
  for (auto &h : hosts) {
    bool ok = co_await probe(h);
    if (ok)
      break;
  }
}

net::awaitable<std::string> first_match_return(std::vector<std::string> hosts) {
  for (auto &h : hosts)
    if (co_await probe(h))
      co_return h;
  co_return "";
}

net::awaitable<void> condition_decides(std::vector<std::string> hosts) {
  bool found = false;
  for (std::size_t i = 0; i < hosts.size() && !found; ++i)
    found = co_await probe(hosts[i]);
}

net::awaitable<void> stop_on_error(std::vector<std::string> hosts) {
  for (auto &h : hosts) {
    try {
      co_await fetch_page(h);
    } catch (...) {
      break;
    }
  }
}

net::awaitable<void> retry(std::string host) {
  for (int attempt = 0; attempt < 3; ++attempt) {
    if (co_await try_fetch(host))
      co_return;
  }
}

// An interceptor chain: the first one that fails throws out of the loop, so
// the later ones must not run.
net::awaitable<void> interceptor_chain(std::vector<std::string> hosts) {
  for (auto &h : hosts) {
    bool ok = co_await probe(h);
    if (!ok)
      throw std::runtime_error("rejected by " + h);
  }
}

// ... but a throw decided by the item alone does not order the iterations.
net::awaitable<void> throw_on_bad_item(std::vector<std::string> hosts) {
  for (auto &h : hosts) {
    if (h.empty())
      throw std::invalid_argument("empty host");
    co_await fetch_page(h);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: each iteration waits for 'fetch_page' before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
    // CHECK-NOTES: :[[@LINE-2]]:5: warning: each iteration waits for 'fetch_page' before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
    // CHECK-NOTES: :[[@LINE-6]]:3: note: to run the iterations concurrently, start the operations with 'net::deferred' and await them together with 'net::experimental::make_parallel_group', or join a fixed number with the '&&' operator of 'net::experimental::awaitable_operators'
  }
}

// Not flagged: one serial resource, the same in every iteration.

net::awaitable<void> socket_member(tcp::socket &sock, std::vector<std::string> messages) {
  for (auto &m : messages)
    co_await sock.async_write_some(net::buffer(m), net::use_awaitable);
}

net::awaitable<void> socket_first_argument(tcp::socket &sock, std::vector<std::string> messages) {
  for (auto &m : messages)
    co_await net::async_write(sock, net::buffer(m), net::use_awaitable);
}

net::awaitable<void> user_first_argument(tcp::socket &sock, std::vector<std::string> frames) {
  for (auto &f : frames)
    co_await send_frame(sock, f);
}

net::awaitable<void> accept_loop(tcp::acceptor &acceptor, int n) {
  std::vector<tcp::socket> sockets;
  for (int i = 0; i < n; ++i)
    sockets.push_back(co_await acceptor.async_accept(net::use_awaitable));
}

net::awaitable<void> channel_send(
    net::experimental::channel<void(boost::system::error_code, std::string)> &ch,
    std::vector<std::string> messages) {
  for (auto &m : messages)
    co_await ch.async_send(boost::system::error_code{}, m, net::use_awaitable);
}

struct Connection {
  net::awaitable<void> send(std::string message);
};
net::awaitable<void> connection(Connection &conn, Connection *other,
                                std::vector<std::string> messages) {
  for (auto &m : messages)
    co_await conn.send(m);
  for (auto &m : messages)
    co_await other->send(m);
}

struct Link {
  template <class Buf, class E>
  net::awaitable<std::size_t> async_write_some(const Buf &, net::use_awaitable_t<E>);
};
net::awaitable<void> stream_by_shape(Link &link, std::vector<std::string> messages) {
  for (auto &m : messages)
    co_await link.async_write_some(net::buffer(m), net::use_awaitable);
}

// Both ends of a queue make a class a serial resource by its shape.
class Mailbox {
public:
  net::awaitable<void> push(std::string message);
  net::awaitable<std::string> pop();
};
net::awaitable<void> mailbox(Mailbox &box, std::vector<std::string> messages) {
  for (auto &m : messages)
    co_await box.push(m);
}

class Session {
public:
  net::awaitable<void> send_line(std::string line);
  net::awaitable<void> run(std::vector<std::string> lines) {
    for (auto &l : lines)
      co_await send_line(l);
  }

private:
  tcp::socket socket_;
};

template <class Stream>
net::awaitable<void> write_all(Stream &stream, std::vector<std::string> messages) {
  for (auto &m : messages)
    co_await net::async_write(stream, net::buffer(m), net::use_awaitable);
}

class Transaction {
public:
  net::awaitable<void> execute(std::string statement);
};
net::awaitable<void> transaction(Transaction &txn, std::vector<std::string> rows) {
  for (auto &r : rows)
    co_await txn.execute(r);
}

folly::coro::Task<void> folly_queue(folly::coro::BoundedQueue<int> &queue,
                                    std::vector<int> items) {
  for (int x : items)
    co_await queue.enqueue(x);
}

// Not flagged: a lock taken in every iteration serialises them on purpose.

folly::coro::Task<void> process(int item);
folly::coro::Task<void> locked(folly::coro::Mutex &mutex, std::vector<int> items) {
  for (int x : items) {
    auto lock = co_await mutex.co_scoped_lock();
    co_await process(x);
  }
}

// Not flagged: timers and pacing.

net::awaitable<void> timer_loop(net::steady_timer &timer,
                                std::vector<std::chrono::milliseconds> delays) {
  for (auto d : delays) {
    timer.expires_after(d);
    co_await timer.async_wait(net::use_awaitable);
  }
}

net::awaitable<void> paced(net::steady_timer &timer, std::vector<std::string> hosts) {
  for (auto &h : hosts) {
    co_await fetch_page(h);
    timer.expires_after(100ms);
    co_await timer.async_wait(net::use_awaitable);
  }
}

net::awaitable<void> timer_per_item(net::any_io_executor ex,
                                    std::vector<std::chrono::milliseconds> delays) {
  for (auto d : delays) {
    net::steady_timer t(ex, d);
    co_await t.async_wait(net::use_awaitable);
  }
}

folly::coro::Task<void> folly_sleep(std::vector<std::chrono::milliseconds> delays) {
  for (auto d : delays)
    co_await folly::coro::sleep(d);
}

coro::task<void> libcoro_pacing(coro::io_scheduler &sched,
                                std::vector<std::chrono::milliseconds> delays) {
  for (auto d : delays)
    co_await sched.schedule_after(d);
  for (auto d : delays)
    co_await sched.yield_for(d);
}

struct inline_scheduler {};
exec::task<void> stdexec_pacing(inline_scheduler sched,
                                std::vector<std::chrono::milliseconds> delays) {
  for (auto d : delays)
    co_await exec::schedule_after(sched, d);
}

// Not flagged: async generator iteration.

folly::coro::Task<void> folly_generator(folly::coro::AsyncGenerator<int> gen) {
  while (auto item = co_await gen.next())
    co_await process(*item);
}

cppcoro::task<void> handle_value(int value);
cppcoro::task<void> cppcoro_generator(cppcoro::async_generator<int> gen) {
  for (auto it = co_await gen.begin(); it != gen.end(); co_await ++it)
    co_await handle_value(*it);
}

// The Coroutines TS `for co_await` awaits the generator's begin() and ++.
cppcoro::task<void> ts_generator(cppcoro::async_generator<int> gen) {
  for co_await (int value : gen)
    co_await handle_value(value);
}

folly::coro::Task<int> lookup(int key);
folly::coro::AsyncGenerator<int> produce(std::vector<int> keys) {
  for (int k : keys)
    co_yield co_await lookup(k);
}

// Not flagged: awaits that do not depend on the loop variable.

net::awaitable<void> repeat(std::vector<std::string> hosts) {
  for (int i = 0; i < 3; ++i)
    co_await ping();
  for (auto &h : hosts) {
    (void)h;
    co_await ping();
  }
  bool running = true;
  while (running)
    co_await ping();
}

// Not flagged: code inside a lambda in the loop, not awaited there.

net::awaitable<void> spawned(net::any_io_executor ex, std::vector<std::string> hosts) {
  for (auto &h : hosts)
    net::co_spawn(
        ex, [h]() -> net::awaitable<void> { co_await fetch_page(h); },
        net::detached);
  std::vector<net::awaitable<void>> tasks;
  for (auto &h : hosts)
    tasks.push_back(fetch_page(h));
  co_return;
}

// Not flagged: every iteration writes into the same buffer.

net::awaitable<void> shared_buffer(std::vector<std::string> urls) {
  std::string body;
  for (auto &u : urls)
    co_await read_body_into(u, body);
}

// Not flagged: eager tasks already run; awaiting them in a loop joins them.

QCoro::Task<void> join(std::vector<QCoro::Task<int>> started) {
  for (auto &t : started)
    co_await t;
}

// Not flagged: joining eager results that already run (concurrencpp's
// `co_await r.resolve()`).
concurrencpp::result<void> join_resolved(std::vector<concurrencpp::result<int>> results) {
  for (auto &r : results)
    co_await r.resolve();
}

// Not flagged in a template either: the instantiations say the results are
// eager (concurrencpp's when_any tests join the rest this way).
template <class T>
concurrencpp::result<void> join_rest(std::vector<concurrencpp::result<T>> results) {
  for (auto &r : results)
    co_await r.resolve();
}
template concurrencpp::result<void> join_rest<int>(std::vector<concurrencpp::result<int>>);

// Not flagged: moving onto each executor in turn is scheduling, not work.
concurrencpp::result<void> visit_executors(std::vector<std::shared_ptr<concurrencpp::executor>> executors) {
  for (auto &e : executors)
    co_await concurrencpp::resume_on(e);
}

// Not flagged: a sequence barrier's waits are ordered by the producer; the
// loop waits for each published number in turn on purpose.
cppcoro::task<void> consume_in_order(const cppcoro::sequence_barrier<std::size_t> &barrier, std::size_t count) {
  for (std::size_t i = 0; i < count; ++i)
    co_await barrier.wait_until_published(i);
}

// Not flagged: the awaited coroutine's body never suspends (async_simple's
// CountChar demo): it runs to completion when awaited, so awaiting the calls
// together would still run them one after another.
async_simple::coro::Lazy<int> count_line(const std::string &line, char c) {
  int n = 0;
  for (char x : line)
    n += x == c;
  co_return n;
}
async_simple::coro::Lazy<int> count_text(const std::vector<std::string> &lines, char c) {
  int total = 0;
  for (const auto &line : lines)
    total += co_await count_line(line, c);
  co_return total;
}
async_simple::coro::Lazy<int> count_with_lambda(const std::vector<int> &values) {
  auto one = [](int n) -> async_simple::coro::Lazy<int> { co_return n; };
  int total = 0;
  for (int v : values)
    total += co_await one(v);
  co_return total;
}

// A visible body that does suspend is still independent work.
async_simple::coro::Lazy<int> download_size(const std::string &url);
async_simple::coro::Lazy<int> measure(const std::string &url) {
  int size = co_await download_size(url);
  co_return size * 2;
}
async_simple::coro::Lazy<int> measure_all(const std::vector<std::string> &urls) {
  int total = 0;
  for (const auto &u : urls)
    total += co_await measure(u);
    // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: each iteration waits for 'measure' before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
    // CHECK-NOTES: :[[@LINE-2]]:14: warning: each iteration waits for 'measure' before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
    // CHECK-NOTES: :[[@LINE-4]]:3: note: to run the iterations concurrently, collect the tasks and await them with 'async_simple::coro::collectAll', or with 'async_simple::coro::collectAllWindowed' to bound how many run at once
  co_return total;
}

// In a template the awaited member may be left unresolved
// (`poster.add(...)` on a `batch<Response<M>>`): the class template's own
// member says whether it suspends. A batch whose add() only spawns the task
// (after asking for the executor, which completes at once) returns at once;
// the batch is awaited together after the loop.
template <class T> struct batch {
  template <class E> net::awaitable<void> add(net::awaitable<T, E> task) {
    auto executor = co_await net::this_coro::executor;
    net::co_spawn(executor, std::move(task), net::detached);
  }
  net::awaitable<void> wait_all();
};
template <class T> struct Response { T value; };
template <class M> net::awaitable<Response<M>> call_on(const std::string &host);
template <class M>
net::awaitable<void> post_all(const std::vector<std::string> &hosts) {
  batch<Response<M>> poster;
  for (const auto &h : hosts)
    co_await poster.add(call_on<M>(h));
  co_await poster.wait_all();
}

// ... while a member that waits for the work is per-item work.
template <class T> struct queue_runner {
  template <class E> net::awaitable<void> run(net::awaitable<T, E> task) {
    co_await std::move(task);
  }
};
template <class M>
net::awaitable<void> run_all(const std::vector<std::string> &hosts) {
  queue_runner<Response<M>> runner;
  for (const auto &h : hosts)
    co_await runner.run(call_on<M>(h));
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: each iteration waits for 'run' before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
    // CHECK-NOTES: :[[@LINE-2]]:5: warning: each iteration waits for 'run' before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
    // CHECK-NOTES: :[[@LINE-4]]:3: note: to run the iterations concurrently, start the operations with 'net::deferred' and await them together with 'net::experimental::make_parallel_group', or join a fixed number with the '&&' operator of 'net::experimental::awaitable_operators'
}

// Not a coroutine: nothing to await.
void plain(std::vector<std::string> hosts) {
  for (auto &h : hosts)
    fetch_page(h);
}

// ---------------------------------------------------------------------------
// Options.

namespace mylib {
// SerialTypes adds to the serial resources.
class Printer {
public:
  net::awaitable<void> print(std::string line);
};
// ConcurrentTypes takes a type out of them (here, one whose name ends in
// "Connection").
class SharedConnection {
public:
  net::awaitable<void> query(std::string sql);
};
// IgnoredFunctions are not reported.
net::awaitable<void> audit(std::string event);
} // namespace mylib

net::awaitable<void> options(mylib::Printer &printer, mylib::SharedConnection &db,
                             std::vector<std::string> lines) {
  for (auto &l : lines)
    co_await printer.print(l);
    // CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:5: warning: each iteration waits for 'print' before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
    // CHECK-NOTES-DEFAULT: :[[@LINE-2]]:5: warning: each iteration waits for 'print' before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
    // CHECK-NOTES-DEFAULT: :[[@LINE-4]]:3: note: to run the iterations concurrently, start the operations with 'net::deferred' and await them together with 'net::experimental::make_parallel_group', or join a fixed number with the '&&' operator of 'net::experimental::awaitable_operators'
  for (auto &l : lines)
    co_await db.query(l);
    // CHECK-MESSAGES-OPT: :[[@LINE-1]]:5: warning: each iteration waits for 'query' before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
    // CHECK-NOTES-OPT: :[[@LINE-2]]:5: warning: each iteration waits for 'query' before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
    // CHECK-NOTES-OPT: :[[@LINE-4]]:3: note: to run the iterations concurrently, start the operations with 'net::deferred' and await them together with 'net::experimental::make_parallel_group', or join a fixed number with the '&&' operator of 'net::experimental::awaitable_operators'
  for (auto &l : lines)
    co_await mylib::audit(l);
    // CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:5: warning: each iteration waits for 'audit' before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
    // CHECK-NOTES-DEFAULT: :[[@LINE-2]]:5: warning: each iteration waits for 'audit' before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
    // CHECK-NOTES-DEFAULT: :[[@LINE-4]]:3: note: to run the iterations concurrently, start the operations with 'net::deferred' and await them together with 'net::experimental::make_parallel_group', or join a fixed number with the '&&' operator of 'net::experimental::awaitable_operators'
}
