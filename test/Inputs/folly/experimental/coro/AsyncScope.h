// Mock of <folly/experimental/coro/AsyncScope.h>: add() logs what escapes a
// task.
// Debian does not ship it; the mock mirrors folly v2024.x (folly::coro).
#pragma once
#include "Task.h"

namespace folly::coro {
class AsyncScope {
public:
  template <class Awaitable> void add(Awaitable &&awaitable) {}
  Task<void> joinAsync() noexcept { return {}; }
};
} // namespace folly::coro
