// RUN: %check_async -real-headers %s async-sequential-await-in-loop %t

// The check over the real Boost.Asio and Beast headers (libboost1.81-dev):
// sockets, acceptors, channels, timers and WebSocket streams are found by
// their resolved classes, operations return awaitable through async_result,
// and namespace aliases are the norm.

#include <boost/asio.hpp>
#include <boost/asio/experimental/channel.hpp>
#include <boost/asio/experimental/coro.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <string>
#include <vector>

namespace net = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using net::ip::tcp;
using namespace std::chrono_literals;

net::awaitable<void> fetch(std::string host);
net::awaitable<bool> probe(std::string host);
net::awaitable<int> step(int acc);

// Flagged: independent per-item work.

net::awaitable<void> crawl(std::vector<std::string> hosts) {
  for (auto &h : hosts)
    co_await fetch(h);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: each iteration waits for 'fetch' before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
    // CHECK-NOTES: :[[@LINE-2]]:5: warning: each iteration waits for 'fetch' before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
    // CHECK-NOTES: :[[@LINE-4]]:3: note: to run the iterations concurrently, start the operations with 'net::deferred' and await them together with 'net::experimental::make_parallel_group', or join a fixed number with the '&&' operator of 'net::experimental::awaitable_operators'
}

net::awaitable<void> broadcast(std::vector<tcp::socket> &clients, std::string line) {
  for (auto &c : clients)
    co_await net::async_write(c, net::buffer(line), net::use_awaitable);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: each iteration waits for 'async_write' before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
    // CHECK-NOTES: :[[@LINE-2]]:5: warning: each iteration waits for 'async_write' before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
    // CHECK-NOTES: :[[@LINE-4]]:3: note: to run the iterations concurrently, start the operations with 'net::deferred' and await them together with 'net::experimental::make_parallel_group', or join a fixed number with the '&&' operator of 'net::experimental::awaitable_operators'
}

net::awaitable<void> resolve_all(tcp::resolver &resolver, std::vector<std::string> hosts) {
  std::vector<tcp::resolver::results_type> results;
  for (auto &h : hosts)
    results.push_back(co_await resolver.async_resolve(h, "443", net::use_awaitable));
    // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: each iteration waits for 'async_resolve' before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
    // CHECK-NOTES: :[[@LINE-2]]:23: warning: each iteration waits for 'async_resolve' before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
    // CHECK-NOTES: :[[@LINE-4]]:3: note: to run the iterations concurrently, start the operations with 'net::deferred' and await them together with 'net::experimental::make_parallel_group', or join a fixed number with the '&&' operator of 'net::experimental::awaitable_operators'
}

// A dependent call in a template is judged as written.
template <class T> net::awaitable<void> handle(T item);
template <class T> net::awaitable<void> handle_all(std::vector<T> items) {
  for (auto &item : items)
    co_await handle(item);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: each iteration waits for 'handle' before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
    // CHECK-NOTES: :[[@LINE-2]]:5: warning: each iteration waits for 'handle' before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
    // CHECK-NOTES: :[[@LINE-4]]:3: note: to run the iterations concurrently, start the operations with 'net::deferred' and await them together with 'net::experimental::make_parallel_group', or join a fixed number with the '&&' operator of 'net::experimental::awaitable_operators'
}

// Not flagged: a loop-carried dependency, an early exit.

net::awaitable<int> accumulate(std::vector<int> xs) {
  int acc = 0;
  for (int x : xs)
    acc = co_await step(acc + x);
  co_return acc;
}

net::awaitable<void> first_reachable(std::vector<std::string> hosts) {
  for (auto &h : hosts)
    if (co_await probe(h))
      break;
}

// Not flagged: one socket, acceptor, channel or stream for every iteration.

net::awaitable<void> send_all(tcp::socket &socket, std::vector<std::string> lines) {
  for (auto &l : lines)
    co_await net::async_write(socket, net::buffer(l), net::use_awaitable);
  for (auto &l : lines)
    co_await socket.async_send(net::buffer(l), net::use_awaitable);
}

net::awaitable<void> read_chunks(tcp::socket &socket, std::vector<std::array<char, 512>> &chunks) {
  for (std::size_t i = 0; i < chunks.size(); ++i)
    co_await socket.async_read_some(net::buffer(chunks[i]), net::use_awaitable);
}

net::awaitable<void> accept_n(tcp::acceptor &acceptor, int n) {
  std::vector<tcp::socket> sockets;
  for (int i = 0; i < n; ++i)
    sockets.push_back(co_await acceptor.async_accept(net::use_awaitable));
}

using message_channel =
    net::experimental::channel<void(boost::system::error_code, std::string)>;
net::awaitable<void> produce(message_channel &ch, std::vector<std::string> messages) {
  for (auto &m : messages)
    co_await ch.async_send(boost::system::error_code{}, m, net::use_awaitable);
}

net::awaitable<void> echo_frames(websocket::stream<beast::tcp_stream> &ws,
                                 std::vector<std::string> frames) {
  for (auto &f : frames)
    co_await ws.async_write(net::buffer(f), net::use_awaitable);
}

// Not flagged in templates either: a member stream of a dependent type, or
// of a template parameter's type.
template <class NextLayer> class Session {
public:
  net::awaitable<void> send_all(std::vector<std::string> frames) {
    for (auto &f : frames)
      co_await ws_.async_write(net::buffer(f), net::use_awaitable);
    for (auto &f : frames)
      co_await net::async_write(raw_, net::buffer(f), net::use_awaitable);
  }

private:
  websocket::stream<NextLayer> ws_;
  NextLayer raw_;
};

// Not flagged: timers and pacing.

net::awaitable<void> paced_crawl(std::vector<std::string> hosts) {
  net::steady_timer timer(co_await net::this_coro::executor);
  for (auto &h : hosts) {
    co_await fetch(h);
    timer.expires_after(100ms);
    co_await timer.async_wait(net::use_awaitable);
  }
}

net::awaitable<void> delays(std::vector<std::chrono::milliseconds> ds) {
  auto ex = co_await net::this_coro::executor;
  for (auto d : ds) {
    net::steady_timer t(ex, d);
    co_await t.async_wait(net::use_awaitable);
  }
}

// Not flagged: async generator iteration.

net::awaitable<void> consume(net::experimental::coro<int> &ticks) {
  while (auto tick = co_await ticks.async_resume(net::use_awaitable))
    co_await fetch(std::to_string(*tick));
}

// Not flagged: spawned work, lambdas, and awaits that do not use the loop
// variable.

net::awaitable<void> spawn_all(std::vector<std::string> hosts) {
  auto ex = co_await net::this_coro::executor;
  for (auto &h : hosts)
    net::co_spawn(ex, fetch(h), net::detached);
  for (auto &h : hosts)
    net::co_spawn(
        ex, [h]() -> net::awaitable<void> { co_await fetch(h); },
        net::detached);
  for (int i = 0; i < 3; ++i)
    co_await net::this_coro::executor;
}

