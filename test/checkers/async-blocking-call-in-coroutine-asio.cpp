// Synchronous Asio operations in a coroutine: a note names the async_ twin
// with the coroutine's completion token, and carries the fix that awaits it
// (applied with --fix-notes; awaiting changes when the coroutine continues).
// RUN: %check_async -fix-notes %s async-blocking-call-in-coroutine %t

#include <boost/asio.hpp>
#include <folly/experimental/coro/Task.h>
#include <string>
#include <system_error>

namespace net = boost::asio;
using tcp = net::ip::tcp;
using socket_type = net::basic_stream_socket<tcp>;
using acceptor_type = net::basic_socket_acceptor<tcp>;

net::awaitable<void> session(socket_type &sock, acceptor_type &acceptor,
                             tcp::resolver &resolver, tcp::endpoint ep,
                             net::steady_timer &timer) {
  char data[64];
  std::size_t n = sock.read_some(net::buffer(data, sizeof data));
  // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: blocking call to 'boost::asio::basic_stream_socket::read_some' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:24: warning: blocking call to 'boost::asio::basic_stream_socket::read_some' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:24: note: use the asynchronous 'async_read_some' with 'net::use_awaitable' instead
  // CHECK-FIXES: std::size_t n = co_await sock.async_read_some(net::buffer(data, sizeof data), net::use_awaitable);
  n += sock.write_some(net::buffer(data, n));
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: blocking call to 'boost::asio::basic_stream_socket::write_some' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:13: warning: blocking call to 'boost::asio::basic_stream_socket::write_some' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:13: note: use the asynchronous 'async_write_some' with 'net::use_awaitable' instead
  // CHECK-FIXES: n += co_await sock.async_write_some(net::buffer(data, n), net::use_awaitable);
  sock.receive(net::buffer(data, sizeof data));
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: blocking call to 'boost::asio::basic_stream_socket::receive' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:8: warning: blocking call to 'boost::asio::basic_stream_socket::receive' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:8: note: use the asynchronous 'async_receive' with 'net::use_awaitable' instead
  // CHECK-FIXES: co_await sock.async_receive(net::buffer(data, sizeof data), net::use_awaitable);
  sock.send(net::buffer(data, n));
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: blocking call to 'boost::asio::basic_stream_socket::send' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:8: warning: blocking call to 'boost::asio::basic_stream_socket::send' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:8: note: use the asynchronous 'async_send' with 'net::use_awaitable' instead
  // CHECK-FIXES: co_await sock.async_send(net::buffer(data, n), net::use_awaitable);
  sock.connect(ep);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: blocking call to 'boost::asio::basic_socket::connect' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:8: warning: blocking call to 'boost::asio::basic_socket::connect' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:8: note: use the asynchronous 'async_connect' with 'net::use_awaitable' instead
  // CHECK-FIXES: co_await sock.async_connect(ep, net::use_awaitable);
  sock.wait(socket_type::wait_read);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: blocking call to 'boost::asio::basic_socket::wait' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:8: warning: blocking call to 'boost::asio::basic_socket::wait' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:8: note: use the asynchronous 'async_wait' with 'net::use_awaitable' instead
  // CHECK-FIXES: co_await sock.async_wait(socket_type::wait_read, net::use_awaitable);
  socket_type peer = acceptor.accept();
  // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: blocking call to 'boost::asio::basic_socket_acceptor::accept' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:31: warning: blocking call to 'boost::asio::basic_socket_acceptor::accept' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:31: note: use the asynchronous 'async_accept' with 'net::use_awaitable' instead
  // CHECK-FIXES: socket_type peer = co_await acceptor.async_accept(net::use_awaitable);
  acceptor.accept().close();
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: blocking call to 'boost::asio::basic_socket_acceptor::accept' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:12: warning: blocking call to 'boost::asio::basic_socket_acceptor::accept' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:12: note: use the asynchronous 'async_accept' with 'net::use_awaitable' instead
  // CHECK-FIXES: (co_await acceptor.async_accept(net::use_awaitable)).close();
  auto results = resolver.resolve("example.com", "80");
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: blocking call to 'boost::asio::ip::basic_resolver::resolve' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:27: warning: blocking call to 'boost::asio::ip::basic_resolver::resolve' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:27: note: use the asynchronous 'async_resolve' with 'net::use_awaitable' instead
  // CHECK-FIXES: auto results = co_await resolver.async_resolve("example.com", "80", net::use_awaitable);
  net::connect(sock, results);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'boost::asio::connect' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: blocking call to 'boost::asio::connect' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: use the asynchronous 'async_connect' with 'net::use_awaitable' instead
  // CHECK-FIXES: co_await net::async_connect(sock, results, net::use_awaitable);
  net::read(sock, net::buffer(data, sizeof data));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'boost::asio::read' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: blocking call to 'boost::asio::read' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: use the asynchronous 'async_read' with 'net::use_awaitable' instead
  // CHECK-FIXES: co_await net::async_read(sock, net::buffer(data, sizeof data), net::use_awaitable);
  net::write(sock, net::buffer(data, n));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'boost::asio::write' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: blocking call to 'boost::asio::write' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: use the asynchronous 'async_write' with 'net::use_awaitable' instead
  // CHECK-FIXES: co_await net::async_write(sock, net::buffer(data, n), net::use_awaitable);
  std::string line;
  net::read_until(sock, net::dynamic_buffer(line), '\n');
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'boost::asio::read_until' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: blocking call to 'boost::asio::read_until' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: use the asynchronous 'async_read_until' with 'net::use_awaitable' instead
  // CHECK-FIXES: co_await net::async_read_until(sock, net::dynamic_buffer(line), '\n', net::use_awaitable);
  timer.wait();
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: blocking call to 'boost::asio::basic_waitable_timer::wait' in a coroutine; sleeping stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:9: warning: blocking call to 'boost::asio::basic_waitable_timer::wait' in a coroutine; sleeping stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:9: note: use the asynchronous 'async_wait' with 'net::use_awaitable' instead
  // CHECK-FIXES: co_await timer.async_wait(net::use_awaitable);
  // With an error_code the synchronous call reports errors there; the
  // awaited operation throws. The note names the twin without a fix.
  boost::system::error_code ec;
  sock.read_some(net::buffer(data, sizeof data), ec);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: blocking call to 'boost::asio::basic_stream_socket::read_some' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:8: warning: blocking call to 'boost::asio::basic_stream_socket::read_some' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:8: note: use the asynchronous 'async_read_some' with 'net::use_awaitable' instead
  sock.connect(ep, ec);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: blocking call to 'boost::asio::basic_socket::connect' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:8: warning: blocking call to 'boost::asio::basic_socket::connect' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:8: note: use the asynchronous 'async_connect' with 'net::use_awaitable' instead
  try {
    co_await sock.async_read_some(net::buffer(data, sizeof data),
                                  net::use_awaitable);
  } catch (...) {
    sock.write_some(net::buffer(data, n));
    // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: blocking call to 'boost::asio::basic_stream_socket::write_some' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
    // CHECK-NOTES: :[[@LINE-2]]:10: warning: blocking call to 'boost::asio::basic_stream_socket::write_some' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
    // CHECK-NOTES: :[[@LINE-3]]:10: note: use the asynchronous 'async_write_some' with 'net::use_awaitable' instead, outside the catch handler
  }
}

// A coroutine with its own executor type: its completion token is
// use_awaitable_t<executor>, which the note does not spell out.
struct strand_executor : net::any_io_executor {};
net::awaitable<void, strand_executor> custom_executor(socket_type &sock) {
  char data[64];
  sock.read_some(net::buffer(data, sizeof data));
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: blocking call to 'boost::asio::basic_stream_socket::read_some' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:8: warning: blocking call to 'boost::asio::basic_stream_socket::read_some' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:8: note: use the asynchronous 'async_read_some' with the coroutine's completion token instead
  co_return;
}

// Outside an Asio coroutine there is no twin to await: move the call away.
folly::coro::Task<void> folly_session(socket_type &sock) {
  char data[64];
  sock.read_some(net::buffer(data, sizeof data));
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: blocking call to 'boost::asio::basic_stream_socket::read_some' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:8: warning: blocking call to 'boost::asio::basic_stream_socket::read_some' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:8: note: move the blocking call to a thread pool: 'co_await folly::via(folly::getGlobalCPUExecutor(), [&] { return <blocking call>; })'
  co_return;
}

// Not flagged: the asynchronous operations themselves.
net::awaitable<void> asynchronous(socket_type &sock, acceptor_type &acceptor,
                                  tcp::resolver &resolver, tcp::endpoint ep) {
  char data[64];
  co_await sock.async_read_some(net::buffer(data, sizeof data),
                                net::use_awaitable);
  co_await sock.async_connect(ep, net::use_awaitable);
  auto peer = co_await acceptor.async_accept(net::use_awaitable);
  auto results =
      co_await resolver.async_resolve("example.com", "80", net::use_awaitable);
  co_await net::async_connect(sock, results, net::use_awaitable);
  co_await net::async_write(sock, net::buffer(data, 1), net::use_awaitable);
  std::string line;
  co_await net::async_read_until(sock, net::dynamic_buffer(line), '\n',
                                 net::use_awaitable);
  net::steady_timer timer(co_await net::this_coro::executor);
  co_await timer.async_wait(net::use_awaitable);
}
