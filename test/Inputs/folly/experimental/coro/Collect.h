// Mock of <folly/experimental/coro/Collect.h>: collectAll, which rethrows
// the first failure, and collectAllTry, which hands back a Try per task.
// Debian does not ship it; the mock mirrors folly v2024.x (folly::coro).
#pragma once
#include "../../Try.h"
#include "Task.h"
#include <tuple>
#include <cstddef>
#include <vector>

namespace folly::coro {
namespace detail {
template <class T> struct collect_all_range_result {
  using type = std::vector<T>;
};
template <> struct collect_all_range_result<void> {
  using type = void;
};
} // namespace detail

// Awaits every task of the range concurrently; the results come back in the
// order of the input.
template <class T>
Task<typename detail::collect_all_range_result<T>::type>
collectAllRange(std::vector<Task<T>> awaitables) {
  return {};
}

// The same with at most maxConcurrency tasks running at any time.
template <class T>
Task<typename detail::collect_all_range_result<T>::type>
collectAllWindowed(std::vector<Task<T>> awaitables,
                   std::size_t maxConcurrency) {
  return {};
}
// The variadic forms (non-void tasks).
template <class... Ts> Task<std::tuple<Ts...>> collectAll(Task<Ts>... tasks) {
  return {};
}
template <class... Ts>
Task<std::tuple<Try<Ts>...>> collectAllTry(Task<Ts>... tasks) {
  return {};
}
template <class T>
Task<std::vector<Try<T>>> collectAllTryRange(std::vector<Task<T>> awaitables) {
  return {};
}
} // namespace folly::coro
