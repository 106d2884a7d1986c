// Mock of <folly/experimental/coro/AsyncScope.h>: add() logs what escapes a
// task.
#pragma once
#include "Task.h"

namespace folly::coro {
class AsyncScope {
public:
  template <class Awaitable> void add(Awaitable &&awaitable) {}
  Task<void> joinAsync() noexcept { return {}; }
};
} // namespace folly::coro
