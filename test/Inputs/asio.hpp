// Mock of standalone <asio.hpp>.
#ifndef MOCK_ASIO_HPP
#define MOCK_ASIO_HPP
#define ASIO_MOCK_NS asio
#include "asio_mock_impl.h"
#undef ASIO_MOCK_NS
#endif
