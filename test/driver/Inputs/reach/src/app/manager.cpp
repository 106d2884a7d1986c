#include "app/app.h"

void app::manager::stop() {
  if (ep)
    ep->call();
}
