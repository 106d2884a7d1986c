#include "app/app.h"
#include <asio.hpp>

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
