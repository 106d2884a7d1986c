// Mock of libcoro's <coro/scheduler.hpp> (libcoro 0.15 and later, where
// io_scheduler was renamed scheduler): its timed yields take any duration.
// Debian does not ship it; the mock mirrors libcoro at 277467f (the corpus revision).
#pragma once
#include "coro.hpp"
#include <chrono>
#include <memory>

namespace coro {
class scheduler : public std::enable_shared_from_this<scheduler> {
public:
  using clock = std::chrono::steady_clock;
  using time_point = clock::time_point;

  struct schedule_operation {
    bool await_ready() noexcept { return false; }
    void await_suspend(std::coroutine_handle<>) noexcept {}
    void await_resume() noexcept {}
  };

  static std::unique_ptr<scheduler> make_unique() { return {}; }
  schedule_operation schedule() { return {}; }
  // Runs the task with nobody to receive its exception.
  bool spawn_detached(coro::task<void> &&task) { return true; }
  template <class Rep, class Period>
  [[nodiscard]] coro::task<void>
  schedule_after(std::chrono::duration<Rep, Period> amount) {
    return yield_for_internal(std::chrono::duration_cast<std::chrono::nanoseconds>(amount));
  }
  template <class Rep, class Period>
  [[nodiscard]] coro::task<void>
  yield_for(std::chrono::duration<Rep, Period> amount) {
    return yield_for_internal(std::chrono::duration_cast<std::chrono::nanoseconds>(amount));
  }
  [[nodiscard]] coro::task<void> yield_until(time_point time);

private:
  coro::task<void> yield_for_internal(std::chrono::nanoseconds amount);
};
} // namespace coro
