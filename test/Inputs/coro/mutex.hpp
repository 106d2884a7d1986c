// Mock of libcoro's <coro/mutex.hpp>.
// Debian does not ship it; the mock mirrors libcoro at 277467f (the corpus revision).
#pragma once
#include "coro.hpp"

namespace coro {
class mutex;
// Releases the mutex when destroyed.
class scoped_lock {
public:
  explicit scoped_lock(mutex &m) : m_mutex(&m) {}
  scoped_lock(scoped_lock &&other) noexcept : m_mutex(other.m_mutex) {
    other.m_mutex = nullptr;
  }
  ~scoped_lock();

private:
  mutex *m_mutex;
};
class mutex {
public:
  // co_await gives the scoped_lock that holds the mutex.
  mock_support::awaiter<scoped_lock> lock() { return {}; }
  bool try_lock() { return true; }
  void unlock() {}
};
inline scoped_lock::~scoped_lock() {
  if (m_mutex)
    m_mutex->unlock();
}
} // namespace coro
