// Mock of <cppcoro/async_generator.hpp>.
// Debian does not ship it; the mock mirrors cppcoro at 3912152 (the corpus revision, its last).
#pragma once
#include "task.hpp"

namespace cppcoro {
template <class T> class async_generator {
public:
  class iterator {
  public:
    // Advancing awaits the generator's next value.
    task<iterator &> operator++() { return {}; }
    T &operator*() const { throw 0; }
    bool operator==(const iterator &) const noexcept { return false; }
  };
  async_generator() = default;
  async_generator(async_generator &&) = default;
  task<iterator> begin() { return {}; }
  iterator end() noexcept { return {}; }
};
} // namespace cppcoro
