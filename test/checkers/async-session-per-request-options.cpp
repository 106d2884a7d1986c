// RUN: %check_async %s async-session-per-request %t \
// RUN:   -config="{CheckOptions: {async-session-per-request.SessionTypes: 'myhttp::Pool', async-session-per-request.SessionFactories: 'myhttp::connect', async-session-per-request.IgnoredTypes: 'cpr::Session'}}"

#include <cpr/cpr.h>

namespace myhttp {
class Pool {
public:
  explicit Pool(int size) {}
};
int connect(const char *host);
} // namespace myhttp

void options(int n) {
  for (int i = 0; i < n; ++i) {
    myhttp::Pool pool(i);
    // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: a new 'myhttp::Pool' is created on every loop iteration; it is configured as a session type that should be created once [async-session-per-request]
    // CHECK-NOTES: :[[@LINE-2]]:18: warning: a new 'myhttp::Pool' is created on every loop iteration; it is configured as a session type that should be created once [async-session-per-request]
    // CHECK-NOTES: :[[@LINE-3]]:18: note: create one for the program's lifetime and pass it in by reference
    int fd = myhttp::connect("example.com");
    // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'myhttp::connect' is called on every loop iteration; it is configured as a session factory that should be called once [async-session-per-request]
    // CHECK-NOTES: :[[@LINE-2]]:14: warning: 'myhttp::connect' is called on every loop iteration; it is configured as a session factory that should be called once [async-session-per-request]
    // CHECK-NOTES: :[[@LINE-3]]:14: note: create one for the program's lifetime and pass it in by reference
    (void)fd;
    // IgnoredTypes removes a built-in type.
    cpr::Session session;
    session.Get();
  }
}
