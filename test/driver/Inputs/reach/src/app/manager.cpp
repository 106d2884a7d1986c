#include "app/app.h"

void app::manager::stop() { ep->call(); }
