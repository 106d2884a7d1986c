// RUN: %check_async %s async-swallowed-cancellation %t
// RUN: %check_async -fix-notes -check-suffixes=,NOTES %s async-swallowed-cancellation %t-notes
// RUN: %check_async -check-suffixes=,STRICT %s async-swallowed-cancellation %t-strict \
// RUN:   -config="{CheckOptions: {async-swallowed-cancellation.StrictMode: true}}"

// Exception-style cancellation: folly::coro and cppcoro. Asio is in
// async-swallowed-cancellation-asio.cpp, the CancellationExceptions option in
// async-swallowed-cancellation-options.cpp.

#include <cppcoro/cancellation_token.hpp>
#include <cppcoro/operation_cancelled.hpp>
#include <cppcoro/task.hpp>
#include <exception>
#include <folly/CancellationToken.h>
#include <folly/OperationCancelled.h>
#include <folly/experimental/coro/Task.h>
#include <stdexcept>

void log(const char *);

// ---------------------------------------------------------------------------
// folly::coro: a cancelled operation throws folly::OperationCancelled.

folly::coro::Task<int> fetch();
folly::coro::Task<void> store(int);

// A handler for the cancellation itself that does not rethrow it is reported
// on every path, co_return included.
folly::coro::Task<void> poll_forever() {
  for (;;) {
    try {
      co_await fetch();
    } catch (const folly::OperationCancelled &) {
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: handler for cancellation 'folly::OperationCancelled' does not rethrow it; the coroutine keeps running after it is cancelled [async-swallowed-cancellation]
      // CHECK-NOTES: :[[@LINE-2]]:7: warning: handler for cancellation 'folly::OperationCancelled' does not rethrow it; the coroutine keeps running after it is cancelled [async-swallowed-cancellation]
      log("cancelled");
    }
    // CHECK-NOTES: :[[@LINE-1]]:5: note: rethrow the cancellation at the end of the handler
    // CHECK-FIXES-NOTES: log("cancelled");
    // CHECK-FIXES-NOTES-NEXT: throw;
    // CHECK-FIXES-NOTES-NEXT: }
  }
}

// Appending `throw;` would not help a handler that returns: no fix.
folly::coro::Task<void> finish_quietly() {
  try {
    co_await fetch();
  } catch (const folly::OperationCancelled &) {
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: handler for cancellation 'folly::OperationCancelled' does not rethrow it; the caller of the coroutine never learns that it was cancelled [async-swallowed-cancellation]
    co_return;
  }
}

folly::coro::Task<void> end_of_coroutine() {
  try {
    co_await fetch();
  } catch (folly::OperationCancelled &) {
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: handler for cancellation 'folly::OperationCancelled' does not rethrow it; the caller of the coroutine never learns that it was cancelled [async-swallowed-cancellation]
    // CHECK-NOTES: :[[@LINE-2]]:5: warning: handler for cancellation 'folly::OperationCancelled' does not rethrow it; the caller of the coroutine never learns that it was cancelled [async-swallowed-cancellation]
    log("cancelled");
  }
  // CHECK-NOTES: :[[@LINE-1]]:3: note: rethrow the cancellation at the end of the handler
  // CHECK-FIXES-NOTES: log("cancelled");
  // CHECK-FIXES-NOTES-NEXT: throw;
}

folly::coro::Task<void> one_line_handler(bool retry) {
  while (retry) {
    try { co_await fetch(); } catch (const folly::OperationCancelled &) { log("x"); }
    // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: handler for cancellation 'folly::OperationCancelled' does not rethrow it; the coroutine keeps running after it is cancelled [async-swallowed-cancellation]
    // CHECK-NOTES: :[[@LINE-2]]:31: warning: handler for cancellation 'folly::OperationCancelled' does not rethrow it; the coroutine keeps running after it is cancelled [async-swallowed-cancellation]
    // CHECK-NOTES: :[[@LINE-3]]:85: note: rethrow the cancellation at the end of the handler
    // CHECK-FIXES-NOTES: try { co_await fetch(); } catch (const folly::OperationCancelled &) { log("x"); throw; }
  }
}

// A broad handler reached by the cancellation is reported when the coroutine
// goes on to another suspension point: in a loop, or after the try.
folly::coro::Task<void> retry_forever() {
  for (;;) {
    try {
      co_await store(co_await fetch());
    } catch (const std::exception &e) {
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: handler for 'const std::exception &' also catches cancellation 'folly::OperationCancelled' and does not rethrow it; the coroutine keeps running after it is cancelled [async-swallowed-cancellation]
      // CHECK-NOTES: :[[@LINE-2]]:7: warning: handler for 'const std::exception &' also catches cancellation 'folly::OperationCancelled' and does not rethrow it; the coroutine keeps running after it is cancelled [async-swallowed-cancellation]
      // CHECK-NOTES: :[[@LINE-3]]:7: note: rethrow the cancellation before handling other errors
      // CHECK-FIXES-NOTES: } catch (const folly::OperationCancelled &) { throw; } catch (const std::exception &e) {
      log(e.what());
    }
  }
}

folly::coro::Task<void> await_after_try() {
  try {
    co_await fetch();
  } catch (...) {
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: catch-all handler also catches cancellation 'folly::OperationCancelled' and does not rethrow it; the coroutine keeps running after it is cancelled [async-swallowed-cancellation]
    // CHECK-NOTES: :[[@LINE-2]]:5: warning: catch-all handler also catches cancellation 'folly::OperationCancelled' and does not rethrow it; the coroutine keeps running after it is cancelled [async-swallowed-cancellation]
    // CHECK-NOTES: :[[@LINE-3]]:5: note: rethrow the cancellation before handling other errors
    // CHECK-FIXES-NOTES: } catch (const folly::OperationCancelled &) { throw; } catch (...) {
    log("failed");
  }
  co_await store(0);
}

folly::coro::Task<void> break_then_await() {
  for (int i = 0; i < 3; ++i) {
    try {
      co_await fetch();
    } catch (...) {
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: catch-all handler also catches cancellation 'folly::OperationCancelled' and does not rethrow it; the coroutine keeps running after it is cancelled [async-swallowed-cancellation]
      // CHECK-NOTES: :[[@LINE-2]]:7: warning: catch-all handler also catches cancellation 'folly::OperationCancelled' and does not rethrow it; the coroutine keeps running after it is cancelled [async-swallowed-cancellation]
      // CHECK-NOTES: :[[@LINE-3]]:7: note: rethrow the cancellation before handling other errors
      // CHECK-FIXES-NOTES: } catch (const folly::OperationCancelled &) { throw; } catch (...) {
      break;
    }
  }
  co_await store(0);
}

folly::coro::Task<void> continue_in_handler(int n) {
  while (n--) {
    try {
      co_await fetch();
    } catch (const std::exception &) {
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: handler for 'const std::exception &' also catches cancellation 'folly::OperationCancelled' and does not rethrow it; the coroutine keeps running after it is cancelled [async-swallowed-cancellation]
      // CHECK-NOTES: :[[@LINE-2]]:7: warning: handler for 'const std::exception &' also catches cancellation 'folly::OperationCancelled' and does not rethrow it; the coroutine keeps running after it is cancelled [async-swallowed-cancellation]
      // CHECK-NOTES: :[[@LINE-3]]:7: note: rethrow the cancellation before handling other errors
      // CHECK-FIXES-NOTES: } catch (const folly::OperationCancelled &) { throw; } catch (const std::exception &) {
      continue;
    }
    log("fetched");
  }
}

// Rethrowing on some paths only is not enough.
folly::coro::Task<void> rethrows_sometimes(bool fatal) {
  for (;;) {
    try {
      co_await fetch();
    } catch (...) {
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: catch-all handler also catches cancellation 'folly::OperationCancelled' and does not rethrow it; the coroutine keeps running after it is cancelled [async-swallowed-cancellation]
      // CHECK-NOTES: :[[@LINE-2]]:7: warning: catch-all handler also catches cancellation 'folly::OperationCancelled' and does not rethrow it; the coroutine keeps running after it is cancelled [async-swallowed-cancellation]
      // CHECK-NOTES: :[[@LINE-3]]:7: note: rethrow the cancellation before handling other errors
      // CHECK-FIXES-NOTES: } catch (const folly::OperationCancelled &) { throw; } catch (...) {
      if (fatal)
        throw;
    }
  }
}

// The inserted handler is spelled with the file's namespace alias.
namespace fl = folly;
folly::coro::Task<void> aliased() {
  for (;;) {
    try {
      co_await fetch();
    } catch (const std::exception &) {
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: handler for 'const std::exception &' also catches cancellation 'folly::OperationCancelled' and does not rethrow it; the coroutine keeps running after it is cancelled [async-swallowed-cancellation]
      // CHECK-NOTES: :[[@LINE-2]]:7: warning: handler for 'const std::exception &' also catches cancellation 'folly::OperationCancelled' and does not rethrow it; the coroutine keeps running after it is cancelled [async-swallowed-cancellation]
      // CHECK-NOTES: :[[@LINE-3]]:7: note: rethrow the cancellation before handling other errors
      // CHECK-FIXES-NOTES: } catch (const fl::OperationCancelled &) { throw; } catch (const std::exception &) {
    }
  }
}

// A broad handler after which the coroutine ends (falling off its end, or
// breaking out of its last loop) is reported only in StrictMode: the
// coroutine stops, but completes as if it had succeeded.
folly::coro::Task<void> log_and_end() {
  try {
    for (;;)
      co_await store(co_await fetch());
  } catch (const std::exception &e) {
    // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:5: warning: handler for 'const std::exception &' also catches cancellation 'folly::OperationCancelled' and does not rethrow it; the caller of the coroutine never learns that it was cancelled [async-swallowed-cancellation]
    // CHECK-NOTES-STRICT: :[[@LINE-2]]:5: warning: handler for 'const std::exception &' also catches cancellation 'folly::OperationCancelled' and does not rethrow it; the caller of the coroutine never learns that it was cancelled [async-swallowed-cancellation]
    // CHECK-NOTES-STRICT: :[[@LINE-3]]:5: note: rethrow the cancellation before handling other errors
    log(e.what());
  }
}

folly::coro::Task<void> break_and_end() {
  for (;;) {
    try {
      co_await fetch();
    } catch (...) {
      // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:7: warning: catch-all handler also catches cancellation 'folly::OperationCancelled' and does not rethrow it; the caller of the coroutine never learns that it was cancelled [async-swallowed-cancellation]
      // CHECK-NOTES-STRICT: :[[@LINE-2]]:7: warning: catch-all handler also catches cancellation 'folly::OperationCancelled' and does not rethrow it; the caller of the coroutine never learns that it was cancelled [async-swallowed-cancellation]
      // CHECK-NOTES-STRICT: :[[@LINE-3]]:7: note: rethrow the cancellation before handling other errors
      break;
    }
  }
  log("done");
}

folly::coro::Task<int> return_fallback() {
  try {
    co_return co_await fetch();
  } catch (...) {
    // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:5: warning: catch-all handler also catches cancellation 'folly::OperationCancelled' and does not rethrow it; the caller of the coroutine never learns that it was cancelled [async-swallowed-cancellation]
    // CHECK-NOTES-STRICT: :[[@LINE-2]]:5: warning: catch-all handler also catches cancellation 'folly::OperationCancelled' and does not rethrow it; the caller of the coroutine never learns that it was cancelled [async-swallowed-cancellation]
    // CHECK-NOTES-STRICT: :[[@LINE-3]]:5: note: rethrow the cancellation before handling other errors
    co_return -1;
  }
}

// Not flagged: handlers that rethrow on every path.
folly::coro::Task<void> rethrow_after_cleanup() {
  for (;;) {
    try {
      co_await fetch();
    } catch (const folly::OperationCancelled &) {
      log("cancelled");
      throw;
    } catch (const std::exception &e) {
      log(e.what());
    }
  }
}

folly::coro::Task<void> rethrow_in_every_branch(int how) {
  for (;;) {
    try {
      co_await fetch();
    } catch (...) {
      if (how == 0)
        throw;
      else if (how == 1)
        throw std::runtime_error("wrapped");
      else
        std::rethrow_exception(std::current_exception());
    }
  }
}

folly::coro::Task<void> rethrow_from_switch(int how) {
  for (;;) {
    try {
      co_await fetch();
    } catch (...) {
      switch (how) {
      case 0:
        log("zero");
        [[fallthrough]];
      case 1:
        throw;
      default:
        std::terminate();
      }
    }
  }
}

folly::coro::Task<void> rethrow_after_retries() {
  for (;;) {
    try {
      co_await fetch();
    } catch (...) {
      for (int i = 0; i < 3; ++i)
        log("retry");
      do {
        log("cleanup");
      } while (false);
      throw;
    }
  }
}

// Not flagged: the handler lets the cancellation through first.
folly::coro::Task<void> guarded(int attempts) {
  while (attempts--) {
    try {
      co_await fetch();
    } catch (const std::exception &e) {
      if (dynamic_cast<const folly::OperationCancelled *>(&e))
        throw;
      log(e.what());
    }
  }
}

folly::coro::Task<void> token_guard(folly::CancellationToken token) {
  for (;;) {
    try {
      co_await fetch();
    } catch (...) {
      if (token.isCancellationRequested())
        throw;
    }
  }
}

// Not flagged: the broad handler after a handler for the cancellation never
// sees it. When that first handler swallows it, only that one is reported.
folly::coro::Task<void> reported_once() {
  for (;;) {
    try {
      co_await fetch();
    } catch (const folly::OperationCancelled &) {
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: handler for cancellation 'folly::OperationCancelled' does not rethrow it; the coroutine keeps running after it is cancelled [async-swallowed-cancellation]
      // CHECK-NOTES: :[[@LINE-2]]:7: warning: handler for cancellation 'folly::OperationCancelled' does not rethrow it; the coroutine keeps running after it is cancelled [async-swallowed-cancellation]
      log("reported once");
    } catch (...) {
      // CHECK-NOTES: :[[@LINE-1]]:5: note: rethrow the cancellation at the end of the handler
      // CHECK-FIXES-NOTES: log("reported once");
      // CHECK-FIXES-NOTES-NEXT: throw;
      // CHECK-FIXES-NOTES-NEXT: } catch (...) {
      log("failed");
    }
  }
}

// Not flagged: no suspension point in the try block.
int parse(int);
folly::coro::Task<void> no_suspension() {
  for (;;) {
    int value = co_await fetch();
    try {
      value = parse(value);
    } catch (...) {
      value = 0;
    }
    co_await store(value);
  }
}

// Not flagged: handlers of types the cancellation is not.
folly::coro::Task<void> unrelated_types() {
  for (;;) {
    try {
      co_await fetch();
    } catch (const std::runtime_error &e) {
      log(e.what());
    } catch (const std::exception *) {
    }
  }
}

// The nested try takes everything its block throws, so the outer handler
// cannot see a cancellation; the inner handler is reported.
folly::coro::Task<void> nested() {
  try {
    for (;;) {
      try {
        co_await fetch();
      } catch (...) {
        // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: catch-all handler also catches cancellation 'folly::OperationCancelled' and does not rethrow it; the coroutine keeps running after it is cancelled [async-swallowed-cancellation]
        // CHECK-NOTES: :[[@LINE-2]]:9: warning: catch-all handler also catches cancellation 'folly::OperationCancelled' and does not rethrow it; the coroutine keeps running after it is cancelled [async-swallowed-cancellation]
        // CHECK-NOTES: :[[@LINE-3]]:9: note: rethrow the cancellation before handling other errors
        // CHECK-FIXES-NOTES: } catch (const fl::OperationCancelled &) { throw; } catch (...) {
        log("inner");
      }
    }
  } catch (const std::exception &e) {
    log(e.what());
  }
  co_await store(1);
}

// Templates are analysed once, as written. A handler whose type depends on a
// template parameter may take the cancellation in some instantiations, so the
// handlers after it are not reported.
template <class T> folly::coro::Task<void> templated_loop(T value) {
  for (;;) {
    try {
      co_await store(value);
    } catch (...) {
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: catch-all handler also catches cancellation 'folly::OperationCancelled' and does not rethrow it; the coroutine keeps running after it is cancelled [async-swallowed-cancellation]
      // CHECK-NOTES: :[[@LINE-2]]:7: warning: catch-all handler also catches cancellation 'folly::OperationCancelled' and does not rethrow it; the coroutine keeps running after it is cancelled [async-swallowed-cancellation]
      // CHECK-NOTES: :[[@LINE-3]]:7: note: rethrow the cancellation before handling other errors
      // CHECK-FIXES-NOTES: } catch (const fl::OperationCancelled &) { throw; } catch (...) {
      log("template");
    }
  }
}

template <class Error> folly::coro::Task<void> dependent_handler() {
  for (;;) {
    try {
      co_await fetch();
    } catch (const Error &) {
      log("expected");
    } catch (...) {
      log("failed");
    }
  }
}

void instantiate() {
  templated_loop(1);
  templated_loop(2L);
  dependent_handler<folly::OperationCancelled>();
  dependent_handler<std::runtime_error>();
}

// Not flagged: functions that are not coroutines, and lambdas inside a
// coroutine that are not coroutines themselves.
void not_a_coroutine() {
  for (;;) {
    try {
      throw folly::OperationCancelled();
    } catch (const folly::OperationCancelled &) {
      log("cancelled");
    }
  }
}

folly::coro::Task<void> with_lambda() {
  auto handler = [] {
    try {
      throw folly::OperationCancelled();
    } catch (const folly::OperationCancelled &) {
    }
  };
  handler();
  co_await fetch();
}

// ---------------------------------------------------------------------------
// cppcoro: a cancelled operation throws cppcoro::operation_cancelled.

cppcoro::task<int> read_block(cppcoro::cancellation_token token);

cppcoro::task<void> cppcoro_exact(cppcoro::cancellation_token token) {
  for (;;) {
    try {
      co_await read_block(token);
    } catch (cppcoro::operation_cancelled &) {
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: handler for cancellation 'cppcoro::operation_cancelled' does not rethrow it; the coroutine keeps running after it is cancelled [async-swallowed-cancellation]
      // CHECK-NOTES: :[[@LINE-2]]:7: warning: handler for cancellation 'cppcoro::operation_cancelled' does not rethrow it; the coroutine keeps running after it is cancelled [async-swallowed-cancellation]
      log("cppcoro cancelled");
    }
    // CHECK-NOTES: :[[@LINE-1]]:5: note: rethrow the cancellation at the end of the handler
    // CHECK-FIXES-NOTES: log("cppcoro cancelled");
    // CHECK-FIXES-NOTES-NEXT: throw;
  }
}

cppcoro::task<void> cppcoro_broad(cppcoro::cancellation_token token) {
  int failures = 0;
  while (failures < 3) {
    try {
      co_await read_block(token);
    } catch (const std::exception &) {
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: handler for 'const std::exception &' also catches cancellation 'cppcoro::operation_cancelled' and does not rethrow it; the coroutine keeps running after it is cancelled [async-swallowed-cancellation]
      // CHECK-NOTES: :[[@LINE-2]]:7: warning: handler for 'const std::exception &' also catches cancellation 'cppcoro::operation_cancelled' and does not rethrow it; the coroutine keeps running after it is cancelled [async-swallowed-cancellation]
      // CHECK-NOTES: :[[@LINE-3]]:7: note: rethrow the cancellation before handling other errors
      // CHECK-FIXES-NOTES: } catch (const cppcoro::operation_cancelled &) { throw; } catch (const std::exception &) {
      ++failures;
    }
  }
}

cppcoro::task<void> cppcoro_yield_in_try() {
  for (;;) {
    try {
      co_await read_block({});
    } catch (...) {
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: catch-all handler also catches cancellation 'cppcoro::operation_cancelled' and does not rethrow it; the coroutine keeps running after it is cancelled [async-swallowed-cancellation]
      // CHECK-NOTES: :[[@LINE-2]]:7: warning: catch-all handler also catches cancellation 'cppcoro::operation_cancelled' and does not rethrow it; the coroutine keeps running after it is cancelled [async-swallowed-cancellation]
      // CHECK-NOTES: :[[@LINE-3]]:7: note: rethrow the cancellation before handling other errors
      // CHECK-FIXES-NOTES: } catch (const cppcoro::operation_cancelled &) { throw; } catch (...) {
    }
  }
}

// Not flagged: the token is checked, and the cancellation rethrown.
cppcoro::task<void> cppcoro_guarded(cppcoro::cancellation_token token) {
  for (;;) {
    try {
      co_await read_block(token);
    } catch (...) {
      if (token.is_cancellation_requested())
        throw;
      log("failed");
    }
  }
}
