#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Creates the four parts of a new async-lint check and registers it.

    scripts/add_check.py stale-read-across-await \
        "finds state read before an await and written back after it"

writes checks/StaleReadAcrossAwaitCheck.{h,cpp}, test/checkers/
async-stale-read-across-await.cpp and docs/checks/async-stale-read-across-await.md
from the templates below, adds the check to checks/AsyncTidyModule.cpp (in
alphabetical order) and a line to CHANGELOG.md. The new check builds and
runs (it reports nothing yet); its test starts with a true positive to
write, and fails until the check reports it. What is left is the check's
logic, its tests and its page. Nothing is overwritten: the script stops,
changing nothing, if any of the files exists or the name is registered.

Exit status: 0 done, 2 bad arguments or a file that already exists.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

HEADER = """\
//===--- {Class}.h - async-{name} {rule}===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

#ifndef ASYNC_LINT_{GUARD}_H
#define ASYNC_LINT_{GUARD}_H

#include "utils/FunctionBodyCheck.h"

namespace clang::tidy::async {{

/// {Summary}.
///
/// For the user-facing documentation see:
/// docs/checks/async-{name}.md
class {Class} : public utils::FunctionBodyCheck {{
public:
  {Class}(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;

private:
  /// Also what rests on assumptions (off by default).
  const bool StrictMode;
}};

}} // namespace clang::tidy::async

#endif // ASYNC_LINT_{GUARD}_H
"""

SOURCE = """\
//===--- {Class}.cpp - async-{name} {rule}===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

#include "{Class}.h"
#include "utils/Coroutines.h"
#include "utils/Options.h"
#include "utils/Walk.h"
#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;

namespace clang::tidy::async {{

static constexpr llvm::StringLiteral StrictModeKey = "StrictMode";

{Class}::{Class}(StringRef Name, ClangTidyContext *Context)
    : FunctionBodyCheck(Name, Context),
      StrictMode(
          utils::parseBoolOption(Options.get(StrictModeKey, "false"), false)) {{}}

void {Class}::storeOptions(ClangTidyOptions::OptionMap &Opts) {{
  Options.store(Opts, StrictModeKey, utils::boolOptionText(StrictMode));
}}

void {Class}::check(const MatchFinder::MatchResult &Result) {{
  const FunctionDecl *Function = utils::getMatchedFunction(Result);
  if (!Function || !utils::isCoroutine(Function))
    return;
  // Walk the body once; report what the code shows (see CONTRIBUTING.md,
  // "The rule every check follows").
  utils::forEachEvaluatedStmtInContext(
      utils::getUserBody(Function), *Result.Context,
      [&](const Stmt *S, const utils::EvaluationContext &) {{ return true; }});
}}

}} // namespace clang::tidy::async
"""

TEST = """\
// RUN: %check_async %s async-{name} %t
// RUN: %check_async -check-suffixes=,STRICT %s async-{name} %t-strict \\
// RUN:   -config="{{CheckOptions: {{async-{name}.StrictMode: true}}}}"

#include <boost/asio.hpp>

namespace net = boost::asio;

// TODO: the first true positive, shaped like the real code that shows it.
// The test fails until the check reports it.
net::awaitable<void> first_true_positive() {{ co_return; }}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: TODO [async-{name}]

// Not flagged: TODO, each beside the true positive it must not hide.
"""

DOCS = """\
# async-{name}

{Summary}.

## Why is this bad?

TODO: what goes wrong at run time, in one paragraph. The asyncio rule it
mirrors (../shared/ASYNCIO_RULES.md).

## Example

```cpp
// TODO: the bad code
```

Use instead:

```cpp
// TODO: the good code
```

## What is flagged

TODO: the evidence each finding rests on.

## What is not flagged

TODO: each rule that silences a false positive, with its mechanism.

## Fix-its

TODO: which fixes are on the warning (what the author meant, compiles),
which on notes (they change behaviour), and why.

## Options

### `StrictMode`

`false` (default): findings rest on what the code shows. `true`: also on
assumptions.

```yaml
CheckOptions:
  async-{name}.StrictMode: true
```

## Known limitations

## References
"""


def camel(name):
    return "".join(part.capitalize() for part in name.split("-"))


def fail(message):
    print("add_check.py: " + message, file=sys.stderr)
    sys.exit(2)


def first_line_to_80(content):
    """Pads or trims the dashes of a file's first line to 80 columns, as
    LLVM's file headers are."""
    first, rest = content.split("\n", 1)
    if first.startswith("//===---") and first.endswith("===//"):
        head, tail = first[:-len("===//")].rstrip("-"), "===//"
        first = head + "-" * max(80 - len(head) - len(tail), 3) + tail
    return first + "\n" + rest


def clang_format(paths):
    """Formats the new C++ files with the project's style when
    clang-format-22 is installed."""
    for tool in ("clang-format-22", "clang-format"):
        if shutil.which(tool):
            subprocess.run([tool, "-i"] + paths, check=False)
            return


def main():
    parser = argparse.ArgumentParser(
        description="Create the four parts of a new async-lint check.")
    parser.add_argument("name", help="kebab case, without 'async-': "
                        "unchecked-gather-result")
    parser.add_argument("summary", help="the one sentence that says what the "
                        "check finds, starting with a verb: 'finds ...'")
    parser.add_argument("--root", default=ROOT, help=argparse.SUPPRESS)
    args = parser.parse_args()

    name = args.name
    if name.startswith("async-"):
        name = name[len("async-"):]
    if not re.fullmatch(r"[a-z][a-z0-9]*(-[a-z0-9]+)*", name):
        fail("'%s' is not a kebab-case check name" % args.name)
    summary = args.summary.strip().rstrip(".")
    if not summary:
        fail("the summary is empty")
    summary = summary[0].upper() + summary[1:]
    cls = camel(name) + "Check"
    guard = cls.upper()
    root = args.root

    files = {
        os.path.join(root, "checks", cls + ".h"): HEADER,
        os.path.join(root, "checks", cls + ".cpp"): SOURCE,
        os.path.join(root, "test", "checkers", "async-%s.cpp" % name): TEST,
        os.path.join(root, "docs", "checks", "async-%s.md" % name): DOCS,
    }
    for path in files:
        if os.path.exists(path):
            fail("%s exists already; nothing was changed" %
                 os.path.relpath(path, root))
    module = os.path.join(root, "checks", "AsyncTidyModule.cpp")
    if not os.path.exists(module):
        fail("%s is not an async-lint source tree" % root)
    with open(module, encoding="utf-8") as f:
        text = f.read()
    if '"async-%s"' % name in text:
        fail("async-%s is registered already; nothing was changed" % name)

    for path, template in files.items():
        content = first_line_to_80(template.format(
            Class=cls, name=name, GUARD=guard, Summary=summary, rule="-"))
        with open(path, "w", encoding="utf-8") as f:
            f.write(content)

    # Register: the include and the factory line, each in order.
    includes = re.findall(r'#include "(\w+Check)\.h"', text)
    later = sorted(i for i in includes if i > cls)
    include = '#include "%s.h"\n' % cls
    if later:
        text = text.replace('#include "%s.h"' % later[0],
                            include + '#include "%s.h"' % later[0], 1)
    else:
        text = text.replace('#include "clang-tidy/ClangTidyModule.h"',
                            include + '#include "clang-tidy/ClangTidyModule.h"',
                            1)
    line = ('    Factories.registerCheck<%s>(\n        "async-%s");\n'
            % (cls, name))
    entries = list(re.finditer(
        r'    Factories\.registerCheck<\w+>\(\s*"async-([a-z0-9-]+)"\);\n',
        text))
    after = [m for m in entries if m.group(1) > name]
    at = after[0].start() if after else entries[-1].end()
    text = text[:at] + line + text[at:]
    with open(module, "w", encoding="utf-8") as f:
        f.write(text)

    # The check's sources only: a test's RUN lines are not C++ to reflow.
    clang_format([module] + [p for p in files
                  if p.endswith((".h", ".cpp")) and os.sep + "checks" + os.sep in p])

    changelog = os.path.join(root, "CHANGELOG.md")
    with open(changelog, encoding="utf-8") as f:
        log = f.read()
    log = log.replace("## Unreleased\n", "## Unreleased\n- New check "
                      "`async-%s`: %s.\n" % (name, summary[0].lower() +
                                             summary[1:]), 1)
    with open(changelog, "w", encoding="utf-8") as f:
        f.write(log)

    for path in files:
        print("created " + os.path.relpath(path, root))
    print("registered async-%s in checks/AsyncTidyModule.cpp; "
          "CHANGELOG.md has a line for it" % name)
    print("next: the logic, the tests (true positives beside every "
          "suppression), the docs page, and a row in CONTRIBUTING.md's map")


if __name__ == "__main__":
    main()
