// Mock of <cppcoro/sync_wait.hpp>.
// Debian does not ship it; the mock mirrors cppcoro at 3912152 (the corpus revision, its last).
#pragma once
#include "task.hpp"

namespace cppcoro {
template <class Awaitable> auto sync_wait(Awaitable &&a) {
  return mock_support::awaiter<void>().await_resume();
}
} // namespace cppcoro
