// The service's TLS clients, built in src/app/tls.cpp.
#pragma once
#include <asio.hpp>
#include <asio/ssl.hpp>

namespace app {

asio::awaitable<void> make_tls_client();
asio::ssl::context &shared_tls();
void preload();

} // namespace app
