// RUN: %check_async %s async-swallowed-cancellation %t -- -DASIO_HAS_CO_AWAIT=1 -DASIO_HAS_STD_COROUTINE=1
// RUN: %check_async -fix-notes -check-suffixes=,NOTES %s async-swallowed-cancellation %t-notes -- -DASIO_HAS_CO_AWAIT=1 -DASIO_HAS_STD_COROUTINE=1

// Standalone Asio, in a unit of its own: asio::system_error is
// std::system_error, and error codes are std::error_code.

#include <asio.hpp>
#include <asio/experimental/as_tuple.hpp>
#include <exception>
#include <system_error>

void log(const char *);

asio::awaitable<void> standalone(asio::ip::tcp::socket &socket) {
  char data[1024];
  for (;;) {
    try {
      co_await socket.async_read_some(asio::buffer(data, 1024), asio::use_awaitable);
    } catch (const asio::system_error &error) {
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: handler for 'const asio::system_error &' also catches the 'operation_aborted' error of a cancelled operation and does not rethrow it; the coroutine keeps running after it is cancelled [async-swallowed-cancellation]
    // CHECK-NOTES: :[[@LINE-2]]:7: warning: handler for 'const asio::system_error &' also catches the 'operation_aborted' error of a cancelled operation and does not rethrow it; the coroutine keeps running after it is cancelled [async-swallowed-cancellation]
    // CHECK-NOTES: :[[@LINE-3]]:7: note: rethrow the cancellation before handling other errors
    // CHECK-FIXES-NOTES: if (error.code() == asio::error::operation_aborted) throw;
      log(error.what());
    }
  }
}

asio::awaitable<void> standalone_broad(asio::ip::tcp::socket &socket) {
  char data[1024];
  for (;;) {
    try {
      co_await socket.async_read_some(asio::buffer(data, 1024), asio::use_awaitable);
    } catch (const std::exception &) {
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: handler for 'const std::exception &' also catches the 'operation_aborted' error of a cancelled operation and does not rethrow it; the coroutine keeps running after it is cancelled [async-swallowed-cancellation]
    // CHECK-NOTES: :[[@LINE-2]]:7: warning: handler for 'const std::exception &' also catches the 'operation_aborted' error of a cancelled operation and does not rethrow it; the coroutine keeps running after it is cancelled [async-swallowed-cancellation]
    // CHECK-NOTES: :[[@LINE-3]]:7: note: rethrow the cancellation before handling other errors
    // CHECK-FIXES-NOTES: } catch (const std::exception &e) {
    // CHECK-FIXES-NOTES: if (auto *se = dynamic_cast<const std::system_error *>(&e); se && se->code() == asio::error::operation_aborted) throw;
    }
  }
}

asio::awaitable<void> standalone_codes(asio::ip::tcp::socket &socket) {
  char data[1024];
  for (;;) {
    auto [ec, n] = co_await socket.async_read_some(asio::buffer(data, 1024), asio::experimental::as_tuple(asio::use_awaitable));
    if (ec)
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: error code 'ec' of an awaited operation is handled without checking for 'operation_aborted'; the loop keeps running after the operation is cancelled [async-swallowed-cancellation]
    // CHECK-NOTES: :[[@LINE-2]]:9: warning: error code 'ec' of an awaited operation is handled without checking for 'operation_aborted'; the loop keeps running after the operation is cancelled [async-swallowed-cancellation]
    // CHECK-NOTES: :[[@LINE-4]]:20: note: 'ec' is set by the operation awaited here
    // CHECK-NOTES: :[[@LINE-4]]:5: note: return from the coroutine when the operation was cancelled
    // CHECK-FIXES-NOTES: if (ec == asio::error::operation_aborted) co_return;
      continue;
  }
}
