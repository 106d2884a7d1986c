// The body of the Asio mock, shared by <boost/asio.hpp> (ASIO_MOCK_NS is
// boost::asio) and standalone <asio.hpp> (asio). Mirrors Asio's names.
#include "mock_coroutine_support.h"
#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <system_error>
#include <tuple>
#include <type_traits>

// ASIO_MOCK_ERROR_NS is the namespace of the error_code and system_error that
// the operations report failures with: boost::system for Boost.Asio, std for
// standalone Asio.

namespace ASIO_MOCK_NS {

class any_io_executor {};

// <asio/error.hpp>: the codes operations complete with. A cancelled operation
// completes with operation_aborted.
namespace error {
enum basic_errors {
  access_denied = 13,
  address_in_use = 98,
  connection_aborted = 103,
  connection_refused = 111,
  connection_reset = 104,
  interrupted = 4,
  operation_aborted = 125,
  timed_out = 110,
  would_block = 11,
};
enum misc_errors { already_open = 1, eof, not_found, fd_set_failure };
inline ASIO_MOCK_ERROR_NS::error_code make_error_code(basic_errors e) {
  return ASIO_MOCK_ERROR_NS::error_code(static_cast<int>(e),
                                        ASIO_MOCK_ERROR_NS::system_category());
}
inline ASIO_MOCK_ERROR_NS::error_code make_error_code(misc_errors e) {
  return ASIO_MOCK_ERROR_NS::error_code(static_cast<int>(e),
                                        ASIO_MOCK_ERROR_NS::generic_category());
}
} // namespace error

// <asio/cancellation_type.hpp>, <asio/cancellation_state.hpp>.
enum class cancellation_type : unsigned int {
  none = 0,
  terminal = 1,
  partial = 2,
  total = 4,
  all = 7,
};
class cancellation_state {
public:
  cancellation_type cancelled() const noexcept {
    return cancellation_type::none;
  }
  void clear(cancellation_type mask = cancellation_type::all) {}
};

// <asio/as_tuple.hpp>, <asio/redirect_error.hpp>: completion token adapters
// that deliver the error code instead of throwing it.
template <class CompletionToken> class as_tuple_t {
public:
  constexpr explicit as_tuple_t(CompletionToken token = CompletionToken())
      : token_(token) {}
  CompletionToken token_;
};
template <class CompletionToken>
constexpr as_tuple_t<std::decay_t<CompletionToken>>
as_tuple(CompletionToken &&completion_token) {
  return as_tuple_t<std::decay_t<CompletionToken>>(completion_token);
}
template <class CompletionToken> class redirect_error_t {
public:
  redirect_error_t(CompletionToken token, ASIO_MOCK_ERROR_NS::error_code &ec)
      : token_(token), ec_(ec) {}
  CompletionToken token_;
  ASIO_MOCK_ERROR_NS::error_code &ec_;
};
template <class CompletionToken>
redirect_error_t<std::decay_t<CompletionToken>>
redirect_error(CompletionToken &&completion_token,
               ASIO_MOCK_ERROR_NS::error_code &ec) {
  return redirect_error_t<std::decay_t<CompletionToken>>(completion_token, ec);
}

// As in Asio, an io_context is an execution_context.
class execution_context {};

class io_context : public execution_context {
public:
  using executor_type = any_io_executor;
  io_context() = default;
  explicit io_context(int concurrency_hint) {}
  executor_type get_executor() noexcept { return {}; }
  std::size_t run() { return 0; }
  std::size_t run_one() { return 0; }
  std::size_t poll() { return 0; }
  std::size_t poll_one() { return 0; }
  template <class Rep, class Period>
  std::size_t run_for(const std::chrono::duration<Rep, Period> &) {
    return 0;
  }
  template <class Clock, class Duration>
  std::size_t run_until(const std::chrono::time_point<Clock, Duration> &) {
    return 0;
  }
  void stop() {}
  bool stopped() const { return false; }
  void restart() {}
};

template <class T, class Executor = any_io_executor> class awaitable;

namespace detail {
template <class T, class Executor> struct awaitable_frame;
} // namespace detail

namespace this_coro {
struct executor_t {};
constexpr executor_t executor;
struct cancellation_state_t {};
constexpr cancellation_state_t cancellation_state;
} // namespace this_coro

// Like Asio, awaitable has no nested promise_type: the promise comes from a
// coroutine_traits specialization, and its await_transform decides what a
// coroutine may await.
template <class T, class Executor> class awaitable {
public:
  using value_type = T;
  using executor_type = Executor;
  awaitable() = default;
  awaitable(awaitable &&) = default;
  awaitable &operator=(awaitable &&) = default;
};

namespace detail {
template <class T, class Executor>
struct awaitable_frame
    : mock_support::promise<awaitable<T, Executor>, T> {
  template <class U, class E>
  mock_support::awaiter<U> await_transform(awaitable<U, E> a) {
    return {};
  }
  // As in Asio, these two complete at once: await_ready() returns true.
  mock_support::ready_awaiter<Executor> await_transform(this_coro::executor_t) {
    return {};
  }
  mock_support::ready_awaiter<ASIO_MOCK_NS::cancellation_state>
  await_transform(this_coro::cancellation_state_t) {
    return {};
  }
};
} // namespace detail

template <class Executor = any_io_executor> struct use_awaitable_t {
  constexpr use_awaitable_t() {}
};
constexpr use_awaitable_t<> use_awaitable;

struct detached_t {
  constexpr detached_t() {}
};
constexpr detached_t detached;

template <class Executor, class T, class AwaitableExecutor, class Token>
void co_spawn(const Executor &ex, awaitable<T, AwaitableExecutor> a,
              Token &&token) {}
template <class Executor, class F, class Token>
void co_spawn(const Executor &ex, F &&f, Token &&token) {}
// Awaited with use_awaitable, a spawn completes with the task's result.
template <class Executor, class F, class E,
          class = decltype(std::declval<F>()())>
awaitable<void, E> co_spawn(const Executor &ex, F &&f, use_awaitable_t<E>) {
  return {};
}

struct const_buffer {
  const void *data;
  std::size_t size;
};
struct mutable_buffer {
  void *data;
  std::size_t size;
};
inline const_buffer buffer(const std::string &s) { return {s.data(), s.size()}; }
inline mutable_buffer buffer(void *d, std::size_t n) { return {d, n}; }
inline const_buffer buffer(const void *d, std::size_t n) { return {d, n}; }

// The socket class templates that ip::tcp's typedefs name in real Asio.
template <class Protocol, class Executor = any_io_executor> class basic_socket {
public:
  using endpoint_type = typename Protocol::endpoint;
  enum wait_type { wait_read, wait_write, wait_error };
  explicit basic_socket(const Executor &) {}
  void connect(const endpoint_type &) {}
  void connect(const endpoint_type &, std::error_code &) {}
  template <class E>
  awaitable<void, E> async_connect(const endpoint_type &, use_awaitable_t<E>) {
    return {};
  }
  void wait(wait_type) {}
  template <class E>
  awaitable<void, E> async_wait(wait_type, use_awaitable_t<E>) {
    return {};
  }
  void close() {}
};

template <class Protocol, class Executor = any_io_executor>
class basic_stream_socket : public basic_socket<Protocol, Executor> {
public:
  explicit basic_stream_socket(const Executor &ex)
      : basic_socket<Protocol, Executor>(ex) {}
  template <class Buf> std::size_t read_some(const Buf &) { return 0; }
  template <class Buf> std::size_t read_some(const Buf &, std::error_code &) {
    return 0;
  }
  template <class Buf> std::size_t write_some(const Buf &) { return 0; }
  template <class Buf> std::size_t receive(const Buf &) { return 0; }
  template <class Buf> std::size_t send(const Buf &) { return 0; }
  template <class Buf, class E>
  awaitable<std::size_t, E> async_read_some(const Buf &, use_awaitable_t<E>) {
    return {};
  }
  template <class Buf, class E>
  awaitable<std::size_t, E> async_write_some(const Buf &,
                                             use_awaitable_t<E>) {
    return {};
  }
  template <class Buf, class E>
  awaitable<std::size_t, E> async_receive(const Buf &, use_awaitable_t<E>) {
    return {};
  }
  template <class Buf, class E>
  awaitable<std::size_t, E> async_send(const Buf &, use_awaitable_t<E>) {
    return {};
  }
};

template <class Protocol, class Executor = any_io_executor>
class basic_socket_acceptor {
public:
  using endpoint_type = typename Protocol::endpoint;
  basic_socket_acceptor(const Executor &, const endpoint_type &) {}
  basic_stream_socket<Protocol, Executor> accept() {
    return basic_stream_socket<Protocol, Executor>(Executor{});
  }
  template <class E>
  awaitable<basic_stream_socket<Protocol, Executor>, E>
  async_accept(use_awaitable_t<E>) {
    return {};
  }
};

namespace ip {
template <class InternetProtocol, class Executor = any_io_executor>
class basic_resolver;
class tcp {
public:
  class endpoint {};
  class socket {
  public:
    explicit socket(any_io_executor) {}
    explicit socket(io_context &) {}
    template <class Buf> std::size_t read_some(const Buf &) { return 0; }
    template <class Buf> std::size_t read_some(const Buf &, std::error_code &) {
      return 0;
    }
    template <class Buf> std::size_t write_some(const Buf &) { return 0; }
    template <class Buf, class E>
    awaitable<std::size_t, E> async_read_some(const Buf &,
                                              use_awaitable_t<E>) {
      return {};
    }
    template <class Buf, class E>
    awaitable<std::size_t, E> async_write_some(const Buf &,
                                               use_awaitable_t<E>) {
      return {};
    }
    template <class Buf, class E>
    awaitable<std::tuple<ASIO_MOCK_ERROR_NS::error_code, std::size_t>, E>
    async_read_some(const Buf &, as_tuple_t<use_awaitable_t<E>>) {
      return {};
    }
    template <class Buf, class E>
    awaitable<std::size_t, E>
    async_read_some(const Buf &, redirect_error_t<use_awaitable_t<E>>) {
      return {};
    }
    template <class Buf, class E>
    awaitable<std::tuple<ASIO_MOCK_ERROR_NS::error_code, std::size_t>, E>
    async_write_some(const Buf &, as_tuple_t<use_awaitable_t<E>>) {
      return {};
    }
    template <class Buf, class E>
    awaitable<std::size_t, E>
    async_write_some(const Buf &, redirect_error_t<use_awaitable_t<E>>) {
      return {};
    }
    bool is_open() const { return true; }
    void close() {}
  };
  class acceptor {
  public:
    acceptor(any_io_executor, endpoint) {}
    socket accept() { return socket(any_io_executor{}); }
    template <class E>
    awaitable<socket, E> async_accept(use_awaitable_t<E>) {
      return {};
    }
    template <class E>
    awaitable<std::tuple<ASIO_MOCK_ERROR_NS::error_code, socket>, E>
    async_accept(as_tuple_t<use_awaitable_t<E>>) {
      return {};
    }
    template <class E>
    awaitable<socket, E> async_accept(redirect_error_t<use_awaitable_t<E>>) {
      return {};
    }
    void close() {}
    void cancel() {}
  };
  using resolver = basic_resolver<tcp>;
};

template <class InternetProtocol> class basic_resolver_results {};

template <class InternetProtocol, class Executor> class basic_resolver {
public:
  using results_type = basic_resolver_results<InternetProtocol>;
  explicit basic_resolver(const Executor &) {}
  results_type resolve(const std::string &host, const std::string &service) {
    return {};
  }
  template <class E>
  awaitable<results_type, E> async_resolve(const std::string &host,
                                           const std::string &service,
                                           use_awaitable_t<E>) {
    return {};
  }
};
} // namespace ip

template <class Stream, class Buf, class E>
awaitable<std::size_t, E> async_write(Stream &, const Buf &,
                                      use_awaitable_t<E>) {
  return {};
}
template <class Stream, class Buf, class E>
awaitable<std::size_t, E> async_read(Stream &, const Buf &,
                                     use_awaitable_t<E>) {
  return {};
}
template <class Stream, class Buf, class E>
awaitable<std::tuple<ASIO_MOCK_ERROR_NS::error_code, std::size_t>, E>
async_write(Stream &, const Buf &, as_tuple_t<use_awaitable_t<E>>) {
  return {};
}
template <class Stream, class Buf, class E>
awaitable<std::size_t, E> async_write(Stream &, const Buf &,
                                      redirect_error_t<use_awaitable_t<E>>) {
  return {};
}
template <class Stream, class Buf, class E>
awaitable<std::tuple<ASIO_MOCK_ERROR_NS::error_code, std::size_t>, E>
async_read(Stream &, const Buf &, as_tuple_t<use_awaitable_t<E>>) {
  return {};
}
template <class Stream, class Buf, class E>
awaitable<std::size_t, E> async_read(Stream &, const Buf &,
                                     redirect_error_t<use_awaitable_t<E>>) {
  return {};
}
template <class Stream, class Buf> std::size_t write(Stream &, const Buf &) {
  return 0;
}
template <class Stream, class Buf> std::size_t read(Stream &, const Buf &) {
  return 0;
}

template <class Clock> class basic_waitable_timer {
public:
  explicit basic_waitable_timer(any_io_executor) {}
  basic_waitable_timer(any_io_executor, typename Clock::duration) {}
  basic_waitable_timer(any_io_executor, typename Clock::time_point) {}
  void expires_after(typename Clock::duration) {}
  void wait() {}
  template <class E> awaitable<void, E> async_wait(use_awaitable_t<E>) {
    return {};
  }
  template <class E>
  awaitable<std::tuple<ASIO_MOCK_ERROR_NS::error_code>, E>
  async_wait(as_tuple_t<use_awaitable_t<E>>) {
    return {};
  }
  template <class E>
  awaitable<void, E> async_wait(redirect_error_t<use_awaitable_t<E>>) {
    return {};
  }
  std::size_t cancel() { return 0; }
};
using steady_timer = basic_waitable_timer<std::chrono::steady_clock>;
using system_timer = basic_waitable_timer<std::chrono::system_clock>;

class dynamic_string_buffer {
public:
  explicit dynamic_string_buffer(std::string &) {}
};
inline dynamic_string_buffer dynamic_buffer(std::string &s) {
  return dynamic_string_buffer(s);
}

template <class Stream, class Buf, class Delim>
std::size_t read_until(Stream &, Buf &&, Delim) {
  return 0;
}
template <class Stream, class Buf, class Delim, class E>
awaitable<std::size_t, E> async_read_until(Stream &, Buf &&, Delim,
                                           use_awaitable_t<E>) {
  return {};
}
template <class Socket, class Endpoints>
typename Socket::endpoint_type connect(Socket &, const Endpoints &) {
  return {};
}
template <class Socket, class Endpoints, class E>
awaitable<typename Socket::endpoint_type, E>
async_connect(Socket &, const Endpoints &, use_awaitable_t<E>) {
  return {};
}

class thread_pool {
public:
  // Asio's pool executor is a class nested in the pool.
  template <class Allocator, unsigned Bits> class basic_executor_type {};
  using executor_type = basic_executor_type<std::allocator<void>, 0>;
  thread_pool() = default;
  explicit thread_pool(std::size_t num_threads) {}
  executor_type get_executor() noexcept { return {}; }
  void join() {}
  void wait() {}
  void stop() {}
};
template <class ExecutionContext, class Handler>
void post(ExecutionContext &, Handler &&) {}

} // namespace ASIO_MOCK_NS

template <>
struct ASIO_MOCK_ERROR_NS::is_error_code_enum<
    ASIO_MOCK_NS::error::basic_errors> : std::true_type {};
template <>
struct ASIO_MOCK_ERROR_NS::is_error_code_enum<
    ASIO_MOCK_NS::error::misc_errors> : std::true_type {};

template <class T, class Executor, class... Args>
struct std::coroutine_traits<ASIO_MOCK_NS::awaitable<T, Executor>, Args...> {
  using promise_type = ASIO_MOCK_NS::detail::awaitable_frame<T, Executor>;
};
