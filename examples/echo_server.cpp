// A small Boost.Asio echo server with the coroutine mistakes async-lint finds.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
// `bash scripts/demo.sh` lints it; nothing here is meant to be copied.
#include <boost/asio.hpp>
#include <chrono>
#include <cstdio>
#include <thread>

namespace net = boost::asio;
using net::ip::tcp;

net::awaitable<void> log_connection(const tcp::socket &socket);

net::awaitable<void> echo(tcp::socket socket) {
  // Meant to be awaited: as written, the logging coroutine never runs.
  log_connection(socket);
  char data[1024];
  for (;;) {
    std::size_t n =
        co_await socket.async_read_some(net::buffer(data), net::use_awaitable);
    // Never awaited: the reply is never sent.
    net::async_write(socket, net::buffer(data, n), net::use_awaitable);
    // Meant to slow this client down: it stalls every connection instead.
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

net::awaitable<void> listener() {
  auto executor = co_await net::this_coro::executor;
  tcp::acceptor acceptor(executor, {tcp::v4(), 55555});
  for (;;) {
    tcp::socket socket = co_await acceptor.async_accept(net::use_awaitable);
    net::co_spawn(executor, echo(std::move(socket)), net::detached);
  }
}

int main() {
  net::io_context io_context(1);
  // Dropped: the listener is created but never started.
  listener();
  io_context.run();
}
