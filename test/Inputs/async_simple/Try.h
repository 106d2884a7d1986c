// Mock of <async_simple/Try.h>: a value or the exception that replaced it.
#pragma once
#include <exception>

namespace async_simple {
template <class T> class Try {
public:
  bool hasError() const { return false; }
  const std::exception_ptr &getException() const { return exception_; }

private:
  std::exception_ptr exception_;
};
} // namespace async_simple
