// RUN: %check_async %s async-unawaited-coroutine %t
// RUN: %check_async -check-suffixes=,OPT %s async-unawaited-coroutine %t-opt \
// RUN:   -config="{CheckOptions: {async-unawaited-coroutine.LazyTaskTypes: 'mylib::Deferred', async-unawaited-coroutine.EagerTaskTypes: 'mylib::Started'}}"

#include <async_simple/coro/Lazy.h>
#include <boost/asio.hpp>
#include <concurrencpp/concurrencpp.h>
#include <coro/coro.hpp>
#include <cppcoro/shared_task.hpp>
#include <cppcoro/task.hpp>
#include <exec/task.hpp>
#include <folly/experimental/coro/Task.h>
#include <qcoro/qcorotask.h>
#include <seastar/core/future.hh>
#include <vector>

namespace net = boost::asio;

// ---------------------------------------------------------------------------
// Boost.Asio: awaitable is lazy and has no nested promise_type.

net::awaitable<void> fetch();
net::awaitable<int> fetch_int();

char read_byte;
net::awaitable<void> asio_discarded(net::ip::tcp::socket &sock) {
  fetch();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: coroutine 'fetch' is never awaited; its body will not run [async-unawaited-coroutine]
  // CHECK-FIXES: co_await fetch();
  (void)fetch_int();
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: coroutine 'fetch_int' is never awaited; its body will not run [async-unawaited-coroutine]
  // CHECK-FIXES: (void)co_await fetch_int();
  fetch(), fetch_int();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: coroutine 'fetch' is never awaited; its body will not run [async-unawaited-coroutine]
  // CHECK-MESSAGES: :[[@LINE-2]]:12: warning: coroutine 'fetch_int' is never awaited; its body will not run [async-unawaited-coroutine]
  // CHECK-FIXES: co_await fetch(), co_await fetch_int();
  net::async_write(sock, net::buffer("x", 1), net::use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: asynchronous operation 'async_write' is never awaited; it will not start [async-unawaited-coroutine]
  // CHECK-FIXES: co_await net::async_write(sock, net::buffer("x", 1), net::use_awaitable);
  sock.async_read_some(net::buffer(&read_byte, 1), net::use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: asynchronous operation 'async_read_some' is never awaited; it will not start [async-unawaited-coroutine]
  // CHECK-FIXES: co_await sock.async_read_some(net::buffer(&read_byte, 1), net::use_awaitable);
  if (true)
    fetch();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: coroutine 'fetch' is never awaited; its body will not run [async-unawaited-coroutine]
  // CHECK-FIXES: co_await fetch();
  co_return;
}

net::awaitable<void> asio_unused_locals() {
  auto value = fetch_int();
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: coroutine 'fetch_int' is stored in 'value' but never awaited; its body will not run [async-unawaited-coroutine]
  // CHECK-FIXES: auto value = co_await fetch_int();
  auto nothing = fetch();
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: coroutine 'fetch' is stored in 'nothing' but never awaited; its body will not run [async-unawaited-coroutine]
  // CHECK-FIXES: co_await fetch();
  net::awaitable<int> spelled = fetch_int();
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: coroutine 'fetch_int' is stored in 'spelled' but never awaited; its body will not run [async-unawaited-coroutine]
  co_return;
}

// Outside a coroutine the task cannot be awaited: a note names the way to
// run it, spelled with the file's namespace alias, and there is no fix.
void asio_plain_function() {
  fetch();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: coroutine 'fetch' is never awaited; its body will not run [async-unawaited-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: coroutine 'fetch' is never awaited; its body will not run [async-unawaited-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: await it from a coroutine, or run it with 'net::co_spawn(executor, <task>, net::detached)'
  auto unused = fetch_int();
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: coroutine 'fetch_int' is stored in 'unused' but never awaited; its body will not run [async-unawaited-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:8: warning: coroutine 'fetch_int' is stored in 'unused' but never awaited; its body will not run [async-unawaited-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:17: note: await it from a coroutine, or run it with 'net::co_spawn(executor, <task>, net::detached)'
}

// Not flagged: every way of using the task.
struct Holder {
  net::awaitable<void> member;
  void store() { member = fetch(); }
};
net::awaitable<int> consume(net::awaitable<int> task);
net::awaitable<void> asio_used(net::io_context &ctx) {
  co_await fetch();
  int i = co_await fetch_int();
  co_await consume(fetch_int());
  net::co_spawn(ctx, fetch(), net::detached);
  std::vector<net::awaitable<void>> all;
  all.push_back(fetch());
  auto later = fetch();
  co_await std::move(later);
  auto moved = fetch();
  std::vector<net::awaitable<void>> more;
  more.push_back(std::move(moved));
  [[maybe_unused]] auto kept = fetch();
  (void)i;
}
net::awaitable<int> asio_returned() { co_return co_await fetch_int(); }
net::awaitable<int> plain_return() { return fetch_int(); }
void plain_spawn(net::io_context &ctx) {
  net::co_spawn(ctx, fetch(), net::detached);
}

// ---------------------------------------------------------------------------
// folly::coro: the promise's await_transform accepts only folly awaitables.

folly::coro::Task<int> folly_fetch();
folly::coro::Task<void> folly_user() {
  folly_fetch();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: coroutine 'folly_fetch' is never awaited; its body will not run [async-unawaited-coroutine]
  // CHECK-FIXES: co_await folly_fetch();
  co_await folly_fetch();
}
// A folly task inside an Asio coroutine cannot be awaited there: no fix.
net::awaitable<void> mixed_frameworks() {
  folly_fetch();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: coroutine 'folly_fetch' is never awaited; its body will not run [async-unawaited-coroutine]
  // CHECK-FIXES: folly_fetch();
  co_return;
}
void folly_plain() {
  folly_fetch();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: coroutine 'folly_fetch' is never awaited; its body will not run [async-unawaited-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: coroutine 'folly_fetch' is never awaited; its body will not run [async-unawaited-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: await it from a coroutine, or run it with 'folly::coro::blockingWait(<task>) or std::move(<task>).scheduleOn(executor).start()'
}

// ---------------------------------------------------------------------------
// cppcoro (task and shared_task), libcoro, async_simple, stdexec.

cppcoro::task<int> cppcoro_fetch();
cppcoro::shared_task<> cppcoro_shared();
cppcoro::task<> cppcoro_user() {
  cppcoro_fetch();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: coroutine 'cppcoro_fetch' is never awaited; its body will not run [async-unawaited-coroutine]
  // CHECK-FIXES: co_await cppcoro_fetch();
  cppcoro_shared();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: coroutine 'cppcoro_shared' is never awaited; its body will not run [async-unawaited-coroutine]
  // CHECK-FIXES: co_await cppcoro_shared();
  co_return;
}
void cppcoro_plain() {
  cppcoro_fetch();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: coroutine 'cppcoro_fetch' is never awaited; its body will not run [async-unawaited-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: coroutine 'cppcoro_fetch' is never awaited; its body will not run [async-unawaited-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: await it from a coroutine, or run it with 'cppcoro::sync_wait(<task>)'
}

coro::task<int> libcoro_fetch();
coro::task<> libcoro_user() {
  libcoro_fetch();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: coroutine 'libcoro_fetch' is never awaited; its body will not run [async-unawaited-coroutine]
  // CHECK-FIXES: co_await libcoro_fetch();
  co_return;
}
void libcoro_plain() {
  libcoro_fetch();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: coroutine 'libcoro_fetch' is never awaited; its body will not run [async-unawaited-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: coroutine 'libcoro_fetch' is never awaited; its body will not run [async-unawaited-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: await it from a coroutine, or run it with 'coro::sync_wait(<task>)'
}

async_simple::coro::Lazy<int> lazy_fetch();
async_simple::coro::Lazy<> lazy_user() {
  lazy_fetch();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: coroutine 'lazy_fetch' is never awaited; its body will not run [async-unawaited-coroutine]
  // CHECK-FIXES: co_await lazy_fetch();
  co_return;
}
void lazy_plain() {
  lazy_fetch();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: coroutine 'lazy_fetch' is never awaited; its body will not run [async-unawaited-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: coroutine 'lazy_fetch' is never awaited; its body will not run [async-unawaited-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: await it from a coroutine, or run it with 'async_simple::coro::syncAwait(<task>) or <task>.start(callback)'
}

exec::task<int> exec_fetch();
exec::task<> exec_user() {
  exec_fetch();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: coroutine 'exec_fetch' is never awaited; its body will not run [async-unawaited-coroutine]
  // CHECK-FIXES: co_await exec_fetch();
  co_return;
}
void exec_plain() {
  exec_fetch();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: coroutine 'exec_fetch' is never awaited; its body will not run [async-unawaited-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: coroutine 'exec_fetch' is never awaited; its body will not run [async-unawaited-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: await it from a coroutine, or run it with 'stdexec::sync_wait(<task>)'
}

// ---------------------------------------------------------------------------
// Eager tasks: QCoro, Seastar, concurrencpp. Flagged only inside a
// coroutine; awaiting changes behaviour, so the fix is on a note.

QCoro::Task<int> qcoro_fetch();
QCoro::Task<> qcoro_user() {
  qcoro_fetch();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: coroutine 'qcoro_fetch' is started but never awaited; its result and exceptions are lost [async-unawaited-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: coroutine 'qcoro_fetch' is started but never awaited; its result and exceptions are lost [async-unawaited-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: add 'co_await' to wait for its result
  // CHECK-NOTES: :[[@LINE-4]]:3: note: cast the call to 'void' if it is meant to run detached
  (void)qcoro_fetch();
  co_return;
}
void qcoro_plain() {
  qcoro_fetch();
  auto started = qcoro_fetch();
}
// Not flagged: QCoro's then() is a continuation whose task may be dropped
// (documented: "can be co_awaited, if desired"). The coroutine call beside it
// is still flagged.
QCoro::Task<> qcoro_then(QCoro::Task<int> &task) {
  task.then([] {});
  qcoro_fetch();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: coroutine 'qcoro_fetch' is started but never awaited; its result and exceptions are lost [async-unawaited-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: coroutine 'qcoro_fetch' is started but never awaited; its result and exceptions are lost [async-unawaited-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: add 'co_await' to wait for its result
  // CHECK-NOTES: :[[@LINE-4]]:3: note: cast the call to 'void' if it is meant to run detached
  co_await task;
}

seastar::future<> seastar_user(seastar::semaphore &sem) {
  auto units = sem.get_units(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: coroutine 'get_units' is stored in 'units' but never awaited; its result and exceptions are lost [async-unawaited-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:8: warning: coroutine 'get_units' is stored in 'units' but never awaited; its result and exceptions are lost [async-unawaited-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:16: note: add 'co_await' to wait for its result
  sem.wait(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: coroutine 'wait' is started but never awaited; its result and exceptions are lost [async-unawaited-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: coroutine 'wait' is started but never awaited; its result and exceptions are lost [async-unawaited-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: add 'co_await' to wait for its result
  // CHECK-NOTES: :[[@LINE-4]]:3: note: cast the call to 'void' if it is meant to run detached
  co_await sem.wait(1);
}

concurrencpp::result<int> ccpp_fetch();
concurrencpp::result<void> ccpp_user() {
  ccpp_fetch();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: coroutine 'ccpp_fetch' is started but never awaited; its result and exceptions are lost [async-unawaited-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: coroutine 'ccpp_fetch' is started but never awaited; its result and exceptions are lost [async-unawaited-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: add 'co_await' to wait for its result
  // CHECK-NOTES: :[[@LINE-4]]:3: note: cast the call to 'void' if it is meant to run detached
  int v = co_await ccpp_fetch();
  (void)v;
}

// ---------------------------------------------------------------------------
// Task types recognised by their shape.

template <class T> struct Returns {
  void return_value(T) noexcept {}
};
template <> struct Returns<void> {
  void return_void() noexcept {}
};

// Lazy: initial_suspend() returns std::suspend_always.
template <class T = void> struct MyLazy {
  struct promise_type : Returns<T> {
    MyLazy get_return_object() noexcept { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void unhandled_exception() noexcept {}
  };
  mock_support::awaiter<T> operator co_await() const noexcept { return {}; }
};

// Lazy through a custom awaiter whose await_ready() is always false.
struct AlwaysSuspend {
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  void await_resume() const noexcept {}
};
struct MyJob {
  struct promise_type {
    MyJob get_return_object() noexcept { return {}; }
    AlwaysSuspend initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() noexcept {}
    void unhandled_exception() noexcept {}
  };
};

// Eager: initial_suspend() returns std::suspend_never.
struct MyEager {
  struct promise_type {
    MyEager get_return_object() noexcept { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() noexcept {}
    void unhandled_exception() noexcept {}
  };
  bool await_ready() const noexcept { return true; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  void await_resume() const noexcept {}
};

// A generator: its promise has yield_value. Not a task.
struct MyGenerator {
  struct promise_type {
    MyGenerator get_return_object() noexcept { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    std::suspend_always yield_value(int) noexcept { return {}; }
    void return_void() noexcept {}
    void unhandled_exception() noexcept {}
  };
};

MyLazy<int> my_fetch();
MyJob my_job();
MyEager my_eager();
MyGenerator my_numbers();
MyLazy<int> operator+(MyLazy<int>, MyLazy<int>);

MyLazy<> shape_user() {
  my_fetch();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: coroutine 'my_fetch' is never awaited; its body will not run [async-unawaited-coroutine]
  // CHECK-FIXES: co_await my_fetch();
  my_fetch() + my_fetch();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task of type 'MyLazy<int>' is never awaited; its body will not run [async-unawaited-coroutine]
  // CHECK-FIXES: co_await (my_fetch() + my_fetch());
  my_eager();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: coroutine 'my_eager' is started but never awaited; its result and exceptions are lost [async-unawaited-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: coroutine 'my_eager' is started but never awaited; its result and exceptions are lost [async-unawaited-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: add 'co_await' to wait for its result
  // CHECK-NOTES: :[[@LINE-4]]:3: note: cast the call to 'void' if it is meant to run detached
  // MyJob is not awaitable: flagged, but never offered 'co_await'.
  my_job();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: coroutine 'my_job' is never awaited; its body will not run [async-unawaited-coroutine]
  // CHECK-FIXES: my_job();
  my_numbers();
  co_return;
}

// A lambda is a function of its own: its body is analysed with its own
// coroutine-ness, and a task it captures is used.
void lambdas() {
  auto coroutine_lambda = []() -> cppcoro::task<> {
    cppcoro_fetch();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: coroutine 'cppcoro_fetch' is never awaited; its body will not run [async-unawaited-coroutine]
    // CHECK-FIXES: co_await cppcoro_fetch();
    co_return;
  };
  auto task = cppcoro_fetch();
  auto captured = [&task]() -> cppcoro::task<> { co_await task; };
  (void)coroutine_lambda;
  (void)captured;
}

// Templates are analysed once, as written; non-dependent calls are checked.
template <class T> cppcoro::task<T> templated() {
  cppcoro_fetch();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: coroutine 'cppcoro_fetch' is never awaited; its body will not run [async-unawaited-coroutine]
  // CHECK-FIXES: co_await cppcoro_fetch();
  co_return T{};
}
template cppcoro::task<int> templated<int>();

// Macros: the finding is reported, but code inside a macro is never rewritten.
#define START(x) x
cppcoro::task<> macro_user() {
  START(cppcoro_fetch());
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: coroutine 'cppcoro_fetch' is never awaited; its body will not run [async-unawaited-coroutine]
  // CHECK-FIXES: START(co_await cppcoro_fetch());
  co_return;
}

// ---------------------------------------------------------------------------
// Options: LazyTaskTypes and EagerTaskTypes add types with no task shape.

namespace mylib {
struct Deferred {};
struct Started {};
} // namespace mylib
mylib::Deferred deferred();
mylib::Started started();
MyLazy<> option_user() {
  deferred();
  // CHECK-MESSAGES-OPT: :[[@LINE-1]]:3: warning: coroutine 'deferred' is never awaited; its body will not run [async-unawaited-coroutine]
  started();
  // CHECK-MESSAGES-OPT: :[[@LINE-1]]:3: warning: coroutine 'started' is started but never awaited; its result and exceptions are lost [async-unawaited-coroutine]
  // CHECK-NOTES-OPT: :[[@LINE-2]]:3: warning: coroutine 'started' is started but never awaited; its result and exceptions are lost [async-unawaited-coroutine]
  // CHECK-NOTES-OPT: :[[@LINE-3]]:3: note: cast the call to 'void' if it is meant to run detached
  co_return;
}

// ---------------------------------------------------------------------------
// Not flagged, framework by framework: awaited, run by the framework's own
// runner, started explicitly, or kept and used.

#include <cppcoro/sync_wait.hpp>
#include <folly/experimental/coro/BlockingWait.h>

folly::coro::Task<void> folly_used(folly::Executor *ex) {
  int a = co_await folly_fetch();
  auto kept = folly_fetch();
  int b = co_await std::move(kept);
  folly_fetch().scheduleOn(ex).start();
  (void)a;
  (void)b;
}
int folly_run() { return folly::coro::blockingWait(folly_fetch()); }

cppcoro::task<> cppcoro_used() {
  co_await cppcoro_fetch();
  co_await cppcoro_shared();
  std::vector<cppcoro::task<int>> batch;
  batch.push_back(cppcoro_fetch());
}
void cppcoro_run() { cppcoro::sync_wait(cppcoro_fetch()); }

coro::task<> libcoro_used() { co_await libcoro_fetch(); }
void libcoro_run() { coro::sync_wait(libcoro_fetch()); }

async_simple::coro::Lazy<> lazy_used() { co_await lazy_fetch(); }
void lazy_run() {
  async_simple::coro::syncAwait(lazy_fetch());
  lazy_fetch().start([](auto &&) {});
}

exec::task<> exec_used() { co_await exec_fetch(); }
void exec_run() { stdexec::sync_wait(exec_fetch()); }

QCoro::Task<> qcoro_used() {
  co_await qcoro_fetch();
  auto pending = qcoro_fetch();
  co_await pending;
}

// Members of class templates: header-only libraries are templates. A member
// coroutine that calls another member coroutine of the same class template
// is checked in the template itself (the callee and its task type are known
// without an instantiation) and reported once, where it is written.
template <class T> class ring_buffer {
public:
  coro::task<void> shutdown() { co_return; }
  coro::task<void> close() {
    shutdown();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: coroutine 'shutdown' is never awaited; its body will not run [async-unawaited-coroutine]
    // CHECK-FIXES: {{^}}    co_await shutdown();{{$}}
    co_return;
  }
  coro::task<void> drain() {
    co_await this->shutdown();
    co_return;
  }
};
template class ring_buffer<int>;
template class ring_buffer<long>;
