#include "app/app.h"

struct tcp_stream {};

void app::manager::stop() { ep->call(); }

app::endpoint<tcp_stream> the_endpoint;
