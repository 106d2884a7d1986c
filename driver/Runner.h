//===--- Runner.h - linting translation units in parallel -----------------===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Each worker thread lints one translation unit at a time with its own
// ClangTidyContext, options provider and file system (whose working directory
// is its own, so that units compiled in different directories do not race on
// the process's). Results are returned in job order, so whatever the number of
// threads the merged output is the same.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_DRIVER_RUNNER_H
#define ASYNC_LINT_DRIVER_RUNNER_H

#include "Cache.h"
#include "Findings.h"
#include "Options.h"
#include "Project.h"
#include <functional>

namespace clang::tidy::async::lint {

/// Called (serialised) each time a unit is done: how many are done, and
/// which one this was.
using ProgressFn = std::function<void(size_t Done, const Job &Finished)>;

/// Lints \p Jobs; with \p Cache, a unit whose inputs are unchanged since
/// an earlier run gets that run's result (and facts) without being parsed.
std::vector<UnitResult> runJobs(const std::vector<Job> &Jobs,
                                const Options &Opts, unsigned Threads,
                                const ProgressFn &Progress,
                                const ResultCache *Cache = nullptr);

/// The number of threads for -j N (0: every core), never more than jobs.
unsigned threadCount(unsigned Requested, size_t Jobs);

} // namespace clang::tidy::async::lint

#endif
