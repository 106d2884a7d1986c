// Mock of <folly/Try.h>: a value or the exception that replaced it.
// Debian does not ship it; the mock mirrors folly v2024.x (folly::coro).
#pragma once
#include <exception>

namespace folly {
template <class T> class Try {
public:
  bool hasValue() const { return true; }
  bool hasException() const { return false; }
  void throwUnlessValue() const {}
  // The value, or the exception rethrown.
  T value() const { throw 0; }
};
} // namespace folly
