// Mock of <exec/task.hpp>.
// Debian does not ship it; the mock mirrors NVIDIA stdexec as of 2024.
#pragma once
#include "../mock_coroutine_support.h"
#include "../stdexec/execution.hpp"

namespace exec {
template <class T = void> class task;
namespace detail {
template <class T> struct task_promise : mock_support::promise<task<T>, T> {
  template <class U> mock_support::awaiter<U> await_transform(task<U> &&) {
    return {};
  }
};
} // namespace detail
template <class T> class task {
public:
  using promise_type = detail::task_promise<T>;
  task() = default;
  task(task &&) = default;
};
} // namespace exec
