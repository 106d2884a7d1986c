// Mock of <qcoro/qcorotask.h>. QCoro tasks are eager: the body runs until its
// first suspension when the coroutine is called.
#pragma once
#include "../mock_coroutine_support.h"

namespace QCoro {
template <class T = void> class Task {
public:
  using promise_type = mock_support::promise<Task<T>, T, std::suspend_never>;
  Task() = default;
  Task(Task &&) = default;
  mock_support::awaiter<T> operator co_await() const noexcept { return {}; }
};
} // namespace QCoro
