// async-unawaited-coroutine over the real QCoro headers (qcoro-qt5-dev):
// QCoro's tasks are eager, and discarding one in a coroutine loses its
// result and its exception; but `Task::then()` is documented as a
// continuation whose task may be discarded ("the result of the then()
// action can be co_awaited, if desired").
// REQUIRES: qt5
// RUN: %check_async -real-headers %s async-unawaited-coroutine %t -- %qt-flags

#include <QCoroTask>
#include <QCoroTimer>
#include <QTimer>
#include <chrono>

QCoro::Task<int> compute();

QCoro::Task<> chained() {
  auto task = compute();
  bool called = false;
  // A continuation of a task this coroutine still awaits: not reported.
  task.then([&called](int) { called = true; });
  co_await task;
}

QCoro::Task<> dropped() {
  compute();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: coroutine 'compute' is started but never awaited; its result and exceptions are lost [async-unawaited-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: coroutine 'compute' is started but never awaited; its result and exceptions are lost [async-unawaited-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: add 'co_await' to wait for its result
  // CHECK-NOTES: :[[@LINE-4]]:3: note: cast the call to 'void' if it is meant to run detached
  co_return;
}
