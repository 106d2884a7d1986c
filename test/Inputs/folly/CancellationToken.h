// Mock of <folly/CancellationToken.h>.
// Debian does not ship it; the mock mirrors folly v2024.x (folly::coro).
#pragma once
#include "OperationCancelled.h"

namespace folly {

class CancellationToken {
public:
  CancellationToken() noexcept = default;
  bool isCancellationRequested() const noexcept { return false; }
  bool canBeCancelled() const noexcept { return false; }
};

class CancellationSource {
public:
  CancellationToken getToken() const noexcept { return {}; }
  bool requestCancellation() const noexcept { return false; }
};

} // namespace folly
