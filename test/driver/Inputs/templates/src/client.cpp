#include "app/app.h"

app::tls_client::tls_client() : ctx(asio::ssl::context::tls_client) {
  ctx.set_default_verify_paths();
}
