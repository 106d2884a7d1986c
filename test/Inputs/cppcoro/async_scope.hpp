// Mock of <cppcoro/async_scope.hpp>: spawn() runs the awaitable in a task
// that terminates the program if it throws.
// Debian does not ship it; the mock mirrors cppcoro at 3912152 (the corpus revision, its last).
#pragma once
#include "../mock_coroutine_support.h"

namespace cppcoro {
class async_scope {
public:
  template <class Awaitable> void spawn(Awaitable &&awaitable) {}
  mock_support::awaiter<void> join() noexcept { return {}; }
};
} // namespace cppcoro
