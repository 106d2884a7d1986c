// RUN: %check_async -fix-notes %s async-blocking-call-in-coroutine %t -- -DASIO_HAS_CO_AWAIT=1 -DASIO_HAS_STD_COROUTINE=1

// Standalone Asio (asio::, errors as std::error_code), in a unit of its own:
// Boost.Asio's cases are in async-blocking-call-in-coroutine-asio.cpp.

#include <asio.hpp>
#include <chrono>
#include <thread>

using namespace std::chrono_literals;

asio::awaitable<void> standalone(asio::basic_stream_socket<asio::ip::tcp> &sock) {
  char data[64];
  sock.read_some(asio::buffer(data, sizeof data));
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: blocking call to 'asio::basic_stream_socket::read_some' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:8: warning: blocking call to 'asio::basic_stream_socket::read_some' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:8: note: use the asynchronous 'async_read_some' with 'asio::use_awaitable' instead
  // CHECK-FIXES: co_await sock.async_read_some(asio::buffer(data, sizeof data), asio::use_awaitable);
  co_return;
}

asio::awaitable<void> standalone_asio_sleep() {
  std::this_thread::sleep_for(20ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'std::this_thread::sleep_for' in a coroutine; sleeping stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-FIXES: co_await asio::steady_timer(co_await asio::this_coro::executor, 20ms).async_wait(asio::use_awaitable);
  co_return;
}
