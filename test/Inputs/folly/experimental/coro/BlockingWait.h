// Mock of <folly/experimental/coro/BlockingWait.h>.
#pragma once
#include "Task.h"

namespace folly::coro {
template <class T> T blockingWait(Task<T> &&) { throw 0; }
inline void blockingWait(Task<void> &&) {}
} // namespace folly::coro
