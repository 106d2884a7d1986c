#include <asio.hpp>
#include <chrono>
#include <thread>

asio::awaitable<void> nap() {
  std::this_thread::sleep_for(std::chrono::seconds(1));
  co_return;
}
