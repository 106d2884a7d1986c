// Mock of <boost/asio.hpp>.
#ifndef MOCK_BOOST_ASIO_HPP
#define MOCK_BOOST_ASIO_HPP
#define ASIO_MOCK_NS boost::asio
#include "../asio_mock_impl.h"
#undef ASIO_MOCK_NS
#endif
