#include <asio.hpp>
#include <chrono>
#include <thread>

asio::awaitable<void> nap() {
  //                                                   
  co_return;
}
