// Mock of standalone <asio.hpp>.
#ifndef MOCK_ASIO_HPP
#define MOCK_ASIO_HPP
#define ASIO_MOCK_NS asio
#define ASIO_MOCK_ERROR_NS std
#include "asio_mock_impl.h"
#undef ASIO_MOCK_ERROR_NS
#undef ASIO_MOCK_NS
// <asio/error_code.hpp>, <asio/system_error.hpp> in standalone mode.
namespace asio {
using std::error_category;
using std::error_code;
using std::system_error;
} // namespace asio
#endif
