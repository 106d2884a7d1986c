// Shared plumbing for the mock framework headers in test/Inputs. The mocks
// only need to compile (tests run -fsyntax-only), not to run; they mirror the
// real libraries' names, namespaces and shapes (nested promise_type or a
// coroutine_traits specialization, await_transform or operator co_await).
#ifndef MOCK_COROUTINE_SUPPORT_H
#define MOCK_COROUTINE_SUPPORT_H

#include <coroutine>
#include <exception>
#include <utility>

namespace mock_support {

template <class T> struct returns {
  void return_value(T) noexcept {}
};
template <> struct returns<void> {
  void return_void() noexcept {}
};

// A promise for task type Task whose body starts as Initial says.
template <class Task, class T, class Initial = std::suspend_always>
struct promise : returns<T> {
  Task get_return_object() noexcept { return Task{}; }
  Initial initial_suspend() noexcept { return {}; }
  std::suspend_always final_suspend() noexcept { return {}; }
  void unhandled_exception() noexcept {}
};

// An awaiter that yields a T.
template <class T> struct awaiter {
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) noexcept {}
  T await_resume() { throw std::exception(); }
};
// An awaiter that never suspends, like the one Asio's awaitable_frame returns
// for `co_await this_coro::executor`.
template <class T> struct ready_awaiter {
  bool await_ready() const noexcept { return true; }
  void await_suspend(std::coroutine_handle<>) noexcept {}
  T await_resume() { throw std::exception(); }
};
template <> struct awaiter<void> {
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) noexcept {}
  void await_resume() {}
};

} // namespace mock_support

#endif
