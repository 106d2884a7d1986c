// Mock of <folly/experimental/coro/AsyncGenerator.h>.
// Debian does not ship it; the mock mirrors folly v2024.x (folly::coro).
#pragma once
#include "Task.h"
#include <type_traits>

namespace folly::coro {
template <class Reference, class Value = std::remove_cvref_t<Reference>>
class AsyncGenerator {
public:
  // A coroutine that co_yields produces an AsyncGenerator.
  struct promise_type : mock_support::promise<AsyncGenerator, void> {
    std::suspend_always yield_value(Reference) noexcept { return {}; }
    template <class U> mock_support::awaiter<U> await_transform(Task<U> &&) {
      return {};
    }
  };
  class NextResult {
  public:
    explicit operator bool() const noexcept { return false; }
    Reference operator*() { throw 0; }
  };
  AsyncGenerator() = default;
  AsyncGenerator(AsyncGenerator &&) = default;
  // In folly next() returns an awaitable of its own; a Task of the result
  // is awaited the same way in a folly coroutine.
  Task<NextResult> next() { return {}; }
};
} // namespace folly::coro
