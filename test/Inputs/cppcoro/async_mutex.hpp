// Mock of <cppcoro/async_mutex.hpp>.
// Debian does not ship it; the mock mirrors cppcoro at 3912152 (the corpus revision, its last).
#pragma once
#include "../mock_coroutine_support.h"

namespace cppcoro {
class async_mutex;
// Releases the mutex when destroyed.
class async_mutex_lock {
public:
  explicit async_mutex_lock(async_mutex &m) noexcept : mutex_(&m) {}
  async_mutex_lock(async_mutex_lock &&other) noexcept : mutex_(other.mutex_) {
    other.mutex_ = nullptr;
  }
  ~async_mutex_lock();

private:
  async_mutex *mutex_;
};
class async_mutex {
public:
  bool try_lock() noexcept { return true; }
  // co_await gives nothing: the caller unlocks.
  mock_support::awaiter<void> lock_async() noexcept { return {}; }
  // co_await gives an async_mutex_lock.
  mock_support::awaiter<async_mutex_lock> scoped_lock_async() noexcept {
    return {};
  }
  void unlock() {}
};
inline async_mutex_lock::~async_mutex_lock() {
  if (mutex_)
    mutex_->unlock();
}
} // namespace cppcoro
