#include <boost/asio.hpp>

boost::asio::awaitable<void> step();

// No findings here.
boost::asio::awaitable<void> tidy() { co_await step(); }
