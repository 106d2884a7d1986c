// A mock of asio-grpc 3.4 (<agrpc/asio_grpc.hpp>), which Debian does not
// ship, over the real Boost.Asio headers:
// its operations complete with a bool (ok) or a grpc::Status, never with an
// error_code, so awaiting them with use_awaitable throws nothing.
#pragma once
#include <boost/asio.hpp>
#include <cstddef>

namespace grpc {
class Status {
public:
  bool ok() const;
};
} // namespace grpc

namespace agrpc {

class GrpcContext : public boost::asio::execution_context {
public:
  // The real context has an executor of its own; an io_context's stands in.
  using executor_type = boost::asio::io_context::executor_type;
  executor_type get_executor() noexcept;
  std::size_t run();
};

class Alarm {
public:
  explicit Alarm(GrpcContext &);
  template <class Deadline, class Executor>
  boost::asio::awaitable<bool, Executor>
  wait(Deadline deadline, boost::asio::use_awaitable_t<Executor>);
};

} // namespace agrpc
