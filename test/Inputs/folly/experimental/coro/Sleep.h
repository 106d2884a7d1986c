// Mock of <folly/experimental/coro/Sleep.h>.
#pragma once
#include "Task.h"
#include <chrono>

namespace folly {
using HighResDuration = std::chrono::nanoseconds;
namespace coro {
inline Task<void> sleep(HighResDuration) { return {}; }
inline Task<void> sleepReturnEarlyOnCancel(HighResDuration) { return {}; }
} // namespace coro
} // namespace folly
