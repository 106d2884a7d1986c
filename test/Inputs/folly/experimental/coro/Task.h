// Mock of <folly/experimental/coro/Task.h>.
// Debian does not ship it; the mock mirrors folly v2024.x (folly::coro).
#pragma once
#include "../../../mock_coroutine_support.h"
#include "../../Try.h"
#include "../../futures/Future.h"

namespace folly {
class Executor {};
namespace coro {

template <class T = void> class Task;
template <class T = void> class TaskWithExecutor;

namespace detail {
template <class T> struct TaskPromise : mock_support::promise<Task<T>, T> {
  // folly's promise filters awaited types: only folly's own awaitables.
  template <class U> mock_support::awaiter<U> await_transform(Task<U> &&) {
    return {};
  }
  template <class U>
  mock_support::awaiter<U> await_transform(TaskWithExecutor<U> &&) {
    return {};
  }
};
} // namespace detail

template <class T> class Task {
public:
  using promise_type = detail::TaskPromise<T>;
  Task() = default;
  Task(Task &&) = default;
  TaskWithExecutor<T> scheduleOn(Executor *) && { return {}; }
};

template <class T> class TaskWithExecutor {
public:
  TaskWithExecutor() = default;
  TaskWithExecutor(TaskWithExecutor &&) = default;
  // Like folly, start() returns a SemiFuture that holds the result or the
  // exception; start(callback) hands the callback a Try.
  SemiFuture<T> start() && { return {}; }
  template <class F> void start(F &&tryCallback) && {}
  SemiFuture<T> startInlineUnsafe() && { return {}; }
};

} // namespace coro
} // namespace folly
