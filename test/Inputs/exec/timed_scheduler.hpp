// Mock of <exec/timed_scheduler.hpp>: schedule_after is a customisation
// point object, as in stdexec.
// Debian does not ship it; the mock mirrors NVIDIA stdexec as of 2024.
#pragma once
#include "task.hpp"

namespace exec {
struct schedule_after_t {
  // The real one returns a sender; in an exec::task a task of the same
  // result is awaited the same way.
  template <class Scheduler, class Duration>
  task<void> operator()(Scheduler &&, Duration) const {
    return {};
  }
};
inline constexpr schedule_after_t schedule_after{};
} // namespace exec
