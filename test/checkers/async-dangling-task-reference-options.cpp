// RUN: %check_async %s async-dangling-task-reference %t
// RUN: %check_async -check-suffixes=,OPT %s async-dangling-task-reference %t-opt \
// RUN:   -config="{CheckOptions: {LazyTaskTypes: 'mylib::Deferred'}}"
// RUN: %check_async -check-suffixes=,OPT %s async-dangling-task-reference %t-local \
// RUN:   -config="{CheckOptions: {async-dangling-task-reference.LazyTaskTypes: 'mylib::Deferred'}}"

// LazyTaskTypes (shared with the other checks through getLocalOrGlobal) adds
// a project's own lazy task type, here one whose promise comes from a
// coroutine_traits specialization, so that its shape says nothing.

#include <coroutine>
#include <folly/experimental/coro/Task.h>
#include <string>
#include <utility>

namespace mylib {
struct Deferred {
  Deferred() = default;
  Deferred(Deferred &&) = default;
};
} // namespace mylib

template <class... Args> struct std::coroutine_traits<mylib::Deferred, Args...> {
  struct promise_type {
    mylib::Deferred get_return_object() { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
};

std::string make_msg();

mylib::Deferred deferred_send(std::string_view msg);
mylib::Deferred stored_deferred() { return deferred_send(make_msg()); }
// CHECK-MESSAGES-OPT: :[[@LINE-1]]:58: warning: task of 'deferred_send' refers to a temporary through parameter 'msg' and is returned; it can run after the temporary is destroyed at the end of the full-expression [async-dangling-task-reference]
// CHECK-NOTES-OPT: :[[@LINE-3]]:48: note: parameter 'msg' is declared here

folly::coro::Task<void> send(std::string_view msg);
folly::coro::Task<void> stored_task() { return send(make_msg()); }
// CHECK-MESSAGES: :[[@LINE-1]]:53: warning: task of 'send' refers to a temporary through parameter 'msg' and is returned; it can run after the temporary is destroyed at the end of the full-expression [async-dangling-task-reference]
// CHECK-NOTES: :[[@LINE-3]]:47: note: parameter 'msg' is declared here
