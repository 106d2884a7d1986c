// Mock of <folly/experimental/coro/BlockingWait.h>.
// Debian does not ship it; the mock mirrors folly v2024.x (folly::coro).
#pragma once
#include "Task.h"

namespace folly::coro {
template <class T> T blockingWait(Task<T> &&) { throw 0; }
inline void blockingWait(Task<void> &&) {}
} // namespace folly::coro
