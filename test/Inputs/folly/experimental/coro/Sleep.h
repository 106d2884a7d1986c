// Mock of <folly/experimental/coro/Sleep.h>.
// Debian does not ship it; the mock mirrors folly v2024.x (folly::coro).
#pragma once
#include "Task.h"
#include <chrono>

namespace folly {
class Timekeeper;
// folly's high-resolution duration type; async-blocking-call-in-coroutine
// reads the parameter type of folly::coro::sleep from its declaration.
using HighResDuration = std::chrono::microseconds;
namespace coro {
Task<void> sleep(HighResDuration d, Timekeeper *tk = nullptr);
Task<void> sleepReturnEarlyOnCancel(HighResDuration d,
                                    Timekeeper *tk = nullptr);
} // namespace coro
} // namespace folly
