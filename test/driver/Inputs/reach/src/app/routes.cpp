#include "app/app.h"

void app::route(manager &m) { m.stop(); }
