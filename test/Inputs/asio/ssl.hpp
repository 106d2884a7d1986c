// Mock of standalone <asio/ssl.hpp>.
#ifndef MOCK_ASIO_SSL_HPP
#define MOCK_ASIO_SSL_HPP
#include "../asio.hpp"
#define ASIO_MOCK_NS asio
#include "../asio_ssl_mock_impl.h"
#undef ASIO_MOCK_NS
#endif
