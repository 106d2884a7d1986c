// A service split over several files, as real ones are: the coroutines in
// src/http call into src/app, which ends in blocking calls through a virtual
// function and a plain one.
#pragma once

namespace app {

class endpoint_base {
public:
  virtual ~endpoint_base() = default;
  virtual void call() = 0;
};

class hook {
public:
  virtual ~hook() = default;
  // No implementation anywhere in the program: not followed.
  virtual void run() = 0;
};

class manager {
public:
  void stop();
  endpoint_base *ep = nullptr;
};

void route(manager &m);
void stop_proc(int pid);
void tidy(int pid);

} // namespace app
