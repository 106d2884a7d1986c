#include "app/app.h"

void app::handle_request(manager &m) { m.stop(); }
