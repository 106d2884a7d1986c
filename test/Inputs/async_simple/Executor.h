// Mock of <async_simple/Executor.h>.
// Debian does not ship it; the mock mirrors async_simple at d8abc4f (the revision the ecosystem corpus pins).
#pragma once

namespace async_simple {
class Executor {};
// `co_await CurrentExecutor{}` in a Lazy gives its executor, or null when it
// has none (it then runs inline on its caller's thread).
struct CurrentExecutor {};
} // namespace async_simple
