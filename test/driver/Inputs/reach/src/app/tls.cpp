#include "app/tls.h"

namespace app {

// Every flow awaits a new client: certificates are loaded per connection.
asio::awaitable<void> make_tls_client() {
  asio::ssl::context ctx(asio::ssl::context::tls_client);
  ctx.set_default_verify_paths();
  co_return;
}

// Not flagged: built once, in a function-local static.
asio::ssl::context &shared_tls() {
  static asio::ssl::context shared(asio::ssl::context::tls_client);
  return shared;
}

// Not flagged: only a loop in main() reaches it, at start-up.
void load_certs() {
  asio::ssl::context certs(asio::ssl::context::tls_server);
  certs.load_verify_file("ca.pem");
}

void preload() { load_certs(); }

} // namespace app
