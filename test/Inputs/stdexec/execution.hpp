// Mock of <stdexec/execution.hpp>.
#pragma once
#include <optional>
#include <tuple>

namespace stdexec {
template <class Sender> std::optional<std::tuple<>> sync_wait(Sender &&) {
  return std::nullopt;
}
template <class Sender> void start_detached(Sender &&) {}
} // namespace stdexec
