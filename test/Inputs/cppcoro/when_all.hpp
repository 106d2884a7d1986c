// Mock of <cppcoro/when_all.hpp> and <cppcoro/when_all_ready.hpp>:
// when_all rethrows the first failure; when_all_ready hands back the tasks,
// whose result() rethrows each one's.
// Debian does not ship it; the mock mirrors cppcoro at 3912152 (the corpus revision, its last).
#pragma once
#include "task.hpp"
#include <tuple>
#include <vector>

namespace cppcoro {
namespace detail {
template <class T> struct when_all_result {
  using type = std::vector<T>;
};
template <> struct when_all_result<void> {
  using type = void;
};
} // namespace detail

// cppcoro returns an awaitable of its own; a task of the same result is
// awaited the same way.
template <class T>
task<typename detail::when_all_result<T>::type>
when_all(std::vector<task<T>> awaitables) {
  return {};
}
template <class... Ts> task<std::tuple<Ts...>> when_all(task<Ts>... tasks) {
  return {};
}
template <class T>
task<std::vector<task<T>>> when_all_ready(std::vector<task<T>> awaitables) {
  return {};
}
template <class... Ts>
task<std::tuple<task<Ts>...>> when_all_ready(task<Ts>... tasks) {
  return {};
}
} // namespace cppcoro
