// Syntax errors: a unit that does not compile is reported with the
// compiler's errors and exit status 1, and the checks do not crash. They see
// the code as clang recovered it: a missing ';' inserted, a misspelt name
// corrected (each reported as an error too); what clang dropped is not seen.
// A function whose body holds an expression clang built by error recovery (an
// undeclared name) gets no async finding at all: it is a guess, not the code.
// RUN: %expect_exit 1 --stdout %t.out --stderr %t.err -- %async-lint %s -- -std=c++20 -isystem %inputs
// RUN: %FileCheck %s --input-file=%t.out --implicit-check-not=warning: --implicit-check-not=error:
// The plugin in stock clang-tidy survives it too, with the same findings.
// RUN: not %clang-tidy -load %plugin -checks='-*,async-*' %s -- -std=c++20 -isystem %inputs > %t.tidy 2>&1
// RUN: %FileCheck %s --input-file=%t.tidy --implicit-check-not=warning: --implicit-check-not=error:

#include <cppcoro/task.hpp>
#include <chrono>
#include <thread>

cppcoro::task<int> fetch(int id);
cppcoro::task<> log(int id);

cppcoro::task<> missingSemicolon() {
  co_await log(1)
  log(2);
}
// CHECK: syntax-errors.cpp:[[@LINE-3]]:18: error: expected ';' after expression
// CHECK: syntax-errors.cpp:[[@LINE-3]]:3: warning: coroutine 'log' is never awaited; its body will not run [async-unawaited-coroutine]

cppcoro::task<> undeclared() {
  co_await nosuch(1);
  std::this_thread::sleep_fr(std::chrono::seconds(1));
  co_return;
}
// CHECK: syntax-errors.cpp:[[@LINE-4]]:12: error: use of undeclared identifier 'nosuch'
// CHECK: syntax-errors.cpp:[[@LINE-4]]:21: error: no member named 'sleep_fr' in namespace 'std::this_thread'; did you mean 'sleep_for'?

cppcoro::task<> badAwait() {
  co_await;
  for (int i : ) co_await fetch(i);
}
// CHECK: syntax-errors.cpp:[[@LINE-3]]:11: error: expected expression
// CHECK: syntax-errors.cpp:[[@LINE-3]]:16: error: expected expression

cppcoro::task<> intact() {
  std::this_thread::sleep_for(std::chrono::seconds(1));
  co_return;
}
// CHECK: syntax-errors.cpp:[[@LINE-3]]:3: warning: blocking call to 'std::this_thread::sleep_for' in a coroutine; sleeping stalls every coroutine on its thread [async-blocking-call-in-coroutine]

cppcoro::task<> unterminated() {
  co_await log(3);
  if (true) {
    log(4);
// CHECK: syntax-errors.cpp:[[@LINE-1]]:5: warning: coroutine 'log' is never awaited; its body will not run [async-unawaited-coroutine]
// CHECK: syntax-errors.cpp:[[@LINE+1]]:{{[0-9]+}}: error: expected '}'
// (the end of the file)
