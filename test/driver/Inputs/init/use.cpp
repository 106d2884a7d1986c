// Opened in async-clangd in a folder set up by `async-lint init`.
#include <cppcoro/task.hpp>
#include <mutex>

cppcoro::task<int> fetch();
std::mutex m;

cppcoro::task<> user() {
  fetch();
  std::lock_guard<std::mutex> lock(m);
  co_await fetch();
}
