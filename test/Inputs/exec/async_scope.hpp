// Mock of <exec/async_scope.hpp>.
// Debian does not ship it; the mock mirrors NVIDIA stdexec as of 2024.
#pragma once
#include "../stdexec/execution.hpp"

namespace exec {
class async_scope {
public:
  // Starts the sender and lets it run until on_empty() completes.
  template <class Sender> void spawn(Sender &&) {}
  struct on_empty_sender {};
  on_empty_sender on_empty() { return {}; }
};
} // namespace exec
