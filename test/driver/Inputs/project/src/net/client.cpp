#include "proj/tasks.h"

boost::asio::awaitable<void> connect() {
  co_await proj::log_line();
  proj::flush_logs();
  co_return;
}
