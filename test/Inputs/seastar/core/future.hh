// Mock of <seastar/core/future.hh>. Seastar futures are eager; coroutine
// support comes through a coroutine_traits specialization.
// Debian does not ship it; the mock mirrors Seastar 23.x.
#pragma once
#include "../../mock_coroutine_support.h"

namespace seastar {
template <class T = void> class future {
public:
  future() = default;
  future(future &&) = default;
  mock_support::awaiter<T> operator co_await() && noexcept { return {}; }
};
class semaphore_units {};
class semaphore {
public:
  explicit semaphore(int) {}
  future<semaphore_units> get_units(int) { return {}; }
  future<> wait(int) { return {}; }
};
} // namespace seastar

template <class T, class... Args>
struct std::coroutine_traits<seastar::future<T>, Args...> {
  using promise_type =
      mock_support::promise<seastar::future<T>, T, std::suspend_never>;
};
