// Mock of <folly/Try.h>: a value or the exception that replaced it.
#pragma once
#include <exception>

namespace folly {
template <class T> class Try {
public:
  bool hasValue() const { return true; }
  bool hasException() const { return false; }
  void throwUnlessValue() const {}
};
} // namespace folly
