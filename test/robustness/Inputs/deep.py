#!/usr/bin/env python3
"""deep.py DEPTH TERMS OUT: writes a coroutine nested DEPTH blocks deep
(alternating if, for, while, do and lambda-free blocks), with an unawaited
coroutine call and a blocking sleep at the innermost level, followed by an
expression of TERMS additions. The innermost findings are on the lines that
hold the comments INNERMOST-CALL and INNERMOST-SLEEP."""
import sys

depth, terms, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
lines = [
    "#include <cppcoro/task.hpp>",
    "#include <chrono>",
    "#include <thread>",
    "cppcoro::task<> log(int id);",
    "cppcoro::task<int> deep(int n) {",
    "  int x = 0;",
]
openers = ["if (n > %d) {", "for (int i%d = 0; i%d < n; ++i%d) {",
           "while (n-- > %d) {", "do {", "{"]
closers = []
for level in range(depth):
    kind = level % len(openers)
    opener = openers[kind]
    if kind == 1:
        opener = opener % (level, level, level)
    elif "%d" in opener:
        opener = opener % level
    lines.append("  " * (level + 1) + opener)
    closers.append("} while (n > %d);" % level if kind == 3 else "}")
indent = "  " * (depth + 1)
lines.append(indent + "log(x); // INNERMOST-CALL")
lines.append(indent +
             "std::this_thread::sleep_for(std::chrono::seconds(1)); "
             "// INNERMOST-SLEEP")
for level in reversed(range(depth)):
    lines.append("  " * (level + 1) + closers[level])
lines.append("  x = " + " + ".join("n" for _ in range(terms)) + ";")
lines.append("  co_return x;")
lines.append("}")
with open(out, "w") as f:
    f.write("\n".join(lines) + "\n")
