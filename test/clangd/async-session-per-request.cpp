// async-session-per-request in the editor: the finding, its docs link, and
// the hoist out of the loop as a further (non-preferred) quick-fix, because
// it is carried by a note.
// RUN: %lsp-check %s | %FileCheck %s
// LSP-CHECKS: async-session-per-request

#include <cpr/cpr.h>
#include <string>
#include <vector>

// CHECK: published 1 diagnostics
void fetch_all(const std::vector<std::string> &urls) {
  for (const auto &url : urls) {
    cpr::Session session;
    session.SetUrl(cpr::Url{url});
    session.Get();
  }
}
// CHECK-NEXT: diagnostic [[@LINE-5]]:5-[[@LINE-5]]:25 async-session-per-request warning A new 'cpr::Session' is created on every loop iteration; each session has its own connection pool, so keep-alive is lost (fix available)
// CHECK-NEXT: link <docs>/async-session-per-request.md
// CHECK-NEXT: action create it once, before the loop
// CHECK-NEXT: => [[@LINE-9]]: cpr::Session session;
// CHECK-NEXT: deleted [[@LINE-9]]: cpr::Session session;
// CHECK-NEXT: end
