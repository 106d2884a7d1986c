#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""expect_exit.py STATUS [--stdout FILE] [--stderr FILE] -- COMMAND...

Runs COMMAND, writes its output to the given files (or passes it through),
and fails unless it exits with exactly STATUS. lit's `not` only tells zero
from non-zero; the tools' exit statuses are part of their interface.
"""
import subprocess
import sys


def main():
    argv = sys.argv[1:]
    expected = int(argv.pop(0))
    outputs = {"--stdout": None, "--stderr": None}
    while argv and argv[0] != "--":
        flag = argv.pop(0)
        outputs[flag] = argv.pop(0)
    command = argv[1:]
    proc = subprocess.run(command, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE)
    for flag, stream, data in (("--stdout", sys.stdout, proc.stdout),
                               ("--stderr", sys.stderr, proc.stderr)):
        if outputs[flag]:
            with open(outputs[flag], "wb") as f:
                f.write(data)
        else:
            stream.buffer.write(data)
            stream.flush()
    if proc.returncode != expected:
        sys.stderr.write("expect_exit: %s exited with %d, expected %d\n"
                         % (command[0], proc.returncode, expected))
        sys.exit(1)


if __name__ == "__main__":
    main()
