// Mock of <qcoro/qcorotask.h> as QCoro 0.10 lays it out. QCoro tasks are
// eager: the body runs until its first suspension when the coroutine is
// called. then() is declared in the base that Task and LazyTask share (QCoro
// 0.9 declared it in Task, as Debian 12's qcoro-qt5-dev still does; the
// integration test covers that one).
#pragma once
#include "../mock_coroutine_support.h"

namespace QCoro {
template <class T = void> class Task;
namespace detail {
template <class T, template <class> class TaskImpl> class TaskBase {
public:
  // A continuation: the task it returns may be awaited, or dropped.
  template <class ThenCallback> Task<> then(ThenCallback &&callback) &;
};
} // namespace detail

template <class T> class Task : public detail::TaskBase<T, Task> {
public:
  using promise_type = mock_support::promise<Task<T>, T, std::suspend_never>;
  Task() = default;
  Task(Task &&) = default;
  mock_support::awaiter<T> operator co_await() const noexcept { return {}; }
};

template <class T, template <class> class TaskImpl>
template <class ThenCallback>
Task<> detail::TaskBase<T, TaskImpl>::then(ThenCallback &&callback) & {
  callback();
  co_return;
}
} // namespace QCoro
