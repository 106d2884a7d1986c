// async-clangd publishes the finding with its range and check name (clangd
// capitalises the message and appends "(fix available)"), and offers the fix
// on the warning as the preferred quick-fix, and a fix carried by a note as a
// code action.
// RUN: %python %S/lsp_check.py --clangd %async-clangd --file %s \
// RUN:   --flag=-std=c++20 --flag=-isystem --flag=%inputs | %FileCheck %s

#include <cppcoro/task.hpp>
#include <qcoro/qcorotask.h>

cppcoro::task<int> fetch();
cppcoro::task<> lazy_user() {
  fetch();
  co_return;
}
// CHECK: diagnostic [[@LINE-3]]:3-[[@LINE-3]]:10 async-unawaited-coroutine warning Coroutine 'fetch' is never awaited; its body will not run (fix available)
// CHECK-NEXT: link {{.*}}
// CHECK-NEXT: action [preferred] insert 'co_await '
// CHECK-NEXT: => [[@LINE-6]]: co_await fetch();

QCoro::Task<int> started();
QCoro::Task<> eager_user() {
  started();
  co_return;
}
// CHECK: diagnostic [[@LINE-3]]:3-[[@LINE-3]]:12 async-unawaited-coroutine warning Coroutine 'started' is started but never awaited; its result and exceptions are lost (fix available)
// CHECK-NEXT: link {{.*}}
// CHECK-NEXT: action {{.*}}add 'co_await' to wait for its result
// CHECK-NEXT: => [[@LINE-6]]: co_await started();
// CHECK-NOT: diagnostic
