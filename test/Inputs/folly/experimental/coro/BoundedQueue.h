// Mock of <folly/experimental/coro/BoundedQueue.h>.
// Debian does not ship it; the mock mirrors folly v2024.x (folly::coro).
#pragma once
#include "Task.h"

namespace folly::coro {
template <class T, bool SingleProducer = false, bool SingleConsumer = false>
class BoundedQueue {
public:
  explicit BoundedQueue(unsigned capacity) {}
  template <class U> Task<void> enqueue(U &&item) { return {}; }
  Task<T> dequeue() { return {}; }
};
} // namespace folly::coro
