//===--- AsyncTidyModule.cpp - the async clang-tidy module ----------------===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Registers every async-lint check. One line per check, in alphabetical order.
//
//===----------------------------------------------------------------------===//

#include "BlockingCallInCoroutineCheck.h"
#include "DanglingTaskReferenceCheck.h"
#include "DetachedTaskExceptionCheck.h"
#include "SequentialAwaitInLoopCheck.h"
#include "SessionPerRequestCheck.h"
#include "StaleReadAcrossAwaitCheck.h"
#include "SwallowedCancellationCheck.h"
#include "UnawaitedCoroutineCheck.h"
#include "UnboundedFanOutCheck.h"
#include "UncheckedGatherResultCheck.h"
#include "clang-tidy/ClangTidyModule.h"

namespace clang::tidy::async {
namespace {

class AsyncModule : public ClangTidyModule {
public:
  void addCheckFactories(ClangTidyCheckFactories &Factories) override {
    Factories.registerCheck<BlockingCallInCoroutineCheck>(
        "async-blocking-call-in-coroutine");
    Factories.registerCheck<DanglingTaskReferenceCheck>(
        "async-dangling-task-reference");
    Factories.registerCheck<DetachedTaskExceptionCheck>(
        "async-detached-task-exception");
    Factories.registerCheck<SequentialAwaitInLoopCheck>(
        "async-sequential-await-in-loop");
    Factories.registerCheck<SessionPerRequestCheck>(
        "async-session-per-request");
    Factories.registerCheck<StaleReadAcrossAwaitCheck>(
        "async-stale-read-across-await");
    Factories.registerCheck<SwallowedCancellationCheck>(
        "async-swallowed-cancellation");
    Factories.registerCheck<UnawaitedCoroutineCheck>(
        "async-unawaited-coroutine");
    Factories.registerCheck<UnboundedFanOutCheck>("async-unbounded-fan-out");
    Factories.registerCheck<UncheckedGatherResultCheck>(
        "async-unchecked-gather-result");
  }
};

} // namespace

// Registers the module with clang-tidy's module registry when the object file
// is loaded, whichever front end it is linked into.
static ClangTidyModuleRegistry::Add<AsyncModule>
    X("async", "Checks for misuse of C++20 coroutines.");

} // namespace clang::tidy::async

// The drivers reference this symbol so that a static link keeps the module.
// NOLINTNEXTLINE(misc-use-internal-linkage)
volatile int AsyncLintModuleAnchorSource = 0;
