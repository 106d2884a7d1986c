// Mock of cpp-httplib's <httplib.h>: a synchronous HTTP client and server.
#ifndef MOCK_HTTPLIB_H
#define MOCK_HTTPLIB_H
#include <memory>
#include <string>

namespace httplib {

struct Response {
  int status = -1;
  std::string body;
};

class Result {
public:
  explicit operator bool() const { return res_ != nullptr; }
  const Response *operator->() const { return res_.get(); }

private:
  std::unique_ptr<Response> res_;
};

class ClientImpl {
public:
  explicit ClientImpl(const std::string &host) {}
  Result Get(const std::string &path) { return {}; }
  Result Post(const std::string &path, const std::string &body,
              const std::string &content_type) {
    return {};
  }
  Result Delete(const std::string &path) { return {}; }
};

class Client {
public:
  explicit Client(const std::string &scheme_host_port) {}
  Result Get(const std::string &path) { return {}; }
  void stop() {}
  Result Post(const std::string &path, const std::string &body,
              const std::string &content_type) {
    return {};
  }
  Result Put(const std::string &path, const std::string &body,
             const std::string &content_type) {
    return {};
  }
  Result Delete(const std::string &path) { return {}; }
  bool is_valid() const { return true; }
};

class SSLClient : public ClientImpl {
public:
  explicit SSLClient(const std::string &host) : ClientImpl(host) {}
};

class Server {
public:
  bool listen(const std::string &host, int port, int socket_flags = 0) {
    return true;
  }
  void stop() {}
};

} // namespace httplib

#endif
