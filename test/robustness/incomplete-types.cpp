// Incomplete types: coroutines whose task type, awaited operand or
// callee's return type is only declared. Clang reports the errors; the checks
// must neither crash nor report anything on the invalid declarations, and
// still report on the valid coroutine below them.
// RUN: %expect_exit 1 --stdout %t.out --stderr %t.err -- %async-lint %s -- -std=c++20 -isystem %inputs
// RUN: %FileCheck %s --input-file=%t.out --implicit-check-not=warning: --implicit-check-not=error:

#include <cppcoro/task.hpp>

cppcoro::task<> log(int id);

// A task type that is declared but never defined.
template <class T> class Fwd;
Fwd<int> incompleteTask(int id) {
  co_await log(id);
}
// CHECK: incomplete-types.cpp:[[@LINE-3]]:10: error: implicit instantiation of undefined template 'Fwd<int>'
// CHECK: incomplete-types.cpp:[[@LINE-4]]:10: error: this function cannot be a coroutine

struct Opaque;
Opaque &opaqueRef();
Opaque makeOpaque();

cppcoro::task<> awaitsIncomplete() {
  co_await opaqueRef();
  makeOpaque();
  co_return;
}
// CHECK: incomplete-types.cpp:[[@LINE-4]]:12: error: incomplete definition of type 'Opaque'
// CHECK: incomplete-types.cpp:[[@LINE-4]]:3: error: calling 'makeOpaque' with incomplete return type 'Opaque'

// A class whose member task is used before the class is complete.
struct Service {
  cppcoro::task<> step();
  cppcoro::task<> run() {
    step();
    co_return;
  }
  // CHECK: incomplete-types.cpp:[[@LINE-3]]:5: warning: coroutine 'step' is never awaited; its body will not run [async-unawaited-coroutine]
};
