// RUN: rm -rf %t.vendor && mkdir -p %t.vendor && cp -r /usr/include/asio /usr/include/asio.hpp %t.vendor/
// RUN: %check_async -fix-notes %s async-detached-task-exception %t -- -I%S/Inputs/vendored -I%t.vendor -DASIO_HAS_CO_AWAIT=1 -DASIO_HAS_STD_COROUTINE=1

// A framework vendored into the project is still the framework: what its
// functions throw is what its documentation says, not what the bodies its
// headers show reach (a timer's constructor reaching the service registry's
// throw). The program's own function beside it, whose body throws, is
// evidence.

#include "asio.hpp" // Inputs/vendored/asio.hpp, on the project's include path
#include <stdexcept>
#include <string>

asio::awaitable<void> tick(asio::any_io_executor ex) {
  asio::registered_timer timer(ex);
  co_return;
}

void parse_or_throw(const std::string &s) {
  if (s.empty())
    throw std::invalid_argument("empty");
}

asio::awaitable<void> parse(std::string s) {
  parse_or_throw(s);
  co_return;
}

void start(asio::any_io_executor ex) {
  asio::co_spawn(ex, tick(ex), asio::detached);
  asio::co_spawn(ex, parse("x"), asio::detached);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: coroutine 'parse' can throw, but its exception is lost: 'detached' ignores it [async-detached-task-exception]
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: coroutine 'parse' can throw, but its exception is lost: 'detached' ignores it [async-detached-task-exception]
  // CHECK-NOTES: :[[@LINE-9]]:3: note: a call that can throw outside any handler that catches it is here
  // CHECK-NOTES: :[[@LINE-14]]:5: note: in 'parse_or_throw', a throw outside any handler that catches it is here
  // CHECK-NOTES: :[[@LINE-5]]:34: note: replace 'detached' with a handler that reports the exception
  // CHECK-FIXES: {{^}}  asio::co_spawn(ex, parse("x"), [](std::exception_ptr e) { try { if (e) std::rethrow_exception(e); } catch (const std::exception &x) { std::cerr << "task failed: " << x.what() << '\n'; } });
}
