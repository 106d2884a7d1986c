// Dependent code in templates: coroutine templates that are never
// instantiated, instantiated several times, dependent task types, dependent
// awaits and calls whose callee is only known at instantiation. Every check
// runs over this file (through the plugin and async-lint); each finding is
// reported once, at the template's own source, and the fixed file compiles.
// RUN: %check_async %s 'async-*' %t

#include <cppcoro/sync_wait.hpp>
#include <cppcoro/task.hpp>
#include <chrono>
#include <thread>
#include <vector>

cppcoro::task<int> fetch(int id);
cppcoro::task<> log(int id);

// Never instantiated: the body is dependent throughout.
template <class T> cppcoro::task<> neverUsed(T item) {
  co_await item.process();
  item.helper();
  fetch(item.id());
}

// A dependent coroutine whose task type depends on the parameter.
template <class Task> Task relay(Task t) { co_return co_await t; }

// Instantiated twice: one finding, on the template's own line, for the call
// that does not depend on T. The dependent call's callee is only known per
// instantiation (ADL may pick another 'log'); it is not reported.
template <class T> cppcoro::task<> twice(T value) {
  log(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: coroutine 'log' is never awaited; its body will not run [async-unawaited-coroutine]
  // CHECK-FIXES: co_await log(1);
  log(value);
  co_return;
}

// A dependent callee: resolved only per instantiation.
template <class F> cppcoro::task<> callDependent(F f) {
  f(1);
  co_return;
}

// A blocking call with dependent arguments.
template <class Rep> cppcoro::task<> pause(Rep ticks) {
  std::this_thread::sleep_for(std::chrono::milliseconds(ticks));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'std::this_thread::sleep_for' in a coroutine; sleeping stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: suspend on a timer instead: 'co_await service.schedule_after(<duration>)' on a 'cppcoro::io_service'
  co_return;
}

// A loop over a dependent range awaiting per-item work.
template <class Range> cppcoro::task<int> sumAll(const Range &ids) {
  int total = 0;
  for (const auto &id : ids)
    total += co_await fetch(id);
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: each iteration waits for 'fetch' before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: to run the iterations concurrently, collect the tasks and await them with 'cppcoro::when_all'
  co_return total;
}

// Variadic: a pack expansion of coroutine calls.
template <class... Ids> cppcoro::task<> logAll(Ids... ids) {
  (co_await log(ids), ...);
}

// Class templates with coroutine members, and a partial specialisation.
template <class T, class U> struct Worker {
  cppcoro::task<> run(T t) {
    fetch(2);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: coroutine 'fetch' is never awaited; its body will not run [async-unawaited-coroutine]
    // CHECK-FIXES: co_await fetch(2);
    log(t);
    co_return;
  }
};
template <class T> struct Worker<T, void> {
  cppcoro::task<> run(T t) { co_await log(t); }
};

void instantiate() {
  struct Item {
    cppcoro::task<> process();
    void helper();
    int id();
  };
  cppcoro::sync_wait(twice(1));
  cppcoro::sync_wait(twice(2L));
  cppcoro::sync_wait(relay(fetch(1)));
  cppcoro::sync_wait(callDependent([](int) {}));
  cppcoro::sync_wait(callDependent(fetch));
  cppcoro::sync_wait(pause(5));
  std::vector<int> ids{1, 2};
  cppcoro::sync_wait(sumAll(ids));
  cppcoro::sync_wait(logAll(1, 2, 3));
  cppcoro::sync_wait(Worker<int, int>().run(1));
  cppcoro::sync_wait(Worker<int, void>().run(1));
}
