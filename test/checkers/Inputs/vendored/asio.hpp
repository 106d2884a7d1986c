// A copy of standalone Asio vendored into a project's tree, as yalantinglibs
// ships one (include/ylt/thirdparty/asio): its headers are the project's, not
// system headers (found through -I). The test copies Debian's Asio 1.22 into
// a directory of its own and puts it on the include path after this one;
// this header adds the program-shaped piece the test needs.
#pragma once
#include_next <asio.hpp>
#include <new>

namespace asio::detail {
// Asio's service registry throws when it cannot make a service: an error
// path its documentation does not give the operations that reach it.
inline void use_service_or_throw(bool made) {
  if (!made)
    throw std::bad_alloc();
}
} // namespace asio::detail

namespace asio {
// A timer whose construction reaches the registry, as Asio's does.
class registered_timer {
public:
  explicit registered_timer(any_io_executor) {
    detail::use_service_or_throw(true);
  }
};
} // namespace asio
