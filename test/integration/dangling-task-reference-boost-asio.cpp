// The check over the real Boost.Asio headers (libboost1.81-dev): co_spawn
// takes an awaitable or a function object, and returns an awaitable when the
// token is use_awaitable; awaitable comes from a coroutine_traits
// specialization.
// RUN: %check_async -real-headers %s async-dangling-task-reference %t
// RUN: %check_async -real-headers -check-suffixes=,NOTES -fix-notes %s async-dangling-task-reference %t-notes

#include <boost/asio.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace net = boost::asio;
using net::ip::tcp;

std::string make_greeting();

net::awaitable<void> greet(tcp::socket &socket, const std::string &text);
net::awaitable<void> session(tcp::socket &socket);

// The classic accept loop that hands a loop local to a detached session.
net::awaitable<void> listener(tcp::acceptor acceptor) {
  for (;;) {
    tcp::socket socket = co_await acceptor.async_accept(net::use_awaitable);
    net::co_spawn(acceptor.get_executor(), session(socket), net::detached);
    // CHECK-MESSAGES: :[[@LINE-1]]:52: warning: task of 'session' refers to 'socket' through parameter 'socket' and is started detached; it can run after 'socket' is destroyed [async-dangling-task-reference]
    // CHECK-NOTES: :[[@LINE-8]]:43: note: parameter 'socket' is declared here
  }
}

net::awaitable<void> write_view(tcp::socket &socket, std::string_view text);

net::awaitable<void> greet_later(tcp::socket &socket) {
  auto t = greet(socket, make_greeting());
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: task of 'greet' refers to a temporary through parameter 'text' and is stored; it can run after the temporary is destroyed at the end of the full-expression [async-dangling-task-reference]
  // CHECK-NOTES: :[[@LINE-18]]:68: note: take 'text' by value so that the task owns a copy
  // CHECK-FIXES-NOTES: net::awaitable<void> greet(tcp::socket &socket, std::string text);
  co_await std::move(t);
  auto w = write_view(socket, make_greeting());
  // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: task of 'write_view' refers to a temporary through parameter 'text' and is stored; it can run after the temporary is destroyed at the end of the full-expression [async-dangling-task-reference]
  // CHECK-NOTES: :[[@LINE-2]]:31: note: keep the temporary in a variable declared before the task
  // CHECK-FIXES-NOTES: auto text = make_greeting();
  // CHECK-FIXES-NOTES-NEXT: auto w = write_view(socket, text);
  co_await std::move(w);
}

void start_writer(tcp::socket &socket) {
  std::string line = make_greeting();
  net::co_spawn(socket.get_executor(), write_view(socket, line), net::detached);
  // CHECK-MESSAGES: :[[@LINE-1]]:59: warning: task of 'write_view' refers to 'line' through parameter 'text' and is started detached; it can run after 'line' is destroyed [async-dangling-task-reference]
  // CHECK-NOTES: :[[@LINE-20]]:71: note: parameter 'text' is declared here
  net::co_spawn(
      socket.get_executor(),
      [&line, &socket]() -> net::awaitable<void> {
        co_await write_view(socket, line);
      },
      net::detached);
  // CHECK-MESSAGES: :[[@LINE-4]]:9: warning: lambda coroutine started detached captures 'line' by reference; the task can run after 'line' is destroyed [async-dangling-task-reference]
  std::vector<net::awaitable<void>> tasks;
  tasks.push_back([line]() -> net::awaitable<void> { co_return; }());
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: lambda coroutine is called in place and its task is added to a container; the closure that holds the captures is destroyed at the end of the full-expression, before the task runs [async-dangling-task-reference]
}

// Not flagged.
class server {
public:
  // A member of *this, and a lambda object by value: co_spawn keeps the
  // closure alive in the frame of the coroutine it spawns.
  void start() {
    net::co_spawn(acceptor_.get_executor(), session(socket_), net::detached);
    std::string banner = make_greeting();
    net::co_spawn(
        acceptor_.get_executor(),
        [banner, this]() -> net::awaitable<void> {
          co_await write_view(socket_, banner);
        },
        net::detached);
  }

private:
  tcp::acceptor acceptor_;
  tcp::socket socket_;
};

net::awaitable<void> awaited(tcp::socket &socket) {
  // Awaited in the same full-expression, also through co_spawn.
  co_await greet(socket, make_greeting());
  co_await net::co_spawn(co_await net::this_coro::executor,
                         greet(socket, make_greeting()), net::use_awaitable);
  std::string line = make_greeting();
  co_await net::co_spawn(
      co_await net::this_coro::executor,
      [&]() -> net::awaitable<void> { co_await write_view(socket, line); },
      net::use_awaitable);
  // Library operations copy what they keep.
  auto op = net::async_write(socket, net::buffer(make_greeting()),
                             net::use_awaitable);
  co_await std::move(op);
}

int main() {
  net::io_context ioc;
  tcp::acceptor acceptor(ioc, {tcp::v4(), 5555});
  tcp::socket socket(ioc);
  // main runs the event loop before its locals go.
  net::co_spawn(ioc, session(socket), net::detached);
  net::co_spawn(
      ioc, [&]() -> net::awaitable<void> { co_await session(socket); },
      net::detached);
  ioc.run();
}

// An execution context of another library, written the way asio-grpc
// writes its GrpcContext: derived from execution_context, with its own
// run(). Running it in the scope that started the work waits for the work,
// as io_context::run() does.
class grpc_like_context : public net::execution_context {
public:
  using executor_type = net::io_context::executor_type;
  executor_type get_executor() noexcept { return loop_.get_executor(); }
  void run() { loop_.run(); }

private:
  net::io_context loop_;
};

// Not flagged: the context runs before `status` leaves the scope.
int run_client(grpc_like_context &grpc_context) {
  int status = 0;
  net::co_spawn(
      grpc_context,
      [&]() -> net::awaitable<void> {
        status = 1;
        co_return;
      },
      net::detached);
  grpc_context.run();
  return status;
}

// A class with a run() that is no execution context waits for nothing.
struct job_board {
  void run();
};

int run_board(net::io_context &ioc, job_board &board) {
  int status = 0;
  net::co_spawn(
      ioc,
      [&]() -> net::awaitable<void> {
        status = 1;
        co_return;
      },
      net::detached);
  // CHECK-MESSAGES: :[[@LINE-5]]:8: warning: lambda coroutine started detached captures 'status' by reference; the task can run after 'status' is destroyed [async-dangling-task-reference]
  board.run();
  return status;
}

// Not flagged: the start is awaited, whatever its token makes of it.
net::awaitable<void> bounded(std::string text) {
  auto ex = co_await net::this_coro::executor;
  co_await net::co_spawn(
      ex,
      [&]() -> net::awaitable<void> {
        text += "!";
        co_return;
      },
      net::deferred);
}
