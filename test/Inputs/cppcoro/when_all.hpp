// Mock of <cppcoro/when_all.hpp>: the std::vector overload.
#pragma once
#include "task.hpp"
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
} // namespace cppcoro
