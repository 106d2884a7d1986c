// The check over the real Boost.Asio and Beast headers (libboost1.81-dev)
// and OpenSSL's: the table's names must be the real declarations, the async_
// twins must exist, and every fix must compile against the real library.
// RUN: %check_async -fix-notes -real-headers %s async-blocking-call-in-coroutine %t

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <chrono>
#include <future>
#include <string>
#include <thread>

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using tcp = net::ip::tcp;
using namespace std::chrono_literals;

net::awaitable<void> echo(tcp::socket socket) {
  std::this_thread::sleep_for(100ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'std::this_thread::sleep_for' in a coroutine; sleeping stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-FIXES: co_await net::steady_timer(co_await net::this_coro::executor, 100ms).async_wait(net::use_awaitable);
  std::this_thread::sleep_until(std::chrono::system_clock::now() + 2s);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'std::this_thread::sleep_until' in a coroutine; sleeping stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-FIXES: co_await net::system_timer(co_await net::this_coro::executor, std::chrono::system_clock::now() + 2s).async_wait(net::use_awaitable);
  char data[1024];
  std::size_t n = socket.read_some(net::buffer(data));
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: blocking call to 'boost::asio::basic_stream_socket::read_some' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:26: warning: blocking call to 'boost::asio::basic_stream_socket::read_some' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:26: note: use the asynchronous 'async_read_some' with 'net::use_awaitable' instead
  // CHECK-FIXES: std::size_t n = co_await socket.async_read_some(net::buffer(data), net::use_awaitable);
  net::write(socket, net::buffer(data, n));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'boost::asio::write' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: blocking call to 'boost::asio::write' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: use the asynchronous 'async_write' with 'net::use_awaitable' instead
  // CHECK-FIXES: co_await net::async_write(socket, net::buffer(data, n), net::use_awaitable);
  boost::system::error_code ec;
  socket.read_some(net::buffer(data), ec);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: blocking call to 'boost::asio::basic_stream_socket::read_some' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:10: warning: blocking call to 'boost::asio::basic_stream_socket::read_some' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:10: note: use the asynchronous 'async_read_some' with 'net::use_awaitable' instead
  net::steady_timer timer(co_await net::this_coro::executor, 1s);
  timer.wait();
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: blocking call to 'boost::asio::basic_waitable_timer::wait' in a coroutine; sleeping stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:9: warning: blocking call to 'boost::asio::basic_waitable_timer::wait' in a coroutine; sleeping stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:9: note: use the asynchronous 'async_wait' with 'net::use_awaitable' instead
  // CHECK-FIXES: co_await timer.async_wait(net::use_awaitable);
}

net::awaitable<void> fetch(std::string host, std::future<int> &ready) {
  auto ex = co_await net::this_coro::executor;
  ready.wait();
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: blocking call to 'std::future::wait' in a coroutine; waiting for another thread stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:9: warning: blocking call to 'std::future::wait' in a coroutine; waiting for another thread stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:9: note: move the blocking call to a thread pool: 'co_await net::co_spawn(pool, [&]() -> net::awaitable<void> { <blocking call>; co_return; }, net::use_awaitable)'
  tcp::resolver resolver(ex);
  auto results = resolver.resolve(host, "80");
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: blocking call to 'boost::asio::ip::basic_resolver::resolve' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:27: warning: blocking call to 'boost::asio::ip::basic_resolver::resolve' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:27: note: use the asynchronous 'async_resolve' with 'net::use_awaitable' instead
  // CHECK-FIXES: auto results = co_await resolver.async_resolve(host, "80", net::use_awaitable);
  beast::tcp_stream stream(ex);
  stream.connect(results);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: blocking call to 'boost::beast::basic_stream::connect' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:10: warning: blocking call to 'boost::beast::basic_stream::connect' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:10: note: use the asynchronous 'async_connect' with 'net::use_awaitable' instead
  // CHECK-FIXES: co_await stream.async_connect(results, net::use_awaitable);
  http::request<http::string_body> req{http::verb::get, "/", 11};
  http::write(stream, req);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'boost::beast::http::write' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: blocking call to 'boost::beast::http::write' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: use the asynchronous 'async_write' with 'net::use_awaitable' instead
  // CHECK-FIXES: co_await http::async_write(stream, req, net::use_awaitable);
  beast::flat_buffer buffer;
  http::response<http::string_body> res;
  http::read(stream, buffer, res);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'boost::beast::http::read' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: blocking call to 'boost::beast::http::read' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: use the asynchronous 'async_read' with 'net::use_awaitable' instead
  // CHECK-FIXES: co_await http::async_read(stream, buffer, res, net::use_awaitable);

  websocket::stream<beast::tcp_stream> ws(ex);
  ws.handshake(host, "/");
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: blocking call to 'boost::beast::websocket::stream::handshake' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:6: warning: blocking call to 'boost::beast::websocket::stream::handshake' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:6: note: use the asynchronous 'async_handshake' with 'net::use_awaitable' instead
  // CHECK-FIXES: co_await ws.async_handshake(host, "/", net::use_awaitable);
  ws.write(net::buffer(std::string("hello")));
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: blocking call to 'boost::beast::websocket::stream::write' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:6: warning: blocking call to 'boost::beast::websocket::stream::write' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:6: note: use the asynchronous 'async_write' with 'net::use_awaitable' instead
  // CHECK-FIXES: co_await ws.async_write(net::buffer(std::string("hello")), net::use_awaitable);
  ws.read(buffer);
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: blocking call to 'boost::beast::websocket::stream::read' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:6: warning: blocking call to 'boost::beast::websocket::stream::read' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:6: note: use the asynchronous 'async_read' with 'net::use_awaitable' instead
  // CHECK-FIXES: co_await ws.async_read(buffer, net::use_awaitable);

  net::ssl::context ctx(net::ssl::context::tls_client);
  net::ssl::stream<tcp::socket> tls(ex, ctx);
  tls.handshake(net::ssl::stream_base::client);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: blocking call to 'boost::asio::ssl::stream::handshake' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:7: warning: blocking call to 'boost::asio::ssl::stream::handshake' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:7: note: use the asynchronous 'async_handshake' with 'net::use_awaitable' instead
  // CHECK-FIXES: co_await tls.async_handshake(net::ssl::stream_base::client, net::use_awaitable);
  beast::ssl_stream<beast::tcp_stream> secure(ex, ctx);
  secure.handshake(net::ssl::stream_base::client);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: blocking call to 'boost::beast::ssl_stream::handshake' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:10: warning: blocking call to 'boost::beast::ssl_stream::handshake' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:10: note: use the asynchronous 'async_handshake' with 'net::use_awaitable' instead
  // CHECK-FIXES: co_await secure.async_handshake(net::ssl::stream_base::client, net::use_awaitable);
}

// Not flagged: the same work done the way the official examples do it.
net::awaitable<void> fetch_async(std::string host) {
  auto ex = co_await net::this_coro::executor;
  tcp::resolver resolver(ex);
  auto results = co_await resolver.async_resolve(host, "80", net::use_awaitable);
  beast::tcp_stream stream(ex);
  co_await stream.async_connect(results, net::use_awaitable);
  http::request<http::string_body> req{http::verb::get, "/", 11};
  co_await http::async_write(stream, req, net::use_awaitable);
  beast::flat_buffer buffer;
  http::response<http::string_body> res;
  co_await http::async_read(stream, buffer, res, net::use_awaitable);
  net::steady_timer timer(ex, 1s);
  co_await timer.async_wait(net::use_awaitable);
  char data[16];
  tcp::socket socket(ex);
  co_await net::async_read(socket, net::buffer(data), net::use_awaitable);
}

// A datagram socket's connect only records the default peer: it completes
// at once, without the network (a UDP relay that connects to its upstream).
// The same call on a stream socket waits for the handshake.
net::awaitable<void> relay(net::ip::udp::endpoint upstream,
                           tcp::endpoint server) {
  auto ex = co_await net::this_coro::executor;
  net::ip::udp::socket datagrams(ex, net::ip::udp::v4());
  datagrams.connect(upstream);
  char data[64];
  co_await datagrams.async_send(net::buffer(data), net::use_awaitable);
  tcp::socket stream(ex);
  stream.connect(server);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: blocking call to 'boost::asio::basic_socket::connect' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:10: warning: blocking call to 'boost::asio::basic_socket::connect' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:10: note: use the asynchronous 'async_connect' with 'net::use_awaitable' instead
  // CHECK-FIXES: co_await stream.async_connect(server, net::use_awaitable);
}

// Running the loop is main's job, not a coroutine's.
int main() {
  net::io_context ioc;
  net::co_spawn(ioc, fetch_async("example.com"), net::detached);
  ioc.run();
}
