// Mock of <async_simple/coro/Collect.h>: the all-gathers. Each result is a
// Try that holds the task's value or the exception it threw; nothing is
// rethrown.
// Debian does not ship it; the mock mirrors async_simple at d8abc4f (the revision the ecosystem corpus pins).
#pragma once
#include "../Try.h"
#include "Lazy.h"
#include <cstddef>
#include <tuple>
#include <vector>

namespace async_simple::coro {
template <class T>
Lazy<std::vector<Try<T>>> collectAll(std::vector<Lazy<T>> input) {
  co_return {};
}
template <class T>
Lazy<std::vector<Try<T>>> collectAllPara(std::vector<Lazy<T>> input) {
  co_return {};
}
template <class... Ts>
Lazy<std::tuple<Try<Ts>...>> collectAll(Lazy<Ts>... input) {
  co_return {};
}
template <class... Ts>
Lazy<std::tuple<Try<Ts>...>> collectAllPara(Lazy<Ts>... input) {
  co_return {};
}
// At most maxConcurrency tasks at once.
template <class T>
Lazy<std::vector<Try<T>>> collectAllWindowed(std::size_t maxConcurrency,
                                             bool yield,
                                             std::vector<Lazy<T>> input) {
  co_return {};
}
} // namespace async_simple::coro
