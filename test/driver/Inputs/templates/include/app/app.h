// A web server split over files, as real ones are: the coroutine that serves
// a connection is a member function template; what it calls ends, through a
// virtual function whose only override is a member of a class template, in
// a blocking wait; and the client each connection builds creates a TLS
// context in its constructor's member initializer.
#pragma once
#include <asio.hpp>
#include <asio/ssl.hpp>
#include <chrono>
#include <future>

namespace app {

class endpoint_base {
public:
  virtual ~endpoint_base() = default;
  virtual void call() = 0;
};

template <class Stream> class endpoint : public endpoint_base {
public:
  void call() override {
    std::future<void> done = std::async(std::launch::async, [] {});
    done.wait_for(std::chrono::seconds(3));
  }
  Stream *stream = nullptr;
};

class manager {
public:
  void stop();
  endpoint_base *ep = nullptr;
};

void handle_request(manager &m);

class tls_client {
public:
  tls_client();

private:
  asio::ssl::context ctx;
};

} // namespace app
