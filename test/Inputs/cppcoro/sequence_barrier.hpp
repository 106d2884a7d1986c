// Mock of <cppcoro/sequence_barrier.hpp>: waits until a producer has published
// a sequence number.
// Debian does not ship it; the mock mirrors cppcoro at 3912152 (the corpus revision, its last).
#pragma once
#include "../mock_coroutine_support.h"
#include <cstddef>

namespace cppcoro {
template <class SEQUENCE = std::size_t> class sequence_barrier {
public:
  mock_support::awaiter<SEQUENCE> wait_until_published(SEQUENCE target) const;
  void publish(SEQUENCE sequence);
};
} // namespace cppcoro
