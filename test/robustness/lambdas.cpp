// Coroutines in lambdas: coroutine lambdas, generic lambdas, lambdas nested
// in coroutines (their bodies are not the enclosing coroutine's), lambdas
// invoked at once, and coroutine lambdas stored and called later.
// RUN: %check_async %s 'async-*' %t

#include <cppcoro/sync_wait.hpp>
#include <cppcoro/task.hpp>
#include <chrono>
#include <thread>
#include <vector>

cppcoro::task<int> fetch(int id);
cppcoro::task<> log(int id);

cppcoro::task<> outer() {
  // A coroutine lambda called and dropped.
  auto job = [](int id) -> cppcoro::task<> { co_await log(id); };
  job(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task of type 'cppcoro::task<>' is never awaited; its body will not run [async-unawaited-coroutine]
  // CHECK-FIXES: co_await job(1);

  // A plain lambda inside a coroutine is not the coroutine: the sleep runs
  // wherever the lambda is called (here: on another thread).
  std::thread worker([] {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  });
  worker.join();
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: blocking call to 'std::thread::join' in a coroutine; waiting for another thread stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:10: note: move the blocking call to a thread pool: 'co_await pool.schedule()' on a 'cppcoro::static_thread_pool' before the call

  // A lambda invoked at once runs here, but it is not a coroutine and a
  // call to it is not flagged as a blocking call of this coroutine.
  int n = [] { return 3; }();
  co_await fetch(n);
}

// A generic coroutine lambda: its body is a template, checked once. A call
// that depends on the parameter is not reported (its callee is only known
// per instantiation).
auto generic = [](auto id) -> cppcoro::task<> {
  log(7);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: coroutine 'log' is never awaited; its body will not run [async-unawaited-coroutine]
  // CHECK-FIXES: co_await log(7);
  log(id);
  co_return;
};

// A generic lambda that is never called is still only a template.
auto unusedGeneric = [](auto x) -> cppcoro::task<> { co_await x.go(); };

// A lambda inside a loop of a coroutine that is not awaited there.
cppcoro::task<> spawnAll(std::vector<int> ids) {
  std::vector<cppcoro::task<int>> tasks;
  for (int id : ids)
    tasks.push_back([id]() -> cppcoro::task<int> {
      co_return co_await fetch(id);
    }());
  // CHECK-MESSAGES: :[[@LINE-3]]:21: warning: lambda coroutine is called in place and its task is added to a container; the closure that holds the captures is destroyed at the end of the full-expression, before the task runs [async-dangling-task-reference]
  // Awaiting lazy tasks one by one runs them one after another.
  for (auto &t : tasks)
    co_await t;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: each iteration waits for the awaited operation before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: to run the iterations concurrently, collect the tasks and await them with 'cppcoro::when_all'
}

// Nested coroutine lambdas: each is checked as its own coroutine.
cppcoro::task<> nested() {
  auto a = [](int id) -> cppcoro::task<> {
    auto b = [](int id) -> cppcoro::task<> {
      std::this_thread::sleep_for(std::chrono::seconds(id));
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: blocking call to 'std::this_thread::sleep_for' in a coroutine; sleeping stalls every coroutine on its thread [async-blocking-call-in-coroutine]
      // CHECK-NOTES: :[[@LINE-2]]:7: note: suspend on a timer instead: 'co_await service.schedule_after(<duration>)' on a 'cppcoro::io_service'
      co_return;
    };
    co_await b(id);
  };
  co_await a(1);
}

void use() {
  cppcoro::sync_wait(generic(1));
  cppcoro::sync_wait(generic(2L));
}
