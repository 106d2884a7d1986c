// A header included by several translation units of the fixture project.
#pragma once
#include <boost/asio.hpp>

namespace proj {
boost::asio::awaitable<void> log_line();

// Reported once, although every unit that includes this header sees it.
inline boost::asio::awaitable<void> flush_logs() {
  log_line();
  co_return;
}
} // namespace proj
