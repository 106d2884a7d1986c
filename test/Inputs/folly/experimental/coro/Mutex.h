// Mock of <folly/experimental/coro/Mutex.h>.
// Debian does not ship it; the mock mirrors folly v2024.x (folly::coro).
#pragma once
#include "Task.h"
#include <mutex>

namespace folly::coro {
class Mutex {
public:
  Task<std::unique_lock<Mutex>> co_scoped_lock() { return {}; }
  Task<void> co_lock() { return {}; }
  bool try_lock() noexcept { return true; }
  void lock() {}
  void unlock() noexcept {}
};
} // namespace folly::coro
