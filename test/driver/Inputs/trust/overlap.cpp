// Two checks fix the same call: async-blocking-call-in-coroutine awaits the
// task blockingWait waits for, async-sequential-await-in-loop (on a note)
// gathers the loop's awaits. The two fixes overlap: one is applied, whole,
// and the other is refused, whether the result is fresh or cached.
#include <folly/experimental/coro/BlockingWait.h>
#include <folly/experimental/coro/Task.h>
#include <vector>

namespace fc = folly::coro;

fc::Task<int> count();
fc::Task<void> store_n(int u, int n);

fc::Task<void> store_all(std::vector<int> us) {
  for (int u : us)
    co_await store_n(u, fc::blockingWait(count()));
}
