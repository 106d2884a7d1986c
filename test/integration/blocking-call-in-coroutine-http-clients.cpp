// The check over real C and C++ library headers: libcurl
// (libcurl4-openssl-dev), cpp-httplib (libcpp-httplib-dev), glibc's POSIX
// functions and libstdc++. Blocking functions are matched by their resolved
// declarations, such as the C linkage of POSIX 'send'.
// RUN: %check_async -real-headers %s async-blocking-call-in-coroutine %t

#include <coroutine>
#include <curl/curl.h>
#include <future>
#include <httplib.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

// A coroutine type of no known framework.
struct Task {
  struct promise_type {
    Task get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
};

Task fetch(CURL *curl, int fd) {
  curl_easy_perform(curl);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'curl_easy_perform' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: blocking call to 'curl_easy_perform' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: move the blocking call to a thread pool and await its result
  httplib::Client client("http://example.com");
  auto res = client.Get("/");
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: blocking call to 'httplib::Client::Get' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:21: warning: blocking call to 'httplib::Client::Get' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:21: note: move the blocking call to a thread pool and await its result
  client.Post("/items", "{}", "application/json");
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: blocking call to 'httplib::Client::Post' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:10: warning: blocking call to 'httplib::Client::Post' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:10: note: move the blocking call to a thread pool and await its result
  char buf[16];
  send(fd, buf, sizeof buf, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'send' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: blocking call to 'send' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: put the descriptor in non-blocking mode (O_NONBLOCK) and await its readiness, or use the framework's asynchronous I/O operations
  recv(fd, buf, sizeof buf, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'recv' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: blocking call to 'recv' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: put the descriptor in non-blocking mode (O_NONBLOCK) and await its readiness, or use the framework's asynchronous I/O operations
  (void)res;
  co_return;
}

// A function of the program that blocks, called from a coroutine.
std::string download(const std::string &path) {
  httplib::Client client("http://example.com");
  auto res = client.Get(path);
  return res ? res->body : std::string();
}
Task refresh() {
  std::string body = download("/index.html");
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: call to 'download' in a coroutine reaches blocking call 'httplib::Client::Get'; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:22: warning: call to 'download' in a coroutine reaches blocking call 'httplib::Client::Get'; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-7]]:21: note: blocking call to 'httplib::Client::Get' is here
  // CHECK-NOTES: :[[@LINE-4]]:22: note: move the blocking call to a thread pool and await its result
  co_return;
}

// Not flagged: the same calls on a thread of their own.
Task fetch_in_background(std::promise<std::string> &done) {
  std::thread([&done] { done.set_value(download("/")); }).detach();
  co_return;
}
