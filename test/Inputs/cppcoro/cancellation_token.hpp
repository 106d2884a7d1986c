// Mock of <cppcoro/cancellation_token.hpp>.
// Debian does not ship it; the mock mirrors cppcoro at 3912152 (the corpus revision, its last).
#pragma once
#include "operation_cancelled.hpp"

namespace cppcoro {

class cancellation_token {
public:
  cancellation_token() noexcept = default;
  bool can_be_cancelled() const noexcept { return false; }
  bool is_cancellation_requested() const noexcept { return false; }
  void throw_if_cancellation_requested() const {}
};

} // namespace cppcoro
