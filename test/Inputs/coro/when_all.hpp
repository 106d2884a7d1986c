// Mock of libcoro's <coro/when_all.hpp>: the range overload.
// Debian does not ship it; the mock mirrors libcoro at 277467f (the corpus revision).
#pragma once
#include "../mock_coroutine_support.h"
#include "coro.hpp"
#include <vector>

namespace coro {
template <class T> class task;
namespace detail {
// libcoro hands back one wrapper per task; return_value() gives its result.
template <class T> class when_all_task {
public:
  T &return_value() & { throw 0; }
};
template <> class when_all_task<void> {
public:
  void return_value() & {}
};
} // namespace detail

// In libcoro this returns a when_all_ready_awaitable; a task of the same
// result is awaited the same way.
template <class T>
task<std::vector<detail::when_all_task<T>>>
when_all(std::vector<task<T>> awaitables);
} // namespace coro
