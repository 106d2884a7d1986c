// RUN: %check_async %s async-sequential-await-in-loop %t -- -DASIO_HAS_CO_AWAIT=1 -DASIO_HAS_STD_COROUTINE=1

// Standalone Asio, in a unit of its own: its note names asio's idioms.

#include <asio.hpp>
#include <string>
#include <vector>

asio::awaitable<void> standalone_fetch(std::string url);
asio::awaitable<void> standalone(std::vector<std::string> urls) {
  for (auto &u : urls)
    co_await standalone_fetch(u);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: each iteration waits for 'standalone_fetch' before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
    // CHECK-NOTES: :[[@LINE-2]]:5: warning: each iteration waits for 'standalone_fetch' before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
    // CHECK-NOTES: :[[@LINE-4]]:3: note: to run the iterations concurrently, start the operations with 'asio::deferred' and await them together with 'asio::experimental::make_parallel_group', or join a fixed number with the '&&' operator of 'asio::experimental::awaitable_operators'
}
