// Mock of libcoro's <coro/io_scheduler.hpp>.
#pragma once
#include <chrono>

namespace coro {
template <class T> class task;
class io_scheduler {
public:
  task<void> schedule();
  task<void> schedule_after(std::chrono::milliseconds amount);
  task<void> yield_for(std::chrono::milliseconds amount);
};
} // namespace coro
