#!/usr/bin/env python3
"""Compiles FILE (syntax only) with the build's command for LIKE.

    compile_like.py BUILD_DIR LIKE FILE [-I DIR ...]

LIKE is a source the build compiles (checks/UnawaitedCoroutineCheck.cpp);
its entry in BUILD_DIR/compile_commands.json gives the flags. Extra
arguments go before the build's own, so a header next to FILE is found
first. Exits with the compiler's status.
"""
import json
import os
import shlex
import subprocess
import sys


def main():
    build, like, source, extra = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
    with open(os.path.join(build, "compile_commands.json"), encoding="utf-8") as f:
        entries = json.load(f)
    for entry in entries:
        if os.path.normpath(entry["file"]).endswith(os.path.normpath(like)):
            break
    else:
        sys.exit("compile_like.py: %s is not in the build's database" % like)
    args = entry.get("arguments") or shlex.split(entry["command"])
    command = [args[0]] + extra
    skip = False
    for arg in args[1:]:
        if skip:
            skip = False
            continue
        if arg in ("-o", "-MF", "-MT", "-c"):
            skip = arg != "-c"
            continue
        if arg in ("-MD", "-MMD") or os.path.normpath(arg).endswith(os.path.normpath(like)):
            continue
        command.append(arg)
    command += ["-fsyntax-only", source]
    sys.exit(subprocess.run(command, cwd=entry["directory"]).returncode)


if __name__ == "__main__":
    main()
