// RUN: %check_async %s async-unchecked-gather-result %t

// Boost.Asio's parallel group, through Debian's Boost 1.81 headers: its
// names are standalone Asio's under boost::, its error code is
// boost::system::error_code, `deferred` is no longer experimental, and it
// probes a function object's completion signature with Asio's
// `completion_signature_probe` instead of the group's own probe.

#include <array>
#include <boost/asio.hpp>
#include <boost/asio/experimental/parallel_group.hpp>
#include <stdexcept>
#include <string>

namespace net = boost::asio;
using net::awaitable;
using net::deferred;
using net::use_awaitable;
using net::experimental::make_parallel_group;
using net::experimental::wait_for_all;
using net::ip::tcp;

awaitable<int> lookup(std::string host) {
  if (host.empty())
    throw std::invalid_argument("no host");
  co_return 1;
}

awaitable<void> read_both(tcp::socket &a, tcp::socket &b,
                          std::array<char, 64> &buf1,
                          std::array<char, 64> &buf2) {
  co_await make_parallel_group(
      [&](auto token) { return a.async_read_some(net::buffer(buf1), token); },
      [&](auto token) { return b.async_read_some(net::buffer(buf2), token); })
      .async_wait(wait_for_all(), use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-4]]:3: warning: the result of 'async_wait' is discarded, and with it the failures it captured from its tasks [async-unchecked-gather-result]
  // CHECK-NOTES: :[[@LINE-5]]:3: warning: the result of 'async_wait' is discarded, and with it the failures it captured from its tasks [async-unchecked-gather-result]
  // CHECK-NOTES: :[[@LINE-5]]:7: note: this operation can fail: its completion reports an error code
  // CHECK-NOTES: :[[@LINE-7]]:3: note: check each operation's error code ('if (ec1)') or exception pointer ('if (ex1) std::rethrow_exception(ex1)')
}

awaitable<std::size_t> read_and_resolve(tcp::socket &a,
                                        std::array<char, 64> &buf,
                                        std::string host) {
  auto ex = co_await net::this_coro::executor;
  auto [order, ec, n, e, address] =
      co_await make_parallel_group(a.async_read_some(net::buffer(buf), deferred),
                                   net::co_spawn(ex, lookup(host), deferred))
          .async_wait(wait_for_all(), use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-4]]:23: warning: 'e' holds the failure that 'async_wait' captured from its task, but is never read [async-unchecked-gather-result]
  // CHECK-NOTES: :[[@LINE-5]]:23: warning: 'e' holds the failure that 'async_wait' captured from its task, but is never read [async-unchecked-gather-result]
  // CHECK-NOTES: :[[@LINE-4]]:54: note: this task can fail
  // CHECK-NOTES: :[[@LINE-28]]:5: note: a throw outside any handler that catches it is here
  // CHECK-NOTES: :[[@LINE-7]]:7: note: check each operation's error code ('if (ec1)') or exception pointer ('if (ex1) std::rethrow_exception(ex1)')
  if (ec)
    co_return 0;
  co_return n + address;
}

// Not flagged: the errors read; timer waits, which fail only when
// cancelled.
awaitable<std::size_t> read_checked(tcp::socket &a, tcp::socket &b,
                                    std::array<char, 64> &buf1,
                                    std::array<char, 64> &buf2) {
  auto [order, ec1, n1, ec2, n2] =
      co_await make_parallel_group(
          a.async_read_some(net::buffer(buf1), deferred),
          b.async_read_some(net::buffer(buf2), deferred))
          .async_wait(wait_for_all(), use_awaitable);
  if (ec1 || ec2)
    co_return 0;
  co_return n1 + n2;
}
awaitable<void> wait_both(net::steady_timer &t1, net::steady_timer &t2) {
  co_await make_parallel_group(
      [&](auto token) { return t1.async_wait(token); },
      [&](auto token) { return t2.async_wait(token); })
      .async_wait(wait_for_all(), use_awaitable);
}
