// The options, each changed from its default:
// - Categories 'sleep;wait;file-io' turns off event loops, network and
//   processes, and turns on file I/O;
// - BlockingFunctions adds the user's own blocking functions, with and
//   without a suggested replacement (and std::mutex::lock, not built in);
// - IgnoredFunctions removes a built-in and a function of the user's;
// - MaxDepth 1 follows one call only, and 0 none.
// RUN: %check_async -check-suffixes=DEFAULT %s async-blocking-call-in-coroutine %t-default
// RUN: %check_async -check-suffixes=OPT %s async-blocking-call-in-coroutine %t-opt \
// RUN:   -config="{CheckOptions: {async-blocking-call-in-coroutine.Categories: 'sleep;wait;file-io', async-blocking-call-in-coroutine.BlockingFunctions: 'myapp::crunch=myapp::crunch_async;myapp::Index::rebuild;std::mutex::lock', async-blocking-call-in-coroutine.IgnoredFunctions: 'std::future::get;myapp::warm_cache', async-blocking-call-in-coroutine.MaxDepth: 1}}"
// RUN: %check_async -check-suffixes=NODEPTH %s async-blocking-call-in-coroutine %t-nodepth \
// RUN:   -config="{CheckOptions: {async-blocking-call-in-coroutine.MaxDepth: 0}}"

#include <coroutine>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <future>
#include <mutex>
#include <string>
#include <thread>
#include <unistd.h>

using namespace std::chrono_literals;

// A coroutine type of no known framework: notes only, no fixes.
struct Task {
  struct promise_type {
    Task get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
};

namespace myapp {
int crunch(int);
int crunch_async(int);
struct Index {
  void rebuild();
};
void warm_cache() { std::this_thread::sleep_for(1ms); }
void prepare() { warm_cache(); }
void load() {
  std::ifstream in("settings.ini");
}
} // namespace myapp

Task work(std::future<int> &f, std::mutex &m, myapp::Index &index, int fd) {
  std::this_thread::sleep_for(1ms);
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:3: warning: blocking call to 'std::this_thread::sleep_for' in a coroutine; sleeping stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES-DEFAULT: :[[@LINE-2]]:3: warning: blocking call to 'std::this_thread::sleep_for' in a coroutine; sleeping stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES-DEFAULT: :[[@LINE-3]]:3: note: suspend on a timer of the coroutine's framework instead
  // CHECK-MESSAGES-OPT: :[[@LINE-4]]:3: warning: blocking call to 'std::this_thread::sleep_for' in a coroutine; sleeping stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES-OPT: :[[@LINE-5]]:3: warning: blocking call to 'std::this_thread::sleep_for' in a coroutine; sleeping stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES-OPT: :[[@LINE-6]]:3: note: suspend on a timer of the coroutine's framework instead
  // CHECK-MESSAGES-NODEPTH: :[[@LINE-7]]:3: warning: blocking call to 'std::this_thread::sleep_for' in a coroutine; sleeping stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES-NODEPTH: :[[@LINE-8]]:3: warning: blocking call to 'std::this_thread::sleep_for' in a coroutine; sleeping stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES-NODEPTH: :[[@LINE-9]]:3: note: suspend on a timer of the coroutine's framework instead
  f.get();
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:5: warning: blocking call to 'std::future::get' in a coroutine; waiting for another thread stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES-DEFAULT: :[[@LINE-2]]:5: warning: blocking call to 'std::future::get' in a coroutine; waiting for another thread stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES-DEFAULT: :[[@LINE-3]]:5: note: move the blocking call to a thread pool and await its result
  // CHECK-MESSAGES-NODEPTH: :[[@LINE-4]]:5: warning: blocking call to 'std::future::get' in a coroutine; waiting for another thread stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES-NODEPTH: :[[@LINE-5]]:5: warning: blocking call to 'std::future::get' in a coroutine; waiting for another thread stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES-NODEPTH: :[[@LINE-6]]:5: note: move the blocking call to a thread pool and await its result
  char buf[4];
  read(fd, buf, sizeof buf);
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:3: warning: blocking call to 'read' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES-DEFAULT: :[[@LINE-2]]:3: warning: blocking call to 'read' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES-DEFAULT: :[[@LINE-3]]:3: note: put the descriptor in non-blocking mode (O_NONBLOCK) and await its readiness, or use the framework's asynchronous I/O operations
  // CHECK-MESSAGES-NODEPTH: :[[@LINE-4]]:3: warning: blocking call to 'read' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES-NODEPTH: :[[@LINE-5]]:3: warning: blocking call to 'read' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES-NODEPTH: :[[@LINE-6]]:3: note: put the descriptor in non-blocking mode (O_NONBLOCK) and await its readiness, or use the framework's asynchronous I/O operations
  std::system("ls");
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:3: warning: blocking call to 'system' in a coroutine; waiting for a child process stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES-DEFAULT: :[[@LINE-2]]:3: warning: blocking call to 'system' in a coroutine; waiting for a child process stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES-DEFAULT: :[[@LINE-3]]:3: note: move the blocking call to a thread pool and await its result
  // CHECK-MESSAGES-NODEPTH: :[[@LINE-4]]:3: warning: blocking call to 'system' in a coroutine; waiting for a child process stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES-NODEPTH: :[[@LINE-5]]:3: warning: blocking call to 'system' in a coroutine; waiting for a child process stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES-NODEPTH: :[[@LINE-6]]:3: note: move the blocking call to a thread pool and await its result
  std::ifstream in("config.txt");
  // CHECK-MESSAGES-OPT: :[[@LINE-1]]:17: warning: blocking call to 'std::basic_ifstream::basic_ifstream' in a coroutine; synchronous file I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES-OPT: :[[@LINE-2]]:17: warning: blocking call to 'std::basic_ifstream::basic_ifstream' in a coroutine; synchronous file I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES-OPT: :[[@LINE-3]]:17: note: move the blocking call to a thread pool and await its result
  std::string line;
  std::getline(in, line);
  // CHECK-MESSAGES-OPT: :[[@LINE-1]]:3: warning: blocking call to 'std::getline' in a coroutine; synchronous file I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES-OPT: :[[@LINE-2]]:3: warning: blocking call to 'std::getline' in a coroutine; synchronous file I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES-OPT: :[[@LINE-3]]:3: note: move the blocking call to a thread pool and await its result
  in >> line;
  // CHECK-MESSAGES-OPT: :[[@LINE-1]]:3: warning: blocking call to 'std::operator>>' in a coroutine; synchronous file I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES-OPT: :[[@LINE-2]]:3: warning: blocking call to 'std::operator>>' in a coroutine; synchronous file I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES-OPT: :[[@LINE-3]]:3: note: move the blocking call to a thread pool and await its result
  (void)in.is_open();
  std::ofstream out("out.txt");
  // CHECK-MESSAGES-OPT: :[[@LINE-1]]:17: warning: blocking call to 'std::basic_ofstream::basic_ofstream' in a coroutine; synchronous file I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES-OPT: :[[@LINE-2]]:17: warning: blocking call to 'std::basic_ofstream::basic_ofstream' in a coroutine; synchronous file I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES-OPT: :[[@LINE-3]]:17: note: move the blocking call to a thread pool and await its result
  out << line;
  // CHECK-MESSAGES-OPT: :[[@LINE-1]]:3: warning: blocking call to 'std::operator<<' in a coroutine; synchronous file I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES-OPT: :[[@LINE-2]]:3: warning: blocking call to 'std::operator<<' in a coroutine; synchronous file I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES-OPT: :[[@LINE-3]]:3: note: move the blocking call to a thread pool and await its result
  FILE *fp = fopen("data.bin", "rb");
  // CHECK-MESSAGES-OPT: :[[@LINE-1]]:14: warning: blocking call to 'fopen' in a coroutine; synchronous file I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES-OPT: :[[@LINE-2]]:14: warning: blocking call to 'fopen' in a coroutine; synchronous file I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES-OPT: :[[@LINE-3]]:14: note: move the blocking call to a thread pool and await its result
  fread(buf, 1, sizeof buf, fp);
  // CHECK-MESSAGES-OPT: :[[@LINE-1]]:3: warning: blocking call to 'fread' in a coroutine; synchronous file I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES-OPT: :[[@LINE-2]]:3: warning: blocking call to 'fread' in a coroutine; synchronous file I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES-OPT: :[[@LINE-3]]:3: note: move the blocking call to a thread pool and await its result
  fclose(fp);
  // CHECK-MESSAGES-OPT: :[[@LINE-1]]:3: warning: blocking call to 'fclose' in a coroutine; synchronous file I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES-OPT: :[[@LINE-2]]:3: warning: blocking call to 'fclose' in a coroutine; synchronous file I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES-OPT: :[[@LINE-3]]:3: note: move the blocking call to a thread pool and await its result
  myapp::crunch(1);
  // CHECK-MESSAGES-OPT: :[[@LINE-1]]:3: warning: blocking call to 'myapp::crunch' in a coroutine; the call stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES-OPT: :[[@LINE-2]]:3: warning: blocking call to 'myapp::crunch' in a coroutine; the call stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES-OPT: :[[@LINE-3]]:3: note: use 'myapp::crunch_async' instead
  index.rebuild();
  // CHECK-MESSAGES-OPT: :[[@LINE-1]]:9: warning: blocking call to 'myapp::Index::rebuild' in a coroutine; the call stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES-OPT: :[[@LINE-2]]:9: warning: blocking call to 'myapp::Index::rebuild' in a coroutine; the call stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES-OPT: :[[@LINE-3]]:9: note: move the blocking call to a thread pool and await its result
  m.lock();
  // CHECK-MESSAGES-OPT: :[[@LINE-1]]:5: warning: blocking call to 'std::mutex::lock' in a coroutine; the call stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES-OPT: :[[@LINE-2]]:5: warning: blocking call to 'std::mutex::lock' in a coroutine; the call stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES-OPT: :[[@LINE-3]]:5: note: move the blocking call to a thread pool and await its result
  m.unlock();
  myapp::warm_cache();
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:3: warning: call to 'warm_cache' in a coroutine reaches blocking call 'std::this_thread::sleep_for'; sleeping stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES-DEFAULT: :[[@LINE-2]]:3: warning: call to 'warm_cache' in a coroutine reaches blocking call 'std::this_thread::sleep_for'; sleeping stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES-DEFAULT: :[[@LINE-90]]:21: note: blocking call to 'std::this_thread::sleep_for' is here
  // CHECK-NOTES-DEFAULT: :[[@LINE-4]]:3: note: move the blocking call to a thread pool and await its result
  myapp::prepare();
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:3: warning: call to 'prepare' in a coroutine reaches blocking call 'std::this_thread::sleep_for'; sleeping stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES-DEFAULT: :[[@LINE-2]]:3: warning: call to 'prepare' in a coroutine reaches blocking call 'std::this_thread::sleep_for'; sleeping stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES-DEFAULT: :[[@LINE-94]]:18: note: 'warm_cache' is called here
  // CHECK-NOTES-DEFAULT: :[[@LINE-96]]:21: note: blocking call to 'std::this_thread::sleep_for' is here
  // CHECK-NOTES-DEFAULT: :[[@LINE-5]]:3: note: move the blocking call to a thread pool and await its result
  myapp::load();
  // CHECK-MESSAGES-OPT: :[[@LINE-1]]:3: warning: call to 'load' in a coroutine reaches blocking call 'std::basic_ifstream::basic_ifstream'; synchronous file I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES-OPT: :[[@LINE-2]]:3: warning: call to 'load' in a coroutine reaches blocking call 'std::basic_ifstream::basic_ifstream'; synchronous file I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES-OPT: :[[@LINE-98]]:17: note: blocking call to 'std::basic_ifstream::basic_ifstream' is here
  // CHECK-NOTES-OPT: :[[@LINE-4]]:3: note: move the blocking call to a thread pool and await its result
  co_return;
}
