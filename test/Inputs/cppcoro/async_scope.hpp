// Mock of <cppcoro/async_scope.hpp>: spawn() runs the awaitable in a task
// that terminates the program if it throws.
#pragma once
#include "../mock_coroutine_support.h"

namespace cppcoro {
class async_scope {
public:
  template <class Awaitable> void spawn(Awaitable &&awaitable) {}
  mock_support::awaiter<void> join() noexcept { return {}; }
};
} // namespace cppcoro
