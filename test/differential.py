#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""The guarantee behind "one answer however it runs", checked.

Usage (from lit, through the %differential substitution):

  %differential --project DIR          a project with compile_commands.json
  %differential --from-tests DIR       builds DIR from every checker,
                                       integration and robustness input that
                                       compiles (each with the flags of its
                                       first %check_async line), then checks it

Over the project, with every async-* check on, it requires:

1. the same report (JSON and text, byte for byte) from async-lint -j1
   without a cache, -j2 with a cold cache, -j2 again (every unit from the
   cache), and two shards merged;
2. a shard over the cache a whole run filled takes every unit from it;
3. the same warnings from the plugin in stock clang-tidy (unit by unit,
   reading the facts the run linked) and from async-clangd (each file
   opened in an editor session) as from async-lint;
4. the same fixed files from `--fix` and from `--fix-notes` whether the run
   is cold or follows a plain run (its results then come from the cache),
   and fixed files that compile.

Any difference fails with the two sides.
"""

import argparse
import difflib
import importlib.util
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
WARNING = re.compile(r"^([^:\s][^:]*):(\d+):(\d+): (warning|error): (.*) \[([\w,.-]+)\]$")


def fail(message, detail=""):
    sys.stderr.write("differential: " + message + "\n")
    if detail:
        sys.stderr.write(detail if detail.endswith("\n") else detail + "\n")
    sys.exit(1)


def run(cmd, cwd=None, codes=(0, 1)):
    proc = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True)
    if proc.returncode not in codes:
        fail("exit %d from %s" % (proc.returncode, shlex.join(cmd)),
             proc.stdout + proc.stderr)
    return proc


def same(what, a_name, a, b_name, b):
    if a != b:
        diff = "".join(difflib.unified_diff(
            a.splitlines(True), b.splitlines(True), a_name, b_name))
        fail("%s differ" % what, diff)


# ---------------------------------------------------------------------------
# A project from the test inputs.

def first_check_async_line(text):
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if "RUN:" in line and "%check_async" in line:
            command = line.split("RUN:", 1)[1].strip()
            while command.endswith("\\") and i + 1 < len(lines):
                i += 1
                command = command[:-1] + " " + lines[i].split("RUN:", 1)[-1].strip()
            return command
    return None


def project_from_tests(dest, args):
    shutil.rmtree(dest, ignore_errors=True)
    os.makedirs(os.path.join(dest, "src"))
    entries = []
    qt = args.qt_flags.split() if args.qt_flags else None
    for group in ("checkers", "integration", "robustness"):
        folder = os.path.join(HERE, group)
        for name in sorted(os.listdir(folder)):
            if not name.endswith(".cpp"):
                continue
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                text = f.read()
            command = first_check_async_line(text)
            if command is None:
                continue
            words = shlex.split(command)
            flags = ["-std=c++20"]
            if "-real-headers" not in words:
                flags += ["-isystem", args.inputs]
            if "--" in words:
                extra = words[words.index("--") + 1:]
                if "%qt-flags" in extra:
                    if qt is None:
                        continue
                    extra = [w for w in extra if w != "%qt-flags"] + qt
                flags += [w.replace("%inputs", args.inputs) for w in extra]
            path = os.path.join(dest, "src", group + "-" + name)
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
            # Inputs written to fail are the robustness tests' business.
            if subprocess.run([args.clangxx, "-fsyntax-only"] + flags + [path],
                              stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL).returncode != 0:
                os.remove(path)
                continue
            entries.append({"directory": dest, "file": path,
                            "arguments": ["clang++"] + flags + ["-c", path]})
    with open(os.path.join(dest, "compile_commands.json"), "w") as f:
        json.dump(entries, f, indent=1)
    return len(entries)


# ---------------------------------------------------------------------------
# The comparisons.

def lint(args, project, *extra, cwd=None):
    return run([args.async_lint, "-p", project, "--quiet",
                "--checks=-*,async-*"] + list(extra), cwd=cwd or project)


def reports(args, project, scratch):
    """1 and 2: every way of running async-lint, one report. Three cold
    runs (-j1 without a cache, -j2 filling one, two shards without one);
    every other report comes from the cache or from the shards' results."""
    out = {}

    def report(name, fmt, *extra, merge=False):
        target = os.path.join(scratch, "%s.%s" % (name, fmt))
        if merge:
            run([args.async_lint, "merge", "--format=" + fmt, "--output",
                 target] + list(extra), cwd=project)
        else:
            lint(args, project, "--format=" + fmt, "--output", target, *extra)
        with open(target, encoding="utf-8") as f:
            out[(name, fmt)] = f.read()

    cache = os.path.join(scratch, "cache")
    units = len(json.load(open(os.path.join(project, "compile_commands.json"))))
    report("j1-no-cache", "json", "-j1", "--no-cache")
    report("j2-cold", "json", "-j2", "--cache-dir", cache)
    for fmt in ("json", "text"):
        # Every unit from the cache, which the summary must say.
        target = os.path.join(scratch, "warm." + fmt)
        warm = run([args.async_lint, "-p", project, "--checks=-*,async-*",
                    "-j2", "--cache-dir", cache, "--format=" + fmt,
                    "--output", target], cwd=project)
        if "(%d from the cache)" % units not in warm.stderr:
            fail("a warm run did not take all %d units from the cache" % units,
                 warm.stderr)
        with open(target, encoding="utf-8") as f:
            out[("j2-warm", fmt)] = f.read()
    facts = os.path.join(scratch, "shards")
    for k in ("1", "2"):
        lint(args, project, "--shard", k + "/2", "--facts-dir", facts,
             "--no-cache")
    for fmt in ("json", "text"):
        report("shards", fmt, "--facts-dir", facts, merge=True)
    for name in ("j2-cold", "j2-warm", "shards"):
        same("json reports", "j1-no-cache", out[("j1-no-cache", "json")],
             name, out[(name, "json")])
    same("text reports", "j2-warm", out[("j2-warm", "text")], "shards",
         out[("shards", "text")])
    # A shard over the cache the whole run filled parses nothing.
    shard = run([args.async_lint, "-p", project, "--checks=-*,async-*",
                 "--shard", "1/1", "--facts-dir", os.path.join(scratch, "s1"),
                 "--cache-dir", cache], cwd=project)
    if "(%d from the cache)" % units not in shard.stderr:
        fail("a shard did not use the whole run's cache", shard.stderr)
    return out[("j2-warm", "text")], cache


def warnings_of(text, base="/"):
    """The warnings of a text report, with paths made absolute against
    \p base (clang-tidy prints them as the compile database spells them)."""
    found = set()
    for line in text.splitlines():
        m = WARNING.match(line)
        if m and m.group(4) == "warning":
            path = os.path.normpath(os.path.join(base, m.group(1)))
            found.add("%s:%s:%s: %s [%s]" % (path, m.group(2), m.group(3),
                                            m.group(5), m.group(6).split(",")[0]))
    return found


def plugin_warnings(args, project):
    found = set()
    for entry in json.load(open(os.path.join(project,
                                             "compile_commands.json"))):
        unit = os.path.normpath(os.path.join(entry["directory"], entry["file"]))
        proc = run([args.clang_tidy, "-load", args.plugin, "-p", project,
                    "--checks=-*,async-*", "--quiet", unit], cwd=project)
        # clang-tidy names files as the compile command's directory sees them.
        found |= warnings_of(proc.stdout, entry["directory"])
    return found


def clangd_warnings(args, project, units):
    spec = importlib.util.spec_from_file_location(
        "lsp_check", os.path.join(HERE, "clangd", "lsp_check.py"))
    lsp = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(lsp)
    with open(os.path.join(project, ".clangd"), "w") as f:
        f.write("Diagnostics:\n  ClangTidy:\n    Add: [async-*]\n"
                "    FastCheckFilter: None\n")
    server = lsp.Server([args.clangd, "--log=error", "--background-index=false",
                         "--enable-config",
                         "--compile-commands-dir=" + project], project)
    found = set()
    try:
        server.request("initialize", {
            "processId": os.getpid(),
            "rootUri": "file://" + urllib.parse.quote(project),
            "capabilities": {}})
        server.notify("initialized", {})
        for unit in units:
            uri = "file://" + urllib.parse.quote(unit)
            with open(unit, encoding="utf-8") as f:
                text = f.read()
            server.notify("textDocument/didOpen", {"textDocument": {
                "uri": uri, "languageId": "cpp", "version": 1, "text": text}})
            published = server.wait(
                lambda m: m.get("method") == "textDocument/publishDiagnostics"
                and m["params"]["uri"] == uri)
            for d in published["params"]["diagnostics"]:
                code = str(d.get("code", ""))
                if d.get("severity") != 2 or not code.startswith("async-"):
                    continue
                # clangd counts from 0, capitalises the message, says when a
                # fix is available and appends the notes.
                message = d["message"].split("\n", 1)[0]
                message = re.sub(r" \(fix available\)$", "", message)
                message = message[:1].lower() + message[1:]
                found.add("%s:%d: %s [%s]" % (unit, d["range"]["start"]["line"] + 1,
                                             message, code))
            server.notify("textDocument/didClose",
                          {"textDocument": {"uri": uri}})
    finally:
        server.close()
        os.remove(os.path.join(project, ".clangd"))
    return found


def front_ends(args, project, text_report, cache):
    """3: the plugin and async-clangd agree with async-lint."""
    units = [os.path.normpath(os.path.join(e["directory"], e["file"]))
             for e in json.load(
                 open(os.path.join(project, "compile_commands.json")))]
    # The plugin reads the facts linked by the last run over the project
    # (here the cached results restore them).
    lint(args, project, "--cache-dir", cache)
    expected = warnings_of(text_report)
    plugin = plugin_warnings(args, project)
    same("warnings", "async-lint", "\n".join(sorted(expected)) + "\n",
         "plugin", "\n".join(sorted(plugin)) + "\n")
    if args.clangd:
        # The editor shows warnings in the file it opened.
        in_units = {w for w in expected if w.split(":", 1)[0] in units}
        short = {re.sub(r"^([^:]+:\d+):\d+:", r"\1:", w) for w in in_units}
        clangd = clangd_warnings(args, project, units)
        same("warnings", "async-lint", "\n".join(sorted(short)) + "\n",
             "async-clangd", "\n".join(sorted(clangd)) + "\n")
    return units


def tree_text(root):
    out = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in (".async-lint", ".git"))
        for name in sorted(files):
            path = os.path.join(folder, name)
            if name == "compile_commands.json":
                continue
            with open(path, encoding="utf-8", errors="replace") as f:
                out.append("=== %s\n%s" % (os.path.relpath(path, root), f.read()))
    return "".join(out)


def copy_project(project, dest):
    shutil.rmtree(dest, ignore_errors=True)
    shutil.copytree(project, dest, ignore=shutil.ignore_patterns(".async-lint"))
    db = os.path.join(dest, "compile_commands.json")
    with open(db) as f:
        text = f.read().replace(project, dest)
    with open(db, "w") as f:
        f.write(text)
    return dest


def restore(pristine, dest):
    """Puts the sources of \p pristine back into \p dest (same contents,
    new times: the cache must still hold)."""
    for folder, dirs, files in os.walk(pristine):
        for name in files:
            source = os.path.join(folder, name)
            target = os.path.join(dest, os.path.relpath(source, pristine))
            shutil.copyfile(source, target)


def fixes(args, project, scratch):
    """4: a fix is the same from the cache as cold, and compiles."""
    warm = copy_project(project, os.path.join(scratch, "warm"))
    pristine = os.path.join(scratch, "pristine")
    shutil.rmtree(pristine, ignore_errors=True)
    shutil.copytree(warm, pristine)
    cache = os.path.join(scratch, "fix-cache")
    lint(args, warm, "--cache-dir", cache)
    units = len(json.load(open(os.path.join(warm, "compile_commands.json"))))
    for mode in ("--fix", "--fix-notes"):
        cold = copy_project(project, os.path.join(scratch, "cold" + mode))
        lint(args, cold, mode, "--no-cache")
        restore(pristine, warm)
        after = run([args.async_lint, "-p", warm, "--checks=-*,async-*", mode,
                     "--cache-dir", cache], cwd=warm)
        if "(%d from the cache)" % units not in after.stderr:
            fail("%s after a plain run did not take its results from the "
                 "cache" % mode, after.stderr)
        same("files fixed with " + mode, "cold", tree_text(cold),
             "after a plain run", tree_text(warm))
        for entry in json.load(open(os.path.join(cold, "compile_commands.json"))):
            words = entry.get("arguments") or shlex.split(entry["command"])
            compile_cmd = [args.clangxx, "-fsyntax-only"] + [
                a for a in words[1:] if a not in ("-c",)]
            proc = subprocess.run(compile_cmd, cwd=entry["directory"],
                                  stdout=subprocess.PIPE,
                                  stderr=subprocess.STDOUT, text=True)
            if proc.returncode != 0:
                fail("%s broke %s" % (mode, entry["file"]), proc.stdout)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--async-lint", required=True)
    parser.add_argument("--clang-tidy", required=True)
    parser.add_argument("--plugin", required=True)
    parser.add_argument("--clangd")
    parser.add_argument("--clangxx", required=True)
    parser.add_argument("--inputs", required=True)
    parser.add_argument("--qt-flags", default="")
    parser.add_argument("--scratch", required=True)
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--project")
    where.add_argument("--from-tests")
    args = parser.parse_args()

    shutil.rmtree(args.scratch, ignore_errors=True)
    os.makedirs(args.scratch)
    if args.from_tests:
        project = os.path.abspath(args.from_tests)
        count = project_from_tests(project, args)
    else:
        project = os.path.abspath(args.project)
        count = len(json.load(open(os.path.join(project, "compile_commands.json"))))
    text, cache = reports(args, project, args.scratch)
    front_ends(args, project, text, cache)
    fixes(args, project, args.scratch)
    print("differential: %d units, %d warnings: every front end and mode agrees"
          % (count, len(warnings_of(text))))


if __name__ == "__main__":
    main()
