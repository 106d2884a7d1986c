// Mock of <stdexec/execution.hpp>.
// Debian does not ship it; the mock mirrors NVIDIA stdexec as of 2024.
#pragma once
#include <optional>
#include <tuple>

namespace stdexec {
template <class S> concept sender = true;
template <class Sender> std::optional<std::tuple<>> sync_wait(Sender &&) {
  return std::nullopt;
}
// Runs the sender; terminates the program if it completes with an error.
template <class Sender> void start_detached(Sender &&) {}
} // namespace stdexec
