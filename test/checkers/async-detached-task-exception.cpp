// RUN: %check_async -fix-notes -check-suffixes=,DEFAULT %s async-detached-task-exception %t
// RUN: %check_async -fix-notes -check-suffixes=,STRICT %s async-detached-task-exception %t-strict \
// RUN:   -config="{CheckOptions: {async-detached-task-exception.StrictMode: true}}"

#include <agrpc/asio_grpc.hpp>
#include <async_simple/coro/Lazy.h>
#include <boost/asio.hpp>
#include <concurrencpp/concurrencpp.h>
#include <coro/coro.hpp>
#include <coro/scheduler.hpp>
#include <coro/thread_pool.hpp>
#include <cppcoro/async_scope.hpp>
#include <cppcoro/task.hpp>
#include <exception>
#include <folly/experimental/coro/AsyncScope.h>
#include <folly/experimental/coro/Task.h>
#include <memory>
#include <stdexcept>
#include <string>

namespace net = boost::asio;
using net::ip::tcp;

void log_error(const std::exception &e) noexcept;
void log_unknown() noexcept;

// ---------------------------------------------------------------------------
// Boost.Asio: co_spawn with `detached`, or with a handler that ignores the
// exception_ptr.

net::awaitable<void> session(tcp::socket sock) {
  char data[64];
  for (;;) {
    std::size_t n = co_await sock.async_read_some(net::buffer(data, 64),
                                                  net::use_awaitable);
    co_await net::async_write(sock, net::buffer(data, n), net::use_awaitable);
  }
}

net::awaitable<int> count(tcp::socket &sock) {
  char data[64];
  co_return static_cast<int>(co_await sock.async_read_some(
      net::buffer(data, 64), net::use_awaitable));
}

void start_session(net::any_io_executor ex, tcp::socket sock) {
  net::co_spawn(ex, session(std::move(sock)), net::detached);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: coroutine 'session' can throw, but its exception is lost: 'detached' ignores it [async-detached-task-exception]
  // CHECK-NOTES: :[[@LINE-15]]:21: note: an await that can throw outside any handler that catches it is here
  // CHECK-NOTES: :[[@LINE-3]]:47: note: replace 'detached' with a handler that reports the exception
  // CHECK-FIXES: net::co_spawn(ex, session(std::move(sock)), [](std::exception_ptr e) { try { if (e) std::rethrow_exception(e); } catch (const std::exception &x) { std::cerr << "task failed: " << x.what() << '\n'; } });
}

void start_count(net::any_io_executor ex, tcp::socket &sock) {
  // A non-void result follows the exception in the handler's arguments.
  boost::asio::co_spawn(ex, count(sock), boost::asio::detached);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: coroutine 'count' can throw, but its exception is lost: 'detached' ignores it [async-detached-task-exception]
  // CHECK-NOTES: :[[@LINE-16]]:30: note: an await that can throw outside any handler that catches it is here
  // CHECK-NOTES: :[[@LINE-3]]:42: note: replace 'detached' with a handler that reports the exception
  // CHECK-FIXES: boost::asio::co_spawn(ex, count(sock), [](std::exception_ptr e, auto &&) { try { if (e) std::rethrow_exception(e); } catch (const std::exception &x) { std::cerr << "task failed: " << x.what() << '\n'; } });
}

net::awaitable<void> listener(tcp::acceptor &acceptor) {
  for (;;) {
    tcp::socket sock = co_await acceptor.async_accept(net::use_awaitable);
    // A lambda coroutine, spawned with a handler that ignores the exception.
    net::co_spawn(
        sock.is_open() ? net::any_io_executor() : net::any_io_executor(),
        [&]() -> net::awaitable<void> {
          co_await net::async_write(sock, net::buffer("hi", 2),
                                    net::use_awaitable);
        },
        [](std::exception_ptr) {});
    // CHECK-MESSAGES: :[[@LINE-7]]:5: warning: lambda coroutine can throw, but its exception is lost: the completion handler ignores it [async-detached-task-exception]
    // CHECK-NOTES: :[[@LINE-5]]:11: note: an await that can throw outside any handler that catches it is here
    // CHECK-NOTES: :[[@LINE-3]]:9: note: replace the handler with one that reports the exception
    // CHECK-FIXES: {{^}}        [](std::exception_ptr e) { try { if (e) std::rethrow_exception(e); } catch (const std::exception &x) { std::cerr << "task failed: " << x.what() << '\n'; } });
  }
}

// A throw expression of a type no handler catches.
net::awaitable<void> validate(std::string request) {
  try {
    if (request.empty())
      throw std::invalid_argument("empty request");
  } catch (const std::out_of_range &) {
    log_unknown();
  }
  co_return;
}

// A handler that rethrows lets the exception out again.
net::awaitable<void> rethrows(tcp::socket &sock) {
  try {
    co_await net::async_write(sock, net::buffer("x", 1), net::use_awaitable);
  } catch (const std::exception &e) {
    log_error(e);
    throw;
  }
}

void start_more(net::any_io_executor ex, tcp::socket &sock) {
  net::co_spawn(ex, validate("x"), net::detached);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: coroutine 'validate' can throw, but its exception is lost: 'detached' ignores it [async-detached-task-exception]
  // CHECK-NOTES: :[[@LINE-20]]:7: note: a throw outside any handler that catches it is here
  // CHECK-NOTES: :[[@LINE-3]]:36: note: replace 'detached' with a handler that reports the exception
  // CHECK-FIXES: net::co_spawn(ex, validate("x"), [](std::exception_ptr e) { try { if (e) std::rethrow_exception(e); } catch (const std::exception &x) { std::cerr << "task failed: " << x.what() << '\n'; } });
  net::co_spawn(ex, rethrows(sock), net::detached);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: coroutine 'rethrows' can throw, but its exception is lost: 'detached' ignores it [async-detached-task-exception]
  // CHECK-NOTES: :[[@LINE-12]]:5: note: a throw outside any handler that catches it is here
  // CHECK-NOTES: :[[@LINE-3]]:37: note: replace 'detached' with a handler that reports the exception
  // CHECK-FIXES: net::co_spawn(ex, rethrows(sock), [](std::exception_ptr e) { try { if (e) std::rethrow_exception(e); } catch (const std::exception &x) { std::cerr << "task failed: " << x.what() << '\n'; } });
}

// Not flagged: the body catches what escapes, the handler looks at the
// exception_ptr, the body cannot throw, or it is not visible.

net::awaitable<void> guarded(tcp::socket sock) {
  try {
    char data[64];
    co_await sock.async_read_some(net::buffer(data, 64), net::use_awaitable);
  } catch (const std::exception &e) {
    log_error(e); // Logged: dealt with.
  }
}

net::awaitable<void> guarded_all(tcp::socket sock) {
  try {
    co_await net::async_write(sock, net::buffer("x", 1), net::use_awaitable);
  } catch (...) {
    log_unknown();
  }
}

net::awaitable<void> guarded_base(std::string request) {
  try {
    if (request.empty())
      throw std::invalid_argument("empty request");
  } catch (const std::logic_error &) { // A base of what is thrown.
    log_unknown();
  }
  co_return;
}

int plain(int x) { return x + 1; }
int noexcept_call(int x) noexcept;
net::awaitable<void> quiet(int x) {
  // Calls whose body cannot throw, and a noexcept call, cannot throw.
  int y = plain(x) + noexcept_call(x);
  (void)y;
  // Asio's `this_coro::executor` completes at once without throwing in the
  // real headers; here a local that cannot throw stands for it.
  co_return;
}

net::awaitable<void> elsewhere(tcp::socket sock); // No visible body.

void not_flagged(net::any_io_executor ex, tcp::socket sock) {
  net::co_spawn(ex, guarded(std::move(sock)), net::detached);
  net::co_spawn(ex, guarded_all(tcp::socket(ex)), net::detached);
  net::co_spawn(ex, guarded_base("x"), net::detached);
  net::co_spawn(ex, quiet(1), net::detached);
  net::co_spawn(ex, elsewhere(tcp::socket(ex)), net::detached);
  net::co_spawn(ex, session(tcp::socket(ex)), [](std::exception_ptr e) {
    if (e)
      std::rethrow_exception(e);
  });
  net::co_spawn(ex, count(sock), [](std::exception_ptr e, int) {
    if (e)
      log_unknown();
  });
  net::co_spawn(ex, session(tcp::socket(ex)), net::use_awaitable);
}

// ---------------------------------------------------------------------------
// folly: start() whose SemiFuture is dropped, start(callback) that ignores
// its Try.

folly::coro::Task<int> folly_fetch() {
  throw std::runtime_error("unavailable");
  co_return 1;
}

void folly_starts(folly::Executor *ex) {
  folly_fetch().scheduleOn(ex).start();
  // CHECK-MESSAGES: :[[@LINE-1]]:32: warning: coroutine 'folly_fetch' can throw, but its exception is lost: the future that holds it is discarded [async-detached-task-exception]
  // CHECK-NOTES: :[[@LINE-7]]:3: note: a throw outside any handler that catches it is here
  // CHECK-NOTES: :[[@LINE-3]]:32: note: keep the returned 'folly::SemiFuture' and handle its exception, or add the task to a 'folly::coro::AsyncScope', which logs it
  folly_fetch().scheduleOn(ex).start([](folly::Try<int> &&) {});
  // CHECK-MESSAGES: :[[@LINE-1]]:32: warning: coroutine 'folly_fetch' can throw, but its exception is lost: the callback ignores it [async-detached-task-exception]
  // CHECK-NOTES: :[[@LINE-11]]:3: note: a throw outside any handler that catches it is here
  // CHECK-NOTES: :[[@LINE-3]]:38: note: let the callback look at the exception it receives
}

// Not flagged: the future is kept, the callback looks at the Try, or an
// AsyncScope logs what escapes.
void folly_kept(folly::Executor *ex, folly::coro::AsyncScope &scope) {
  auto future = folly_fetch().scheduleOn(ex).start();
  folly_fetch().scheduleOn(ex).start(
      [](folly::Try<int> &&result) { result.throwUnlessValue(); });
  scope.add(folly_fetch().scheduleOn(ex));
}

// ---------------------------------------------------------------------------
// libcoro: spawn_detached drops what escapes the task.

coro::task<void> libcoro_work(coro::scheduler &s) {
  co_await s.schedule();
  throw std::runtime_error("failed");
}

coro::task<void> libcoro_guarded(coro::thread_pool &tp) {
  try {
    co_await tp.schedule();
    throw std::runtime_error("failed");
  } catch (const std::exception &e) {
    log_error(e);
  }
}

void libcoro_spawns(coro::scheduler &s, coro::thread_pool &tp) {
  s.spawn_detached(libcoro_work(s));
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: coroutine 'libcoro_work' can throw, but its exception is lost: 'spawn_detached' discards it [async-detached-task-exception]
  // CHECK-NOTES: :[[@LINE-15]]:3: note: a throw outside any handler that catches it is here
  // CHECK-NOTES: :[[@LINE-3]]:5: note: catch the exception inside the task: libcoro destroys a detached task's exception unseen
  tp.spawn_detached([&]() -> coro::task<void> {
    co_await tp.schedule();
    co_await libcoro_work(s);
  }());
  // CHECK-MESSAGES: :[[@LINE-4]]:6: warning: lambda coroutine can throw, but its exception is lost: 'spawn_detached' discards it [async-detached-task-exception]
  // CHECK-NOTES: :[[@LINE-3]]:5: note: an await that can throw outside any handler that catches it is here
  // CHECK-NOTES: :[[@LINE-23]]:3: note: in 'libcoro_work', a throw outside any handler that catches it is here
  // CHECK-NOTES: :[[@LINE-7]]:6: note: catch the exception inside the task: libcoro destroys a detached task's exception unseen
  // Not flagged: the body catches what escapes.
  tp.spawn_detached(libcoro_guarded(tp));
}

// ---------------------------------------------------------------------------
// async_simple: start() with a callback that ignores its Try.

async_simple::coro::Lazy<int> lazy_fetch() {
  throw std::runtime_error("unavailable");
  co_return 1;
}

void lazy_starts(async_simple::Executor *ex) {
  lazy_fetch().start([](auto &&) {});
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: coroutine 'lazy_fetch' can throw, but its exception is lost: the callback ignores it [async-detached-task-exception]
  // CHECK-NOTES: :[[@LINE-7]]:3: note: a throw outside any handler that catches it is here
  // CHECK-NOTES: :[[@LINE-3]]:22: note: replace the callback with one that rethrows the exception
  // CHECK-FIXES: lazy_fetch().start([](auto &&result) { if (result.hasError()) std::rethrow_exception(result.getException()); });
  lazy_fetch().via(ex).start([](auto &&) {});
  // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: coroutine 'lazy_fetch' can throw, but its exception is lost: the callback ignores it [async-detached-task-exception]
  // CHECK-NOTES: :[[@LINE-12]]:3: note: a throw outside any handler that catches it is here
  // CHECK-NOTES: :[[@LINE-3]]:30: note: replace the callback with one that rethrows the exception
  // CHECK-FIXES: lazy_fetch().via(ex).start([](auto &&result) { if (result.hasError()) std::rethrow_exception(result.getException()); });
  lazy_fetch().directlyStart([](auto &&) {}, ex);
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: coroutine 'lazy_fetch' can throw, but its exception is lost: the callback ignores it [async-detached-task-exception]
  // CHECK-NOTES: :[[@LINE-17]]:3: note: a throw outside any handler that catches it is here
  // CHECK-NOTES: :[[@LINE-3]]:30: note: replace the callback with one that rethrows the exception
  // CHECK-FIXES: lazy_fetch().directlyStart([](auto &&result) { if (result.hasError()) std::rethrow_exception(result.getException()); }, ex);
}

// Not flagged: the callback looks at the Try, or detach() rethrows it.
void lazy_kept(async_simple::Executor *ex) {
  lazy_fetch().start([](auto &&result) {
    if (result.hasError())
      log_unknown();
  });
  lazy_fetch().via(ex).detach();
}

// ---------------------------------------------------------------------------
// concurrencpp: a null_result coroutine starts when called and drops what
// escapes it.

concurrencpp::null_result fire(std::string message) {
  if (message.empty())
    throw std::invalid_argument("empty");
  co_return;
}

concurrencpp::null_result fire_guarded(std::string message) {
  try {
    if (message.empty())
      throw std::invalid_argument("empty");
  } catch (...) {
    log_unknown();
  }
  co_return;
}

void concurrencpp_starts() {
  fire("x");
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: coroutine 'fire' can throw, but its exception is lost: 'null_result' discards it [async-detached-task-exception]
  // CHECK-NOTES: :[[@LINE-17]]:5: note: a throw outside any handler that catches it is here
  // CHECK-NOTES: :[[@LINE-3]]:3: note: catch the exception inside the coroutine, or return a 'concurrencpp::result' and keep it
  // Not flagged: the body catches what escapes.
  fire_guarded("x");
}

// ---------------------------------------------------------------------------
// Not flagged: frameworks that report what escapes a detached task
// themselves. cppcoro's async_scope terminates; stdexec's start_detached
// terminates (see the docs page).

cppcoro::task<void> cppcoro_work() {
  throw std::runtime_error("failed");
  co_return;
}

void cppcoro_starts(cppcoro::async_scope &scope) {
  scope.spawn(cppcoro_work());
}

// ---------------------------------------------------------------------------
// Not flagged: a start written by a macro is not the user's code.

#define SPAWN_DETACHED(ex, task) net::co_spawn(ex, task, net::detached)

void macro_spawn(net::any_io_executor ex, tcp::socket sock) {
  SPAWN_DETACHED(ex, session(std::move(sock)));
}

// ---------------------------------------------------------------------------
// Not flagged: C functions, allocation in the standard library, and calls a
// macro's definition writes (a test framework's non-throwing assertion) do
// not count as throwing.

extern "C" int c_send(int fd, const void *data, unsigned long size);
bool report_failure(const char *expression); // Not noexcept; never throws.
#define EXPECT_OK(cond) ((cond) || report_failure(#cond))

net::awaitable<void> quiet_io(int fd) {
  std::string greeting("hello");
  (void)c_send(fd, greeting.data(), greeting.size());
  EXPECT_OK(fd >= 0);
  co_return;
}

void quiet_spawns(net::any_io_executor ex) {
  net::co_spawn(ex, quiet_io(3), net::detached);
}

// Not flagged: operations that deliver their error as a value (as_tuple,
// redirect_error) do not throw it.
net::awaitable<void> by_value(tcp::socket sock) {
  char data[64];
  for (;;) {
    auto [ec, n] = co_await sock.async_read_some(
        net::buffer(data, 64), net::as_tuple(net::use_awaitable));
    if (ec)
      break;
    boost::system::error_code wec;
    co_await sock.async_write_some(net::buffer(data, n),
                                   net::redirect_error(net::use_awaitable, wec));
    if (wec)
      break;
  }
}

void by_value_spawns(net::any_io_executor ex, tcp::socket sock) {
  net::co_spawn(ex, by_value(std::move(sock)), net::detached);
}

// ---------------------------------------------------------------------------
// "Can throw" rests on what the code shows. Not evidence (reported only under
// StrictMode): an I/O object's constructor and a timer's expires_after (a
// library call that no documentation says throws), a timer's wait (its only
// failure is its own cancellation, which ends the task as meant), a function
// whose body is in another unit, and a coroutine its author declared
// noexcept. Evidence
// beside them: an Asio operation awaited with use_awaitable, and a function
// of the program whose visible body throws.

void audit(const std::string &line); // defined in another unit

void check_line(const std::string &line) {
  if (line.empty())
    throw std::invalid_argument("empty line");
}

net::awaitable<void> shows_nothing(net::any_io_executor ex,
                                   net::steady_timer &t) {
  tcp::socket other(ex);
  t.expires_after(std::chrono::seconds(1));
  audit("x");
  co_await t.async_wait(net::use_awaitable);
}

net::awaitable<void> shows_an_await(net::any_io_executor ex,
                                    tcp::socket &sock) {
  co_await net::async_write(sock, net::buffer("x", 1), net::use_awaitable);
  tcp::socket other(ex);
  audit("x");
}

net::awaitable<void> shows_a_throw(std::string line) {
  check_line(line);
  co_return;
}

net::awaitable<void> promised(tcp::socket &sock) noexcept {
  co_await net::async_write(sock, net::buffer("x", 1), net::use_awaitable);
}

void start_evidence(net::any_io_executor ex, tcp::socket &sock,
                    net::steady_timer &t) {
  net::co_spawn(ex, shows_nothing(ex, t), net::detached);
  // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:3: warning: coroutine 'shows_nothing' can throw, but its exception is lost: 'detached' ignores it [async-detached-task-exception]
  // CHECK-NOTES-STRICT: :[[@LINE-26]]:15: note: a call that can throw outside any handler that catches it is here
  // CHECK-NOTES-STRICT: :[[@LINE-3]]:43: note: replace 'detached' with a handler that reports the exception
  net::co_spawn(ex, shows_an_await(ex, sock), net::detached);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: coroutine 'shows_an_await' can throw, but its exception is lost: 'detached' ignores it [async-detached-task-exception]
  // CHECK-NOTES: :[[@LINE-22]]:3: note: an await that can throw outside any handler that catches it is here
  // CHECK-NOTES: :[[@LINE-3]]:47: note: replace 'detached' with a handler that reports the exception
  // CHECK-FIXES: {{^}}  net::co_spawn(ex, shows_an_await(ex, sock), [](std::exception_ptr e) { try { if (e) std::rethrow_exception(e); } catch (const std::exception &x) { std::cerr << "task failed: " << x.what() << '\n'; } });
  net::co_spawn(ex, shows_a_throw("x"), net::detached);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: coroutine 'shows_a_throw' can throw, but its exception is lost: 'detached' ignores it [async-detached-task-exception]
  // CHECK-NOTES: :[[@LINE-21]]:3: note: a call that can throw outside any handler that catches it is here
  // CHECK-NOTES: :[[@LINE-41]]:5: note: in 'check_line', a throw outside any handler that catches it is here
  // CHECK-NOTES: :[[@LINE-4]]:41: note: replace 'detached' with a handler that reports the exception
  // CHECK-FIXES: {{^}}  net::co_spawn(ex, shows_a_throw("x"), [](std::exception_ptr e) { try { if (e) std::rethrow_exception(e); } catch (const std::exception &x) { std::cerr << "task failed: " << x.what() << '\n'; } });
  net::co_spawn(ex, promised(sock), net::detached);
  // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:3: warning: coroutine 'promised' can throw, but its exception is lost: 'detached' ignores it [async-detached-task-exception]
  // CHECK-NOTES-STRICT: :[[@LINE-22]]:3: note: an await that can throw outside any handler that catches it is here
  // CHECK-NOTES-STRICT: :[[@LINE-3]]:37: note: replace 'detached' with a handler that reports the exception
}

// `std::make_shared<T>(args)` runs T's constructor: a session whose
// constructor throws on bad input makes the coroutine that builds it throw
// (Asio's mutual_exclusion example: the constructor sets a socket option);
// one whose constructor cannot throw does not. The notes follow the
// exception into the constructor (not under StrictMode, where the first
// call that can throw is start(), defined in another unit).
struct checked_session {
  explicit checked_session(std::string line) { check_line(line); }
  void start();
};
struct plain_session {
  explicit plain_session(std::string line) : line(std::move(line)) {}
  void start();
  std::string line;
};
net::awaitable<void> accept_checked(std::string line) {
  std::make_shared<checked_session>(line)->start();
  co_return;
}
net::awaitable<void> accept_plain(std::string line) {
  std::make_shared<plain_session>(line)->start();
  co_return;
}
void start_made(net::any_io_executor ex) {
  net::co_spawn(ex, accept_checked("x"), net::detached);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: coroutine 'accept_checked' can throw, but its exception is lost: 'detached' ignores it [async-detached-task-exception]
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: coroutine 'accept_checked' can throw, but its exception is lost: 'detached' ignores it [async-detached-task-exception]
  // CHECK-NOTES: :[[@LINE-11]]:3: note: a call that can throw outside any handler that catches it is here
  // CHECK-NOTES-DEFAULT: :[[@LINE-21]]:48: note: in 'checked_session', a call that can throw outside any handler that catches it is here
  // CHECK-NOTES-DEFAULT: :[[@LINE-79]]:5: note: in 'check_line', a throw outside any handler that catches it is here
  // CHECK-NOTES: :[[@LINE-6]]:42: note: replace 'detached' with a handler that reports the exception
  // CHECK-FIXES: {{^}}  net::co_spawn(ex, accept_checked("x"), [](std::exception_ptr e) { try { if (e) std::rethrow_exception(e); } catch (const std::exception &x) { std::cerr << "task failed: " << x.what() << '\n'; } });
  net::co_spawn(ex, accept_plain("x"), net::detached);
}
// (Under StrictMode the session's start(), defined in another unit, is
// taken to throw.)
// CHECK-MESSAGES-STRICT: :[[@LINE-4]]:3: warning: coroutine 'accept_plain' can throw, but its exception is lost: 'detached' ignores it [async-detached-task-exception]
// CHECK-NOTES-STRICT: :[[@LINE-5]]:3: warning: coroutine 'accept_plain' can throw, but its exception is lost: 'detached' ignores it [async-detached-task-exception]
// CHECK-NOTES-STRICT: :[[@LINE-18]]:3: note: a call that can throw outside any handler that catches it is here
// CHECK-NOTES-STRICT: :[[@LINE-7]]:40: note: replace 'detached' with a handler that reports the exception

// The function that spawns the task runs the event loop inside a `try` that
// handles what leaves it: an exception rethrown out of run() is handled
// there, so the fix may rethrow. Beside it, a `try` whose handler does not
// catch what the handler rethrows: the fix reports the exception instead.
int serve_and_handle(net::io_context &ctx, tcp::socket &sock) {
  net::co_spawn(ctx, rethrows(sock), net::detached);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: coroutine 'rethrows' can throw, but its exception is lost: 'detached' ignores it [async-detached-task-exception]
  // CHECK-NOTES: :[[@LINE-380]]:5: note: a throw outside any handler that catches it is here
  // CHECK-NOTES: :[[@LINE-3]]:38: note: replace 'detached' with a handler that rethrows the exception
  // CHECK-FIXES: {{^}}  net::co_spawn(ctx, rethrows(sock), [](std::exception_ptr e) { if (e) std::rethrow_exception(e); });
  try {
    ctx.run();
  } catch (const std::exception &e) {
    log_error(e);
    return 1;
  }
  return 0;
}

int serve_and_miss(net::io_context &ctx, tcp::socket &sock) {
  net::co_spawn(ctx, rethrows(sock), net::detached);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: coroutine 'rethrows' can throw, but its exception is lost: 'detached' ignores it [async-detached-task-exception]
  // CHECK-NOTES: :[[@LINE-395]]:5: note: a throw outside any handler that catches it is here
  // CHECK-NOTES: :[[@LINE-3]]:38: note: replace 'detached' with a handler that reports the exception
  // CHECK-FIXES: {{^}}  net::co_spawn(ctx, rethrows(sock), [](std::exception_ptr e) { try { if (e) std::rethrow_exception(e); } catch (const std::exception &x) { std::cerr << "task failed: " << x.what() << '\n'; } });
  try {
    ctx.run();
  } catch (const std::out_of_range &e) {
    return 1;
  }
  return 0;
}

// asio-grpc's operations complete with a bool or a grpc::Status, never an
// error_code: awaited with use_awaitable they throw nothing. An Asio
// operation awaited in the same task does.
net::awaitable<void> grpc_wait(agrpc::Alarm &alarm) {
  bool ok = co_await alarm.wait(1, net::use_awaitable);
  (void)ok;
}
net::awaitable<void> grpc_then_write(agrpc::Alarm &alarm, tcp::socket &sock) {
  co_await alarm.wait(1, net::use_awaitable);
  co_await net::async_write(sock, net::buffer("x", 1), net::use_awaitable);
}
void start_grpc(agrpc::GrpcContext &g, agrpc::Alarm &alarm,
                tcp::socket &sock) {
  net::co_spawn(g, grpc_wait(alarm), net::detached);
  net::co_spawn(g, grpc_then_write(alarm, sock), net::detached);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: coroutine 'grpc_then_write' can throw, but its exception is lost: 'detached' ignores it [async-detached-task-exception]
  // CHECK-NOTES: :[[@LINE-7]]:3: note: an await that can throw outside any handler that catches it is here
  // CHECK-NOTES: :[[@LINE-3]]:50: note: replace 'detached' with a handler that reports the exception
  // CHECK-FIXES: {{^}}  net::co_spawn(g, grpc_then_write(alarm, sock), [](std::exception_ptr e) { try { if (e) std::rethrow_exception(e); } catch (const std::exception &x) { std::cerr << "task failed: " << x.what() << '\n'; } });
}
