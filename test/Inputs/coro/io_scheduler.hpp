// Mock of libcoro's <coro/io_scheduler.hpp>: the scheduler that owns the
// event loop and its timers.
// Debian does not ship it; the mock mirrors libcoro at 277467f (the corpus revision).
#pragma once
#include "coro.hpp"
#include <chrono>
#include <memory>

namespace coro {
class io_scheduler : public std::enable_shared_from_this<io_scheduler> {
public:
  using clock = std::chrono::steady_clock;
  using time_point = clock::time_point;

  struct schedule_operation {
    bool await_ready() noexcept { return false; }
    void await_suspend(std::coroutine_handle<>) noexcept {}
    void await_resume() noexcept {}
  };

  static std::shared_ptr<io_scheduler> make_shared() { return {}; }
  schedule_operation schedule() { return {}; }
  [[nodiscard]] coro::task<void> schedule_after(std::chrono::milliseconds);
  [[nodiscard]] coro::task<void> yield_for(std::chrono::milliseconds amount);
  [[nodiscard]] coro::task<void> yield_until(time_point time);
};
} // namespace coro
