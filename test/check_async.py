#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Runs one async-lint check over an annotated test file, through every front end.

Usage (from a lit RUN line, through the %check_async substitution):

  %check_async [-check-suffix=S[,T]] [-config=YAML] [-fix-notes] \
      FILE CHECK-NAME TEMP [-- COMPILER-ARGS...]

For each front end -- the plugin loaded into stock clang-tidy, and the
async-lint binary -- the runner:

1. lints a copy of FILE (with the check comments blanked, so line numbers
   stay) and matches the output against the CHECK-MESSAGES lines, and also
   CHECK-NOTES lines when the file has any, with FileCheck. Every warning
   (and, with CHECK-NOTES, every note) must be matched: an unexpected one
   fails the test;
2. applies the fixes (-fix, or -fix-notes when asked) to another copy and
   matches it against the CHECK-FIXES lines (full lines); without
   CHECK-FIXES lines the file must come out unchanged;
3. applies every fix, notes' fixes included, and compiles the result with
   clang++ -fsyntax-only: fixes must never break the build.

Both front ends must print the same diagnostics. Any failure exits non-zero
with the command and its output.
"""

import argparse
import os
import re
import shlex
import subprocess
import sys

CHECK_COMMENT = re.compile(r"//\s*CHECK-(?:MESSAGES|NOTES|FIXES)[\w-]*:.*")


def fail(message, output=""):
    sys.stderr.write("check_async: " + message + "\n")
    if output:
        sys.stderr.write(output if output.endswith("\n") else output + "\n")
    sys.exit(1)


def run(cmd, expect_ok=True, stdin=None, findings_exit=False):
    """Runs cmd; with expect_ok it must exit 0 -- or, with findings_exit
    (async-lint's convention), 1 when it printed warnings and no errors."""
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True, input=stdin)
    ok = proc.returncode == 0
    if findings_exit and proc.returncode == 1:
        ok = (re.search(r": warning: ", proc.stdout) is not None
              and re.search(r": error: ", proc.stdout) is None)
    if expect_ok and not ok:
        fail("command failed (exit %d): %s" % (proc.returncode, shlex.join(cmd)),
             proc.stdout + proc.stderr)
    return proc


def has_prefix(text, prefix):
    return re.search(r"//\s*" + re.escape(prefix) + r":", text) is not None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--clang-tidy", required=True)
    parser.add_argument("--plugin", required=True)
    parser.add_argument("--async-lint", required=True)
    parser.add_argument("--filecheck", required=True)
    parser.add_argument("--clangxx", required=True)
    parser.add_argument("--inputs", required=True)
    parser.add_argument("-check-suffix", "-check-suffixes", dest="suffixes",
                        default="")
    parser.add_argument("-config", default=None)
    parser.add_argument("-fix-notes", action="store_true")
    parser.add_argument("-std", default="c++20")
    parser.add_argument("-real-headers", action="store_true",
                        help="compile against the installed libraries only, "
                             "without the mock headers of test/Inputs")
    parser.add_argument("input")
    parser.add_argument("check")
    parser.add_argument("temp")
    args, rest = parser.parse_known_args()
    if rest and rest[0] == "--":
        rest = rest[1:]
    compiler_args = ["-std=" + args.std]
    if not args.real_headers:
        compiler_args += ["-isystem", args.inputs]
    compiler_args += rest

    with open(args.input, encoding="utf-8") as f:
        original = f.read()
    blanked = CHECK_COMMENT.sub("//", original)

    suffixes = args.suffixes.split(",")
    prefixes = {}
    for kind in ("MESSAGES", "NOTES", "FIXES"):
        names = ["CHECK-%s%s" % (kind, "-" + s if s else "") for s in suffixes]
        prefixes[kind] = [p for p in names if has_prefix(original, p)]
    if not prefixes["MESSAGES"] and not prefixes["NOTES"]:
        fail("%s has no CHECK-MESSAGES or CHECK-NOTES lines for suffix '%s'; "
             "a test must assert something" % (args.input, args.suffixes))

    os.makedirs(os.path.dirname(os.path.abspath(args.temp)) or ".",
                exist_ok=True)
    ext = os.path.splitext(args.input)[1] or ".cpp"
    checks = "-*," + args.check
    config_args = ["-config=" + args.config] if args.config else []

    frontends = {
        "plugin": [args.clang_tidy, "-load", args.plugin],
        "async-lint": [args.async_lint],
    }
    # async-lint exits 1 when it has findings (clang-tidy exits 0), and 2
    # when it cannot do its job; compiler errors fail both.
    findings_exit = {"plugin": False, "async-lint": True}
    outputs = {}
    for name, tool in frontends.items():
        base = "%s.%s" % (args.temp, name)

        # 1. Diagnostics.
        lint_file = base + ".lint" + ext
        with open(lint_file, "w", encoding="utf-8") as f:
            f.write(blanked)
        proc = run(tool + [lint_file, "-checks=" + checks, "--quiet"]
                   + config_args + ["--"] + compiler_args,
                   findings_exit=findings_exit[name])
        output = proc.stdout.replace(lint_file, args.input)
        outputs[name] = output
        msg_file = base + ".msg"
        # Warnings are asserted on the warning lines alone, notes on the
        # whole output; clang's own "expanded from macro" notes are context.
        lines = [l for l in output.splitlines()
                 if "note: expanded from macro" not in l]
        warnings = [l for l in lines if re.search(r": (warning|error):", l)]
        with open(msg_file, "w", encoding="utf-8") as f:
            f.write("\n".join(warnings) + "\n")
        if prefixes["MESSAGES"]:
            run([args.filecheck, args.input, "--input-file=" + msg_file,
                 "--check-prefixes=" + ",".join(prefixes["MESSAGES"]),
                 "--implicit-check-not={{warning|error}}:",
                 "--dump-input=fail"])
        elif warnings:
            fail("%s printed warnings but the test has no CHECK-MESSAGES "
                 "lines:\n%s" % (name, output))
        has_notes = any(re.search(r": note:", l) for l in lines)
        if prefixes["NOTES"] or has_notes:
            notes_file = base + ".notes"
            with open(notes_file, "w", encoding="utf-8") as f:
                f.write("\n".join(lines) + "\n")
            if not prefixes["NOTES"]:
                fail("%s printed notes but the test has no CHECK-NOTES "
                     "lines:\n%s" % (name, output))
            run([args.filecheck, args.input, "--input-file=" + notes_file,
                 "--check-prefixes=" + ",".join(prefixes["NOTES"]),
                 "--implicit-check-not=note:", "--dump-input=fail"])

        # 2. The fixes the test asserts.
        fix_file = base + ".fix" + ext
        with open(fix_file, "w", encoding="utf-8") as f:
            f.write(blanked)
        mode = "-fix-notes" if args.fix_notes else "-fix"
        run(tool + [fix_file, "-checks=" + checks, mode, "--quiet"]
            + config_args + ["--"] + compiler_args,
            findings_exit=findings_exit[name])
        with open(fix_file, encoding="utf-8") as f:
            fixed = f.read()
        if prefixes["FIXES"]:
            run([args.filecheck, args.input, "--input-file=" + fix_file,
                 "--check-prefixes=" + ",".join(prefixes["FIXES"]),
                 "--match-full-lines", "--dump-input=fail"])
        elif fixed != blanked:
            fail("%s: %s applied fixes but the test has no CHECK-FIXES lines"
                 % (name, mode))

        # 3. Every fix, notes' included, must leave code that compiles.
        all_file = base + ".all" + ext
        with open(all_file, "w", encoding="utf-8") as f:
            f.write(blanked)
        run(tool + [all_file, "-checks=" + checks, "-fix-notes", "--quiet"]
            + config_args + ["--"] + compiler_args,
            findings_exit=findings_exit[name])
        run([args.clangxx, "-fsyntax-only"] + compiler_args + [all_file])

    if outputs["plugin"] != outputs["async-lint"]:
        fail("the plugin and async-lint disagree:\n--- plugin\n%s--- async-lint\n%s"
             % (outputs["plugin"], outputs["async-lint"]))


if __name__ == "__main__":
    main()
