// Mock of <cppcoro/task.hpp>.
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
