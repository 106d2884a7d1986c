// Mock of <async_simple/coro/Lazy.h>.
#pragma once
#include "../../mock_coroutine_support.h"

namespace async_simple::coro {
template <class T = void> class Lazy;
namespace detail {
template <class T> struct LazyPromise : mock_support::promise<Lazy<T>, T> {
  template <class U> mock_support::awaiter<U> await_transform(Lazy<U> &&) {
    return {};
  }
};
} // namespace detail
template <class T> class Lazy {
public:
  using promise_type = detail::LazyPromise<T>;
  Lazy() = default;
  Lazy(Lazy &&) = default;
  template <class F> void start(F &&) && {}
  void detach() && {}
};
template <class T> T syncAwait(Lazy<T> &&) { throw 0; }
inline void syncAwait(Lazy<void> &&) {}
} // namespace async_simple::coro
