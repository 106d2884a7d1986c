// RUN: %check_async %s async-dangling-task-reference %t -- -DASIO_HAS_CO_AWAIT=1 -DASIO_HAS_STD_COROUTINE=1
// RUN: %check_async -check-suffixes=,NOTES -fix-notes %s async-dangling-task-reference %t-notes -- -DASIO_HAS_CO_AWAIT=1 -DASIO_HAS_STD_COROUTINE=1

// A lazy task keeps its reference, pointer and view parameters as they were
// passed: reported are the calls whose task can run after the object they
// refer to is destroyed. The fixes are on notes only.

#include <asio.hpp>
#include <async_simple/coro/Lazy.h>
#include <chrono>
#include <coro/coro.hpp>
#include <coro/scheduler.hpp>
#include <coro/thread_pool.hpp>
#include <coroutine>
#include <cppcoro/async_scope.hpp>
#include <cppcoro/task.hpp>
#include <exec/async_scope.hpp>
#include <exec/task.hpp>
#include <folly/experimental/coro/BlockingWait.h>
#include <folly/experimental/coro/Collect.h>
#include <folly/experimental/coro/Task.h>
#include <semaphore>
#include <span>
#include <stdexec/execution.hpp>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

namespace fc = folly::coro;

std::string make_msg();
std::vector<int> make_values();

// ---------------------------------------------------------------------------
// folly: a temporary bound to a reference parameter.

fc::Task<void> send(const std::string &msg);
fc::Task<void> temporary_stored() {
  auto t = send(make_msg());
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: task of 'send' refers to a temporary through parameter 'msg' and is stored; it can run after the temporary is destroyed at the end of the full-expression [async-dangling-task-reference]
  // CHECK-NOTES: :[[@LINE-4]]:40: note: take 'msg' by value so that the task owns a copy
  // CHECK-FIXES-NOTES: fc::Task<void> send(std::string msg);
  co_await std::move(t);
}

fc::Task<void> temporary_returned() { return send(make_msg()); }
// CHECK-MESSAGES: :[[@LINE-1]]:51: warning: task of 'send' refers to a temporary through parameter 'msg' and is returned; it can run after the temporary is destroyed at the end of the full-expression [async-dangling-task-reference]
// CHECK-NOTES: :[[@LINE-11]]:40: note: parameter 'msg' is declared here

fc::Task<void> temporary_pushed() {
  std::vector<fc::Task<void>> tasks;
  tasks.push_back(send(make_msg()));
  // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: task of 'send' refers to a temporary through parameter 'msg' and is added to a container; it can run after the temporary is destroyed at the end of the full-expression [async-dangling-task-reference]
  // CHECK-NOTES: :[[@LINE-17]]:40: note: parameter 'msg' is declared here
  co_await fc::collectAllRange(std::move(tasks));
}

void temporary_detached(folly::Executor *ex) {
  send(make_msg()).scheduleOn(ex).start();
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: task of 'send' refers to a temporary through parameter 'msg' and is started detached; it can run after the temporary is destroyed at the end of the full-expression [async-dangling-task-reference]
  // CHECK-NOTES: :[[@LINE-24]]:40: note: parameter 'msg' is declared here
}

// A view into a temporary, and a temporary made by an implicit conversion:
// the temporary moves into a variable declared before the task.
fc::Task<void> send_view(std::string_view text);
class Logger {
public:
  virtual fc::Task<void> write(const std::string &line);
};
fc::Task<void> views(Logger &logger) {
  auto a = send_view(std::string("x"));
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: task of 'send_view' refers to a temporary through parameter 'text' and is stored; it can run after the temporary is destroyed at the end of the full-expression [async-dangling-task-reference]
  // CHECK-NOTES: :[[@LINE-2]]:22: note: keep the temporary in a variable declared before the task
  // CHECK-FIXES-NOTES: auto text = std::string("x");
  // CHECK-FIXES-NOTES-NEXT: auto a = send_view(text);
  co_await std::move(a);
  auto b = logger.write("hello");
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: task of 'write' refers to a temporary through parameter 'line' and is stored; it can run after the temporary is destroyed at the end of the full-expression [async-dangling-task-reference]
  // CHECK-NOTES: :[[@LINE-2]]:25: note: keep the temporary in a variable declared before the task
  // CHECK-FIXES-NOTES: std::string line = "hello";
  // CHECK-FIXES-NOTES-NEXT: auto b = logger.write(line);
  co_await std::move(b);
}

// A span over a temporary vector, a pointer to a local array.
fc::Task<int> sum(std::span<const int> values);
fc::Task<void> fill(char *buf);
fc::Task<int> span_of_temporary() {
  auto t = sum(make_values());
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: task of 'sum' refers to a temporary through parameter 'values' and is stored; it can run after the temporary is destroyed at the end of the full-expression [async-dangling-task-reference]
  // CHECK-NOTES: :[[@LINE-2]]:16: note: keep the temporary in a variable declared before the task
  // CHECK-FIXES-NOTES: auto values = make_values();
  // CHECK-FIXES-NOTES-NEXT: auto t = sum(values);
  co_return co_await std::move(t);
}
fc::Task<void> local_array_returned() {
  char buf[64] = {};
  return fill(buf);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: task of 'fill' refers to 'buf' through parameter 'buf' and is returned; it can run after 'buf' is destroyed [async-dangling-task-reference]
  // CHECK-NOTES: :[[@LINE-13]]:27: note: parameter 'buf' is declared here
}

// A factory lambda handed to co_spawn returns a task that refers to what the
// lambda captured by reference: returning leaves the lambda's body, not the
// scope the object lives in (which runs the context before it ends) ...
asio::awaitable<void> query(const std::string &conn, std::string_view sql);
int run_query(asio::io_context &ctx) {
  std::string conn = make_msg();
  asio::co_spawn(
      ctx, [&conn] { return query(conn, "SELECT 1"); },
      [](std::exception_ptr e) {
        if (e)
          std::rethrow_exception(e);
      });
  ctx.run();
  return 0;
}
// ... but a task that refers to the lambda's own local outlives it.
auto make_query() {
  return [] {
    std::string conn = make_msg();
    return query(conn, "SELECT 1");
    // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: task of 'query' refers to 'conn' through parameter 'conn' and is returned; it can run after 'conn' is destroyed [async-dangling-task-reference]
    // CHECK-NOTES: :[[@LINE-18]]:48: note: take 'conn' by value so that the task owns a copy
    // CHECK-FIXES-NOTES: asio::awaitable<void> query(std::string conn, std::string_view sql);
  };
}

// ---------------------------------------------------------------------------
// folly: locals of a block or a loop body whose task leaves that scope.

fc::Task<void> send_copy(const std::string &text);
fc::Task<void> loop_locals(std::vector<std::string> urls) {
  std::vector<fc::Task<void>> tasks;
  for (int i = 0; i < 3; ++i) {
    std::string line = make_msg();
    tasks.push_back(send_copy(line));
    // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: task of 'send_copy' refers to 'line' through parameter 'text' and is added to a container that outlives it; it can run after 'line' is destroyed [async-dangling-task-reference]
    // CHECK-NOTES: :[[@LINE-7]]:45: note: take 'text' by value so that the task owns a copy
    // CHECK-FIXES-NOTES: fc::Task<void> send_copy(std::string text);
  }
  for (std::string u : urls)
    tasks.push_back(send_copy(u));
  // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: task of 'send_copy' refers to 'u' through parameter 'text' and is added to a container that outlives it; it can run after 'u' is destroyed [async-dangling-task-reference]
  // CHECK-NOTES: :[[@LINE-13]]:45: note: parameter 'text' is declared here
  co_await fc::collectAllRange(std::move(tasks));
}

void detached_local(folly::Executor *ex) {
  std::string line = make_msg();
  send_copy(line).scheduleOn(ex).start();
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: task of 'send_copy' refers to 'line' through parameter 'text' and is started detached; it can run after 'line' is destroyed [async-dangling-task-reference]
  // CHECK-NOTES: :[[@LINE-21]]:45: note: parameter 'text' is declared here
}

void detached_parameter(folly::Executor *ex, std::string line) {
  send_copy(line).scheduleOn(ex).start();
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: task of 'send_copy' refers to 'line' through parameter 'text' and is started detached; it can run after 'line' is destroyed [async-dangling-task-reference]
  // CHECK-NOTES: :[[@LINE-27]]:45: note: parameter 'text' is declared here
}

// ---------------------------------------------------------------------------
// Lambda coroutines called in place: the closure is a temporary.

fc::Task<void> called_lambdas(std::string name) {
  auto t = [&name]() -> fc::Task<void> { co_await send_copy(name); }();
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: lambda coroutine is called in place and its task is stored; the closure that holds the captures is destroyed at the end of the full-expression, before the task runs [async-dangling-task-reference]
  std::vector<fc::Task<void>> tasks;
  tasks.push_back([name]() -> fc::Task<void> { co_await send_copy(name); }());
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: lambda coroutine is called in place and its task is added to a container; the closure that holds the captures is destroyed at the end of the full-expression, before the task runs [async-dangling-task-reference]
  co_await std::move(t);
  co_await fc::collectAllRange(std::move(tasks));
}

// ---------------------------------------------------------------------------
// Asio: co_spawn keeps a lambda object alive, not what it refers to.

asio::awaitable<void> session(const std::string &peer);
asio::awaitable<void> echo(std::string_view peer);

void asio_spawns(asio::io_context &ioc) {
  asio::co_spawn(ioc, session(make_msg()), asio::detached);
  // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: task of 'session' refers to a temporary through parameter 'peer' and is started detached; it can run after the temporary is destroyed at the end of the full-expression [async-dangling-task-reference]
  // CHECK-NOTES: :[[@LINE-6]]:50: note: take 'peer' by value so that the task owns a copy
  // CHECK-FIXES-NOTES: asio::awaitable<void> session(std::string peer);
  std::string peer = make_msg();
  asio::co_spawn(ioc, echo(peer), asio::detached);
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: task of 'echo' refers to 'peer' through parameter 'peer' and is started detached; it can run after 'peer' is destroyed [async-dangling-task-reference]
  // CHECK-NOTES: :[[@LINE-10]]:45: note: parameter 'peer' is declared here
  asio::co_spawn(
      ioc, [&peer]() -> asio::awaitable<void> { co_await echo(peer); },
      asio::detached);
  // CHECK-MESSAGES: :[[@LINE-2]]:14: warning: lambda coroutine started detached captures 'peer' by reference; the task can run after 'peer' is destroyed [async-dangling-task-reference]
  asio::co_spawn(
      ioc, [&]() -> asio::awaitable<void> { co_await echo(peer); },
      asio::detached);
  // CHECK-MESSAGES: :[[@LINE-2]]:13: warning: lambda coroutine started detached captures 'peer' by reference; the task can run after 'peer' is destroyed [async-dangling-task-reference]
}

// A local stored into a variable declared outside its block.
asio::awaitable<void> assigned_from_block() {
  asio::awaitable<void> later;
  {
    std::string name = make_msg();
    later = echo(name);
    // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: task of 'echo' refers to 'name' through parameter 'peer' and is stored beyond its scope; it can run after 'name' is destroyed [async-dangling-task-reference]
    // CHECK-NOTES: :[[@LINE-28]]:45: note: parameter 'peer' is declared here
  }
  co_await std::move(later);
}

// ---------------------------------------------------------------------------
// cppcoro, libcoro, async_simple, stdexec: each framework's detaching start.

cppcoro::task<void> c_send(const std::string &msg);
void cppcoro_scope(cppcoro::async_scope &scope) {
  scope.spawn(c_send(make_msg()));
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: task of 'c_send' refers to a temporary through parameter 'msg' and is started detached; it can run after the temporary is destroyed at the end of the full-expression [async-dangling-task-reference]
  // CHECK-NOTES: :[[@LINE-4]]:47: note: take 'msg' by value so that the task owns a copy
  // CHECK-FIXES-NOTES: cppcoro::task<void> c_send(std::string msg);
}

coro::task<void> l_send(std::string_view msg);
void libcoro_spawn(coro::scheduler &sched) {
  std::string line = make_msg();
  sched.spawn_detached(l_send(line));
  // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: task of 'l_send' refers to 'line' through parameter 'msg' and is started detached; it can run after 'line' is destroyed [async-dangling-task-reference]
  // CHECK-NOTES: :[[@LINE-5]]:42: note: parameter 'msg' is declared here
}

void libcoro_lambda(coro::scheduler &sched) {
  auto run = [](const std::string &text) -> coro::task<void> { co_return; };
  sched.spawn_detached(run(make_msg()));
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: task of the lambda refers to a temporary through parameter 'text' and is started detached; it can run after the temporary is destroyed at the end of the full-expression [async-dangling-task-reference]
  // CHECK-NOTES: :[[@LINE-3]]:36: note: take 'text' by value so that the task owns a copy
  // CHECK-FIXES-NOTES: auto run = [](std::string text) -> coro::task<void> { co_return; };
}

async_simple::coro::Lazy<void> a_send(const std::string *msg);
void async_simple_start(async_simple::Executor *ex) {
  std::string line = make_msg();
  a_send(&line).start([](auto &&) {});
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: task of 'a_send' refers to 'line' through parameter 'msg' and is started detached; it can run after 'line' is destroyed [async-dangling-task-reference]
  // CHECK-NOTES: :[[@LINE-5]]:58: note: parameter 'msg' is declared here
  a_send(&line).via(ex).detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: task of 'a_send' refers to 'line' through parameter 'msg' and is started detached; it can run after 'line' is destroyed [async-dangling-task-reference]
  // CHECK-NOTES: :[[@LINE-8]]:58: note: parameter 'msg' is declared here
}

exec::task<void> e_send(const std::string &msg);
void stdexec_spawns(exec::async_scope &scope) {
  scope.spawn(e_send(make_msg()));
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: task of 'e_send' refers to a temporary through parameter 'msg' and is started detached; it can run after the temporary is destroyed at the end of the full-expression [async-dangling-task-reference]
  // CHECK-NOTES: :[[@LINE-4]]:44: note: take 'msg' by value so that the task owns a copy
  // CHECK-FIXES-NOTES: exec::task<void> e_send(std::string msg);
  std::string line = make_msg();
  stdexec::start_detached(e_send(line));
  // CHECK-MESSAGES: :[[@LINE-1]]:34: warning: task of 'e_send' refers to 'line' through parameter 'msg' and is started detached; it can run after 'line' is destroyed [async-dangling-task-reference]
  // CHECK-NOTES: :[[@LINE-9]]:44: note: parameter 'msg' is declared here
}

// ---------------------------------------------------------------------------
// Not flagged.

std::string global_line;

class Session {
public:
  // Members of *this outlive a task awaited inside a member.
  fc::Task<void> run() {
    co_await send(name_);
    auto t = send(name_);
    co_await std::move(t);
  }

private:
  std::string name_;
};

fc::Task<void> not_flagged(std::vector<std::string> urls, folly::Executor *ex,
                           const std::string &borrowed) {
  // Awaited in the same full-expression, directly or through a combinator.
  co_await send(make_msg());
  co_await send_view(std::string("x"));
  co_await [&urls]() -> fc::Task<void> { co_await send(urls[0]); }();
  // Elements of a range that outlives the container of tasks.
  std::vector<fc::Task<void>> tasks;
  for (const std::string &u : urls)
    tasks.push_back(send(u));
  // Locals of the same scope as the task.
  for (int i = 0; i < 2; ++i) {
    std::string line = make_msg();
    auto t = send(line);
    co_await std::move(t);
  }
  // Globals, statics, string literals, what the caller passed by reference.
  static std::string cached;
  tasks.push_back(send(global_line));
  tasks.push_back(send(cached));
  tasks.push_back(send_view("literal"));
  tasks.push_back(send(borrowed));
  send(borrowed).scheduleOn(ex).start();
  // A lambda called in place without captures.
  auto plain = []() -> fc::Task<void> { co_return; }();
  co_await std::move(plain);
  co_await fc::collectAllRange(std::move(tasks));
}

// Run to completion before the full-expression ends.
void blocking() {
  fc::blockingWait(send(make_msg()));
  async_simple::coro::syncAwait(a_send(nullptr));
  coro::sync_wait(l_send(make_msg()));
}

// The spawner waits for what it started before its locals go.
void spawn_then_run(asio::io_context &ioc) {
  std::string peer = make_msg();
  asio::co_spawn(ioc, echo(peer), asio::detached);
  asio::co_spawn(
      ioc, [&peer]() -> asio::awaitable<void> { co_await echo(peer); },
      asio::detached);
  // A lambda object with captures by value: co_spawn keeps it alive.
  asio::co_spawn(
      ioc, [peer]() -> asio::awaitable<void> { co_await echo(peer); },
      asio::detached);
  ioc.run();
}

// The spawner awaits an operation on an object the task also refers to (a
// channel the task sends on when it is done) before its locals go ...
struct DoneChannel {
  bool try_send();
  asio::awaitable<void> async_receive();
};
asio::awaitable<void> spawn_then_receive(asio::io_context &ioc) {
  std::string peer = make_msg();
  DoneChannel done;
  asio::co_spawn(
      ioc,
      [&]() -> asio::awaitable<void> {
        co_await echo(peer);
        done.try_send();
      },
      asio::detached);
  co_await done.async_receive();
}
// ... but an await on an object the task does not refer to is no wait for it.
asio::awaitable<void> spawn_then_receive_other(asio::io_context &ioc,
                                               DoneChannel &other) {
  std::string peer = make_msg();
  asio::co_spawn(
      ioc, [&]() -> asio::awaitable<void> { co_await echo(peer); },
      asio::detached);
  // CHECK-MESSAGES: :[[@LINE-2]]:13: warning: lambda coroutine started detached captures 'peer' by reference; the task can run after 'peer' is destroyed [async-dangling-task-reference]
  co_await other.async_receive();
}

struct Latch {
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  void await_resume() const noexcept {}
};
coro::task<void> l_signal(Latch &done);
coro::task<void> spawn_then_await_latch(coro::scheduler &sched) {
  Latch done;
  sched.spawn_detached(l_signal(done));
  co_await done;
}

cppcoro::task<void> spawn_then_join(cppcoro::async_scope &scope) {
  std::string line = make_msg();
  scope.spawn(c_send(line));
  co_await scope.join();
}

void spawn_then_on_empty(exec::async_scope &scope) {
  std::string line = make_msg();
  scope.spawn(e_send(line));
  stdexec::sync_wait(scope.on_empty());
}

void spawn_then_shutdown(coro::thread_pool &pool) {
  std::string line = make_msg();
  pool.spawn_detached(l_send(line));
  pool.shutdown();
}

// Shaped like a test that blocks on a semaphore the task releases: the
// spawner's wait is a call of a class derived from std::binary_semaphore.
struct Signal : std::binary_semaphore {
  Signal() : std::binary_semaphore(0) {}
};
void spawn_then_acquire(async_simple::Executor *ex) {
  Signal done;
  int count = 0;
  auto work = [](Signal &done, int &count) -> async_simple::coro::Lazy<void> {
    count += 2;
    done.release();
    co_return;
  };
  work(done, count).via(ex).detach();
  done.acquire();
}

// Sleeping is not waiting for the task.
void spawn_then_sleep(async_simple::Executor *ex) {
  int count = 0;
  auto work = [](int &count) -> async_simple::coro::Lazy<void> {
    ++count;
    co_return;
  };
  work(count).via(ex).detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: task of the lambda refers to 'count' through parameter 'count' and is started detached; it can run after 'count' is destroyed [async-dangling-task-reference]
  // CHECK-NOTES: :[[@LINE-6]]:23: note: parameter 'count' is declared here
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
}

// Library operations copy what they keep.
asio::awaitable<void> library_operation(asio::ip::tcp::socket &sock) {
  auto op = asio::async_write(sock, asio::buffer(make_msg().data(), 1),
                              asio::use_awaitable);
  co_await std::move(op);
}
