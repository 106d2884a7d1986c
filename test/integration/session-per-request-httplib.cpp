// async-session-per-request over the real cpp-httplib header.
// RUN: %check_async -real-headers -fix-notes %s async-session-per-request %t

#include <httplib.h>
#include <string>
#include <vector>

std::vector<std::string> fetch(const std::vector<std::string> &paths) {
  std::vector<std::string> bodies;
  for (const auto &path : paths) {
    httplib::Client client("http://localhost:8080");
    // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: a new 'httplib::Client' is created on every loop iteration; each client opens its own connection, so keep-alive is lost [async-session-per-request]
    // CHECK-NOTES: :[[@LINE-2]]:21: warning: a new 'httplib::Client' is created on every loop iteration; each client opens its own connection, so keep-alive is lost [async-session-per-request]
    // CHECK-NOTES: :[[@LINE-3]]:21: note: create it once, before the loop
    if (auto res = client.Get(path))
      bodies.push_back(res->body);
  }
  // CHECK-FIXES: httplib::Client client("http://localhost:8080");
  // CHECK-FIXES-NEXT: for (const auto &path : paths) {
  return bodies;
}

// Not flagged: one client, reused.
std::vector<std::string> fetch_reusing(httplib::Client &client,
                                       const std::vector<std::string> &paths) {
  std::vector<std::string> bodies;
  for (const auto &path : paths)
    if (auto res = client.Get(path))
      bodies.push_back(res->body);
  return bodies;
}
