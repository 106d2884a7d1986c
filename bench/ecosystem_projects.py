# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""The four coroutine libraries of bench/ecosystem: which commit each is
pinned at, how to recognise a checkout of it, and how to write its compile
database into a work directory outside its tree.

Every database holds the project's own translation units only (.cpp, .cc
and .cxx files under its tree: sources, tests, examples), one entry per
file, compiled with clang++-22. Nothing is added to a project's tree: CMake
builds go to the work directory, and whatever a configure step still writes
into the tree is removed again.
"""

import glob
import json
import os
import shlex
import shutil

from corpus_units import CLANGXX, die, run, say

CLANG = "clang-22"
UNIT_EXTENSIONS = (".cpp", ".cc", ".cxx")
# Debian packages the databases need (the headers the units include, and
# the tools that configure them).
PACKAGES = ["libc-ares-dev", "libssl-dev", "libasio-dev", "libgtest-dev",
            "libgmock-dev", "cmake", "ninja-build", "clang-22"]


class Project:
    def __init__(self, name, repo, commit, markers, units, exercises,
                 database):
        self.name = name
        self.repo = repo            # owner/name on GitHub
        self.commit = commit        # the pinned commit
        self.markers = markers      # files that only this project has
        self.units = units          # units expected at the pinned commit
        self.exercises = exercises  # what it exercises, for the report
        self.database = database    # fn(src, work) -> list of entries

    def recognises(self, path):
        return all(os.path.isfile(os.path.join(path, m))
                   for m in self.markers)


# --- Helpers ------------------------------------------------------------------

def tree_paths(root):
    """Every file and directory under root, relative to it."""
    paths = set()
    for parent, dirs, files in os.walk(root):
        for name in dirs + files:
            paths.add(os.path.relpath(os.path.join(parent, name), root))
    return paths


def cmake_configure(src, build, options, tree):
    """Configures the CMake project at src into build (outside the
    project's tree) with clang++-22 and a compile database; returns the
    database's entries. Whatever the configure step wrote into tree (a
    try_compile into the source directory) is removed again."""
    before = tree_paths(tree)
    shutil.rmtree(build, ignore_errors=True)
    cmd = (["cmake", "-S", src, "-B", build, "-G", "Ninja",
            "-DCMAKE_EXPORT_COMPILE_COMMANDS=ON",
            "-DCMAKE_CXX_COMPILER=" + CLANGXX,
            "-DCMAKE_C_COMPILER=" + CLANG] + options)
    proc = run(cmd)
    added = tree_paths(tree) - before
    # Deepest first, so that a directory is empty when its turn comes.
    for rel in sorted(added, key=lambda p: p.count(os.sep), reverse=True):
        path = os.path.join(tree, rel)
        if os.path.isdir(path) and not os.path.islink(path):
            shutil.rmtree(path, ignore_errors=True)
        elif os.path.lexists(path):
            os.unlink(path)
    if added:
        say("removed what configuring %s wrote into its tree: %s" % (
            os.path.relpath(src, os.path.dirname(tree)),
            ", ".join(sorted(p for p in added
                             if os.path.dirname(p) not in added))))
    with open(os.path.join(build, "cmake.log"), "w") as f:
        f.write("$ %s\n%s\n%s" % (shlex.join(cmd), proc.stdout, proc.stderr))
    if proc.returncode:
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-3:]
        die("configuring %s failed (log: %s): %s" % (
            src, os.path.join(build, "cmake.log"), " / ".join(tail)))
    database = os.path.join(build, "compile_commands.json")
    if not os.path.isfile(database):
        die("configuring %s wrote no %s" % (src, database))
    with open(database) as f:
        return json.load(f)


def entry_file(entry):
    return os.path.normpath(os.path.join(entry["directory"], entry["file"]))


def project_units(entries, tree, leave_out=()):
    """The entries of the project's own translation units, one per file
    (the first), sorted by path; leave_out: directories (relative to the
    tree) whose units are dropped."""
    tree = os.path.realpath(tree)
    kept = {}
    for entry in entries:
        path = os.path.realpath(entry_file(entry))
        if not path.endswith(UNIT_EXTENSIONS):
            continue
        if not path.startswith(tree + os.sep):
            continue
        rel = os.path.relpath(path, tree)
        if any(rel.startswith(d.rstrip("/") + "/") for d in leave_out):
            continue
        if rel not in kept:
            kept[rel] = dict(entry, file=path)
    return [kept[rel] for rel in sorted(kept)]


# --- The recipes --------------------------------------------------------------

CARES_CONFIG = """\
# Written by bench/ecosystem: Debian ships no CMake package configuration
# for c-ares; this one defines the target libcoro links against.
if(NOT TARGET c-ares::cares)
  add_library(c-ares::cares SHARED IMPORTED)
  set_target_properties(c-ares::cares PROPERTIES
    IMPORTED_LOCATION "{library}"
    INTERFACE_INCLUDE_DIRECTORIES "/usr/include")
endif()
set(c-ares_FOUND TRUE)
"""


def cares_library():
    preferred = "/usr/lib/x86_64-linux-gnu/libcares.so"
    found = ([preferred] if os.path.exists(preferred) else
             sorted(glob.glob("/usr/lib/*/libcares.so")))
    if not found:
        die("no libcares.so under /usr/lib; install libc-ares-dev")
    return found[0]


def libcoro_database(src, work):
    cares = os.path.join(work, "c-ares")
    os.makedirs(cares, exist_ok=True)
    with open(os.path.join(cares, "c-ares-config.cmake"), "w") as f:
        f.write(CARES_CONFIG.format(library=cares_library()))
    entries = cmake_configure(src, os.path.join(work, "build"), [
        "-DLIBCORO_EXTERNAL_DEPENDENCIES=ON", "-DLIBCORO_BUILD_TESTS=ON",
        "-DLIBCORO_BUILD_EXAMPLES=ON", "-Dc-ares_DIR=" + cares], src)
    return project_units(entries, src)


# cppcoro includes <experimental/coroutine>, which libstdc++ does not have
# and clang 22 no longer provides: this header gives the names cppcoro uses
# from std::experimental their C++20 meaning.
EXPERIMENTAL_COROUTINE = """\
// Written by bench/ecosystem: the Coroutines TS names, mapped onto C++20's
// <coroutine>, for cppcoro.
#pragma once
#include <coroutine>

namespace std::experimental {
using std::coroutine_handle;
using std::coroutine_traits;
using std::noop_coroutine;
using std::noop_coroutine_handle;
using std::noop_coroutine_promise;
using std::suspend_always;
using std::suspend_never;
} // namespace std::experimental
"""


def cppcoro_database(src, work):
    include = os.path.join(work, "include")
    os.makedirs(os.path.join(include, "experimental"), exist_ok=True)
    with open(os.path.join(include, "experimental", "coroutine"), "w") as f:
        f.write(EXPERIMENTAL_COROUTINE)
    # The header stands in for a standard library one: a system header.
    flags = ["-std=c++20", "-I", "include", "-I", "test", "-isystem",
             include, "-include", "utility", "-pthread"]
    entries = []
    for pattern in ("lib/*.cpp", "test/*.cpp"):
        for path in sorted(glob.glob(os.path.join(src, pattern))):
            entries.append({"directory": src, "file": path,
                            "arguments": [CLANGXX] + flags + ["-c", path]})
    return project_units(entries, src)


def async_simple_database(src, work):
    entries = cmake_configure(src, os.path.join(work, "build"), [
        "-DASYNC_SIMPLE_ENABLE_TESTS=ON",
        "-DASYNC_SIMPLE_BUILD_DEMO_EXAMPLE=ON",
        "-DGTEST_INCLUDE_DIR=/usr/include",
        "-DGMOCK_INCLUDE_DIR=/usr/src/googletest/googlemock/include",
        "-DGTEST_LIBRARIES=gtest_main", "-DGMOCK_LIBRARIES=gtest"], src)
    return project_units(entries, src, leave_out=["benchmarks"])


def concurrencpp_database(src, work):
    # Each of test/ and example/ is a CMake project of its own that pulls
    # in the library; a file both compile keeps test/'s entry.
    entries = []
    for sub in ("test", "example"):
        entries += cmake_configure(os.path.join(src, sub),
                                   os.path.join(work, "build-" + sub), [],
                                   src)
    return project_units(entries, src)


PROJECTS = [
    Project("libcoro", "jbaldwin/libcoro",
            "277467ffdee1d7f04e93c6b4c72689c6c743f567",
            ["include/coro/coro.hpp", "src/thread_pool.cpp"], 75,
            "`coro::task`, `when_all`, `sync_wait`, scheduler, thread pool, "
            "mutex/semaphore, non-blocking sockets, TLS",
            libcoro_database),
    Project("cppcoro", "lewissbaker/cppcoro",
            "391215262bd40d68ac6534810164131f5f9eb148",
            ["include/cppcoro/task.hpp", "lib/static_thread_pool.cpp"], 67,
            "`task`, `shared_task`, generators, cancellation tokens, doctest "
            "assertions around awaits",
            cppcoro_database),
    Project("async_simple", "alibaba/async_simple",
            "d8abc4fe71a6481e2b354e01029687a5df68417c",
            ["async_simple/coro/Lazy.h", "demo_example/CMakeLists.txt"], 41,
            "`Lazy`, `collectAll`, `syncAwait`, executors, standalone Asio "
            "demos, gtest",
            async_simple_database),
    Project("concurrencpp", "David-Haim/concurrencpp",
            "7a88f5401e15e1b64acae70077e40df1a5a9f6bf",
            ["include/concurrencpp/concurrencpp.h", "test/CMakeLists.txt",
             "example/CMakeLists.txt"], 57,
            "eager `result<T>`, `resume_on`, `when_any`, executors, timers",
            concurrencpp_database),
]
BY_NAME = {p.name: p for p in PROJECTS}


def find_checkout(project, src):
    """The checkout of project under src: src/<name> if it is one, else
    the one directory under src (or src itself) with the project's marker
    files; None when there is none."""
    named = os.path.join(src, project.name)
    if os.path.isdir(named):
        if not project.recognises(named):
            die("%s does not look like %s (no %s)" % (
                named, project.repo, " or ".join(project.markers)))
        return os.path.realpath(named)
    candidates = [src] + sorted(
        os.path.join(src, d) for d in os.listdir(src)
        if os.path.isdir(os.path.join(src, d)))
    found = [c for c in candidates if project.recognises(c)]
    if len(found) > 1:
        die("more than one checkout of %s under %s: %s" % (
            project.repo, src, ", ".join(found)))
    return os.path.realpath(found[0]) if found else None


def checkout_commit(path):
    """The commit a git checkout is at, or None when path is not one (an
    extracted archive)."""
    if not os.path.exists(os.path.join(path, ".git")):
        return None
    proc = run(["git", "-C", path, "rev-parse", "HEAD"])
    return proc.stdout.strip() if proc.returncode == 0 else None
