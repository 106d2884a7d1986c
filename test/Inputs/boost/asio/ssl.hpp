// Mock of <boost/asio/ssl.hpp>.
#ifndef MOCK_BOOST_ASIO_SSL_HPP
#define MOCK_BOOST_ASIO_SSL_HPP
#include "../asio.hpp"
#define ASIO_MOCK_NS boost::asio
#include "../../asio_ssl_mock_impl.h"
#undef ASIO_MOCK_NS
#endif
