#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""check_package.py --deb DEB --work DIR ... [--install]

Checks the Debian package async-lint's `cpack -G DEB` builds, as a user gets
it: unpacked into a scratch root under DIR (`dpkg-deb -x`), or with
--install really installed with apt-get (as root) and purged again at the
end, whatever happens in between. Then each front end runs from the
installed location on a small coroutine file:

  - the package's metadata, and that its Depends cover every library the
    installed binaries and the plugin load (by the Debian package that holds
    each one, as dpkg -S says);
  - async-lint --version names clang 22's real resource directory, and
    async-lint reports the finding, with SARIF rules linking to the
    installed docs pages;
  - async-clangd names itself and, over LSP, reports the finding linked to
    the installed docs page;
  - stock clang-tidy-22 loads the plugin from its installed path and reports
    the finding.

Prints one line per check, with the install prefix written as <prefix>;
exits 1 with a message on the first failure.
"""

import argparse
import glob
import json
import os
import re
import shutil
import subprocess
import sys

SOURCE = """#include <cppcoro/task.hpp>
#include <stddef.h>

cppcoro::task<size_t> fetch();
cppcoro::task<> user() {
  fetch();
  co_return;
}
"""


class Failure(Exception):
    pass


def run(cmd, **kwargs):
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True, **kwargs)


def must(cmd, statuses=(0,), **kwargs):
    proc = run(cmd, **kwargs)
    if proc.returncode not in statuses:
        raise Failure("%s exited with %d:\n%s%s" % (" ".join(cmd),
                      proc.returncode, proc.stdout, proc.stderr))
    return proc


def package_of(path):
    """The Debian package that holds a library: the file itself (a -dev
    package may own a symlink to it), under the paths merged /usr gives it."""
    candidates = [os.path.realpath(path), path]
    for p in list(candidates):
        if p.startswith("/usr/lib/"):
            candidates.append(p[len("/usr"):])
        elif p.startswith("/lib"):
            candidates.append("/usr" + p)
    for p in candidates:
        proc = run(["dpkg", "-S", p])
        if proc.returncode == 0:
            return proc.stdout.split(":")[0].strip()
    raise Failure("no Debian package holds %s" % path)


def check_depends(deb, prefix, show):
    depends = must(["dpkg-deb", "-f", deb, "Depends"]).stdout.strip()
    declared = {d.split()[0] for d in depends.split(", ")}
    elves = [os.path.join(prefix, "bin", n) for n in ("async-lint", "async-clangd")]
    elves += glob.glob(os.path.join(prefix, "lib", "async-lint", "*.so"))
    libraries = {}
    for elf in elves:
        needed = re.findall(r"\(NEEDED\).*\[(.*)\]",
                            must(["readelf", "-d", elf]).stdout)
        resolved = dict(re.findall(r"^\s*(\S+) => (\S+)",
                                   must(["ldd", elf]).stdout, re.M))
        for name in needed:
            if name not in resolved:
                if name.startswith("ld-linux"):
                    continue  # the loader: libc6
                raise Failure("%s: %s is not found" % (show(elf), name))
            libraries[name] = package_of(resolved[name])
    missing = sorted("%s (%s)" % (lib, pkg) for lib, pkg in libraries.items()
                     if pkg not in declared)
    if missing:
        raise Failure("Depends lacks the packages of " + ", ".join(missing))
    not_installed = [p for p in declared if "install ok installed" not in
                     run(["dpkg-query", "-W", "-f=${Status}", p]).stdout]
    if not_installed:
        raise Failure("dependencies not installed here: " +
                      ", ".join(not_installed))
    print("depends: cover the %d libraries the installed files load"
          % len(libraries))


def check(args, prefix):
    def show(text):
        return text.replace(prefix, "<prefix>")

    print("prefix: " + prefix.replace(args.work, "<work>"))
    docs = os.path.join(prefix, "share", "doc", "async-lint")
    for rel in ("bin/async-lint", "bin/async-clangd",
                "lib/async-lint/libAsyncLint.so",
                "lib/async-lint/libAsyncLintChecks.so",
                "share/doc/async-lint/copyright",
                "share/doc/async-lint/README.md",
                "share/doc/async-lint/docs/editors.md"):
        if not os.path.exists(os.path.join(prefix, rel)):
            raise Failure("the package has no <prefix>/" + rel)
    pages = sorted(os.path.basename(p) for p in
                   glob.glob(os.path.join(docs, "docs", "checks", "*.md")))
    print("docs: " + " ".join(pages))
    with open(os.path.join(docs, "copyright"), encoding="utf-8") as f:
        print("copyright: " + [l for l in f if l.startswith("License:")][0].strip())

    check_depends(args.deb, prefix, show)

    project = os.path.join(args.work, "project")
    os.makedirs(project, exist_ok=True)
    source = os.path.join(project, "use.cpp")
    with open(source, "w", encoding="utf-8") as f:
        f.write(SOURCE)
    flags = ["-std=c++20", "-isystem", args.inputs]

    lint = os.path.join(prefix, "bin", "async-lint")
    version = must([lint, "--version"]).stdout
    print("async-lint --version: " + version.splitlines()[0])
    real = must([args.clangxx, "-print-resource-dir"]).stdout.strip()
    if "clang resource directory: %s\n" % real not in version:
        raise Failure("async-lint does not use %s:\n%s" % (real, version))
    print("async-lint: uses clang++'s resource directory")
    text = must([lint, "use.cpp", "--"] + flags, statuses=(1,), cwd=project)
    print("async-lint: " + show(text.stdout.splitlines()[0]))
    sarif = must([lint, "use.cpp", "--format", "sarif", "--"] + flags,
                 statuses=(1,), cwd=project)
    rules = json.loads(sarif.stdout)["runs"][0]["tool"]["driver"]["rules"]
    for rule in rules:
        print("sarif: %s %s" % (rule["id"], show(rule["helpUri"])))
        page = rule["helpUri"][len("file://"):]
        if not os.path.exists(page):
            raise Failure("%s names no file" % rule["helpUri"])

    clangd = os.path.join(prefix, "bin", "async-clangd")
    print("async-clangd --version: " +
          must([clangd, "--version"]).stdout.splitlines()[0])
    base = "file://%s/docs/checks/" % docs
    lsp = must(args.lsp_check + ["--clangd", clangd, "--inputs", args.inputs,
                                 "--docs-base", base, "--file", source])
    for line in lsp.stdout.splitlines():
        print("async-clangd: " + line.strip())

    plugin = os.path.join(prefix, "lib", "async-lint", "libAsyncLint.so")
    tidy = must([args.clang_tidy, "-load", plugin, "-checks=-*,async-*",
                 "use.cpp", "--"] + flags, cwd=project)
    warnings = [l for l in tidy.stdout.splitlines() if "warning:" in l]
    for line in warnings:
        print("clang-tidy -load: " + show(line))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--deb", required=True)
    parser.add_argument("--work", required=True, help="a scratch directory")
    parser.add_argument("--inputs", required=True, help="mock headers")
    parser.add_argument("--clangxx", required=True)
    parser.add_argument("--clang-tidy", required=True)
    parser.add_argument("--lsp-check", required=True,
                        help="the command of test/clangd/lsp_check.py")
    parser.add_argument("--install", action="store_true",
                        help="install with apt-get (as root), then purge")
    args = parser.parse_args()
    args.deb = os.path.abspath(args.deb)
    args.lsp_check = args.lsp_check.split()
    print("package: " + " ".join(must(
        ["dpkg-deb", "-f", args.deb, "Package", "Version", "Architecture"]
    ).stdout.split()))
    print("Depends: " + must(["dpkg-deb", "-f", args.deb, "Depends"]).stdout.strip())
    try:
        if not args.install:
            root = os.path.join(args.work, "root")
            shutil.rmtree(root, ignore_errors=True)
            must(["dpkg-deb", "-x", args.deb, root])
            check(args, os.path.join(root, "usr"))
            return 0
        apt = ["apt-get", "-y", "-q", "-o", "DPkg::Lock::Timeout=600"]
        must(apt + ["install", "--no-install-recommends", args.deb],
             env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"))
        try:
            print("installed with apt-get")
            check(args, "/usr")
        finally:
            must(apt + ["purge", "async-lint"],
                 env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"))
            left = [p for p in ("/usr/bin/async-lint", "/usr/bin/async-clangd",
                                "/usr/lib/async-lint",
                                "/usr/share/doc/async-lint") if os.path.exists(p)]
            if left:
                raise Failure("left behind after purge: " + ", ".join(left))
            print("purged; nothing left behind")
    except Failure as failure:
        print("check_package: %s" % failure, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
