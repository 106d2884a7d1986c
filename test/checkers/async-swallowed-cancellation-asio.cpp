// RUN: %check_async %s async-swallowed-cancellation %t
// RUN: %check_async -fix-notes -check-suffixes=,NOTES %s async-swallowed-cancellation %t-notes
// RUN: %check_async -check-suffixes=,STRICT %s async-swallowed-cancellation %t-strict \
// RUN:   -config="{CheckOptions: {async-swallowed-cancellation.StrictMode: true}}"

// Boost.Asio (standalone Asio has a unit of its own,
// async-swallowed-cancellation-standalone-asio.cpp): a cancelled operation
// completes with error::operation_aborted, thrown as system_error by
// use_awaitable or delivered as an error code by as_tuple and redirect_error.

#include <boost/asio.hpp>
#include <cstdio>
#include <exception>
#include <stdexcept>
#include <string>
#include <tuple>

void log(const char *);

namespace net = boost::asio;
using net::ip::tcp;

// ===========================================================================
// Exception style: an awaited Boost.Asio operation that is cancelled throws
// boost::system::system_error with error::operation_aborted.

// The official echo server: after the handler the coroutine ends, so only
// StrictMode reports it.
net::awaitable<void> echo(tcp::socket socket) {
  try {
    char data[1024];
    for (;;) {
      std::size_t n = co_await socket.async_read_some(net::buffer(data, 1024), net::use_awaitable);
      co_await net::async_write(socket, net::buffer(data, n), net::use_awaitable);
    }
  } catch (std::exception &e) {
  // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:5: warning: handler for 'std::exception &' also catches the 'operation_aborted' error of a cancelled operation and does not rethrow it; the caller of the coroutine never learns that it was cancelled [async-swallowed-cancellation]
  // CHECK-NOTES-STRICT: :[[@LINE-2]]:5: warning: handler for 'std::exception &' also catches the 'operation_aborted' error of a cancelled operation and does not rethrow it; the caller of the coroutine never learns that it was cancelled [async-swallowed-cancellation]
  // CHECK-NOTES-STRICT: :[[@LINE-3]]:5: note: rethrow the cancellation before handling other errors
    std::printf("echo Exception: %s\n", e.what());
  }
}

// A handler in a loop, or followed by another await, keeps the coroutine
// running. The fix tests the code first; the exception is named when the
// handler has no name for it, and reached through dynamic_cast from a base.
net::awaitable<void> keep_reading(tcp::socket &socket) {
  char data[1024];
  for (;;) {
    try {
      co_await socket.async_read_some(net::buffer(data, 1024), net::use_awaitable);
    } catch (const boost::system::system_error &e) {
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: handler for 'const boost::system::system_error &' also catches the 'operation_aborted' error of a cancelled operation and does not rethrow it; the coroutine keeps running after it is cancelled [async-swallowed-cancellation]
    // CHECK-NOTES: :[[@LINE-2]]:7: warning: handler for 'const boost::system::system_error &' also catches the 'operation_aborted' error of a cancelled operation and does not rethrow it; the coroutine keeps running after it is cancelled [async-swallowed-cancellation]
    // CHECK-NOTES: :[[@LINE-3]]:7: note: rethrow the cancellation before handling other errors
    // CHECK-FIXES-NOTES: if (e.code() == net::error::operation_aborted) throw;
      log(e.what());
    }
  }
}

net::awaitable<void> unnamed_exception(tcp::socket &socket) {
  char data[1024];
  for (;;) {
    try {
      co_await socket.async_read_some(net::buffer(data, 1024), net::use_awaitable);
    } catch (std::exception&) {
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: handler for 'std::exception &' also catches the 'operation_aborted' error of a cancelled operation and does not rethrow it; the coroutine keeps running after it is cancelled [async-swallowed-cancellation]
    // CHECK-NOTES: :[[@LINE-2]]:7: warning: handler for 'std::exception &' also catches the 'operation_aborted' error of a cancelled operation and does not rethrow it; the coroutine keeps running after it is cancelled [async-swallowed-cancellation]
    // CHECK-NOTES: :[[@LINE-3]]:7: note: rethrow the cancellation before handling other errors
    // CHECK-FIXES-NOTES: } catch (std::exception& e) {
    // CHECK-FIXES-NOTES: if (auto *se = dynamic_cast<const boost::system::system_error *>(&e); se && se->code() == net::error::operation_aborted) throw;
      log("read failed");
    }
  }
}

// Nothing to test the code of in a catch-all handler, or in a copy of a base
// class: no fix.
net::awaitable<void> catch_all(tcp::socket &socket) {
  char data[1024];
  for (;;) {
    try {
      co_await socket.async_read_some(net::buffer(data, 1024), net::use_awaitable);
    } catch (...) {
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: catch-all handler also catches the 'operation_aborted' error of a cancelled operation and does not rethrow it; the coroutine keeps running after it is cancelled [async-swallowed-cancellation]
      log("read failed");
    }
  }
}

net::awaitable<void> empty_handler(tcp::socket &socket) {
  char data[1024];
  for (;;) {
    try {
      co_await socket.async_read_some(net::buffer(data, 1024), net::use_awaitable);
    } catch (const std::runtime_error &e) {}
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: handler for 'const std::runtime_error &' also catches the 'operation_aborted' error of a cancelled operation and does not rethrow it; the coroutine keeps running after it is cancelled [async-swallowed-cancellation]
    // CHECK-NOTES: :[[@LINE-2]]:7: warning: handler for 'const std::runtime_error &' also catches the 'operation_aborted' error of a cancelled operation and does not rethrow it; the coroutine keeps running after it is cancelled [async-swallowed-cancellation]
    // CHECK-NOTES: :[[@LINE-3]]:7: note: rethrow the cancellation before handling other errors
    // CHECK-FIXES-NOTES: } catch (const std::runtime_error &e) { if (auto *se = dynamic_cast<const boost::system::system_error *>(&e); se && se->code() == net::error::operation_aborted) throw; }
  }
}

net::awaitable<void> by_value(tcp::socket &socket) {
  char data[1024];
  for (;;) {
    try {
      co_await socket.async_read_some(net::buffer(data, 1024), net::use_awaitable);
    } catch (std::runtime_error e) {
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: handler for 'std::runtime_error' also catches the 'operation_aborted' error of a cancelled operation and does not rethrow it; the coroutine keeps running after it is cancelled [async-swallowed-cancellation]
      log(e.what());
    }
  }
}

net::awaitable<void> await_after(net::steady_timer &timer, tcp::socket &socket) {
  try {
    co_await timer.async_wait(net::use_awaitable);
  } catch (const boost::system::system_error &e) {
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: handler for 'const boost::system::system_error &' also catches the 'operation_aborted' error of a cancelled operation and does not rethrow it; the coroutine keeps running after it is cancelled [async-swallowed-cancellation]
  // CHECK-NOTES: :[[@LINE-2]]:5: warning: handler for 'const boost::system::system_error &' also catches the 'operation_aborted' error of a cancelled operation and does not rethrow it; the coroutine keeps running after it is cancelled [async-swallowed-cancellation]
  // CHECK-NOTES: :[[@LINE-3]]:5: note: rethrow the cancellation before handling other errors
  // CHECK-FIXES-NOTES: if (e.code() == net::error::operation_aborted) throw;
    log(e.what());
  }
  co_await net::async_write(socket, net::buffer("bye", 3), net::use_awaitable);
}

// Testing for another error does not let the cancellation through.
net::awaitable<void> other_code_only(tcp::socket &socket) {
  char data[1024];
  for (;;) {
    try {
      co_await socket.async_read_some(net::buffer(data, 1024), net::use_awaitable);
    } catch (const boost::system::system_error &e) {
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: handler for 'const boost::system::system_error &' also catches the 'operation_aborted' error of a cancelled operation and does not rethrow it; the coroutine keeps running after it is cancelled [async-swallowed-cancellation]
    // CHECK-NOTES: :[[@LINE-2]]:7: warning: handler for 'const boost::system::system_error &' also catches the 'operation_aborted' error of a cancelled operation and does not rethrow it; the coroutine keeps running after it is cancelled [async-swallowed-cancellation]
    // CHECK-NOTES: :[[@LINE-3]]:7: note: rethrow the cancellation before handling other errors
    // CHECK-FIXES-NOTES: if (e.code() == net::error::operation_aborted) throw;
      if (e.code() == net::error::eof)
        break;
      log(e.what());
    }
  }
}

// The handler rethrows the cancellation first: no finding for that. But the
// read throws eof once the peer has closed, the handler logs it, and the
// loop reads again, for ever: reported at the read, with a `break` on a
// note.
net::awaitable<void> guarded(tcp::socket &socket) {
  char data[1024];
  for (;;) {
    try {
      co_await socket.async_read_some(net::buffer(data, 1024), net::use_awaitable);
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: read awaited in a loop throws 'net::error::eof' once its stream has ended, and the handler that catches it lets the loop read again from a stream that has ended [async-swallowed-cancellation]
      // CHECK-NOTES: :[[@LINE-2]]:7: warning: read awaited in a loop throws 'net::error::eof' once its stream has ended, and the handler that catches it lets the loop read again from a stream that has ended [async-swallowed-cancellation]
      // CHECK-NOTES: :[[@LINE+2]]:7: note: the handler for 'const boost::system::system_error &' lets the loop go round
      // CHECK-NOTES: :[[@LINE+1]]:7: note: leave the loop when the stream has ended
    } catch (const boost::system::system_error &e) {
      // CHECK-FIXES-NOTES: if (e.code() == net::error::eof) break;
      if (e.code() == net::error::operation_aborted)
        throw;
      log(e.what());
    }
  }
}

// Not flagged: every error but one is rethrown (Beast's examples).
net::awaitable<void> all_but_eof(tcp::socket &socket) {
  char data[1024];
  for (;;)
    try {
      co_await socket.async_read_some(net::buffer(data, 1024), net::use_awaitable);
    } catch (boost::system::system_error &se) {
      if (se.code() != net::error::eof)
        throw;
    }
}

net::awaitable<void> guarded_by_cast(tcp::socket &socket) {
  char data[1024];
  for (;;) {
    try {
      co_await socket.async_read_some(net::buffer(data, 1024), net::use_awaitable);
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: read awaited in a loop throws 'net::error::eof' once its stream has ended, and the handler that catches it lets the loop read again from a stream that has ended [async-swallowed-cancellation]
      // CHECK-NOTES: :[[@LINE-2]]:7: warning: read awaited in a loop throws 'net::error::eof' once its stream has ended, and the handler that catches it lets the loop read again from a stream that has ended [async-swallowed-cancellation]
      // CHECK-NOTES: :[[@LINE+1]]:7: note: the handler for 'const std::exception &' lets the loop go round
    } catch (const std::exception &e) {
      if (auto *se = dynamic_cast<const boost::system::system_error *>(&e);
          se && se->code() == net::error::operation_aborted)
        throw;
      log(e.what());
    }
  }
}

// Not flagged: a test framework's assertion macro writes its own `try` and
// `catch (...)` around the awaited expression (doctest's CHECK_NOTHROW, GTest's
// EXPECT_NO_THROW); that handler is the macro's, not the user's.
void report_failure(const char *);
#define EXPECT_NOTHROW_MOCK(expr)                                              \
  do {                                                                         \
    try {                                                                      \
      expr;                                                                    \
    } catch (...) {                                                            \
      report_failure(#expr);                                                   \
    }                                                                          \
  } while (false)

net::awaitable<void> assertion_macro(tcp::socket &socket) {
  char data[1024];
  for (int i = 0; i < 3; ++i)
    EXPECT_NOTHROW_MOCK(co_await socket.async_read_some(net::buffer(data, 1024), net::use_awaitable));
}

// A handler the user wrote stays the user's when it uses a macro inside.
#define LOG_ERROR(e) log((e).what())
net::awaitable<void> handler_with_macro(tcp::socket &socket) {
  char data[1024];
  for (;;) {
    try {
      co_await socket.async_read_some(net::buffer(data, 1024), net::use_awaitable);
    } catch (const std::exception &e) {
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: handler for 'const std::exception &' also catches the 'operation_aborted' error of a cancelled operation and does not rethrow it; the coroutine keeps running after it is cancelled [async-swallowed-cancellation]
    // CHECK-NOTES: :[[@LINE-2]]:7: warning: handler for 'const std::exception &' also catches the 'operation_aborted' error of a cancelled operation and does not rethrow it; the coroutine keeps running after it is cancelled [async-swallowed-cancellation]
    // CHECK-NOTES: :[[@LINE-3]]:7: note: rethrow the cancellation before handling other errors
    // CHECK-FIXES-NOTES: {{^}}      if (auto *se = dynamic_cast<const boost::system::system_error *>(&e); se && se->code() == net::error::operation_aborted) throw;{{$}}
      LOG_ERROR(e);
    }
  }
}

// Not flagged: the handler captures the exception, and the coroutine rethrows
// it after its cleanup awaits (libcoro's and cppcoro's tests do this).
net::awaitable<void> close_gracefully(tcp::socket &socket);
net::awaitable<void> capture_then_rethrow(tcp::socket &socket) {
  char data[1024];
  std::exception_ptr failure;
  try {
    co_await socket.async_read_some(net::buffer(data, 1024), net::use_awaitable);
  } catch (...) {
    failure = std::current_exception();
  }
  co_await close_gracefully(socket);
  if (failure)
    std::rethrow_exception(failure);
}

// Not flagged: the handler hands the error code to whoever waits for the
// result, which raises it.
struct reply_slot {
  boost::system::error_code error;
};
net::awaitable<void> hand_code_to_waiter(tcp::socket &socket, reply_slot &slot) {
  char data[1024];
  for (;;) {
    try {
      co_await socket.async_read_some(net::buffer(data, 1024), net::use_awaitable);
    } catch (const boost::system::system_error &e) {
      slot.error = e.code();
    }
    co_await close_gracefully(socket);
  }
}

// Keeping only the message is not handing the error on: reported.
struct status_line {
  std::string last_error;
};
net::awaitable<void> keep_message_only(tcp::socket &socket, status_line &status) {
  char data[1024];
  for (;;) {
    try {
      co_await socket.async_read_some(net::buffer(data, 1024), net::use_awaitable);
    } catch (const boost::system::system_error &e) {
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: handler for 'const boost::system::system_error &' also catches the 'operation_aborted' error of a cancelled operation and does not rethrow it; the coroutine keeps running after it is cancelled [async-swallowed-cancellation]
    // CHECK-NOTES: :[[@LINE-2]]:7: warning: handler for 'const boost::system::system_error &' also catches the 'operation_aborted' error of a cancelled operation and does not rethrow it; the coroutine keeps running after it is cancelled [async-swallowed-cancellation]
    // CHECK-NOTES: :[[@LINE-3]]:7: note: rethrow the cancellation before handling other errors
      status.last_error = e.what();
    }
  }
}

// Not flagged: after the handler, the coroutine only asks for its executor,
// an await that completes at once (await_ready() is true): no cancellation can
// reach it, and the coroutine ends (so only StrictMode reports it).
net::awaitable<void> executor_after_handler(tcp::socket &socket) {
  char data[1024];
  try {
    co_await socket.async_read_some(net::buffer(data, 1024), net::use_awaitable);
  } catch (const std::exception &e) {
  // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:5: warning: handler for 'const std::exception &' also catches the 'operation_aborted' error of a cancelled operation and does not rethrow it; the caller of the coroutine never learns that it was cancelled [async-swallowed-cancellation]
  // CHECK-NOTES-STRICT: :[[@LINE-2]]:5: warning: handler for 'const std::exception &' also catches the 'operation_aborted' error of a cancelled operation and does not rethrow it; the caller of the coroutine never learns that it was cancelled [async-swallowed-cancellation]
  // CHECK-NOTES-STRICT: :[[@LINE-3]]:5: note: rethrow the cancellation before handling other errors
    log(e.what());
  }
  auto executor = co_await net::this_coro::executor;
  (void)executor;
}

// Returning on cancellation ends the coroutine: reported only in StrictMode.
net::awaitable<void> return_on_cancel(tcp::socket &socket) {
  char data[1024];
  for (;;) {
    try {
      co_await socket.async_read_some(net::buffer(data, 1024), net::use_awaitable);
    } catch (const boost::system::system_error &e) {
    // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:7: warning: handler for 'const boost::system::system_error &' also catches the 'operation_aborted' error of a cancelled operation and does not rethrow it; the caller of the coroutine never learns that it was cancelled [async-swallowed-cancellation]
    // CHECK-NOTES-STRICT: :[[@LINE-2]]:7: warning: handler for 'const boost::system::system_error &' also catches the 'operation_aborted' error of a cancelled operation and does not rethrow it; the caller of the coroutine never learns that it was cancelled [async-swallowed-cancellation]
    // CHECK-NOTES-STRICT: :[[@LINE-3]]:7: note: rethrow the cancellation before handling other errors
      if (e.code() == net::error::operation_aborted)
        co_return;
      log(e.what());
    }
  }
}

// Not flagged: handlers the system_error never reaches.
net::awaitable<void> unrelated(tcp::socket &socket) {
  char data[1024];
  for (;;) {
    try {
      co_await socket.async_read_some(net::buffer(data, 1024), net::use_awaitable);
    } catch (const std::logic_error &e) {
      log(e.what());
    } catch (const boost::system::system_error &) {
      throw;
    } catch (const std::exception &e) {
      log(e.what());
    }
  }
}

// ===========================================================================
// Error-code style: as_tuple and redirect_error deliver operation_aborted as
// an error code; a loop that treats it like any other error never ends.

net::awaitable<void> skip_errors(tcp::socket &socket) {
  char data[1024];
  for (;;) {
    auto [ec, n] = co_await socket.async_read_some(net::buffer(data, 1024), net::as_tuple(net::use_awaitable));
    if (ec) {
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: error code 'ec' of an awaited operation is handled without checking for 'operation_aborted'; the loop keeps running after the operation is cancelled [async-swallowed-cancellation]
    // CHECK-NOTES: :[[@LINE-2]]:9: warning: error code 'ec' of an awaited operation is handled without checking for 'operation_aborted'; the loop keeps running after the operation is cancelled [async-swallowed-cancellation]
    // CHECK-NOTES: :[[@LINE-4]]:20: note: 'ec' is set by the operation awaited here
    // CHECK-NOTES: :[[@LINE-4]]:5: note: return from the coroutine when the operation was cancelled
    // CHECK-FIXES-NOTES: if (ec == net::error::operation_aborted) co_return;
      log("read failed");
      continue;
    }
    co_await net::async_write(socket, net::buffer(data, n), net::use_awaitable);
  }
}

net::awaitable<void> log_and_fall_through(net::steady_timer &timer) {
  boost::system::error_code ec;
  while (true) {
    co_await timer.async_wait(net::redirect_error(net::use_awaitable, ec));
    if (ec)
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: error code 'ec' of an awaited operation is handled without checking for 'operation_aborted'; the loop keeps running after the operation is cancelled [async-swallowed-cancellation]
    // CHECK-NOTES: :[[@LINE-2]]:9: warning: error code 'ec' of an awaited operation is handled without checking for 'operation_aborted'; the loop keeps running after the operation is cancelled [async-swallowed-cancellation]
    // CHECK-NOTES: :[[@LINE-4]]:5: note: 'ec' is set by the operation awaited here
    // CHECK-NOTES: :[[@LINE-4]]:5: note: return from the coroutine when the operation was cancelled
    // CHECK-FIXES-NOTES: if (ec == net::error::operation_aborted) co_return;
      log("timer failed");
  }
}

// The throttling_proxy example's accept loop.
net::awaitable<void> accept_loop(tcp::acceptor &acceptor) {
  for (;;) {
    auto [e, client] = co_await acceptor.async_accept(net::as_tuple(net::use_awaitable));
    if (!e) {
    // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: error code 'e' of an awaited operation is handled without checking for 'operation_aborted'; the loop keeps running after the operation is cancelled [async-swallowed-cancellation]
    // CHECK-NOTES: :[[@LINE-2]]:10: warning: error code 'e' of an awaited operation is handled without checking for 'operation_aborted'; the loop keeps running after the operation is cancelled [async-swallowed-cancellation]
    // CHECK-NOTES: :[[@LINE-4]]:24: note: 'e' is set by the operation awaited here
    // CHECK-NOTES: :[[@LINE-4]]:5: note: return from the coroutine when the operation was cancelled
    // CHECK-FIXES-NOTES: if (e == net::error::operation_aborted) co_return;
      log("accepted");
    } else {
      log("accept failed");
      net::steady_timer timer(co_await net::this_coro::executor);
      co_await timer.async_wait(net::use_awaitable);
    }
  }
}

// A template whose awaits depend on its arguments (an abbreviated function
// template over any acceptor) is read in its instantiation and reported
// where it is written, once: the accept loop spins for ever once the
// acceptor is closed or cancelled ...
net::awaitable<void> accept_any(auto acceptor, auto handler) {
  for (;;) {
    auto [ec, socket] = co_await acceptor->async_accept(net::as_tuple(net::use_awaitable));
    if (ec)
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: error code 'ec' of an awaited operation is handled without checking for 'operation_aborted'; the loop keeps running after the operation is cancelled [async-swallowed-cancellation]
    // CHECK-NOTES: :[[@LINE-2]]:9: warning: error code 'ec' of an awaited operation is handled without checking for 'operation_aborted'; the loop keeps running after the operation is cancelled [async-swallowed-cancellation]
    // CHECK-NOTES: :[[@LINE-4]]:25: note: 'ec' is set by the operation awaited here
    // CHECK-NOTES: :[[@LINE-4]]:5: note: return from the coroutine when the operation was cancelled
    // CHECK-FIXES-NOTES: if (ec == net::error::operation_aborted) co_return;
      continue;
    handler(std::move(socket));
  }
}
// ... not when it stops on cancellation.
net::awaitable<void> accept_any_until_cancelled(auto acceptor, auto handler) {
  for (;;) {
    auto [ec, socket] = co_await acceptor->async_accept(net::as_tuple(net::use_awaitable));
    if (ec == net::error::operation_aborted)
      co_return;
    if (ec)
      continue;
    handler(std::move(socket));
  }
}
void start_accepting(net::any_io_executor ex, tcp::acceptor &a, tcp::acceptor &b) {
  auto handler = [](tcp::socket) {};
  net::co_spawn(ex, accept_any(&a, handler), net::detached);
  net::co_spawn(ex, accept_any(&b, handler), net::detached);
  net::co_spawn(ex, accept_any_until_cancelled(&b, handler), net::detached);
}

// A session that reads requests, and on an upgrade runs a second session
// whose result is only logged before an unconditional co_return: after that
// test the coroutine ends, so nothing is swallowed ...
net::awaitable<void> upgrade_then_return(tcp::socket &socket, net::steady_timer &timer, bool upgrade) {
  char data[64];
  for (;;) {
    std::size_t n = co_await socket.async_read_some(net::buffer(data, 64), net::use_awaitable);
    if (upgrade) {
      auto [err] = co_await timer.async_wait(net::as_tuple(net::use_awaitable));
      if (err)
        log("upgraded session failed");
      co_return;
    }
    co_await net::async_write(socket, net::buffer(data, n), net::use_awaitable);
  }
}

// ... the same for a read that ended its stream ...
net::awaitable<void> read_then_return(tcp::socket &socket, bool upgrade) {
  char data[64];
  for (;;) {
    auto [ec, n] = co_await socket.async_read_some(net::buffer(data, 64), net::as_tuple(net::use_awaitable));
    if (ec == net::error::operation_aborted)
      co_return;
    if (upgrade) {
      auto [err, m] = co_await socket.async_read_some(net::buffer(data, 64), net::as_tuple(net::use_awaitable));
      if (err)
        log("upgraded session failed");
      co_return;
    }
    co_await net::async_write(socket, net::buffer(data, n), net::use_awaitable);
  }
}

// ... but the same test followed by more of the loop goes round again.
net::awaitable<void> upgrade_then_go_on(tcp::socket &socket, net::steady_timer &timer, bool upgrade) {
  char data[64];
  for (;;) {
    std::size_t n = co_await socket.async_read_some(net::buffer(data, 64), net::use_awaitable);
    if (upgrade) {
      auto [err] = co_await timer.async_wait(net::as_tuple(net::use_awaitable));
      if (err)
      // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: error code 'err' of an awaited operation is handled without checking for 'operation_aborted'; the loop keeps running after the operation is cancelled [async-swallowed-cancellation]
      // CHECK-NOTES: :[[@LINE-2]]:11: warning: error code 'err' of an awaited operation is handled without checking for 'operation_aborted'; the loop keeps running after the operation is cancelled [async-swallowed-cancellation]
      // CHECK-NOTES: :[[@LINE-4]]:20: note: 'err' is set by the operation awaited here
      // CHECK-NOTES: :[[@LINE-4]]:7: note: return from the coroutine when the operation was cancelled
      // CHECK-FIXES-NOTES: if (err == net::error::operation_aborted) co_return;
        log("upgraded session failed");
    }
    co_await net::async_write(socket, net::buffer(data, n), net::use_awaitable);
  }
}

// A loop whose count the code fixes ends after it, whatever the errors (a
// test that provokes ten failures on purpose).
net::awaitable<void> ten_attempts(net::steady_timer &timer) {
  boost::system::error_code ec;
  for (int i = 0; i < 10; ++i) {
    co_await timer.async_wait(net::redirect_error(net::use_awaitable, ec));
    if (ec)
      log("attempt failed");
  }
}

net::awaitable<void> other_code_only_ec(tcp::socket &socket) {
  char data[1024];
  for (;;) {
    auto [ec, n] = co_await socket.async_read_some(net::buffer(data, 1024), net::as_tuple(net::use_awaitable));
    if (ec) {
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: error code 'ec' of an awaited operation is handled without checking for 'operation_aborted'; the loop keeps running after the operation is cancelled [async-swallowed-cancellation]
    // CHECK-NOTES: :[[@LINE-2]]:9: warning: error code 'ec' of an awaited operation is handled without checking for 'operation_aborted'; the loop keeps running after the operation is cancelled [async-swallowed-cancellation]
    // CHECK-NOTES: :[[@LINE-4]]:20: note: 'ec' is set by the operation awaited here
    // CHECK-NOTES: :[[@LINE-4]]:5: note: return from the coroutine when the operation was cancelled
    // CHECK-FIXES-NOTES: if (ec == net::error::operation_aborted) co_return;
      if (ec == net::error::eof)
        break;
      log("read failed");
      continue;
    }
  }
}

net::awaitable<void> tied(tcp::socket &socket) {
  char data[1024];
  boost::system::error_code ec;
  std::size_t n = 0;
  for (;;) {
    std::tie(ec, n) = co_await socket.async_read_some(net::buffer(data, 1024), net::as_tuple(net::use_awaitable));
    if (ec.failed())
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: error code 'ec' of an awaited operation is handled without checking for 'operation_aborted'; the loop keeps running after the operation is cancelled [async-swallowed-cancellation]
    // CHECK-NOTES: :[[@LINE-2]]:9: warning: error code 'ec' of an awaited operation is handled without checking for 'operation_aborted'; the loop keeps running after the operation is cancelled [async-swallowed-cancellation]
    // CHECK-NOTES: :[[@LINE-4]]:23: note: 'ec' is set by the operation awaited here
    // CHECK-NOTES: :[[@LINE-4]]:5: note: return from the coroutine when the operation was cancelled
    // CHECK-FIXES-NOTES: if (ec == net::error::operation_aborted) co_return;
      log("read failed");
  }
}

// The code is declared in the condition: no place for the test before it.
net::awaitable<void> declared_in_condition(tcp::socket &socket) {
  char data[1024];
  for (;;) {
    if (auto [ec, n] = co_await socket.async_read_some(net::buffer(data, 1024), net::as_tuple(net::use_awaitable)); ec)
    // CHECK-MESSAGES: :[[@LINE-1]]:117: warning: error code 'ec' of an awaited operation is handled without checking for 'operation_aborted'; the loop keeps running after the operation is cancelled [async-swallowed-cancellation]
    // CHECK-NOTES: :[[@LINE-2]]:117: warning: error code 'ec' of an awaited operation is handled without checking for 'operation_aborted'; the loop keeps running after the operation is cancelled [async-swallowed-cancellation]
    // CHECK-NOTES: :[[@LINE-3]]:24: note: 'ec' is set by the operation awaited here
      continue;
  }
}

// A coroutine with a result cannot `co_return;`.
net::awaitable<int> with_result(tcp::socket &socket) {
  char data[1024];
  int errors = 0;
  for (;;) {
    auto [ec, n] = co_await socket.async_read_some(net::buffer(data, 1024), net::as_tuple(net::use_awaitable));
    if (ec)
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: error code 'ec' of an awaited operation is handled without checking for 'operation_aborted'; the loop keeps running after the operation is cancelled [async-swallowed-cancellation]
    // CHECK-NOTES: :[[@LINE-2]]:9: warning: error code 'ec' of an awaited operation is handled without checking for 'operation_aborted'; the loop keeps running after the operation is cancelled [async-swallowed-cancellation]
    // CHECK-NOTES: :[[@LINE-4]]:20: note: 'ec' is set by the operation awaited here
      ++errors;
    if (n == 0)
      co_return errors;
  }
}

// Not flagged: the loop leaves on error, or on cancellation.
net::awaitable<void> stop_on_error(tcp::socket &socket) {
  char data[1024];
  for (;;) {
    auto [ec, n] = co_await socket.async_read_some(net::buffer(data, 1024), net::as_tuple(net::use_awaitable));
    if (ec)
      break;
  }
}

// These two stop on cancellation; but a read that hit the end of the stream
// reports eof again at once, every time: the loop spins. Reported for the
// terminal error, with a `break` on a note.
net::awaitable<void> stop_on_cancel(tcp::socket &socket) {
  char data[1024];
  for (;;) {
    auto [ec, n] = co_await socket.async_read_some(net::buffer(data, 1024), net::as_tuple(net::use_awaitable));
    if (ec == net::error::operation_aborted)
      co_return;
    if (ec) {
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: error code 'ec' of an awaited read is handled like a transient error when it is 'net::error::eof'; the loop reads again from a stream that has ended [async-swallowed-cancellation]
    // CHECK-NOTES: :[[@LINE-2]]:9: warning: error code 'ec' of an awaited read is handled like a transient error when it is 'net::error::eof'; the loop reads again from a stream that has ended [async-swallowed-cancellation]
    // CHECK-NOTES: :[[@LINE-6]]:20: note: 'ec' is set by the read awaited here
    // CHECK-NOTES: :[[@LINE-4]]:5: note: leave the loop when the stream has ended
    // CHECK-FIXES-NOTES: if (ec == net::error::eof) break;
      log("read failed");
      continue;
    }
  }
}

// Not flagged: the loop also leaves at the end of the stream.
net::awaitable<void> stop_on_cancel_and_eof(tcp::socket &socket) {
  char data[1024];
  for (;;) {
    auto [ec, n] = co_await socket.async_read_some(net::buffer(data, 1024), net::as_tuple(net::use_awaitable));
    if (ec == net::error::operation_aborted || ec == net::error::eof)
      co_return;
    if (ec) {
      log("read failed");
      continue;
    }
  }
}

net::awaitable<void> throw_on_error(tcp::socket &socket) {
  char data[1024];
  for (;;) {
    auto [ec, n] = co_await socket.async_read_some(net::buffer(data, 1024), net::as_tuple(net::use_awaitable));
    if (!ec)
      continue;
    else
      throw boost::system::system_error(ec);
  }
}

net::awaitable<void> checks_cancellation_state(tcp::socket &socket) {
  char data[1024];
  for (;;) {
    auto [ec, n] = co_await socket.async_read_some(net::buffer(data, 1024), net::as_tuple(net::use_awaitable));
    net::cancellation_state state = co_await net::this_coro::cancellation_state;
    if (state.cancelled() != net::cancellation_type::none)
      co_return;
    if (ec)
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: error code 'ec' of an awaited read is handled like a transient error when it is 'net::error::eof'; the loop reads again from a stream that has ended [async-swallowed-cancellation]
    // CHECK-NOTES: :[[@LINE-2]]:9: warning: error code 'ec' of an awaited read is handled like a transient error when it is 'net::error::eof'; the loop reads again from a stream that has ended [async-swallowed-cancellation]
    // CHECK-NOTES: :[[@LINE-7]]:20: note: 'ec' is set by the read awaited here
    // CHECK-NOTES: :[[@LINE-4]]:5: note: leave the loop when the stream has ended
    // CHECK-FIXES-NOTES: if (ec == net::error::eof) break;
      log("read failed");
  }
}

net::awaitable<void> loop_condition(tcp::socket &socket) {
  char data[1024];
  boost::system::error_code ec;
  while (!ec) {
    co_await socket.async_read_some(net::buffer(data, 1024), net::redirect_error(net::use_awaitable, ec));
    if (ec)
      log("read failed");
  }
}

// Beast's advanced server: the loop condition reads the cancellation state.
net::awaitable<void> loop_checks_cancellation_state(tcp::acceptor &acceptor) {
  while ((co_await net::this_coro::cancellation_state).cancelled() == net::cancellation_type::none) {
    auto [ec, socket] = co_await acceptor.async_accept(net::as_tuple(net::use_awaitable));
    if (!ec)
      log("accepted");
  }
}

// Not flagged: the code is never tested (the chat server's timer wait, where
// cancellation is the wake-up signal), or not in a loop.
net::awaitable<void> never_tested(net::steady_timer &timer, tcp::socket &socket) {
  while (socket.is_open()) {
    boost::system::error_code ec;
    co_await timer.async_wait(net::redirect_error(net::use_awaitable, ec));
  }
}

net::awaitable<void> not_in_loop(tcp::socket &socket) {
  char data[1024];
  auto [ec, n] = co_await socket.async_read_some(net::buffer(data, 1024), net::as_tuple(net::use_awaitable));
  if (ec)
    log("read failed");
}

// Not flagged: functions that are not coroutines.
void plain_loop(tcp::socket &socket) {
  char data[1024];
  for (;;) {
    boost::system::error_code ec;
    socket.read_some(net::buffer(data, 1024), ec);
    if (ec)
      continue;
  }
}

// A project's own completion tokens are known by their type, not their
// name: an `operator[]` that wraps redirect_error (Beast's examples spell
// it `net_awaitable[ec]`), a token held in a variable, and an as_tuple token
// in a constexpr variable.
struct net_awaitable_t {
  auto operator[](boost::system::error_code &ec) const {
    return net::redirect_error(net::use_awaitable, ec);
  }
};
constexpr net_awaitable_t net_awaitable{};
constexpr auto use_nothrow = net::as_tuple(net::use_awaitable);

net::awaitable<void> project_token(net::steady_timer &timer) {
  boost::system::error_code ec;
  while (true) {
    co_await timer.async_wait(net_awaitable[ec]);
    if (ec)
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: error code 'ec' of an awaited operation is handled without checking for 'operation_aborted'; the loop keeps running after the operation is cancelled [async-swallowed-cancellation]
    // CHECK-NOTES: :[[@LINE-2]]:9: warning: error code 'ec' of an awaited operation is handled without checking for 'operation_aborted'; the loop keeps running after the operation is cancelled [async-swallowed-cancellation]
    // CHECK-NOTES: :[[@LINE-4]]:5: note: 'ec' is set by the operation awaited here
    // CHECK-NOTES: :[[@LINE-4]]:5: note: return from the coroutine when the operation was cancelled
    // CHECK-FIXES-NOTES: if (ec == net::error::operation_aborted) co_return;
      log("timer failed");
  }
}

net::awaitable<void> token_variable(net::steady_timer &timer) {
  boost::system::error_code ec;
  auto token = net::redirect_error(net::use_awaitable, ec);
  while (true) {
    co_await timer.async_wait(token);
    if (ec)
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: error code 'ec' of an awaited operation is handled without checking for 'operation_aborted'; the loop keeps running after the operation is cancelled [async-swallowed-cancellation]
    // CHECK-NOTES: :[[@LINE-2]]:9: warning: error code 'ec' of an awaited operation is handled without checking for 'operation_aborted'; the loop keeps running after the operation is cancelled [async-swallowed-cancellation]
    // CHECK-NOTES: :[[@LINE-4]]:5: note: 'ec' is set by the operation awaited here
    // CHECK-NOTES: :[[@LINE-4]]:5: note: return from the coroutine when the operation was cancelled
    // CHECK-FIXES-NOTES: if (ec == net::error::operation_aborted) co_return;
      log("timer failed");
  }
}

net::awaitable<void> constexpr_tuple_token(tcp::socket &socket) {
  char data[64];
  for (;;) {
    auto [e, n] = co_await socket.async_read_some(net::buffer(data, 64), use_nothrow);
    if (e)
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: error code 'e' of an awaited operation is handled without checking for 'operation_aborted'; the loop keeps running after the operation is cancelled [async-swallowed-cancellation]
    // CHECK-NOTES: :[[@LINE-2]]:9: warning: error code 'e' of an awaited operation is handled without checking for 'operation_aborted'; the loop keeps running after the operation is cancelled [async-swallowed-cancellation]
    // CHECK-NOTES: :[[@LINE-4]]:19: note: 'e' is set by the operation awaited here
    // CHECK-NOTES: :[[@LINE-4]]:5: note: return from the coroutine when the operation was cancelled
    // CHECK-FIXES-NOTES: if (e == net::error::operation_aborted) co_return;
      log("read failed");
    (void)n;
  }
}

// Not flagged: the project token's code is checked for cancellation.
net::awaitable<void> project_token_checked(net::steady_timer &timer) {
  boost::system::error_code ec;
  while (true) {
    co_await timer.async_wait(net_awaitable[ec]);
    if (ec == net::error::operation_aborted)
      co_return;
    if (ec)
      log("timer failed");
  }
}

// Not flagged: the handler leaves on the end of the stream; the handler
// ends the coroutine; the read hands its error back as a value.
net::awaitable<void> read_loop_leaves_on_eof(tcp::socket &socket) {
  char data[1024];
  for (;;) {
    try {
      co_await socket.async_read_some(net::buffer(data, 1024), net::use_awaitable);
    } catch (const boost::system::system_error &e) {
      if (e.code() == net::error::operation_aborted || e.code() == net::error::eof)
        throw;
      log("read failed");
    }
  }
}

net::awaitable<void> read_loop_ends(tcp::socket &socket) {
  char data[1024];
  for (;;) {
    try {
      co_await socket.async_read_some(net::buffer(data, 1024), net::use_awaitable);
    } catch (const boost::system::system_error &) {
      log("read failed");
      throw;
    }
  }
}

net::awaitable<void> read_loop_values(tcp::socket &socket) {
  char data[1024];
  for (;;) {
    try {
      auto [ec, n] = co_await socket.async_read_some(net::buffer(data, 1024), net::as_tuple(net::use_awaitable));
      if (ec == net::error::operation_aborted || ec == net::error::eof)
        co_return;
      (void)n;
    } catch (const std::exception &e) {
      if (auto *se = dynamic_cast<const boost::system::system_error *>(&e);
          se && se->code() == net::error::operation_aborted)
        throw;
      log("write failed");
    }
  }
}
