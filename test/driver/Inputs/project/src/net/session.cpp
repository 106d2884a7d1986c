#include "proj/tasks.h"

boost::asio::awaitable<int> read_header();

boost::asio::awaitable<void> session() {
  proj::log_line();
  auto header = read_header();
  co_return;
}

void start() {
  session();
}
