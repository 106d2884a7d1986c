// Mock of libcoro's <coro/coro.hpp>.
// Debian does not ship it; the mock mirrors libcoro at 277467f (the corpus revision).
#pragma once
#include "../mock_coroutine_support.h"

namespace coro::concepts {
// <coro/concepts/executor.hpp>, which every libcoro header includes.
template <class T> concept executor = true;
} // namespace coro::concepts

namespace coro {
template <class T = void> class task {
public:
  using promise_type = mock_support::promise<task<T>, T>;
  task() = default;
  task(task &&) = default;
  mock_support::awaiter<T> operator co_await() const & noexcept { return {}; }
  mock_support::awaiter<T> operator co_await() const && noexcept { return {}; }
};
template <class Awaitable> void sync_wait(Awaitable &&) {}
} // namespace coro

// libcoro's umbrella header includes every part of the library.
#include "io_scheduler.hpp"
#include "when_all.hpp"
