// Mock of <boost/system/system_error.hpp>: the exception Boost.Asio throws
// when an awaited operation fails (operation_aborted when it is cancelled).
#ifndef MOCK_BOOST_SYSTEM_SYSTEM_ERROR_HPP
#define MOCK_BOOST_SYSTEM_SYSTEM_ERROR_HPP

#include "error_code.hpp"
#include <stdexcept>
#include <string>

namespace boost {
namespace system {

class system_error : public std::runtime_error {
public:
  explicit system_error(const error_code &ec)
      : std::runtime_error(ec.message()), code_(ec) {}
  system_error(const error_code &ec, const std::string &prefix)
      : std::runtime_error(prefix + ": " + ec.message()), code_(ec) {}
  const error_code &code() const noexcept { return code_; }

private:
  error_code code_;
};

} // namespace system
} // namespace boost

#endif
