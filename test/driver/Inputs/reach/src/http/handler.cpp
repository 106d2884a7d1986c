#include "app/app.h"
#include "app/tls.h"
#include <asio.hpp>
#include <exception>

asio::awaitable<void> handle(app::manager &m) {
  app::route(m);
  co_return;
}

asio::awaitable<void> kill(int pid) {
  app::tidy(pid);
  app::stop_proc(pid);
  app::stop_proc(pid); // NOLINT(async-blocking-call-in-coroutine)
  co_return;
}

asio::awaitable<void> poke(app::endpoint_base &ep, app::hook &h) {
  ep.call();
  h.run();
  co_return;
}

// Once per accepted connection: the flow awaits a TLS client that
// src/app/tls.cpp builds anew each time.
asio::awaitable<void> serve_flow(asio::ip::tcp::socket s) {
  co_await app::make_tls_client();
  app::shared_tls();
  co_return;
}

asio::awaitable<void> accept_flows(asio::ip::tcp::acceptor &acceptor) {
  auto ex = co_await asio::this_coro::executor;
  for (;;) {
    auto s = co_await acceptor.async_accept(asio::use_awaitable);
    asio::co_spawn(ex, serve_flow(std::move(s)), [](std::exception_ptr e) {
      if (e)
        std::rethrow_exception(e);
    });
  }
}

int main() {
  for (int warmup = 0; warmup < 3; ++warmup)
    app::preload();
}
