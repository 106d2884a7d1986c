// Mock of <boost/asio/experimental/channel.hpp>.
#ifndef MOCK_BOOST_ASIO_EXPERIMENTAL_CHANNEL_HPP
#define MOCK_BOOST_ASIO_EXPERIMENTAL_CHANNEL_HPP
#include "../../asio.hpp"

namespace boost::asio::experimental {
template <class... Signatures> struct channel_traits {};

template <class Executor, class Traits, class... Signatures>
class basic_channel {
public:
  explicit basic_channel(Executor, std::size_t max_buffer_size = 0) {}
  template <class... Args> awaitable<void> async_send(Args &&...) { return {}; }
  template <class Token> awaitable<std::size_t> async_receive(Token) {
    return {};
  }
};

template <class... Signatures>
using channel = basic_channel<any_io_executor, channel_traits<>, Signatures...>;
} // namespace boost::asio::experimental
#endif
