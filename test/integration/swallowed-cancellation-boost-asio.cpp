// RUN: %check_async -real-headers %s async-swallowed-cancellation %t
// RUN: %check_async -real-headers -fix-notes -check-suffixes=,NOTES %s async-swallowed-cancellation %t-notes

// The check over the real Boost.Asio headers (libboost1.81-dev): cancelled
// operations throw boost::system::system_error, or deliver the code through
// as_tuple and redirect_error; the shapes of the official examples.

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <exception>
#include <gtest/gtest.h>
#include <cstdio>
#include <deque>
#include <string>

namespace net = boost::asio;
using net::ip::tcp;

// The echo server example: its handler ends the coroutine.
net::awaitable<void> echo(tcp::socket socket) {
  try {
    char data[1024];
    for (;;) {
      std::size_t n = co_await socket.async_read_some(net::buffer(data), net::use_awaitable);
      co_await net::async_write(socket, net::buffer(data, n), net::use_awaitable);
    }
  } catch (std::exception &e) {
    std::printf("echo Exception: %s\n", e.what());
  }
}

// The same handler inside the loop keeps reading after a cancellation.
net::awaitable<void> echo_forever(tcp::socket socket) {
  char data[1024];
  for (;;) {
    try {
      std::size_t n = co_await socket.async_read_some(net::buffer(data), net::use_awaitable);
      co_await net::async_write(socket, net::buffer(data, n), net::use_awaitable);
    } catch (std::exception &e) {
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: handler for 'std::exception &' also catches the 'operation_aborted' error of a cancelled operation and does not rethrow it; the coroutine keeps running after it is cancelled [async-swallowed-cancellation]
    // CHECK-NOTES: :[[@LINE-2]]:7: warning: handler for 'std::exception &' also catches the 'operation_aborted' error of a cancelled operation and does not rethrow it; the coroutine keeps running after it is cancelled [async-swallowed-cancellation]
    // CHECK-NOTES: :[[@LINE-3]]:7: note: rethrow the cancellation before handling other errors
    // CHECK-FIXES-NOTES: if (auto *se = dynamic_cast<const boost::system::system_error *>(&e); se && se->code() == net::error::operation_aborted) throw;
      std::printf("echo Exception: %s\n", e.what());
    }
  }
}

net::awaitable<void> read_until_closed(tcp::socket &socket) {
  char data[1024];
  for (;;) {
    try {
      co_await socket.async_read_some(net::buffer(data), net::use_awaitable);
    } catch (const boost::system::system_error &e) {
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: handler for 'const boost::system::system_error &' also catches the 'operation_aborted' error of a cancelled operation and does not rethrow it; the coroutine keeps running after it is cancelled [async-swallowed-cancellation]
    // CHECK-NOTES: :[[@LINE-2]]:7: warning: handler for 'const boost::system::system_error &' also catches the 'operation_aborted' error of a cancelled operation and does not rethrow it; the coroutine keeps running after it is cancelled [async-swallowed-cancellation]
    // CHECK-NOTES: :[[@LINE-3]]:7: note: rethrow the cancellation before handling other errors
    // CHECK-FIXES-NOTES: if (e.code() == net::error::operation_aborted) throw;
      if (e.code() == net::error::eof)
        co_return;
    }
  }
}

// Beast's examples: every error but the expected one is rethrown.
net::awaitable<void> all_but_eof(tcp::socket &socket) {
  char data[1024];
  for (;;)
    try {
      co_await socket.async_read_some(net::buffer(data), net::use_awaitable);
    } catch (boost::system::system_error &se) {
      if (se.code() != net::error::eof)
        throw;
    }
}

// The throttling_proxy example's accept loop: on error it logs, waits and
// accepts again, also when the accept was cancelled.
net::awaitable<void> listen(tcp::acceptor &acceptor) {
  for (;;) {
    auto [e, client] = co_await acceptor.async_accept(net::as_tuple(net::use_awaitable));
    if (!e) {
    // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: error code 'e' of an awaited operation is handled without checking for 'operation_aborted'; the loop keeps running after the operation is cancelled [async-swallowed-cancellation]
    // CHECK-NOTES: :[[@LINE-2]]:10: warning: error code 'e' of an awaited operation is handled without checking for 'operation_aborted'; the loop keeps running after the operation is cancelled [async-swallowed-cancellation]
    // CHECK-NOTES: :[[@LINE-4]]:24: note: 'e' is set by the operation awaited here
    // CHECK-NOTES: :[[@LINE-4]]:5: note: return from the coroutine when the operation was cancelled
    // CHECK-FIXES-NOTES: if (e == net::error::operation_aborted) co_return;
      client.close();
    } else {
      std::fprintf(stderr, "Accept failed: %s\n", e.message().c_str());
      net::steady_timer timer(co_await net::this_coro::executor);
      timer.expires_after(std::chrono::milliseconds(100));
      co_await timer.async_wait(net::use_awaitable);
    }
  }
}

// The chat server's writer: cancelling the timer is how it is woken up, and
// the code is never tested.
net::awaitable<void> writer(tcp::socket &socket, net::steady_timer &timer,
                            std::deque<std::string> &messages) {
  try {
    while (socket.is_open()) {
      if (messages.empty()) {
        boost::system::error_code ec;
        co_await timer.async_wait(net::redirect_error(net::use_awaitable, ec));
      } else {
        co_await net::async_write(socket, net::buffer(messages.front()), net::use_awaitable);
        messages.pop_front();
      }
    }
  } catch (std::exception &) {
    socket.close();
  }
}

net::awaitable<void> ticker(net::steady_timer &timer) {
  boost::system::error_code ec;
  for (;;) {
    timer.expires_after(std::chrono::seconds(1));
    co_await timer.async_wait(net::redirect_error(net::use_awaitable, ec));
    if (ec)
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: error code 'ec' of an awaited operation is handled without checking for 'operation_aborted'; the loop keeps running after the operation is cancelled [async-swallowed-cancellation]
    // CHECK-NOTES: :[[@LINE-2]]:9: warning: error code 'ec' of an awaited operation is handled without checking for 'operation_aborted'; the loop keeps running after the operation is cancelled [async-swallowed-cancellation]
    // CHECK-NOTES: :[[@LINE-4]]:5: note: 'ec' is set by the operation awaited here
    // CHECK-NOTES: :[[@LINE-4]]:5: note: return from the coroutine when the operation was cancelled
    // CHECK-FIXES-NOTES: if (ec == net::error::operation_aborted) co_return;
      std::fprintf(stderr, "timer: %s\n", ec.message().c_str());
  }
}

net::awaitable<void> ticker_until_cancelled(net::steady_timer &timer) {
  for (;;) {
    timer.expires_after(std::chrono::seconds(1));
    auto [ec] = co_await timer.async_wait(net::as_tuple(net::use_awaitable));
    if (ec == net::error::operation_aborted)
      co_return;
    if (ec)
      std::fprintf(stderr, "timer: %s\n", ec.message().c_str());
  }
}

// Not flagged: GoogleTest's assertion macros (libgtest-dev) write their own
// `try` and `catch (...)` around the awaited statement; those handlers are the
// framework's, not the test author's.
net::awaitable<void> read_in_test(tcp::socket &socket) {
  char data[16];
  for (int i = 0; i < 2; ++i) {
    EXPECT_NO_THROW(co_await socket.async_read_some(net::buffer(data), net::use_awaitable));
    EXPECT_THROW(co_await socket.async_read_some(net::buffer(data), net::use_awaitable), boost::system::system_error);
  }
}

// Not flagged: the handler captures the exception and the coroutine rethrows
// it once the socket is closed.
net::awaitable<void> read_then_rethrow(tcp::socket &socket) {
  char data[16];
  std::exception_ptr failure;
  try {
    co_await socket.async_read_some(net::buffer(data), net::use_awaitable);
  } catch (...) {
    failure = std::current_exception();
  }
  co_await net::post(socket.get_executor(), net::use_awaitable);
  if (failure)
    std::rethrow_exception(failure);
}

// Not flagged: after the handler the coroutine only asks for its executor,
// an await that completes at once in real Asio (await_ready() returns true):
// no cancellation can arrive there, and the coroutine then ends.
net::awaitable<void> read_then_executor(tcp::socket &socket) {
  char data[16];
  try {
    co_await socket.async_read_some(net::buffer(data), net::use_awaitable);
  } catch (const std::exception &e) {
    std::printf("read failed: %s\n", e.what());
  }
  auto executor = co_await net::this_coro::executor;
  (void)executor;
}

// A project's own token over the real headers: Beast's `net_awaitable[ec]`
// shape, known by the redirect_error_t it returns.
struct net_awaitable_t {
  auto operator[](boost::system::error_code &ec) const {
    return net::redirect_error(net::use_awaitable, ec);
  }
};
constexpr net_awaitable_t net_awaitable{};

net::awaitable<void> tick(net::steady_timer &timer) {
  boost::system::error_code ec;
  for (;;) {
    co_await timer.async_wait(net_awaitable[ec]);
    if (ec)
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: error code 'ec' of an awaited operation is handled without checking for 'operation_aborted'; the loop keeps running after the operation is cancelled [async-swallowed-cancellation]
    // CHECK-NOTES: :[[@LINE-2]]:9: warning: error code 'ec' of an awaited operation is handled without checking for 'operation_aborted'; the loop keeps running after the operation is cancelled [async-swallowed-cancellation]
    // CHECK-NOTES: :[[@LINE-4]]:5: note: 'ec' is set by the operation awaited here
    // CHECK-NOTES: :[[@LINE-4]]:5: note: return from the coroutine when the operation was cancelled
    // CHECK-FIXES-NOTES: if (ec == net::error::operation_aborted) co_return;
      std::printf("timer failed\n");
  }
}

// Not flagged: the same token, with the cancellation checked first.
net::awaitable<void> tick_checked(net::steady_timer &timer) {
  boost::system::error_code ec;
  for (;;) {
    co_await timer.async_wait(net_awaitable[ec]);
    if (ec == net::error::operation_aborted)
      co_return;
    if (ec)
      std::printf("timer failed\n");
  }
}

// Reads that ended their stream report it again at once: Beast's WebSocket
// reports websocket::error::closed, its HTTP reader http::error::end_of_stream.
// These loops stop on cancellation but read again after the end.
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;

net::awaitable<void> ws_session(websocket::stream<beast::tcp_stream> &ws) {
  beast::flat_buffer buffer;
  for (;;) {
    auto [ec, n] = co_await ws.async_read(buffer, net::as_tuple(net::use_awaitable));
    if (ec == net::error::operation_aborted)
      co_return;
    if (ec) {
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: error code 'ec' of an awaited read is handled like a transient error when it is 'websocket::error::closed'; the loop reads again from a stream that has ended [async-swallowed-cancellation]
    // CHECK-NOTES: :[[@LINE-2]]:9: warning: error code 'ec' of an awaited read is handled like a transient error when it is 'websocket::error::closed'; the loop reads again from a stream that has ended [async-swallowed-cancellation]
    // CHECK-NOTES: :[[@LINE-6]]:20: note: 'ec' is set by the read awaited here
    // CHECK-NOTES: :[[@LINE-4]]:5: note: leave the loop when the stream has ended
    // CHECK-FIXES-NOTES: if (ec == websocket::error::closed) break;
      std::printf("read: %s\n", ec.message().c_str());
      continue;
    }
    buffer.consume(n);
  }
}

net::awaitable<void> http_session(beast::tcp_stream &stream) {
  beast::flat_buffer buffer;
  for (;;) {
    http::request<http::string_body> request;
    auto [ec, n] = co_await http::async_read(stream, buffer, request, net::as_tuple(net::use_awaitable));
    if (ec == net::error::operation_aborted)
      co_return;
    if (ec)
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: error code 'ec' of an awaited read is handled like a transient error when it is 'http::error::end_of_stream'; the loop reads again from a stream that has ended [async-swallowed-cancellation]
    // CHECK-NOTES: :[[@LINE-2]]:9: warning: error code 'ec' of an awaited read is handled like a transient error when it is 'http::error::end_of_stream'; the loop reads again from a stream that has ended [async-swallowed-cancellation]
    // CHECK-NOTES: :[[@LINE-6]]:20: note: 'ec' is set by the read awaited here
    // CHECK-NOTES: :[[@LINE-4]]:5: note: leave the loop when the stream has ended
    // CHECK-FIXES-NOTES: if (ec == http::error::end_of_stream) break;
      continue;
    (void)n;
  }
}

// With exceptions: the WebSocket read throws websocket::error::closed once
// the peer has closed; the handler logs it and the loop reads again.
net::awaitable<void> ws_session_throws(websocket::stream<beast::tcp_stream> &ws) {
  beast::flat_buffer buffer;
  for (;;) {
    try {
      co_await ws.async_read(buffer, net::use_awaitable);
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: read awaited in a loop throws 'websocket::error::closed' once its stream has ended, and the handler that catches it lets the loop read again from a stream that has ended [async-swallowed-cancellation]
      // CHECK-NOTES: :[[@LINE-2]]:7: warning: read awaited in a loop throws 'websocket::error::closed' once its stream has ended, and the handler that catches it lets the loop read again from a stream that has ended [async-swallowed-cancellation]
      // CHECK-NOTES: :[[@LINE+3]]:7: note: the handler for 'const boost::system::system_error &' lets the loop go round
      // CHECK-NOTES: :[[@LINE+2]]:7: note: leave the loop when the stream has ended
      buffer.clear();
    } catch (const boost::system::system_error &e) {
      // CHECK-FIXES-NOTES: if (e.code() == websocket::error::closed) break;
      if (e.code() == net::error::operation_aborted)
        throw;
      std::printf("read: %s\n", e.what());
    }
  }
}

// Not flagged: the handler leaves when the peer has closed.
net::awaitable<void> ws_session_throws_done(websocket::stream<beast::tcp_stream> &ws) {
  beast::flat_buffer buffer;
  for (;;) {
    try {
      co_await ws.async_read(buffer, net::use_awaitable);
      buffer.clear();
    } catch (const boost::system::system_error &e) {
      if (e.code() == net::error::operation_aborted ||
          e.code() == websocket::error::closed)
        throw;
      std::printf("read: %s\n", e.what());
    }
  }
}

// Not flagged: the loop leaves at the end of the stream.
net::awaitable<void> http_session_done(beast::tcp_stream &stream) {
  beast::flat_buffer buffer;
  for (;;) {
    http::request<http::string_body> request;
    auto [ec, n] = co_await http::async_read(stream, buffer, request, net::as_tuple(net::use_awaitable));
    if (ec == net::error::operation_aborted || ec == http::error::end_of_stream)
      co_return;
    if (ec)
      continue;
    (void)n;
  }
}
