// Mock of <async_simple/coro/Lazy.h>. Like async_simple, start() lives in
// the common base of Lazy and RescheduleLazy (what via() returns), and hands
// the callback a Try; RescheduleLazy::detach() rethrows an error from its
// callback.
// Debian does not ship it; the mock mirrors async_simple at d8abc4f (the revision the ecosystem corpus pins).
#pragma once
#include "../../mock_coroutine_support.h"
#include "../Executor.h"
#include "../Try.h"

namespace async_simple::coro {
template <class T = void> class Lazy;
template <class T = void> class RescheduleLazy;
namespace detail {
template <class T> struct LazyPromise : mock_support::promise<Lazy<T>, T> {
  template <class U> mock_support::awaiter<U> await_transform(Lazy<U> &&) {
    return {};
  }
  mock_support::ready_awaiter<Executor *> await_transform(CurrentExecutor) {
    return {};
  }
};
template <class T, bool reschedule> class LazyBase {
public:
  using promise_type = detail::LazyPromise<T>;
  template <class F> void start(F &&callback) {}
};
} // namespace detail
template <class T> class Lazy : public detail::LazyBase<T, false> {
public:
  Lazy() = default;
  Lazy(Lazy &&) = default;
  RescheduleLazy<T> via(Executor *ex) && { return {}; }
  template <class F> void directlyStart(F &&callback, Executor *ex) {}
};
template <class T> class RescheduleLazy : public detail::LazyBase<T, true> {
public:
  void detach() {}
};
template <class T> T syncAwait(Lazy<T> &&) { throw 0; }
inline void syncAwait(Lazy<void> &&) {}
} // namespace async_simple::coro
