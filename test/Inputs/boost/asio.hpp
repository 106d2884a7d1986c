// Mock of <boost/asio.hpp>.
#ifndef MOCK_BOOST_ASIO_HPP
#define MOCK_BOOST_ASIO_HPP
#include "system/error_code.hpp"
#include "system/system_error.hpp"
#define ASIO_MOCK_NS boost::asio
#define ASIO_MOCK_ERROR_NS boost::system
#include "../asio_mock_impl.h"
#undef ASIO_MOCK_ERROR_NS
#undef ASIO_MOCK_NS
#endif
