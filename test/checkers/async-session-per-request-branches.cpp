// RUN: %check_async %s async-session-per-request %t
// RUN: %check_async -check-suffixes=,STRICT %s async-session-per-request %t-strict \
// RUN:   -config="{CheckOptions: {async-session-per-request.StrictMode: true}}"

// Below the function a loop or spawner runs per request, a chain goes on
// only through what each function does whenever it runs: a call or a
// construction in one branch of a callee is something it may do (a client
// that sets up TLS only for an https URL, and only once per client). The
// root itself is what the loop or spawn repeats: its own calls and
// constructions count, in branches too.
// Under StrictMode the branches below the root count too.

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <memory>
#include <string>
#include <vector>

namespace net = boost::asio;
namespace ssl = net::ssl;

struct client {
  bool is_ssl = false;
  bool has_init_ssl = false;
  std::unique_ptr<ssl::context> tls;

  bool init_ssl() {
    tls = std::make_unique<ssl::context>(ssl::context::tls_client);
    // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:11: warning: a new 'boost::asio::ssl::context' is created on every call of 'init_ssl', which runs once per item; each one loads its certificates and TLS settings again [async-session-per-request]
    // CHECK-NOTES-STRICT: :[[@LINE-2]]:11: warning: a new 'boost::asio::ssl::context' is created on every call of 'init_ssl', which runs once per item; each one loads its certificates and TLS settings again [async-session-per-request]
    // CHECK-NOTES-STRICT: :[[@LINE+31]]:5: note: 'connect' is called here inside a loop
    // CHECK-NOTES-STRICT: :[[@LINE+13]]:42: note: 'handshake' is called here
    // CHECK-NOTES-STRICT: :[[@LINE+9]]:7: note: 'init_ssl' is called here
    // CHECK-NOTES-STRICT: :[[@LINE-6]]:11: note: create one for the program's lifetime and pass it in by reference
    has_init_ssl = true;
    return true;
  }

  // Builds a TLS context only for an https URL, once per client.
  void handshake() {
    if (is_ssl && !has_init_ssl)
      init_ssl();
  }

  void connect(const std::string &url) { handshake(); }
};

// The same set-up made on every call: reported through the same chain.
struct eager_client {
  void connect(const std::string &url) {
    ssl::context tls(ssl::context::tls_client);
    // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: a new 'boost::asio::ssl::context' is created on every call of 'connect', which runs once per item; each one loads its certificates and TLS settings again [async-session-per-request]
    // CHECK-NOTES: :[[@LINE-2]]:18: warning: a new 'boost::asio::ssl::context' is created on every call of 'connect', which runs once per item; each one loads its certificates and TLS settings again [async-session-per-request]
    // CHECK-NOTES: :[[@LINE+10]]:5: note: 'connect' is called here inside a loop
    // CHECK-NOTES: :[[@LINE-4]]:18: note: create one for the program's lifetime and pass it in by reference
  }
};

void connect_all(const std::vector<std::string> &urls) {
  for (const std::string &url : urls) {
    client c;
    c.connect(url);
    eager_client e;
    e.connect(url);
  }
}

// The root's own branch: what the spawn repeats, for the requests that take
// it.
net::awaitable<void> serve(net::ip::tcp::socket socket, bool secure) {
  if (secure) {
    ssl::context tls(ssl::context::tlsv12_server);
    // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: a new 'boost::asio::ssl::context' is created on every call of 'serve', which runs once per request; each one loads its certificates and TLS settings again [async-session-per-request]
    // CHECK-NOTES: :[[@LINE-2]]:18: warning: a new 'boost::asio::ssl::context' is created on every call of 'serve', which runs once per request; each one loads its certificates and TLS settings again [async-session-per-request]
    // CHECK-NOTES: :[[@LINE+10]]:29: note: 'serve' is handed to 'boost::asio::co_spawn' here
    // CHECK-NOTES: :[[@LINE-4]]:18: note: create one for the program's lifetime and pass it in by reference
  }
  co_return;
}

net::awaitable<void> listener(net::ip::tcp::acceptor &acceptor) {
  auto executor = co_await net::this_coro::executor;
  for (;;) {
    auto socket = co_await acceptor.async_accept(net::use_awaitable);
    net::co_spawn(executor, serve(std::move(socket), true), net::detached);
  }
}
