// Mock of <cppcoro/async_scope.hpp>.
#pragma once
#include "../mock_coroutine_support.h"

namespace cppcoro {
class async_scope {
public:
  // Starts the awaitable and lets it run until join() is awaited.
  template <class Awaitable> void spawn(Awaitable &&) {}
  mock_support::awaiter<void> join() noexcept { return {}; }
};
} // namespace cppcoro
