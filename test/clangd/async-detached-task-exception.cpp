// async-detached-task-exception in the editor: the finding at the co_spawn,
// its docs link, and the handler that reports the exception (with the
// include it needs) as a further (non-preferred) quick-fix, because it
// changes what happens on failure and is carried by a note.
// RUN: %lsp-check %s | %FileCheck %s
// LSP-CHECKS: async-detached-task-exception

#include <boost/asio.hpp>
#include <exception>

namespace net = boost::asio;
using net::ip::tcp;

// CHECK: published 1 diagnostics
net::awaitable<void> session(tcp::socket sock) {
  char data[64];
  co_await sock.async_read_some(net::buffer(data, 64), net::use_awaitable);
}
void start(net::any_io_executor ex, tcp::socket sock) {
  net::co_spawn(ex, session(std::move(sock)), net::detached);
}
// CHECK-NEXT: diagnostic [[@LINE-2]]:3-[[@LINE-2]]:61 async-detached-task-exception warning Coroutine 'session' can throw, but its exception is lost: 'detached' ignores it (fix available)
// CHECK-NEXT: link <docs>/async-detached-task-exception.md
// CHECK-NEXT: note [[@LINE-7]]:3-[[@LINE-7]]:11 An await that can throw outside any handler that catches it is here
// CHECK-NEXT: action replace 'detached' with a handler that reports the exception
// CHECK-NEXT: => 10: #include <iostream>
// CHECK-NEXT: => [[@LINE-6]]: net::co_spawn(ex, session(std::move(sock)), [](std::exception_ptr e) { try { if (e) std::rethrow_exception(e); } catch (const std::exception &x) { std::cerr << "task failed: " << x.what() << '\n'; } });
// CHECK-NEXT: end

// Not reported in the editor either: a body that catches what escapes, and
// a handler that looks at the exception.
net::awaitable<void> guarded(tcp::socket sock) {
  try {
    char data[64];
    co_await sock.async_read_some(net::buffer(data, 64), net::use_awaitable);
  } catch (const std::exception &) {
  }
}
void start_guarded(net::any_io_executor ex, tcp::socket sock) {
  net::co_spawn(ex, guarded(std::move(sock)), net::detached);
  net::co_spawn(ex, session(tcp::socket(ex)), [](std::exception_ptr e) {
    if (e)
      std::rethrow_exception(e);
  });
}
