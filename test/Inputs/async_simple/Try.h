// Mock of <async_simple/Try.h>: a value or the exception that replaced it.
// Debian does not ship it; the mock mirrors async_simple at d8abc4f (the revision the ecosystem corpus pins).
#pragma once
#include <exception>

namespace async_simple {
template <class T> class Try {
public:
  bool hasError() const { return false; }
  // The value, or the exception rethrown.
  T value() const { throw 0; }
  const std::exception_ptr &getException() const { return exception_; }

private:
  std::exception_ptr exception_;
};
} // namespace async_simple
