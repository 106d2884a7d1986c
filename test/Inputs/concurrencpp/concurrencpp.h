// Mock of <concurrencpp/concurrencpp.h>. Results are eager.
// Debian does not ship it; the mock mirrors concurrencpp 0.1.7 (7a88f54, the corpus revision).
#pragma once
#include "../mock_coroutine_support.h"
#include <iterator>
#include <memory>
#include <tuple>
#include <type_traits>
#include <vector>

namespace concurrencpp {
enum class result_status { idle, value, exception };
template <class T> class result {
public:
  result() = default;
  result(result &&) = default;
  result &operator=(result &&) = default;
  // Returns the value, or rethrows the exception the coroutine ended with.
  T get() { throw std::exception(); }
  result_status status() const { return result_status::idle; }
  mock_support::awaiter<T> operator co_await() && noexcept { return {}; }
  // Waits for the result without taking its value.
  mock_support::awaiter<result<T>> resolve() & noexcept { return {}; }
};
class executor {
public:
  // Runs the callable on one of the executor's threads.
  template <class callable_type, class... argument_types>
  result<std::invoke_result_t<callable_type, argument_types...>>
  submit(callable_type &&callable, argument_types &&...arguments) {
    return {};
  }
};
// A coroutine whose first parameters are (executor_tag, executor) starts on
// that executor.
struct executor_tag {};
// The return type of a fire-and-forget coroutine: it starts at once, and its
// promise ignores an escaping exception.
class null_result {};
// Moves the awaiting coroutine onto the executor.
mock_support::awaiter<void> resume_on(std::shared_ptr<executor> e);
// A result that starts when awaited.
template <class T> class lazy_result {
public:
  mock_support::awaiter<T> operator co_await() && noexcept { return {}; }
};
// Waits for every result; each element still holds its value or exception.
template <class executor_type, class... result_types>
lazy_result<std::tuple<typename std::decay<result_types>::type...>>
when_all(std::shared_ptr<executor_type> resume_executor,
         result_types &&...results);
template <class executor_type, class iterator_type>
lazy_result<
    std::vector<typename std::iterator_traits<iterator_type>::value_type>>
when_all(std::shared_ptr<executor_type> resume_executor, iterator_type begin,
         iterator_type end);
} // namespace concurrencpp

template <class T, class... Args>
struct std::coroutine_traits<concurrencpp::result<T>, Args...> {
  using promise_type = mock_support::promise<concurrencpp::result<T>, T,
                                             std::suspend_never>;
};

template <class... Args>
struct std::coroutine_traits<concurrencpp::null_result, Args...> {
  struct promise_type {
    concurrencpp::null_result get_return_object() noexcept { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void unhandled_exception() noexcept {}
    void return_void() noexcept {}
  };
};
