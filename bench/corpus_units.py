# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""The real coroutine code that Debian ships, as a corpus for bench/corpus and
bench/perf: installing it, copying it into a scratch workspace and writing a
compile database for it."""

import glob
import json
import os
import re
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BOOST_EXAMPLES = "/usr/share/doc/libboost1.81-doc/examples/libs"
ASIO_EXAMPLES = "/usr/share/doc/libasio-dev/examples"
QCORO_DOC = "/usr/share/doc/qcoro-doc"
PACKAGES = ["libboost1.81-doc", "libboost1.81-dev", "libasio-dev",
            "libasio-doc", "libssl-dev", "qcoro-doc", "qcoro-qt5-dev",
            "qtbase5-dev", "qtbase5-dev-tools", "pkg-config"]
CLANGXX = "clang++-22"
QT_MODULES = ["Qt5Core", "Qt5Gui", "Qt5Widgets", "Qt5Network", "Qt5DBus",
              "Qt5Concurrent"]
QCORO_INCLUDES = ["/usr/include/qcoro5", "/usr/include/qcoro5/qcoro",
                  "/usr/include/qcoro5/QCoro"]
# Units that are known not to compile, and why. Each is still linted (its
# errors are reported) but does not count as an unexplained parse failure.
KNOWN_BROKEN = {
    "boost/beast/example/advanced/server-flex-awaitable/"
    "advanced_server_flex_awaitable.cpp":
        "the example uses std::list without including <list>; g++-12 "
        "rejects it too",
}
# The script that reports, for messages.
NAME = "bench/" + os.path.basename(sys.argv[0])


def die(message):
    sys.stderr.write("%s: error: %s\n" % (NAME, message))
    sys.exit(2)


def say(message):
    sys.stderr.write("%s: %s\n" % (NAME, message))
    sys.stderr.flush()


def run(cmd, **kw):
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True, **kw)


# --- 1. Installing and discovering the corpus -------------------------------

def install():
    if run(["bash", os.path.join(ROOT, "scripts", "setup.sh")]).returncode:
        die("scripts/setup.sh failed; run it as root")
    missing = [p for p in PACKAGES
               if "install ok installed" not in run(
                   ["dpkg-query", "-W", "-f=${Status}", p]).stdout]
    if not missing:
        return
    if os.geteuid() != 0:
        die("missing packages: %s; run as root to install them"
            % " ".join(missing))
    say("installing " + " ".join(missing))
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    for cmd in (["apt-get", "update", "-qq"],
                ["apt-get", "install", "-y", "-qq", "--no-install-recommends"]
                + missing):
        proc = run(cmd, env=env)
        if proc.returncode:
            die("%s failed: %s" % (" ".join(cmd), proc.stderr.strip()[-300:]))


def uses_co_await(path):
    with open(path, errors="replace") as f:
        return re.search(r"\bco_await\b", f.read()) is not None


def qt_flags():
    proc = run(["pkg-config", "--cflags"] + QT_MODULES)
    if proc.returncode:
        die("pkg-config --cflags %s failed: %s"
            % (" ".join(QT_MODULES), proc.stderr.strip()))
    return proc.stdout.split() + ["-fPIC"]


class Unit:
    def __init__(self, family, rel, flags):
        self.family = family  # boost, asio or qcoro
        self.rel = rel        # path in the workspace, e.g. boost/asio/...
        self.flags = flags


def copy_tree(src, dst):
    shutil.copytree(src, dst, dirs_exist_ok=True)


def discover(src_root):
    """Copies the examples into src_root; returns the units to lint."""
    units = []
    common = ["-std=c++20", "-pthread"]

    # Boost.Asio and Beast. Beast's examples include "example/common/...".
    for lib in ("asio", "beast"):
        copy_tree(os.path.join(BOOST_EXAMPLES, lib, "example"),
                  os.path.join(src_root, "boost", lib, "example"))
    for path in sorted(glob.glob(os.path.join(src_root, "boost", "**", "*.cpp"),
                                 recursive=True)):
        if uses_co_await(path):
            flags = common + ["-I" + os.path.join(src_root, "boost", "beast")]
            units.append(Unit("boost", os.path.relpath(path, src_root), flags))

    # Standalone Asio: clang needs to be told that co_await is there.
    copy_tree(ASIO_EXAMPLES, os.path.join(src_root, "asio"))
    for path in sorted(glob.glob(os.path.join(src_root, "asio", "**", "*.cpp"),
                                 recursive=True)):
        if uses_co_await(path):
            flags = common + ["-DASIO_HAS_CO_AWAIT=1",
                              "-DASIO_HAS_STD_COROUTINE=1"]
            units.append(Unit("asio", os.path.relpath(path, src_root), flags))

    # QCoro's example programs (not docs/examples: those are snippets of
    # functions without their surroundings, not translation units).
    copy_tree(os.path.join(QCORO_DOC, "examples"),
              os.path.join(src_root, "qcoro"))
    # The network example includes its header by its path in QCoro's source
    # tree; Debian installs it flat.
    shim = os.path.join(src_root, "qcoro-shim", "qcoro", "network")
    os.makedirs(shim, exist_ok=True)
    with open(os.path.join(shim, "qcoronetworkreply.h"), "w") as f:
        f.write("#include <qcoronetworkreply.h>\n")
    qt = qt_flags()
    moc = "/usr/lib/qt5/bin/moc"
    for path in sorted(glob.glob(os.path.join(src_root, "qcoro", "**", "*.cpp"),
                                 recursive=True)):
        if not uses_co_await(path):
            continue
        with open(path) as f:
            text = f.read()
        for name in re.findall(r'#include "([\w.-]+\.moc)"', text):
            proc = run([moc, path, "-o",
                        os.path.join(os.path.dirname(path), name)])
            if proc.returncode:
                die("moc %s failed: %s" % (path, proc.stderr.strip()))
        # The D-Bus examples include "common/dbusserver.h".
        flags = (common + ["-I" + os.path.join(src_root, "qcoro-shim"),
                           "-I" + os.path.join(src_root, "qcoro"),
                           "-I" + os.path.join(src_root, "qcoro", "dbus")]
                 + ["-I" + d for d in QCORO_INCLUDES] + qt)
        units.append(Unit("qcoro", os.path.relpath(path, src_root), flags))
    return units


def write_database(src_root, units):
    entries = [{"directory": os.path.dirname(os.path.join(src_root, u.rel)),
                "file": os.path.join(src_root, u.rel),
                "arguments": [CLANGXX] + u.flags + ["-c", os.path.join(
                    src_root, u.rel)]}
               for u in units]
    with open(os.path.join(src_root, "compile_commands.json"), "w") as f:
        json.dump(entries, f, indent=1)
