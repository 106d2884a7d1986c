// Mock of <cppcoro/io_service.hpp>: an I/O event loop and its timed
// schedules, whose await_resume() throws operation_cancelled only when the
// cancellation token they were given is cancelled.
// Debian does not ship it; the mock mirrors cppcoro at 3912152 (the corpus revision, its last).
#pragma once
#include "../mock_coroutine_support.h"
#include <chrono>
#include <cstdint>

namespace cppcoro {
class io_service {
public:
  class timed_schedule_operation {
  public:
    bool await_ready() const noexcept { return false; }
    void await_suspend(std::coroutine_handle<>) noexcept {}
    void await_resume();
  };
  template <class Rep, class Period>
  timed_schedule_operation
  schedule_after(std::chrono::duration<Rep, Period> delay) {
    return {};
  }
  std::uint64_t process_events();
  void stop() noexcept;
};
} // namespace cppcoro
