// Mock of <cppcoro/task.hpp>.
// Debian does not ship it; the mock mirrors cppcoro at 3912152 (the corpus revision, its last).
#pragma once
#include "../mock_coroutine_support.h"

namespace cppcoro {
template <class T = void> class task {
public:
  using promise_type = mock_support::promise<task<T>, T>;
  task() = default;
  task(task &&) = default;
  mock_support::awaiter<T> operator co_await() const & noexcept { return {}; }
};
} // namespace cppcoro
