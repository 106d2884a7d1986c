//===--- Link.h - the link step: findings across translation units --------===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// After every unit has been linted (and has written its facts), the link
// step reads the facts of the whole project, follows the calls that cross
// units (utils/Facts.h), writes linked.json and linked-session.json for the
// plugin and the editor, and turns what no unit could see alone into
// findings like the units' own (async-blocking-call-in-coroutine,
// async-session-per-request).
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_DRIVER_LINK_H
#define ASYNC_LINT_DRIVER_LINK_H

#include "Findings.h"
#include "Options.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Error.h"

namespace clang::tidy::async::lint {

/// Links the facts in \p FactsDir and writes its linked files. Returns the
/// findings of \p Units (every unit with facts when null: a coroutine's
/// call in the unit; a construction in the unit or reached from a root in
/// it), as clang-tidy would report them: through clang-tidy's own
/// diagnostic consumer, with the unit as the main file, so that its NOLINT
/// handling (NOLINT, NOLINTNEXTLINE, NOLINTBEGIN/END), Checks, header filter
/// and WarningsAsErrors apply as to the unit's own findings.
llvm::Expected<std::vector<ClangTidyError>>
linkFacts(llvm::StringRef FactsDir, const llvm::StringSet<> *Units,
          const Options &Opts);

} // namespace clang::tidy::async::lint

#endif
