// async-blocking-call-in-coroutine in the editor: a sleep whose timer await
// is the warning's own (preferred) quick-fix; a synchronous Asio read whose
// `async_` twin is a further quick-fix, carried by a note because it changes
// how the read completes; and a transitive finding whose notes show the
// chain as related information.
// RUN: %lsp-check %s | %FileCheck %s
// LSP-CHECKS: async-blocking-call-in-coroutine

#include <boost/asio.hpp>
#include <thread>

namespace net = boost::asio;
using namespace std::chrono_literals;

// CHECK: published 3 diagnostics
net::awaitable<void> pacing() {
  std::this_thread::sleep_for(20ms);
  co_return;
}
// CHECK-NEXT: diagnostic [[@LINE-3]]:3-[[@LINE-3]]:36 async-blocking-call-in-coroutine warning Blocking call to 'std::this_thread::sleep_for' in a coroutine; sleeping stalls every coroutine on its thread (fix available)
// CHECK-NEXT: link <docs>/async-blocking-call-in-coroutine.md
// CHECK-NEXT: action [preferred] change 'std::this_thread::sleep_for(20ms)' to 'co_await net::steady_timer(co_await net::this_coro…'
// CHECK-NEXT: => [[@LINE-6]]: co_await net::steady_timer(co_await net::this_coro::executor, 20ms).async_wait(net::use_awaitable);

// (The mock headers spell the socket the way Asio defines tcp::socket.)
net::awaitable<void> echo(net::basic_stream_socket<net::ip::tcp> &socket) {
  char data[64];
  std::size_t n = socket.read_some(net::buffer(data));
  (void)n;
  co_return;
}
// CHECK-NEXT: diagnostic [[@LINE-4]]:19-[[@LINE-4]]:54 async-blocking-call-in-coroutine warning Blocking call to 'boost::asio::basic_stream_socket::read_some' in a coroutine; synchronous network I/O stalls every coroutine on its thread (fix available)
// CHECK-NEXT: link <docs>/async-blocking-call-in-coroutine.md
// CHECK-NEXT: action use the asynchronous 'async_read_some' with 'net::use_awaitable' instead
// CHECK-NEXT: => [[@LINE-7]]: std::size_t n = co_await socket.async_read_some(net::buffer(data), net::use_awaitable);

void wait_a_little() { std::this_thread::sleep_for(1ms); }
void flush() { wait_a_little(); }
net::awaitable<void> writer() {
  flush();
  co_return;
}
// CHECK-NEXT: diagnostic [[@LINE-3]]:3-[[@LINE-3]]:10 async-blocking-call-in-coroutine warning Call to 'flush' in a coroutine reaches blocking call 'std::this_thread::sleep_for'; sleeping stalls every coroutine on its thread
// CHECK-NEXT: link <docs>/async-blocking-call-in-coroutine.md
// CHECK-NEXT: note [[@LINE-7]]:16-[[@LINE-7]]:29 'wait_a_little' is called here
// CHECK-NEXT: note [[@LINE-9]]:24-[[@LINE-9]]:27 Blocking call to 'std::this_thread::sleep_for' is here
// CHECK-NEXT: note [[@LINE-7]]:3-[[@LINE-7]]:8 Move the blocking call to a thread pool: 'co_await net::co_spawn(pool, [&]() -> net::awaitable<void> { <blocking call>; co_return; }, net::use_awaitable)'
// CHECK-NEXT: end

// Not reported in the editor either: a recv on a descriptor driven without
// blocking (the result is tested for EAGAIN).
#include <cerrno>
#include <sys/socket.h>
boost::asio::awaitable<long> try_read(int fd, char *buf) {
  long n = ::recv(fd, buf, 16, 0);
  if (n < 0 && errno == EAGAIN)
    co_return 0;
  co_return n;
}
