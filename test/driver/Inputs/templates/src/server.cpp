#include "app/app.h"

struct session {
  template <class Stream>
  asio::awaitable<void> serve(Stream stream, app::manager &m) {
    app::handle_request(m);
    app::tls_client client;
    co_return;
  }
};

asio::awaitable<void> accept_loop(asio::ip::tcp::acceptor &acceptor,
                                  app::manager &m) {
  auto ex = co_await asio::this_coro::executor;
  session s;
  for (;;) {
    auto socket = co_await acceptor.async_accept(asio::use_awaitable);
    asio::co_spawn(ex, s.serve(std::move(socket), m), [](std::exception_ptr e) {
      if (e)
        std::rethrow_exception(e);
    });
  }
}
