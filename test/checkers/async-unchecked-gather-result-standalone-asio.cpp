// RUN: %check_async %s async-unchecked-gather-result %t -- -DASIO_HAS_CO_AWAIT=1 -DASIO_HAS_STD_COROUTINE=1
// RUN: %check_async -check-suffixes=,STRICT %s async-unchecked-gather-result %t-strict \
// RUN:   -config="{CheckOptions: {async-unchecked-gather-result.StrictMode: true}}" \
// RUN:   -- -DASIO_HAS_CO_AWAIT=1 -DASIO_HAS_STD_COROUTINE=1

// Asio's parallel group, through the real standalone Asio 1.22 headers:
// waited for with wait_for_all, its completion hands back each operation's
// error code or exception pointer, beside the operation's own values.

#include <array>
#include <asio.hpp>
#include <asio/experimental/deferred.hpp>
#include <asio/experimental/parallel_group.hpp>
#include <stdexcept>
#include <string>

using asio::awaitable;
using asio::use_awaitable;
using asio::experimental::deferred;
using asio::experimental::make_parallel_group;
using asio::experimental::wait_for_all;
using asio::experimental::wait_for_one;
using asio::ip::tcp;

awaitable<int> lookup(std::string host) {
  if (host.empty())
    throw std::invalid_argument("no host");
  co_return 1;
}
awaitable<int> cached(int id) { co_return id; }

// Two reads whose errors are thrown away with the whole completion.
awaitable<void> read_both(tcp::socket &a, tcp::socket &b,
                          std::array<char, 64> &buf1,
                          std::array<char, 64> &buf2) {
  co_await make_parallel_group(a.async_read_some(asio::buffer(buf1), deferred),
                               b.async_read_some(asio::buffer(buf2), deferred))
      .async_wait(wait_for_all(), use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-3]]:3: warning: the result of 'async_wait' is discarded, and with it the failures it captured from its tasks [async-unchecked-gather-result]
  // CHECK-NOTES: :[[@LINE-4]]:3: warning: the result of 'async_wait' is discarded, and with it the failures it captured from its tasks [async-unchecked-gather-result]
  // CHECK-NOTES: :[[@LINE-5]]:32: note: this operation can fail: its completion reports an error code
  // CHECK-NOTES: :[[@LINE-6]]:3: note: check each operation's error code ('if (ec1)') or exception pointer ('if (ex1) std::rethrow_exception(ex1)')
}

// Bindings: the order, then each operation's error and byte count. Only an
// unread error is a finding; an unread byte count or order is not.
awaitable<std::size_t> read_pair(tcp::socket &a, tcp::socket &b,
                                 std::array<char, 64> &buf1,
                                 std::array<char, 64> &buf2) {
  auto [order, ec1, n1, ec2, n2] =
      co_await make_parallel_group(
          a.async_read_some(asio::buffer(buf1), deferred),
          b.async_read_some(asio::buffer(buf2), deferred))
          .async_wait(wait_for_all(), use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-5]]:25: warning: 'ec2' holds the failure that 'async_wait' captured from its task, but is never read [async-unchecked-gather-result]
  // CHECK-NOTES: :[[@LINE-6]]:25: warning: 'ec2' holds the failure that 'async_wait' captured from its task, but is never read [async-unchecked-gather-result]
  // CHECK-NOTES: :[[@LINE-4]]:11: note: this operation can fail: its completion reports an error code
  // CHECK-NOTES: :[[@LINE-7]]:7: note: check each operation's error code ('if (ec1)') or exception pointer ('if (ex1) std::rethrow_exception(ex1)')
  if (ec1)
    co_return 0;
  co_return n1 + n2;
}

// A coroutine spawned into the group hands back its exception.
awaitable<void> resolve_both(std::string a, std::string b) {
  auto ex = co_await asio::this_coro::executor;
  auto [order, e1, r1, e2, r2] =
      co_await make_parallel_group(asio::co_spawn(ex, lookup(a), deferred),
                                   asio::co_spawn(ex, cached(2), deferred))
          .async_wait(wait_for_all(), use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-4]]:16: warning: 'e1' holds the failure that 'async_wait' captured from its task, but is never read [async-unchecked-gather-result]
  // CHECK-NOTES: :[[@LINE-5]]:16: warning: 'e1' holds the failure that 'async_wait' captured from its task, but is never read [async-unchecked-gather-result]
  // CHECK-NOTES: :[[@LINE-5]]:55: note: this task can fail
  // CHECK-NOTES: :[[@LINE-47]]:5: note: a throw outside any handler that catches it is here
  // CHECK-NOTES: :[[@LINE-7]]:7: note: check each operation's error code ('if (ec1)') or exception pointer ('if (ex1) std::rethrow_exception(ex1)')
  // Not flagged: e2, the exception of a coroutine that cannot fail.
  (void)order;
  (void)r1;
  (void)r2;
}

// The documented form: each operation is a function object that takes the
// completion token.
awaitable<void> read_with_functions(tcp::socket &in,
                                    std::array<char, 64> &data) {
  co_await make_parallel_group(
      [&](auto token) { return in.async_read_some(asio::buffer(data), token); },
      [&](auto token) { return asio::post(in.get_executor(), token); })
      .async_wait(wait_for_all(), use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-4]]:3: warning: the result of 'async_wait' is discarded, and with it the failures it captured from its tasks [async-unchecked-gather-result]
  // CHECK-NOTES: :[[@LINE-5]]:3: warning: the result of 'async_wait' is discarded, and with it the failures it captured from its tasks [async-unchecked-gather-result]
  // CHECK-NOTES: :[[@LINE-5]]:7: note: this operation can fail: its completion reports an error code
  // CHECK-NOTES: :[[@LINE-7]]:3: note: check each operation's error code ('if (ec1)') or exception pointer ('if (ex1) std::rethrow_exception(ex1)')
}

// Not flagged: the errors read; a group of timer waits, which fail only
// when cancelled; a group waited for with wait_for_one, which cancels the
// rest on purpose; coroutines that cannot fail.
awaitable<std::size_t> read_checked(tcp::socket &a, tcp::socket &b,
                                    std::array<char, 64> &buf1,
                                    std::array<char, 64> &buf2) {
  auto [order, ec1, n1, ec2, n2] =
      co_await make_parallel_group(
          a.async_read_some(asio::buffer(buf1), deferred),
          b.async_read_some(asio::buffer(buf2), deferred))
          .async_wait(wait_for_all(), use_awaitable);
  if (ec1 || ec2)
    co_return 0;
  co_return n1; // n2, a byte count, holds no failure.
}
awaitable<void> wait_both(asio::steady_timer &t1, asio::steady_timer &t2) {
  co_await make_parallel_group(t1.async_wait(deferred),
                               t2.async_wait(deferred))
      .async_wait(wait_for_all(), use_awaitable);
}
awaitable<void> read_or_timeout(tcp::socket &a, asio::steady_timer &timer,
                                std::array<char, 64> &buf) {
  auto [order, ec, n, timer_ec] =
      co_await make_parallel_group(
          a.async_read_some(asio::buffer(buf), deferred),
          timer.async_wait(deferred))
          .async_wait(wait_for_one(), use_awaitable);
  (void)order;
  (void)ec;
  (void)n;
}
awaitable<void> spawn_infallible() {
  auto ex = co_await asio::this_coro::executor;
  co_await make_parallel_group(asio::co_spawn(ex, cached(1), deferred),
                               asio::co_spawn(ex, cached(2), deferred))
      .async_wait(wait_for_all(), use_awaitable);
}

// Operations held in variables: which operation each is, the check does
// not follow (StrictMode), whether the whole result is thrown away or one
// binding is unread; beside them, an unread error of an operation in sight.
awaitable<void> read_held(tcp::socket &a, std::array<char, 64> &buf) {
  auto op1 = a.async_read_some(asio::buffer(buf), deferred);
  auto op2 = a.async_read_some(asio::buffer(buf), deferred);
  co_await make_parallel_group(std::move(op1), std::move(op2))
      .async_wait(wait_for_all(), use_awaitable);
  // CHECK-MESSAGES-STRICT: :[[@LINE-2]]:3: warning: the result of 'async_wait' is discarded, and with it the failures it captured from its tasks [async-unchecked-gather-result]
  // CHECK-NOTES-STRICT: :[[@LINE-3]]:3: note: check each operation's error code ('if (ec1)') or exception pointer ('if (ex1) std::rethrow_exception(ex1)')
}
awaitable<std::size_t> read_held_pair(tcp::socket &a,
                                      std::array<char, 64> &buf) {
  auto op = a.async_read_some(asio::buffer(buf), deferred);
  auto [order, ec1, n1, ec2, n2] =
      co_await make_parallel_group(
          std::move(op), a.async_read_some(asio::buffer(buf), deferred))
          .async_wait(wait_for_all(), use_awaitable);
  // CHECK-MESSAGES-STRICT: :[[@LINE-4]]:16: warning: 'ec1' holds the failure that 'async_wait' captured from its task, but is never read [async-unchecked-gather-result]
  // CHECK-NOTES-STRICT: :[[@LINE-4]]:7: note: check each operation's error code ('if (ec1)') or exception pointer ('if (ex1) std::rethrow_exception(ex1)')
  // CHECK-MESSAGES: :[[@LINE-6]]:25: warning: 'ec2' holds the failure that 'async_wait' captured from its task, but is never read [async-unchecked-gather-result]
  // CHECK-NOTES: :[[@LINE-7]]:25: warning: 'ec2' holds the failure that 'async_wait' captured from its task, but is never read [async-unchecked-gather-result]
  // CHECK-NOTES: :[[@LINE-6]]:26: note: this operation can fail: its completion reports an error code
  // CHECK-NOTES: :[[@LINE-8]]:7: note: check each operation's error code ('if (ec1)') or exception pointer ('if (ex1) std::rethrow_exception(ex1)')
  co_return n1 + n2;
}

// A coroutine defined elsewhere: nothing in sight shows it fails
// (StrictMode).
awaitable<int> remote(std::string host);
awaitable<void> resolve_remote(std::string host) {
  auto ex = co_await asio::this_coro::executor;
  co_await make_parallel_group(asio::co_spawn(ex, remote(host), deferred),
                               asio::co_spawn(ex, cached(1), deferred))
      .async_wait(wait_for_all(), use_awaitable);
  // CHECK-MESSAGES-STRICT: :[[@LINE-3]]:3: warning: the result of 'async_wait' is discarded, and with it the failures it captured from its tasks [async-unchecked-gather-result]
  // CHECK-NOTES-STRICT: :[[@LINE-4]]:3: note: check each operation's error code ('if (ec1)') or exception pointer ('if (ex1) std::rethrow_exception(ex1)')
}
