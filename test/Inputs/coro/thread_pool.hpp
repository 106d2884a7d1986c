// Mock of libcoro's <coro/thread_pool.hpp>.
// Debian does not ship it; the mock mirrors libcoro at 277467f (the corpus revision).
#pragma once
#include "coro.hpp"
#include <memory>

namespace coro {
class thread_pool {
public:
  struct schedule_operation {
    bool await_ready() noexcept { return false; }
    void await_suspend(std::coroutine_handle<>) noexcept {}
    void await_resume() noexcept {}
  };
  static std::unique_ptr<thread_pool> make_unique() { return {}; }
  schedule_operation schedule() { return {}; }
  // Runs the task with nobody to receive its exception.
  bool spawn_detached(coro::task<void> &&task) noexcept { return true; }
  // Waits for every task, detached ones included, then joins the threads.
  void shutdown() noexcept {}
};
} // namespace coro
