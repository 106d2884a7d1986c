// async-sequential-await-in-loop in the editor: the finding, its docs link,
// and the concurrent rewrite as a further (non-preferred) quick-fix, because
// it is carried by a note.
// RUN: %lsp-check %s | %FileCheck %s
// LSP-CHECKS: async-sequential-await-in-loop

#include <cppcoro/task.hpp>
#include <cppcoro/when_all.hpp>
#include <string>
#include <vector>

// CHECK: published 1 diagnostics
cppcoro::task<int> fetch(const std::string &url);
cppcoro::task<> fetch_all(const std::vector<std::string> &urls) {
  for (const auto &url : urls)
    co_await fetch(url);
}
// CHECK-NEXT: diagnostic [[@LINE-2]]:5-[[@LINE-2]]:24 async-sequential-await-in-loop warning Each iteration waits for 'fetch' before the next one starts; the iterations are independent and could run concurrently (fix available)
// CHECK-NEXT: link <docs>/async-sequential-await-in-loop.md
// CHECK-NEXT: action to run the iterations concurrently, collect the tasks and await them with 'cppcoro::when_all'
// CHECK-NEXT: => [[@LINE-6]]: {
// CHECK-NEXT: => [[@LINE-6]]: std::vector<cppcoro::task<int>> tasks;
// CHECK-NEXT: => [[@LINE-6]]: for (const auto &url : urls)
// CHECK-NEXT: => [[@LINE-6]]: tasks.push_back(fetch(url));
// CHECK-NEXT: => [[@LINE-6]]: co_await cppcoro::when_all(std::move(tasks));
// CHECK-NEXT: => [[@LINE-6]]: }
// CHECK-NEXT: end

// Not reported in the editor either: the awaited coroutine never suspends.
cppcoro::task<int> length(const std::string &s) { co_return (int)s.size(); }
cppcoro::task<int> total_length(std::vector<std::string> words) {
  int total = 0;
  for (const auto &w : words)
    total += co_await length(w);
  co_return total;
}
