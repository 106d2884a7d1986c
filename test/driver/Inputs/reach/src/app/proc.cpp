#include "app/app.h"
#include <chrono>
#include <future>
#include <thread>

namespace app {

class proc_endpoint : public endpoint_base {
public:
  void call() override {
    std::future<void> done = std::async(std::launch::async, [] {});
    done.wait_for(std::chrono::seconds(3));
  }
};

class quiet_endpoint : public endpoint_base {
public:
  void call() override {}
};

bool alive(int pid) { return pid > 0; }

void stop_proc(int pid) {
  while (alive(pid))
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
}

void tidy(int) {}

} // namespace app
