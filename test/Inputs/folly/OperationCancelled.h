// Mock of <folly/OperationCancelled.h>: what a cancelled folly::coro
// operation throws at its suspension point.
#pragma once
#include <exception>

namespace folly {

struct OperationCancelled final : public std::exception {
  const char *what() const noexcept override {
    return "coroutine operation cancelled";
  }
};

} // namespace folly
