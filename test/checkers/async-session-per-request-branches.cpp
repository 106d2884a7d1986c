// RUN: %check_async %s async-session-per-request %t
// RUN: %check_async -check-suffixes=,STRICT %s async-session-per-request %t-strict \
// RUN:   -config="{CheckOptions: {async-session-per-request.StrictMode: true}}"

// A session object built under a once-per-object guard runs once per object,
// not once per call: `if (!inited_) init();` where the guarded code sets
// `inited_ = true`, or `if (inited_) return;` at the top of a function that
// then sets it (yalantinglibs' coro_http_client sets up TLS this way). A
// branch that depends on the request or the configuration is still taken per
// request (proxy's DoH upstream): reported. Under StrictMode the guarded
// constructions are reported too.

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <memory>
#include <string>
#include <vector>

namespace net = boost::asio;
namespace ssl = net::ssl;

struct client {
  bool has_init_ssl = false;
  std::unique_ptr<ssl::context> tls;

  bool init_ssl() {
    tls = std::make_unique<ssl::context>(ssl::context::tls_client);
    // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:11: warning: a new 'boost::asio::ssl::context' is created on every call of 'init_ssl', which runs once per item; each one loads its certificates and TLS settings again [async-session-per-request]
    // CHECK-NOTES-STRICT: :[[@LINE-2]]:11: warning: a new 'boost::asio::ssl::context' is created on every call of 'init_ssl', which runs once per item; each one loads its certificates and TLS settings again [async-session-per-request]
    // CHECK-NOTES-STRICT: :[[@LINE+51]]:5: note: 'connect' is called here inside a loop
    // CHECK-NOTES-STRICT: :[[@LINE+12]]:42: note: 'handshake' is called here
    // CHECK-NOTES-STRICT: :[[@LINE+8]]:7: note: 'init_ssl' is called here
    // CHECK-NOTES-STRICT: :[[@LINE-6]]:11: note: create one for the program's lifetime and pass it in by reference
    has_init_ssl = true;
    return true;
  }

  void handshake() {
    if (!has_init_ssl)
      init_ssl();
  }

  void connect(const std::string &url) { handshake(); }
};

// The other shape: the function returns at once when the flag is set.
struct lazy_client {
  bool inited = false;
  std::unique_ptr<ssl::context> tls;
  void ensure_tls() {
    if (inited)
      return;
    tls = std::make_unique<ssl::context>(ssl::context::tls_client);
    // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:11: warning: a new 'boost::asio::ssl::context' is created on every call of 'ensure_tls', which runs once per item; each one loads its certificates and TLS settings again [async-session-per-request]
    // CHECK-NOTES-STRICT: :[[@LINE-2]]:11: warning: a new 'boost::asio::ssl::context' is created on every call of 'ensure_tls', which runs once per item; each one loads its certificates and TLS settings again [async-session-per-request]
    // CHECK-NOTES-STRICT: :[[@LINE+27]]:5: note: 'connect' is called here inside a loop
    // CHECK-NOTES-STRICT: :[[@LINE+4]]:42: note: 'ensure_tls' is called here
    // CHECK-NOTES-STRICT: :[[@LINE-5]]:11: note: create one for the program's lifetime and pass it in by reference
    inited = true;
  }
  void connect(const std::string &url) { ensure_tls(); }
};

// The same set-up in a branch the configuration decides: per call.
struct upstream_client {
  bool use_tls = false;
  void connect(const std::string &url) {
    if (use_tls) {
      ssl::context tls(ssl::context::tls_client);
      // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: a new 'boost::asio::ssl::context' is created on every call of 'connect', which runs once per item; each one loads its certificates and TLS settings again [async-session-per-request]
      // CHECK-NOTES: :[[@LINE-2]]:20: warning: a new 'boost::asio::ssl::context' is created on every call of 'connect', which runs once per item; each one loads its certificates and TLS settings again [async-session-per-request]
      // CHECK-NOTES: :[[@LINE+13]]:5: note: 'connect' is called here inside a loop
      // CHECK-NOTES: :[[@LINE-4]]:20: note: create one for the program's lifetime and pass it in by reference
    }
  }
};

void connect_all(const std::vector<std::string> &urls) {
  for (const std::string &url : urls) {
    client c;
    c.connect(url);
    lazy_client l;
    l.connect(url);
    upstream_client u;
    u.connect(url);
  }
}
