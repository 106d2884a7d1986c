// async-session-per-request over the real Boost.Asio (with SSL), OpenSSL and
// libcurl headers.
// RUN: %check_async -real-headers -fix-notes %s async-session-per-request %t

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <curl/curl.h>
#include <openssl/ssl.h>
#include <string>
#include <vector>

namespace net = boost::asio;
namespace ssl = net::ssl;
using net::ip::tcp;

net::awaitable<void> handle(tcp::socket socket) {
  ssl::context tls(ssl::context::tls_server);
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: a new 'boost::asio::ssl::context' is created on every call of 'handle', which runs once per request; each one loads its certificates and TLS settings again [async-session-per-request]
  // CHECK-NOTES: :[[@LINE-2]]:16: warning: a new 'boost::asio::ssl::context' is created on every call of 'handle', which runs once per request; each one loads its certificates and TLS settings again [async-session-per-request]
  // CHECK-NOTES: :[[@LINE+10]]:29: note: 'handle' is handed to 'boost::asio::co_spawn' here
  // CHECK-NOTES: :[[@LINE-4]]:16: note: create one for the program's lifetime and pass it in by reference
  ssl::stream<tcp::socket> stream(std::move(socket), tls);
  co_await stream.async_handshake(ssl::stream_base::server, net::use_awaitable);
}

net::awaitable<void> listen(tcp::acceptor acceptor) {
  auto executor = co_await net::this_coro::executor;
  for (;;) {
    tcp::socket socket = co_await acceptor.async_accept(net::use_awaitable);
    net::co_spawn(executor, handle(std::move(socket)), net::detached);
  }
}

void download(const std::vector<std::string> &urls) {
  for (const auto &url : urls) {
    CURL *curl = curl_easy_init();
    // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'curl_easy_init' is called on every loop iteration; each handle has its own connection cache, so keep-alive is lost [async-session-per-request]
    // CHECK-NOTES: :[[@LINE-2]]:18: warning: 'curl_easy_init' is called on every loop iteration; each handle has its own connection cache, so keep-alive is lost [async-session-per-request]
    // CHECK-NOTES: :[[@LINE-3]]:18: note: create one for the program's lifetime and pass it in by reference
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_perform(curl);
    curl_easy_cleanup(curl);
    SSL_CTX *raw = SSL_CTX_new(TLS_client_method());
    // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: 'SSL_CTX_new' is called on every loop iteration; each one loads its certificates and TLS settings again [async-session-per-request]
    // CHECK-NOTES: :[[@LINE-2]]:20: warning: 'SSL_CTX_new' is called on every loop iteration; each one loads its certificates and TLS settings again [async-session-per-request]
    // CHECK-NOTES: :[[@LINE-3]]:20: note: create one for the program's lifetime and pass it in by reference
    SSL_CTX_free(raw);
  }
}

// Not flagged: each iteration builds an event loop and runs it to
// completion, a self-contained run (table-driven tests do this).
void run_each(int n) {
  for (int i = 0; i < n; ++i) {
    net::io_context io_context(1);
    io_context.run();
  }
}

// An event loop built per iteration and handed on is reported, but never
// hoisted: an io_context stays stopped once run() returns, so a hoisted one
// would behave differently from the second iteration on.
void resolve_each(const std::vector<std::string> &hosts) {
  for (const auto &host : hosts) {
    net::io_context io_context(1);
    // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: a new 'boost::asio::io_context' is created on every loop iteration; each one is a whole event loop [async-session-per-request]
    // CHECK-NOTES: :[[@LINE-2]]:21: warning: a new 'boost::asio::io_context' is created on every loop iteration; each one is a whole event loop [async-session-per-request]
    // CHECK-NOTES: :[[@LINE-3]]:21: note: create one for the program's lifetime and pass it in by reference
    tcp::resolver resolver(io_context);
    resolver.resolve(host, "https");
  }
}

// Not flagged: the official shape, one io_context and one context in main.
int main() {
  net::io_context io_context(1);
  ssl::context tls(ssl::context::tls_client);
  curl_global_init(CURL_GLOBAL_DEFAULT);
  CURL *curl = curl_easy_init();
  download({"https://example.com"});
  curl_easy_cleanup(curl);
  net::co_spawn(io_context, listen(tcp::acceptor(io_context, {tcp::v4(), 8443})),
                net::detached);
  io_context.run();
}
