// The check over the real Boost.Asio headers (libboost1.81-dev): co_spawn
// with `detached`, with completion handlers, and the official examples'
// shapes; every `use_awaitable` operation throws system_error on failure.
// RUN: %check_async -real-headers -fix-notes %s async-detached-task-exception %t

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <cstdio>
#include <exception>
#include <stdexcept>
#include <string>
#include <utility>

namespace net = boost::asio;
using net::ip::tcp;

net::awaitable<void> echo(tcp::socket socket) {
  char data[1024];
  for (;;) {
    std::size_t n = co_await socket.async_read_some(net::buffer(data),
                                                    net::use_awaitable);
    co_await net::async_write(socket, net::buffer(data, n), net::use_awaitable);
  }
}

net::awaitable<std::size_t> read_some(tcp::socket &socket) {
  char data[16];
  co_return co_await socket.async_read_some(net::buffer(data),
                                            net::use_awaitable);
}

// The textbook listener: an accept that fails (or an acceptor that cannot
// bind) ends the coroutine, and `detached` swallows why.
net::awaitable<void> listener() {
  auto executor = co_await net::this_coro::executor;
  tcp::acceptor acceptor(executor, {tcp::v4(), 55555});
  for (;;) {
    tcp::socket socket = co_await acceptor.async_accept(net::use_awaitable);
    net::co_spawn(executor, echo(std::move(socket)), net::detached);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: coroutine 'echo' can throw, but its exception is lost: 'detached' ignores it [async-detached-task-exception]
    // CHECK-NOTES: :[[@LINE-21]]:21: note: an await that can throw outside any handler that catches it is here
    // CHECK-NOTES: :[[@LINE-3]]:54: note: replace 'detached' with a handler that reports the exception
    // CHECK-FIXES: net::co_spawn(executor, echo(std::move(socket)), [](std::exception_ptr e) { try { if (e) std::rethrow_exception(e); } catch (const std::exception &x) { std::cerr << "task failed: " << x.what() << '\n'; } });
  }
}

int main_detached() {
  net::io_context io_context(1);
  net::co_spawn(io_context, listener(), net::detached);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: coroutine 'listener' can throw, but its exception is lost: 'detached' ignores it [async-detached-task-exception]
  // CHECK-NOTES: :[[@LINE-15]]:17: note: a call that can throw outside any handler that catches it is here
  // CHECK-NOTES: :[[@LINE-3]]:41: note: replace 'detached' with a handler that reports the exception
  // CHECK-FIXES: net::co_spawn(io_context, listener(), [](std::exception_ptr e) { try { if (e) std::rethrow_exception(e); } catch (const std::exception &x) { std::cerr << "task failed: " << x.what() << '\n'; } });
  io_context.run();
  return 0;
}

void spawn_value(net::io_context &io_context, tcp::socket &socket) {
  // A non-void result: the handler takes it after the exception.
  net::co_spawn(io_context, read_some(socket), net::detached);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: coroutine 'read_some' can throw, but its exception is lost: 'detached' ignores it [async-detached-task-exception]
  // CHECK-NOTES: :[[@LINE-34]]:13: note: an await that can throw outside any handler that catches it is here
  // CHECK-NOTES: :[[@LINE-3]]:48: note: replace 'detached' with a handler that reports the exception
  // CHECK-FIXES: net::co_spawn(io_context, read_some(socket), [](std::exception_ptr e, auto &&) { try { if (e) std::rethrow_exception(e); } catch (const std::exception &x) { std::cerr << "task failed: " << x.what() << '\n'; } });
  // A lambda coroutine with a handler that ignores the exception_ptr.
  net::co_spawn(
      io_context,
      [&]() -> net::awaitable<void> {
        co_await net::async_write(socket, net::buffer("hi", 2),
                                  net::use_awaitable);
      },
      [](std::exception_ptr) {});
  // CHECK-MESSAGES: :[[@LINE-7]]:3: warning: lambda coroutine can throw, but its exception is lost: the completion handler ignores it [async-detached-task-exception]
  // CHECK-NOTES: :[[@LINE-5]]:9: note: an await that can throw outside any handler that catches it is here
  // CHECK-NOTES: :[[@LINE-3]]:7: note: replace the handler with one that reports the exception
  // CHECK-FIXES: {{^}}      [](std::exception_ptr e) { try { if (e) std::rethrow_exception(e); } catch (const std::exception &x) { std::cerr << "task failed: " << x.what() << '\n'; } });
}

// Not flagged: the body deals with what escapes, the handler looks at the
// exception, or the body is not visible.

net::awaitable<void> echo_guarded(tcp::socket socket) {
  try {
    char data[1024];
    for (;;) {
      std::size_t n = co_await socket.async_read_some(net::buffer(data),
                                                      net::use_awaitable);
      co_await net::async_write(socket, net::buffer(data, n),
                                net::use_awaitable);
    }
  } catch (std::exception &e) {
    std::printf("echo Exception: %s\n", e.what());
  }
}

net::awaitable<void> executor_only() {
  // `co_await this_coro::executor` completes at once and cannot throw.
  auto executor = co_await net::this_coro::executor;
  (void)executor;
}

net::awaitable<void> session(tcp::socket socket); // Defined elsewhere.

void not_flagged(net::io_context &io_context, tcp::socket socket) {
  net::co_spawn(io_context, echo_guarded(std::move(socket)), net::detached);
  net::co_spawn(io_context, executor_only(), net::detached);
  net::co_spawn(io_context, session(tcp::socket(io_context)), net::detached);
  net::co_spawn(io_context, listener(), [](std::exception_ptr e) {
    if (e)
      std::rethrow_exception(e);
  });
  net::co_spawn(io_context, listener(), [](std::exception_ptr e) {
    if (e) {
      try {
        std::rethrow_exception(e);
      } catch (const std::exception &ex) {
        std::printf("listener: %s\n", ex.what());
      }
    }
  });
  auto done = net::co_spawn(io_context, listener(), net::use_future);
  (void)done;
}

// Asio documents each operation that can fail in two forms: with an
// `error_code &` last, and without it, throwing `system_error`. The throwing
// form on input read at run time (a host from the configuration) is
// evidence; on input the code fixes (a literal address) it fails the same
// way on every run, and is not.
net::awaitable<void> relay_to(std::string host, tcp::socket &socket) {
  net::ip::address upstream = net::ip::make_address(host);
  boost::system::error_code ec;
  co_await socket.async_connect(tcp::endpoint(upstream, 443),
                                net::redirect_error(net::use_awaitable, ec));
}

net::awaitable<void> listen_any(tcp::socket &socket) {
  net::ip::address any = net::ip::make_address("0.0.0.0");
  boost::system::error_code ec;
  net::ip::address parsed = net::ip::make_address(std::string("x"), ec);
  co_await socket.async_connect(tcp::endpoint(any, 443),
                                net::redirect_error(net::use_awaitable, ec));
  (void)parsed;
}

// The throwing form on input that the condition around it checked with the
// same operation's error_code form (proxy's dns_server: a literal address is
// parsed only when is_hostname() failed to parse it) is not evidence.
bool is_hostname(const std::string &host) noexcept {
  boost::system::error_code ec;
  net::ip::make_address(host, ec);
  return static_cast<bool>(ec);
}

net::awaitable<void> relay_checked(std::string host, tcp::socket &socket) {
  if (!is_hostname(host)) {
    net::ip::address upstream = net::ip::make_address(host);
    boost::system::error_code ec;
    co_await socket.async_connect(tcp::endpoint(upstream, 443),
                                  net::redirect_error(net::use_awaitable, ec));
  }
}

// An executor hop (post, dispatch, defer) completes with no error: awaiting
// it is no evidence, as proxy's backend_switch_to does before a resolve.
net::awaitable<void> hop_to(net::io_context &backend) {
  co_await net::post(
      net::bind_executor(backend.get_executor(), net::use_awaitable));
}

void start_relays(net::io_context &io_context, tcp::socket &socket,
                  std::string host) {
  net::co_spawn(io_context, hop_to(io_context), net::detached);
  net::co_spawn(io_context, relay_checked(host, socket), net::detached);
  net::co_spawn(io_context, relay_to(host, socket), net::detached);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: coroutine 'relay_to' can throw, but its exception is lost: 'detached' ignores it [async-detached-task-exception]
  // CHECK-NOTES: :[[@LINE-46]]:31: note: a call that can throw outside any handler that catches it is here
  // CHECK-NOTES: :[[@LINE-3]]:53: note: replace 'detached' with a handler that reports the exception
  // CHECK-FIXES: net::co_spawn(io_context, relay_to(host, socket), [](std::exception_ptr e) { try { if (e) std::rethrow_exception(e); } catch (const std::exception &x) { std::cerr << "task failed: " << x.what() << '\n'; } });
  net::co_spawn(io_context, listen_any(socket), net::detached);
}

// A throwing form whose error path Asio's implementation never takes (an SSL
// context's option setters call OpenSSL setters that cannot fail) is no
// evidence, whatever its input.
net::awaitable<void> reload_tls(net::ssl::context &ctx, long options,
                                net::steady_timer &timer) {
  ctx.set_options(options);
  ctx.set_verify_mode(net::ssl::verify_peer);
  boost::system::error_code ec;
  co_await timer.async_wait(net::redirect_error(net::use_awaitable, ec));
}

void start_reload(net::io_context &io_context, net::ssl::context &ctx,
                  net::steady_timer &timer, long options) {
  net::co_spawn(io_context, reload_tls(ctx, options, timer), net::detached);
}

// An operation the program composes (async_compose) from a timer's wait,
// completing with the error the wait gave or with none, fails only when it
// is cancelled, as the timer's wait does (Beast's task_group: a timer that
// never expires, cancelled when the last child task ends).
class wait_group {
  net::steady_timer cv_;
  int pending_ = 0;

public:
  explicit wait_group(net::any_io_executor exec)
      : cv_{std::move(exec), net::steady_timer::time_point::max()} {}

  template <typename Token = net::use_awaitable_t<>>
  auto async_wait(Token &&token = {}) {
    return net::async_compose<Token, void(boost::system::error_code)>(
        [this, scheduled = false](auto &&self,
                                  boost::system::error_code ec = {}) mutable {
          if (!self.cancelled() && ec == net::error::operation_aborted)
            ec = {};
          if (pending_ != 0 && !ec) {
            scheduled = true;
            return cv_.async_wait(std::move(self));
          }
          if (!std::exchange(scheduled, true))
            return net::post(net::append(std::move(self), ec));
          self.complete(ec);
        },
        token, cv_);
  }

  // The same wait giving up with an error of its own after a spurious
  // wake-up, and one composed from a socket's read: both can fail.
  template <typename Token = net::use_awaitable_t<>>
  auto async_wait_strict(Token &&token = {}) {
    return net::async_compose<Token, void(boost::system::error_code)>(
        [this](auto &&self, boost::system::error_code ec = {}) mutable {
          if (pending_ != 0 && !ec)
            return cv_.async_wait(std::move(self));
          if (pending_ != 0)
            ec = net::error::timed_out;
          self.complete(ec);
        },
        token, cv_);
  }

  template <typename Token = net::use_awaitable_t<>>
  auto async_read_byte(tcp::socket &socket, char &byte, Token &&token = {}) {
    return net::async_compose<Token, void(boost::system::error_code)>(
        [&socket, &byte, started = false](auto &&self,
                                          boost::system::error_code ec = {},
                                          std::size_t = 0) mutable {
          if (!std::exchange(started, true))
            return socket.async_read_some(net::buffer(&byte, 1),
                                          std::move(self));
          self.complete(ec);
        },
        token, socket);
  }
};

net::awaitable<void> drain(wait_group &group) { co_await group.async_wait(); }

net::awaitable<void> drain_strict(wait_group &group) {
  co_await group.async_wait_strict();
}

net::awaitable<void> read_one(wait_group &group, tcp::socket &socket) {
  char byte = 0;
  co_await group.async_read_byte(socket, byte);
}

void start_drains(net::io_context &io_context, wait_group &group,
                  tcp::socket &socket) {
  net::co_spawn(io_context, drain(group), net::detached);
  net::co_spawn(io_context, drain_strict(group), net::detached);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: coroutine 'drain_strict' can throw, but its exception is lost: 'detached' ignores it [async-detached-task-exception]
  // CHECK-NOTES: :[[@LINE-13]]:3: note: an await that can throw outside any handler that catches it is here
  // CHECK-NOTES: :[[@LINE-3]]:50: note: replace 'detached' with a handler that reports the exception
  // CHECK-FIXES: net::co_spawn(io_context, drain_strict(group), [](std::exception_ptr e) { try { if (e) std::rethrow_exception(e); } catch (const std::exception &x) { std::cerr << "task failed: " << x.what() << '\n'; } });
  net::co_spawn(io_context, read_one(group, socket), net::detached);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: coroutine 'read_one' can throw, but its exception is lost: 'detached' ignores it [async-detached-task-exception]
  // CHECK-NOTES: :[[@LINE-13]]:3: note: an await that can throw outside any handler that catches it is here
  // CHECK-NOTES: :[[@LINE-3]]:54: note: replace 'detached' with a handler that reports the exception
  // CHECK-FIXES: net::co_spawn(io_context, read_one(group, socket), [](std::exception_ptr e) { try { if (e) std::rethrow_exception(e); } catch (const std::exception &x) { std::cerr << "task failed: " << x.what() << '\n'; } });
}
