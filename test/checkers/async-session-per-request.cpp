// RUN: %check_async -fix-notes %s async-session-per-request %t

#include <aws/s3/S3Client.h>
#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <cpprest/http_client.h>
#include <cpr/cpr.h>
#include <drogon/HttpClient.h>
#include <future>
#include <httplib.h>
#include <memory>
#include <pqxx/pqxx>
#include <string>
#include <thread>
#include <vector>

namespace net = boost::asio;
namespace ssl = net::ssl;

// ---------------------------------------------------------------------------
// Rule 1: built inside a loop body, in any function.

void hoistable(const std::vector<std::string> &urls) {
  for (const auto &url : urls) {
    cpr::Session session;
    // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: a new 'cpr::Session' is created on every loop iteration; each session has its own connection pool, so keep-alive is lost [async-session-per-request]
    // CHECK-NOTES: :[[@LINE-2]]:18: warning: a new 'cpr::Session' is created on every loop iteration; each session has its own connection pool, so keep-alive is lost [async-session-per-request]
    // CHECK-NOTES: :[[@LINE-3]]:18: note: create it once, before the loop
    session.SetUrl(cpr::Url{url});
    session.Get();
  }
  // CHECK-FIXES: cpr::Session session;
  // CHECK-FIXES-NEXT: for (const auto &url : urls) {
  // CHECK-FIXES: session.SetUrl(cpr::Url{url});
}

void hoist_with_invariant_arguments(int rounds, const std::string &dsn) {
  int i = 0;
  while (i < rounds) {
    ssl::context tls(ssl::context::tlsv12_client);
    // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: a new 'boost::asio::ssl::context' is created on every loop iteration; each one loads its certificates and TLS settings again [async-session-per-request]
    // CHECK-NOTES: :[[@LINE-2]]:18: warning: a new 'boost::asio::ssl::context' is created on every loop iteration; each one loads its certificates and TLS settings again [async-session-per-request]
    // CHECK-NOTES: :[[@LINE-3]]:18: note: create it once, before the loop
    pqxx::connection db(dsn);
    // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: a new 'pqxx::basic_connection_base<pqxx::connect_direct>' is created on every loop iteration; each one opens a new database connection [async-session-per-request]
    // CHECK-NOTES: :[[@LINE-2]]:22: warning: a new 'pqxx::basic_connection_base<pqxx::connect_direct>' is created on every loop iteration; each one opens a new database connection [async-session-per-request]
    // CHECK-NOTES: :[[@LINE-3]]:22: note: create it once, before the loop
    tls.set_default_verify_paths();
    ++i;
  }
  // CHECK-FIXES: ssl::context tls(ssl::context::tlsv12_client);
  // CHECK-FIXES-NEXT: pqxx::connection db(dsn);
  // CHECK-FIXES-NEXT: while (i < rounds) {
  // CHECK-FIXES: tls.set_default_verify_paths();
}

// Not flagged: one client per host, kept in a container that outlives the
// loop: the loop builds a pool of long-lived clients, it does not make one
// per request.
void client_per_host(const std::vector<std::string> &hosts,
                     std::vector<web::http::client::http_client> &out) {
  for (const auto &host : hosts) {
    web::http::client::http_client client(host);
    out.push_back(std::move(client));
  }
}

// Not flagged: a pool that keeps one event loop per worker thread, built in
// its constructor (async_simple's io_context_pool demo).
class io_context_pool {
public:
  explicit io_context_pool(std::size_t size) {
    for (std::size_t i = 0; i < size; ++i) {
      auto context = std::make_shared<net::io_context>();
      contexts_.push_back(context);
    }
  }

private:
  std::vector<std::shared_ptr<net::io_context>> contexts_;
};
// The same with the pointer made from a new-expression (yalantinglibs'
// io_context_pool): the variable holds what `new` builds.
class raw_context_pool {
public:
  explicit raw_context_pool(std::size_t size) {
    for (std::size_t i = 0; i < size; ++i) {
      std::shared_ptr<net::io_context> context(new net::io_context());
      contexts_.push_back(context);
    }
  }
  // ... while one that is built and dropped in each iteration is per item.
  void probe(std::size_t size) {
    for (std::size_t i = 0; i < size; ++i) {
      std::shared_ptr<net::io_context> context(new net::io_context());
      // CHECK-MESSAGES: :[[@LINE-1]]:52: warning: a new 'boost::asio::io_context' is created on every loop iteration; each one is a whole event loop [async-session-per-request]
      // CHECK-NOTES: :[[@LINE-2]]:52: warning: a new 'boost::asio::io_context' is created on every loop iteration; each one is a whole event loop [async-session-per-request]
      // CHECK-NOTES: :[[@LINE-3]]:52: note: create one for the program's lifetime and pass it in by reference
      (void)context;
    }
  }

private:
  std::vector<std::shared_ptr<net::io_context>> contexts_;
};

// Not flagged: a loop whose body always leaves it runs once.
void connect_once(const std::string &host) {
  for (;;) {
    httplib::Client cli(host);
    cli.Get("/health");
    break;
  }
}

// Not flagged: table-driven test cases, each with its own event loop that it
// runs to completion.
void run_cases(const std::vector<int> &cases) {
  for (int c : cases) {
    net::io_context context;
    net::post(context, [c] { (void)c; });
    context.run();
  }
}

// An event loop that is not run in the iteration is reported, but never
// hoisted: once run, an io_context stays stopped until restarted, so a
// hoisted one behaves differently in the next iteration.
void resolve_each(const std::vector<std::string> &hosts) {
  for (const auto &host : hosts) {
    net::io_context context;
    // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: a new 'boost::asio::io_context' is created on every loop iteration; each one is a whole event loop [async-session-per-request]
    // CHECK-NOTES: :[[@LINE-2]]:21: warning: a new 'boost::asio::io_context' is created on every loop iteration; each one is a whole event loop [async-session-per-request]
    // CHECK-NOTES: :[[@LINE-3]]:21: note: create one for the program's lifetime and pass it in by reference
    net::post(context, [host] { (void)host; });
  }
}

// A client stopped at the end of each iteration is reported, but not hoisted:
// the hoisted client would start the next iteration stopped.
void stop_each(const std::vector<std::string> &paths) {
  for (const auto &path : paths) {
    httplib::Client cli("http://localhost");
    // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: a new 'httplib::Client' is created on every loop iteration; each client opens its own connection, so keep-alive is lost [async-session-per-request]
    // CHECK-NOTES: :[[@LINE-2]]:21: warning: a new 'httplib::Client' is created on every loop iteration; each client opens its own connection, so keep-alive is lost [async-session-per-request]
    // CHECK-NOTES: :[[@LINE-3]]:21: note: create one for the program's lifetime and pass it in by reference
    cli.Get(path);
    cli.stop();
  }
}

// Not hoisted: the argument changes every iteration, the object is moved
// away, or the name is already taken before the loop.
void send_once(web::http::client::http_client client);
void not_hoistable(const std::vector<std::string> &hosts,
                   std::vector<web::http::client::http_client> &out) {
  for (const auto &host : hosts) {
    web::http::client::http_client client(host);
    // CHECK-MESSAGES: :[[@LINE-1]]:36: warning: a new 'web::http::client::http_client' is created on every loop iteration; each client has its own connection pool [async-session-per-request]
    // CHECK-NOTES: :[[@LINE-2]]:36: warning: a new 'web::http::client::http_client' is created on every loop iteration; each client has its own connection pool [async-session-per-request]
    // CHECK-NOTES: :[[@LINE-3]]:36: note: create one for the program's lifetime and pass it in by reference
    send_once(std::move(client));
  }
  int session = 0;
  do {
    cpr::Session session;
    // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: a new 'cpr::Session' is created on every loop iteration; each session has its own connection pool, so keep-alive is lost [async-session-per-request]
    // CHECK-NOTES: :[[@LINE-2]]:18: warning: a new 'cpr::Session' is created on every loop iteration; each session has its own connection pool, so keep-alive is lost [async-session-per-request]
    // CHECK-NOTES: :[[@LINE-3]]:18: note: create one for the program's lifetime and pass it in by reference
    session.Get();
  } while (++session < 3);
}

// Temporaries, new, make_shared/make_unique and factories count too.
void other_forms(int n) {
  for (int i = 0; i < n; ++i) {
    cpr::Session().Get();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: a new 'cpr::Session' is created on every loop iteration; each session has its own connection pool, so keep-alive is lost [async-session-per-request]
    // CHECK-NOTES: :[[@LINE-2]]:5: warning: a new 'cpr::Session' is created on every loop iteration; each session has its own connection pool, so keep-alive is lost [async-session-per-request]
    // CHECK-NOTES: :[[@LINE-3]]:5: note: create one for the program's lifetime and pass it in by reference
    auto context = std::make_shared<ssl::context>(ssl::context::tls_client);
    // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: a new 'boost::asio::ssl::context' is created on every loop iteration; each one loads its certificates and TLS settings again [async-session-per-request]
    // CHECK-NOTES: :[[@LINE-2]]:20: warning: a new 'boost::asio::ssl::context' is created on every loop iteration; each one loads its certificates and TLS settings again [async-session-per-request]
    // CHECK-NOTES: :[[@LINE-3]]:20: note: create one for the program's lifetime and pass it in by reference
    auto loop = std::make_unique<net::io_context>();
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: a new 'boost::asio::io_context' is created on every loop iteration; each one is a whole event loop [async-session-per-request]
    // CHECK-NOTES: :[[@LINE-2]]:17: warning: a new 'boost::asio::io_context' is created on every loop iteration; each one is a whole event loop [async-session-per-request]
    // CHECK-NOTES: :[[@LINE-3]]:17: note: create one for the program's lifetime and pass it in by reference
    auto client = drogon::HttpClient::newHttpClient("http://example.com");
    // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: 'drogon::HttpClient::newHttpClient' is called on every loop iteration; each client has its own connection pool [async-session-per-request]
    // CHECK-NOTES: :[[@LINE-2]]:19: warning: 'drogon::HttpClient::newHttpClient' is called on every loop iteration; each client has its own connection pool [async-session-per-request]
    // CHECK-NOTES: :[[@LINE-3]]:19: note: create one for the program's lifetime and pass it in by reference
    Aws::S3::S3Client s3(Aws::Client::ClientConfiguration{});
    // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: a new 'Aws::S3::S3Client' is created on every loop iteration; each client sets up its own HTTP stack and credentials [async-session-per-request]
    // CHECK-NOTES: :[[@LINE-2]]:23: warning: a new 'Aws::S3::S3Client' is created on every loop iteration; each client sets up its own HTTP stack and credentials [async-session-per-request]
    // CHECK-NOTES: :[[@LINE-3]]:23: note: create it once, before the loop
  }
  // CHECK-FIXES: Aws::S3::S3Client s3(Aws::Client::ClientConfiguration{});
  // CHECK-FIXES-NEXT: for (int i = 0; i < n; ++i) {
}

// ---------------------------------------------------------------------------
// Rule 2: a local of a function that runs once per item or per request.

std::string fetch_one(const std::string &url) {
  cpr::Session session;
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: a new 'cpr::Session' is created on every call of 'fetch_one', which runs once per item; each session has its own connection pool, so keep-alive is lost [async-session-per-request]
  // CHECK-NOTES: :[[@LINE-2]]:16: warning: a new 'cpr::Session' is created on every call of 'fetch_one', which runs once per item; each session has its own connection pool, so keep-alive is lost [async-session-per-request]
  // CHECK-NOTES: :[[@LINE+9]]:21: note: 'fetch_one' is called here inside a loop
  // CHECK-NOTES: :[[@LINE-4]]:16: note: create one for the program's lifetime and pass it in by reference
  session.SetUrl(cpr::Url{url});
  return session.Get().text;
}

std::vector<std::string> fetch_all(const std::vector<std::string> &urls) {
  std::vector<std::string> pages;
  for (const auto &url : urls)
    pages.push_back(fetch_one(url));
  return pages;
}

net::awaitable<void> serve(net::ip::tcp::socket socket) {
  ssl::context tls(ssl::context::tlsv12_server);
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: a new 'boost::asio::ssl::context' is created on every call of 'serve', which runs once per request; each one loads its certificates and TLS settings again [async-session-per-request]
  // CHECK-NOTES: :[[@LINE-2]]:16: warning: a new 'boost::asio::ssl::context' is created on every call of 'serve', which runs once per request; each one loads its certificates and TLS settings again [async-session-per-request]
  // CHECK-NOTES: :[[@LINE+9]]:29: note: 'serve' is handed to 'boost::asio::co_spawn' here
  // CHECK-NOTES: :[[@LINE-4]]:16: note: create one for the program's lifetime and pass it in by reference
  co_return;
}

net::awaitable<void> listener(net::ip::tcp::acceptor &acceptor) {
  auto executor = co_await net::this_coro::executor;
  for (;;) {
    auto socket = co_await acceptor.async_accept(net::use_awaitable);
    net::co_spawn(executor, serve(std::move(socket)), net::detached);
  }
}

// Any depth below the spawn: the flow is spawned per connection, and the
// handshake it awaits builds a TLS context every time.
net::awaitable<void> upstream_handshake(net::ip::tcp::socket &socket) {
  ssl::context upstream(ssl::context::tls_client);
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: a new 'boost::asio::ssl::context' is created on every call of 'upstream_handshake', which runs once per request; each one loads its certificates and TLS settings again [async-session-per-request]
  // CHECK-NOTES: :[[@LINE-2]]:16: warning: a new 'boost::asio::ssl::context' is created on every call of 'upstream_handshake', which runs once per request; each one loads its certificates and TLS settings again [async-session-per-request]
  // CHECK-NOTES: :[[@LINE+22]]:29: note: 'flow' is handed to 'boost::asio::co_spawn' here
  // CHECK-NOTES: :[[@LINE+12]]:12: note: 'upstream_handshake' is called here
  // CHECK-NOTES: :[[@LINE-5]]:16: note: create one for the program's lifetime and pass it in by reference
  co_return;
}

// Not flagged: built once, in a static local, however often it runs.
ssl::context &shared_tls() {
  static ssl::context shared(ssl::context::tls_client);
  return shared;
}

net::awaitable<void> flow(net::ip::tcp::socket socket) {
  co_await upstream_handshake(socket);
  shared_tls();
  co_return;
}

net::awaitable<void> accept_flows(net::ip::tcp::acceptor &acceptor) {
  auto executor = co_await net::this_coro::executor;
  for (;;) {
    auto socket = co_await acceptor.async_accept(net::use_awaitable);
    net::co_spawn(executor, flow(std::move(socket)), net::detached);
  }
}

// Not flagged: start-up code. main() configures each listener in a loop;
// what that configuration calls runs once per listener, at start-up.
void load_tls(ssl::context::method method) {
  ssl::context tls(method);
  (void)tls;
}
void configure_listener(int) { load_tls(ssl::context::tls_server); }

void worker(int id) {
  net::io_context loop;
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: a new 'boost::asio::io_context' is created on every call of 'worker', which runs once per request; each one is a whole event loop [async-session-per-request]
  // CHECK-NOTES: :[[@LINE-2]]:19: warning: a new 'boost::asio::io_context' is created on every call of 'worker', which runs once per request; each one is a whole event loop [async-session-per-request]
  // CHECK-NOTES: :[[@LINE+14]]:48: note: 'worker' is handed to 'std::async' here
  // CHECK-NOTES: :[[@LINE-4]]:19: note: create one for the program's lifetime and pass it in by reference
  loop.run();
}

void start_jobs(const std::vector<int> &jobs) {
  for (int job : jobs) {
    std::thread t([] {
      pqxx::connection db("dbname=app");
      // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: a new 'pqxx::basic_connection_base<pqxx::connect_direct>' is created on every call of this lambda, which runs once per request; each one opens a new database connection [async-session-per-request]
      // CHECK-NOTES: :[[@LINE-2]]:24: warning: a new 'pqxx::basic_connection_base<pqxx::connect_direct>' is created on every call of this lambda, which runs once per request; each one opens a new database connection [async-session-per-request]
      // CHECK-NOTES: :[[@LINE-4]]:19: note: the lambda is handed to 'std::thread' here
      // CHECK-NOTES: :[[@LINE-4]]:24: note: create one for the program's lifetime and pass it in by reference
    });
    auto done = std::async(std::launch::async, worker, job);
    t.join();
  }
}

// What a spawn outside any loop starts runs as often as the function that
// spawns it: once, here. A thread started once at start-up, and a program's
// main coroutine spawned once, build their clients once.
void start_once() {
  std::thread t([] {
    pqxx::connection db("dbname=app");
    (void)db;
  });
  t.join();
}
net::awaitable<void> coro_main(net::ip::tcp::socket socket) {
  ssl::context tls(ssl::context::tls_client);
  co_return;
}
void main_impl(net::io_context &ctx) {
  net::co_spawn(ctx, coro_main(net::ip::tcp::socket(ctx)), net::detached);
  ctx.run();
}

// ... but a spawn outside a loop is a step of a chain like a call: a
// session spawned per connection that spawns a writer runs the writer once
// per connection too.
net::awaitable<void> connection(net::ip::tcp::socket socket) {
  auto executor = co_await net::this_coro::executor;
  net::co_spawn(
      executor,
      []() -> net::awaitable<void> {
        ssl::context writer_tls(ssl::context::tls_client);
        // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: a new 'boost::asio::ssl::context' is created on every call of this lambda, which runs once per request; each one loads its certificates and TLS settings again [async-session-per-request]
        // CHECK-NOTES: :[[@LINE-2]]:22: warning: a new 'boost::asio::ssl::context' is created on every call of this lambda, which runs once per request; each one loads its certificates and TLS settings again [async-session-per-request]
        // CHECK-NOTES: :[[@LINE+12]]:29: note: 'connection' is handed to 'boost::asio::co_spawn' here
        // CHECK-NOTES: :[[@LINE-5]]:7: note: the lambda is handed to 'boost::asio::co_spawn' here
        // CHECK-NOTES: :[[@LINE-5]]:22: note: create one for the program's lifetime and pass it in by reference
        co_return;
      },
      net::detached);
  co_return;
}
net::awaitable<void> accept_connections(net::ip::tcp::acceptor &acceptor) {
  auto executor = co_await net::this_coro::executor;
  for (;;) {
    auto socket = co_await acceptor.async_accept(net::use_awaitable);
    net::co_spawn(executor, connection(std::move(socket)), net::detached);
  }
}

// Constructing an object runs its constructor: a client class that builds
// its TLS context in a member initializer, or in a default member
// initializer, builds one per connection when a connection constructs it.
struct TlsClient {
  explicit TlsClient(int retries) : tls(ssl::context::tls_client), retries(retries) {}
  // CHECK-MESSAGES: :[[@LINE-1]]:37: warning: a new 'boost::asio::ssl::context' is created on every construction of 'TlsClient', which runs once per request; each one loads its certificates and TLS settings again [async-session-per-request]
  // CHECK-NOTES: :[[@LINE-2]]:37: warning: a new 'boost::asio::ssl::context' is created on every construction of 'TlsClient', which runs once per request; each one loads its certificates and TLS settings again [async-session-per-request]
  // CHECK-NOTES: :[[@LINE+23]]:29: note: 'upstream' is handed to 'boost::asio::co_spawn' here
  // CHECK-NOTES: :[[@LINE+14]]:13: note: 'TlsClient' is constructed here
  // CHECK-NOTES: :[[@LINE-5]]:37: note: create one for the program's lifetime and pass it in by reference
  ssl::context tls;
  int retries;
};
struct PooledClient {
  ssl::context tls{ssl::context::tls_client};
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: a new 'boost::asio::ssl::context' is created on every construction of 'PooledClient', which runs once per request; each one loads its certificates and TLS settings again [async-session-per-request]
  // CHECK-NOTES: :[[@LINE-2]]:19: warning: a new 'boost::asio::ssl::context' is created on every construction of 'PooledClient', which runs once per request; each one loads its certificates and TLS settings again [async-session-per-request]
  // CHECK-NOTES: :[[@LINE+13]]:29: note: 'upstream' is handed to 'boost::asio::co_spawn' here
  // CHECK-NOTES: :[[@LINE+5]]:16: note: 'PooledClient' is constructed here
  // CHECK-NOTES: :[[@LINE-5]]:19: note: create one for the program's lifetime and pass it in by reference
};
net::awaitable<void> upstream(net::ip::tcp::socket socket) {
  TlsClient client(3);
  PooledClient pooled;
  co_return;
}
net::awaitable<void> accept_upstreams(net::ip::tcp::acceptor &acceptor) {
  auto executor = co_await net::this_coro::executor;
  for (;;) {
    auto socket = co_await acceptor.async_accept(net::use_awaitable);
    net::co_spawn(executor, upstream(std::move(socket)), net::detached);
  }
}
// An object that runs the event loop it holds, in a thread of its own, is a
// server or a test fixture with its own loop: built per case, it is not a
// client built per request ...
class echo_fixture {
public:
  echo_fixture() { thread_ = std::thread([this] { ioc_.run(); }); }
  ~echo_fixture() { thread_.join(); }

private:
  net::io_context ioc_;
  std::thread thread_;
};
// ... while an object that only borrows its loop's executor builds a whole
// event loop for nothing on each construction.
class resolving_client {
public:
  resolving_client() = default;

private:
  std::string host_;
  net::io_context ioc_;
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: a new 'boost::asio::io_context' is created on every construction of 'resolving_client', which runs once per item; each one is a whole event loop [async-session-per-request]
  // CHECK-NOTES: :[[@LINE-2]]:19: warning: a new 'boost::asio::io_context' is created on every construction of 'resolving_client', which runs once per item; each one is a whole event loop [async-session-per-request]
  // CHECK-NOTES: :[[@LINE+9]]:22: note: 'resolving_client' is constructed here inside a loop
  // CHECK-NOTES: :[[@LINE-4]]:19: note: create one for the program's lifetime and pass it in by reference
};
void run_fixtures(const std::vector<int> &cases) {
  for (int c : cases) {
    echo_fixture fixture;
    (void)c;
  }
  for (int c : cases) {
    resolving_client client;
    (void)c;
  }
}

// A class built once, at start-up, builds its member once.
struct Service {
  Service() : tls(ssl::context::tls_server) {}
  ssl::context tls;
};
int run_service() {
  Service service;
  return 0;
}

// A loop that runs once (`do ... while (0)` around a connect with retries
// written as breaks) builds its object once per run of its function ...
net::awaitable<void> connect_once(net::ip::tcp::socket &socket) {
  do {
    ssl::context tls(ssl::context::tls_client);
    (void)tls;
  } while (0);
  co_return;
}
// ... but inside a loop over items it is per item all the same.
void connect_each(const std::vector<std::string> &hosts) {
  for (const auto &host : hosts) {
    do {
      ssl::context tls(ssl::context::tls_client);
      // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: a new 'boost::asio::ssl::context' is created on every loop iteration; each one loads its certificates and TLS settings again [async-session-per-request]
      // CHECK-NOTES: :[[@LINE-2]]:20: warning: a new 'boost::asio::ssl::context' is created on every loop iteration; each one loads its certificates and TLS settings again [async-session-per-request]
      // CHECK-NOTES: :[[@LINE-3]]:20: note: create one for the program's lifetime and pass it in by reference
      (void)host;
    } while (0);
  }
}

// A loop whose count the code fixes at a handful is a table of cases, each
// with its own fixture ...
void two_cases() {
  for (int i = 0; i < 2; ++i) {
    net::io_context ioc;
    (void)ioc;
  }
  for (const char *name : {"sync", "async"}) {
    net::io_context ioc;
    (void)name;
  }
}
// ... not when the count is large, unknown, or changed in the body.
void many_cases(int n) {
  for (int i = 0; i < 100; ++i) {
    httplib::Client client("http://localhost:8080");
    // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: a new 'httplib::Client' is created on every loop iteration; each client opens its own connection, so keep-alive is lost [async-session-per-request]
    // CHECK-NOTES: :[[@LINE-2]]:21: warning: a new 'httplib::Client' is created on every loop iteration; each client opens its own connection, so keep-alive is lost [async-session-per-request]
    // CHECK-NOTES: :[[@LINE-3]]:21: note: create it once, before the loop
    client.Get("/");
  }
  // CHECK-FIXES: void many_cases(int n) {
  // CHECK-FIXES-NEXT: httplib::Client client("http://localhost:8080");
  // CHECK-FIXES-NEXT: for (int i = 0; i < 100; ++i) {
  for (int i = 0; i < 2; ++i) {
    httplib::Client other("http://localhost:8080");
    // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: a new 'httplib::Client' is created on every loop iteration; each client opens its own connection, so keep-alive is lost [async-session-per-request]
    // CHECK-NOTES: :[[@LINE-2]]:21: warning: a new 'httplib::Client' is created on every loop iteration; each client opens its own connection, so keep-alive is lost [async-session-per-request]
    // CHECK-NOTES: :[[@LINE-3]]:21: note: create it once, before the loop
    other.Get("/");
    i = n;
  }
  // CHECK-FIXES: httplib::Client other("http://localhost:8080");
  // CHECK-FIXES-NEXT: for (int i = 0; i < 2; ++i) {
}

// A loop that awaits a timer on every iteration is a periodic task (a
// certificate reload every tick): its cost is per period, not per request.
ssl::context reload_certificates() {
  ssl::context tls(ssl::context::tls_server);
  return tls;
}
net::awaitable<void> certificate_loop(bool &stopped) {
  net::steady_timer timer(co_await net::this_coro::executor);
  while (!stopped) {
    timer.expires_after(std::chrono::seconds(1));
    co_await timer.async_wait(net::use_awaitable);
    reload_certificates();
  }
}
// A wait in a branch does not pace every iteration.
ssl::context reload_when_asked() {
  ssl::context tls(ssl::context::tls_server);
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: a new 'boost::asio::ssl::context' is created on every call of 'reload_when_asked', which runs once per item; each one loads its certificates and TLS settings again [async-session-per-request]
  // CHECK-NOTES: :[[@LINE-2]]:16: warning: a new 'boost::asio::ssl::context' is created on every call of 'reload_when_asked', which runs once per item; each one loads its certificates and TLS settings again [async-session-per-request]
  // CHECK-NOTES: :[[@LINE+13]]:5: note: 'reload_when_asked' is called here inside a loop
  // CHECK-NOTES: :[[@LINE-4]]:16: note: create one for the program's lifetime and pass it in by reference
  return tls;
}
net::awaitable<void> reload_on_request(net::ip::tcp::socket &socket,
                                       bool idle) {
  net::steady_timer timer(co_await net::this_coro::executor);
  char data[64];
  for (;;) {
    if (idle)
      co_await timer.async_wait(net::use_awaitable);
    co_await socket.async_read_some(net::buffer(data, sizeof data),
                                    net::use_awaitable);
    reload_when_asked();
  }
}

// ---------------------------------------------------------------------------
// Not flagged.

// main runs once.
int main() {
  net::io_context io_context;
  ssl::context tls(ssl::context::tlsv12_client);
  for (int port = 0; port < 2; ++port)
    configure_listener(port);
  return 0;
}

// A function called once (not in a loop, not spawned).
cpr::Session make_session() { return cpr::Session(); }
void setup() {
  cpr::Session session = make_session();
  session.Get();
}

// Members, statics and globals are built once.
struct Client {
  cpr::Session session;
  ssl::context tls{ssl::context::tlsv12_client};
};
net::io_context global_context;
std::string fetch_cached(const std::string &url) {
  static cpr::Session session;
  session.SetUrl(cpr::Url{url});
  return session.Get().text;
}
void fetch_many(const std::vector<std::string> &urls) {
  for (const auto &url : urls) {
    fetch_cached(url);
    static cpr::Session shared;
    shared.Get();
  }
}

// A function that receives the session and only uses it.
std::string fetch_with(cpr::Session &session, const std::string &url) {
  session.SetUrl(cpr::Url{url});
  return session.Get().text;
}
void fetch_reusing(const std::vector<std::string> &urls) {
  cpr::Session session;
  for (const auto &url : urls)
    fetch_with(session, url);
}

// Moving or copying an existing session is not building one.
void keep(std::vector<cpr::Session> &pool, cpr::Session &&session, int n) {
  for (int i = 0; i < n; ++i)
    pool.push_back(std::move(session));
}
