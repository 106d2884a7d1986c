// Macros that expand to co_await, to coroutine calls and to blocking calls.
// A finding whose fix would have to edit a macro's definition (shared by
// every expansion) comes without a fix; a fix at a macro argument spelled at
// the call site is kept. The fixed file compiles (checked by %check_async),
// and no fix ever touches a #define line.
// RUN: %check_async %s 'async-*' %t
// Every fix, notes' fixes too, applied: the macro definitions are untouched.
// RUN: cp %s %t.fixed.cpp
// RUN: %expect_exit 1 --stdout %t.fix.out -- %async-lint --fix --fix-notes %t.fixed.cpp -- -std=c++20 -isystem %inputs
// RUN: grep -A2 '^#define' %s > %t.defines.before
// RUN: grep -A2 '^#define' %t.fixed.cpp > %t.defines.after
// RUN: diff %t.defines.before %t.defines.after
// RUN: not diff %s %t.fixed.cpp > /dev/null

#include <cppcoro/sync_wait.hpp>
#include <cppcoro/task.hpp>
#include <chrono>
#include <thread>
#include <vector>

cppcoro::task<int> fetch(int id);
cppcoro::task<> log(int id);

#define AWAIT(x) co_await (x)
#define CALL_LOG(id) log(id)
#define NAP() std::this_thread::sleep_for(std::chrono::milliseconds(1))
#define PASS(x) x
#define LOOP_FETCH(ids)                                                        \
  for (int id : ids)                                                           \
    co_await fetch(id)

cppcoro::task<> viaMacros(std::vector<int> ids) {
  // co_await spelled inside a macro: awaited, nothing to report.
  AWAIT(log(1));
  int v = AWAIT(fetch(2));
  (void)v;

  // The whole call comes from the macro body: reported, no fix.
  CALL_LOG(3);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: coroutine 'log' is never awaited; its body will not run [async-unawaited-coroutine]

  // The call is a macro argument spelled here: the fix edits this line.
  PASS(log(4));
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: coroutine 'log' is never awaited; its body will not run [async-unawaited-coroutine]
  // CHECK-FIXES: PASS(co_await log(4));

  // A blocking call from a macro body: reported at the expansion.
  NAP();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'std::this_thread::sleep_for' in a coroutine; sleeping stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: suspend on a timer instead: 'co_await service.schedule_after(<duration>)' on a 'cppcoro::io_service'

  // A loop written by a macro: reported at the expansion, no fix.
  LOOP_FETCH(ids);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: each iteration waits for 'fetch' before the next one starts; the iterations are independent and could run concurrently [async-sequential-await-in-loop]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: to run the iterations concurrently, collect the tasks and await them with 'cppcoro::when_all'
}

void use() { cppcoro::sync_wait(viaMacros({1, 2, 3})); }
