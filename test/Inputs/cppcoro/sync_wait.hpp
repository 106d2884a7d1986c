// Mock of <cppcoro/sync_wait.hpp>.
#pragma once
#include "task.hpp"

namespace cppcoro {
template <class Awaitable> auto sync_wait(Awaitable &&a) {
  return mock_support::awaiter<void>().await_resume();
}
} // namespace cppcoro
