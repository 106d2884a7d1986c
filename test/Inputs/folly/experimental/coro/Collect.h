// Mock of <folly/experimental/coro/Collect.h>: the range forms of collectAll.
#pragma once
#include "Task.h"
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
} // namespace folly::coro
