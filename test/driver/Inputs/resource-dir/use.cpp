// Needs clang's own builtin header <stddef.h> (from its resource directory)
// and C++20 coroutines.
#include <cppcoro/task.hpp>
#include <stddef.h>

cppcoro::task<size_t> fetch();
cppcoro::task<> user() {
  fetch();
  co_return;
}
