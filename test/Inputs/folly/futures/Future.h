// Mock of <folly/futures/Future.h>: the future a started task completes.
// Debian does not ship it; the mock mirrors folly v2024.x (folly::coro).
#pragma once
#include "../Try.h"

namespace folly {
template <class T> class SemiFuture {
public:
  SemiFuture() = default;
  SemiFuture(SemiFuture &&) = default;
  T get() && { throw std::exception(); }
};
template <> class SemiFuture<void> {
public:
  SemiFuture() = default;
  SemiFuture(SemiFuture &&) = default;
  void get() && {}
};
} // namespace folly
