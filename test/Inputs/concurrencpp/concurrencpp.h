// Mock of <concurrencpp/concurrencpp.h>. Results are eager.
#pragma once
#include "../mock_coroutine_support.h"

namespace concurrencpp {
template <class T> class result {
public:
  result() = default;
  result(result &&) = default;
  mock_support::awaiter<T> operator co_await() && noexcept { return {}; }
};
} // namespace concurrencpp

template <class T, class... Args>
struct std::coroutine_traits<concurrencpp::result<T>, Args...> {
  using promise_type = mock_support::promise<concurrencpp::result<T>, T,
                                             std::suspend_never>;
};
