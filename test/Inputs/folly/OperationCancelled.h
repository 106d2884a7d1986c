// Mock of <folly/OperationCancelled.h>: what a cancelled folly::coro
// operation throws at its suspension point.
// Debian does not ship it; the mock mirrors folly v2024.x (folly::coro).
#pragma once
#include <exception>

namespace folly {

struct OperationCancelled final : public std::exception {
  const char *what() const noexcept override {
    return "coroutine operation cancelled";
  }
};

} // namespace folly
