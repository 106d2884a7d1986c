//===--- SequentialAwaitRewrite.h - await a loop's tasks together -*- C++ -*-//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Part of async-lint. The rewrite that async-sequential-await-in-loop offers
// on its note: a range-for that awaits one lazy task per element becomes a
// loop that collects the tasks, and one await of the framework's range join
// (`folly::coro::collectAllRange`, `cppcoro::when_all`, `coro::when_all`).
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_SEQUENTIALAWAITREWRITE_H
#define ASYNC_LINT_SEQUENTIALAWAITREWRITE_H

#include "clang-tidy/utils/IncludeInserter.h"
#include "utils/Frameworks.h"
#include "utils/LoopDataFlow.h"
#include "utils/TaskTypes.h"
#include "clang/AST/ASTContext.h"
#include "clang/Basic/Diagnostic.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::async::sequential_await_in_loop {

/// A loop to report: its data flow, the await the warning points at, and the
/// operation that await runs.
struct Finding {
  const utils::LoopDataFlow *Flow;
  const utils::AwaitSite *Await;
  utils::Operation Op;
};

/// The sentence on the note that explains how to run the iterations
/// concurrently in framework \p F; `%0` stands for the framework's namespace
/// as the file spells it.
llvm::StringRef idiomNote(utils::Framework F);

/// The fix for \p Finding, or nothing when the loop is not one of the two
/// shapes the rewrite knows, written directly in the file:
///
///   for (auto &x : xs) co_await f(x);
///   for (auto &x : xs) results.push_back(co_await f(x));
///
/// `f(x)` must make a lazy task of framework \p Framework (it runs only when
/// awaited, so collecting it first changes nothing else), and what the task
/// refers to must outlive the loop. \p Namespace is the framework's namespace
/// as the file spells it. Where the framework has a windowed join and
/// \p MaxConcurrency is not 0, the tasks are awaited with at most that many
/// running at once (`collectAllWindowed(std::move(tasks), N)`). The includes
/// the new code needs come from \p Inserter.
llvm::SmallVector<FixItHint, 3>
rangeJoinRewrite(const Finding &Finding, utils::Framework Framework,
                 llvm::StringRef Namespace, unsigned MaxConcurrency,
                 utils::TaskTypeClassifier &Tasks,
                 tidy::utils::IncludeInserter &Inserter, ASTContext &Ctx);

} // namespace clang::tidy::async::sequential_await_in_loop

#endif // ASYNC_LINT_SEQUENTIALAWAITREWRITE_H
