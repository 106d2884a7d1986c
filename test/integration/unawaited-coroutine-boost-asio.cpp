// The check over the real Boost.Asio headers (libboost1.81-dev): awaitable
// comes from a coroutine_traits specialization, operations return it through
// async_result, and namespace aliases are the norm.
// RUN: %check_async -real-headers %s async-unawaited-coroutine %t

#include <boost/asio.hpp>
#include <exception>
#include <functional>

namespace net = boost::asio;
using net::ip::tcp;

net::awaitable<void> send_greeting(tcp::socket &socket);
net::awaitable<std::size_t> read_header(tcp::socket &socket);

net::awaitable<void> session(tcp::socket socket) {
  send_greeting(socket);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: coroutine 'send_greeting' is never awaited; its body will not run [async-unawaited-coroutine]
  // CHECK-FIXES: co_await send_greeting(socket);
  net::async_write(socket, net::buffer("hello\n", 6), net::use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: asynchronous operation 'async_write' is never awaited; it will not start [async-unawaited-coroutine]
  // CHECK-FIXES: co_await net::async_write(socket, net::buffer("hello\n", 6), net::use_awaitable);
  auto header = read_header(socket);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: coroutine 'read_header' is stored in 'header' but never awaited; its body will not run [async-unawaited-coroutine]
  // CHECK-FIXES: auto header = co_await read_header(socket);
  char data[64];
  std::size_t n = co_await socket.async_read_some(net::buffer(data), net::use_awaitable);
  (void)n;
}

// Not flagged: the official examples' way of starting and awaiting work.
net::awaitable<void> listener() {
  auto executor = co_await net::this_coro::executor;
  tcp::acceptor acceptor(executor, {tcp::v4(), 55555});
  for (;;) {
    tcp::socket socket = co_await acceptor.async_accept(net::use_awaitable);
    net::co_spawn(executor, session(std::move(socket)), net::detached);
  }
}

// A task from a callable: the message names its type as written, not the
// desugared awaitable<bool, any_io_executor> whose executor spells out
// hundreds of characters.
net::awaitable<void> probe_once(std::function<net::awaitable<bool>()> probe) {
  probe();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task of type 'boost::asio::awaitable<bool>' is never awaited; its body will not run [async-unawaited-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: task of type 'boost::asio::awaitable<bool>' is never awaited; its body will not run [async-unawaited-coroutine]
  // CHECK-FIXES: {{^}}  co_await probe();{{$}}
  co_return;
}

// A task whose type is the result of async_initiate: the sugar Asio writes
// around it (`constraint<...>::type` of an `async_result`) runs to hundreds
// of characters; the message names the type it stands for.
template <typename Token> auto async_probe(Token &&token) {
  return net::async_initiate<Token, void(std::exception_ptr, bool)>(
      [](auto handler) { std::move(handler)(nullptr, true); }, token);
}

net::awaitable<void> probe_through_initiate() {
  auto probe = [](auto &&token) { return async_probe(token); };
  probe(net::use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task of type 'boost::asio::awaitable<bool>' is never awaited; its body will not run [async-unawaited-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: task of type 'boost::asio::awaitable<bool>' is never awaited; its body will not run [async-unawaited-coroutine]
  // CHECK-FIXES: {{^}}  co_await probe(net::use_awaitable);{{$}}
  co_return;
}

int main() {
  net::io_context io_context(1);
  net::co_spawn(io_context, listener(), net::detached);
  listener();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: coroutine 'listener' is never awaited; its body will not run [async-unawaited-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: coroutine 'listener' is never awaited; its body will not run [async-unawaited-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: await it from a coroutine, or run it with 'net::co_spawn(executor, <task>, net::detached)'
  io_context.run();
}
