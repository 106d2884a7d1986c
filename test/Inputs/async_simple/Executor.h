// Mock of <async_simple/Executor.h>.
#pragma once

namespace async_simple {
class Executor {};
} // namespace async_simple
