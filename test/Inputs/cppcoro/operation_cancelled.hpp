// Mock of <cppcoro/operation_cancelled.hpp>: what a cancelled cppcoro
// operation throws.
// Debian does not ship it; the mock mirrors cppcoro at 3912152 (the corpus revision, its last).
#pragma once
#include <exception>

namespace cppcoro {

class operation_cancelled : public std::exception {
public:
  operation_cancelled() noexcept : std::exception() {}
  const char *what() const noexcept override { return "operation cancelled"; }
};

} // namespace cppcoro
