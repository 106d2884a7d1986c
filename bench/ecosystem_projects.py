# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""The fifteen projects of bench/ecosystem (four coroutine libraries, and
eleven application and example code bases built on Boost.Asio, Beast,
Redis, MySQL, gRPC, Qt and drogon): which commit each is pinned at, how to
recognise a checkout of it, and how to write its compile database into a
work directory outside its tree.

Every database holds the project's own translation units only (.cpp, .cc
and .cxx files under its tree: sources, tests, examples), one entry per
file, compiled with clang++-22. Nothing is added to a project's tree: CMake
builds go to the work directory, so do generated sources (protobuf, Qt's
moc, D-Bus interfaces), and whatever a configure step still writes into the
tree is removed again.

Several of the eleven use Boost 1.92 (newer than Debian's 1.81): the
headers vendored in Jackarain/proxy, merged into one folder, next to the
checkouts: <--src>/boost192/include (see BOOST192 below).
"""

import glob
import json
import os
import re
import shlex
import shutil

from corpus_units import CLANGXX, die, run, say

CLANG = "clang-22"
UNIT_EXTENSIONS = (".cpp", ".cc", ".cxx")
# Debian packages the databases need (the headers the units include, and
# the tools that configure them).
PACKAGES = ["libc-ares-dev", "libssl-dev", "libasio-dev", "libgtest-dev",
            "libgmock-dev", "cmake", "ninja-build", "clang-22",
            # The eleven application and example code bases.
            "qtbase5-dev", "qtbase5-private-dev", "libqt5websockets5-dev",
            "qtdeclarative5-dev", "libjsoncpp-dev", "uuid-dev", "zlib1g-dev",
            "libspdlog-dev", "libboost1.81-dev", "libboost-coroutine1.81-dev",
            "libboost-program-options1.81-dev", "libprotobuf-dev",
            "protobuf-compiler", "libgrpc++-dev", "protobuf-compiler-grpc",
            "libpq-dev", "libsqlite3-dev", "librange-v3-dev", "libfmt-dev"]
# Processes a build step (generated sources) runs at a time.
BUILD_JOBS = 2


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


# --- The application and example code bases -----------------------------------

# Where the Boost 1.92 headers are, relative to the directory holding the
# checkouts: every third_party/boost/libs/**/include of Jackarain/proxy at
# its pinned commit, merged into one folder (proxy's archive lacks one
# documentation blob; the include folders are complete).
BOOST192 = os.path.join("boost192", "include")


def boost192(src):
    """The merged Boost 1.92 headers next to the checkout src."""
    path = os.path.join(os.path.dirname(src), BOOST192)
    if not os.path.isfile(os.path.join(path, "boost", "version.hpp")):
        die("no Boost 1.92 headers at %s: merge every "
            "third_party/boost/libs/**/include of Jackarain/proxy at %s "
            "into it" % (path, PROXY_COMMIT))
    return path


def written(directory, path, flags):
    """A written database's entry: path compiled with clang++-22 and
    flags, from directory."""
    return {"directory": directory, "file": path,
            "arguments": [CLANGXX] + flags + ["-c", path]}


def uses_coroutines(path, pattern=r"\bco_(await|return|yield)\b"):
    with open(path, errors="replace") as f:
        return re.search(pattern, f.read()) is not None


def entry_arguments(entry):
    return (list(entry["arguments"]) if "arguments" in entry
            else shlex.split(entry["command"]))


def compile_flags(entry):
    """An entry's flags without the compiler, the source and what writes
    a file (-o, -c, dependency files)."""
    args = entry_arguments(entry)
    flags = []
    rest = iter(args[1:])
    for arg in rest:
        if arg in ("-o", "-MF", "-MT", "-MQ"):
            next(rest, None)
        elif arg in ("-c", "-MD", "-MMD") or arg == entry["file"] or (
                os.path.normpath(os.path.join(entry["directory"], arg))
                == entry_file(entry)):
            continue
        else:
            flags.append(arg)
    return flags


def build_targets(build, targets):
    """Builds these targets of a configured Ninja build (generated
    sources), BUILD_JOBS at a time."""
    if not targets:
        return
    proc = run(["ninja", "-C", build, "-j", str(BUILD_JOBS)] + targets)
    with open(os.path.join(build, "ninja.log"), "w") as f:
        f.write(proc.stdout + proc.stderr)
    if proc.returncode:
        tail = (proc.stdout + proc.stderr).strip().splitlines()[-3:]
        die("building the generated sources in %s failed (log: %s): %s" % (
            build, os.path.join(build, "ninja.log"), " / ".join(tail)))


def ninja_targets(build, pattern):
    """The targets of a configured Ninja build whose name matches
    pattern."""
    proc = run(["ninja", "-C", build, "-t", "targets", "all"])
    if proc.returncode:
        die("ninja -t targets failed in %s: %s" % (build,
                                                   proc.stderr.strip()))
    names = (line.split(":", 1)[0] for line in proc.stdout.splitlines())
    return sorted({n for n in names if re.search(pattern, n)})


def protoc(proto_path, proto, out):
    """protoc --cpp_out=out for one .proto file."""
    os.makedirs(out, exist_ok=True)
    proc = run(["protoc", "--proto_path=" + proto_path, "--cpp_out=" + out,
                proto])
    if proc.returncode:
        die("protoc %s failed: %s" % (proto, proc.stderr.strip()))


PROXY_COMMIT = "417591b20c45ca62499d82595a7d61e4e548d92e"
# Jackarain/proxy's definitions on Linux with clang, OpenSSL and no
# io_uring; its launcher is C++23.
PROXY_DEFINES = [
    "USE_STD_STRING_VIEW", "USE_BOOST_FILESYSTEM",
    "BOOST_ASIO_SEPARATE_COMPILATION", "BOOST_BEAST_SEPARATE_COMPILATION",
    "BOOST_ASIO_NO_DEPRECATED", "BOOST_LOCALE_HIDE_AUTO_PTR",
    "BOOST_BIND_GLOBAL_PLACEHOLDERS", "BOOST_DISABLE_PRAGMA_MESSAGE",
    "BOOST_COROUTINES_NO_DEPRECATION_WARNING", "BOOST_PROCESS_USE_STD_FS",
    "BOOST_FILESYSTEM_USE_UTF8_CODECVT_FACET", "BOOST_ASIO_HAS_CO_AWAIT",
    "XXH_STATIC_LINKING_ONLY", "FORCE_USE_FMT_FORMAT"]
PROXY_INCLUDES = ["proxy/include", "third_party/tinyrpc/include",
                  "third_party", "third_party/zlib",
                  "third_party/zlib/contrib/minizip",
                  "third_party/fmt/include"]


def proxy_database(src, work):
    boost = boost192(src)

    def unit(rel, std="c++20", includes=(), defines=()):
        flags = (["-std=" + std, "-fvisibility-inlines-hidden",
                  "-fvisibility=hidden", "-include", "optional"]
                 + ["-D" + d for d in PROXY_DEFINES + list(defines)]
                 + ["-I" + os.path.join(src, i)
                    for i in PROXY_INCLUDES + list(includes)]
                 + ["-isystem", boost])
        return written(src, os.path.join(src, rel), flags)

    entries = [unit("proxy/src/%s.cpp" % name) for name in (
        "lib_asio_beast", "ip_database", "launcher_log", "proxy_session",
        "proxy_server", "dns_server", "default_cert", "xxhash")]
    entries += [
        unit("server/proxy_server/main.cpp", includes=["server/common"]),
        unit("server/common/version.cpp", includes=["server/common"],
             defines=['VERSION_GIT="pinned"']),
        unit("server/httpc/src/httpc.cpp",
             includes=["server/httpc/include"])]
    for name in ("main", "options", "proc_unix", "manager", "http_server",
                 "version"):
        entries.append(unit(
            "server/launcher/%s.cpp" % name, std="c++23",
            includes=["server/launcher", "server/httpc/include"],
            defines=['VERSION_GIT="pinned"'] if name == "version" else []))
    for name in ("dns_server_test", "http_proxy_client", "nested_proxy",
                 "socks_client"):
        entries.append(unit("example/%s/%s.cpp" % (name, name)))
    return project_units(entries, src)


def redis_database(src, work):
    # The examples (cpp17_spdlog.cpp needs spdlog's fmt: left out), two
    # benchmarks, the library's one unit and the tests' helpers, the
    # integration tests and three sans-io tests.
    boost = boost192(src)
    generated = os.path.join(work, "gen")
    protoc(os.path.join(src, "example"),
           os.path.join(src, "example", "person.proto"), generated)
    files = sorted("example/" + f for f in os.listdir(
        os.path.join(src, "example"))
        if f.endswith(".cpp") and f != "cpp17_spdlog.cpp")
    files += ["benchmarks/cpp/asio/echo_server_client.cpp",
              "benchmarks/cpp/asio/echo_server_direct.cpp",
              "test/boost_redis.cpp", "test/common.cpp",
              "test/sansio_utils.cpp"]
    files += ["test/test_%s.cpp" % t for t in (
        "conn_quit", "conn_exec_retry", "conn_exec_error", "run",
        "conn_run_cancel", "conn_check_health", "conn_exec", "conn_push",
        "conn_push2", "conn_monitor", "conn_reconnect", "conn_exec_cancel",
        "conn_echo_stress", "conn_move", "conn_setup", "issue_50",
        "conversions", "conn_tls", "unix_sockets", "conn_cancel_after",
        "conn_sentinel", "low_level_sync_sans_io", "exec_fsm", "run_fsm")]
    entries = []
    for rel in files:
        flags = ["-std=c++20", "-Wall", "-Wextra",
                 "-I" + os.path.join(src, "include"), "-I" + generated]
        if rel.startswith("test/"):
            flags.append("-DBOOST_ALLOW_DEPRECATED=1")
        entries.append(written(src, os.path.join(src, rel),
                               flags + ["-isystem", boost]))
    return project_units(entries, src)


ASIO_GRPC_SNIPPETS = ("alarm", "client", "client_callback", "client_rpc",
                      "server", "server_callback", "server_rpc",
                      "io_context")


def asio_grpc_database(src, work):
    # CMake's C++20 examples (their .pb.h/.pb.cc generated in the build),
    # and the Boost.Asio documentation snippets, which CMake compiles only
    # into one test: with hello-world-client's flags.
    build = os.path.join(work, "build")
    entries = cmake_configure(src, build, [
        "-DASIO_GRPC_BUILD_EXAMPLES=ON",
        "-DASIO_GRPC_ENABLE_CPP20_TESTS_AND_EXAMPLES=ON",
        "-DASIO_GRPC_TEST_CALLBACK_API=OFF", "-DASIO_GRPC_BUILD_TESTS=OFF",
        "-DCMAKE_CXX_FLAGS=-isystem " + boost192(src)], src)
    build_targets(build, ninja_targets(build, r"\.pb\.(h|cc)$"))
    examples = [e for e in project_units(entries, src)
                if os.path.dirname(e["file"]) == os.path.join(src,
                                                              "example")]
    hello = [e for e in examples
             if e["file"].endswith("/hello-world-client.cpp")]
    if not hello:
        die("asio-grpc: CMake's database has no hello-world-client.cpp")
    flags = compile_flags(hello[0])
    for name in ASIO_GRPC_SNIPPETS:
        path = os.path.join(src, "example", "snippets", name + ".cpp")
        examples.append(written(hello[0]["directory"], path, flags))
    return project_units(examples, src)


def beast_database(src, work):
    # Every unit of example/ and test/ that uses coroutines.
    boost = boost192(src)
    entries = []
    for top in ("example", "test"):
        for parent, _, files in os.walk(os.path.join(src, top)):
            for name in files:
                path = os.path.join(parent, name)
                if name.endswith(".cpp") and uses_coroutines(
                        path, r"co_await|co_spawn|awaitable"):
                    entries.append(written(src, path, [
                        "-std=c++20", "-I" + os.path.join(src, "include"),
                        "-I" + src,
                        "-I" + os.path.join(src, "test/extras/include"),
                        "-I" + os.path.join(src, "test/beast/http"),
                        "-isystem", boost]))
    return project_units(entries, src)


def yalantinglibs_database(src, work):
    # The units that use coroutines, of every unit CMake builds (the
    # vendored headers are included with -I: findings in include/ylt count).
    entries = cmake_configure(src, os.path.join(work, "build"), [
        "-DBUILD_BENCHMARK=OFF", "-DGENERATE_BENCHMARK_DATA=OFF",
        "-DENABLE_SANITIZER=OFF"], src)
    return [e for e in project_units(entries, src)
            if uses_coroutines(e["file"])]


def qcoro_database(src, work):
    # Qt 5; the moc output and the D-Bus test interface are generated in
    # the build (a few minutes: the autogen targets build the libraries
    # first). The units that use coroutines (39 of 49).
    build = os.path.join(work, "build")
    entries = cmake_configure(src, build, [
        "-DUSE_QT_VERSION=5", "-DQCORO_WITH_QTQUICK=OFF"], src)
    build_targets(build, ninja_targets(
        build, r"_autogen$|qcorodbustestinterface\.(cpp|h)$"))
    return [e for e in project_units(entries, src)
            if uses_coroutines(e["file"])]


def boost_examples_database(src, work):
    # The coroutine units of Boost 1.92's Asio C++20, Cobalt and MySQL
    # examples (cobalt's python.cpp needs nanobind: left out).
    boost = boost192(src)
    entries = []
    for sub in ("asio/example/cpp20", "cobalt/example", "mysql/example"):
        top = os.path.join(src, "third_party", "boost", "libs", sub)
        for parent, _, files in sorted(os.walk(top)):
            for name in sorted(files):
                path = os.path.join(parent, name)
                if (name.endswith(".cpp") and name != "python.cpp"
                        and uses_coroutines(path)):
                    entries.append(written(parent, path, [
                        "-std=c++20", "-isystem", boost, "-I", parent,
                        "-DBOOST_ALL_NO_LIB"]))
    return project_units(entries, src)


# drogon's coroutine units that its CMake database has, and those it leaves
# out (integration tests, the redis_cache and prometheus examples), which
# are compiled with CoroutineTest.cc's flags plus their folder and its
# parent.
DROGON_UNITS = ["lib/tests/unittests/CoroutineTest.cc",
                "orm_lib/tests/db_test.cc",
                "nosql_lib/redis/tests/redis_test.cc"]
DROGON_EXTRA = ["examples/prometheus_example/controllers/PromTestCtrl.cc",
                "examples/prometheus_example/filters/PromStat.cc",
                "examples/redis_cache/controllers/SlowCtrl.cc",
                "examples/redis_cache/filters/TimeFilter.cc",
                "lib/tests/integration_test/client/main.cc",
                "lib/tests/integration_test/server/CoroFilter.cpp",
                "lib/tests/integration_test/server/MiddlewareTest.cc",
                "lib/tests/integration_test/server/api_v1_CoroTest.cc"]


def drogon_database(src, work):
    # Without CMAKE_CXX_STANDARD=20 drogon builds C++17, without co_await.
    entries = project_units(cmake_configure(
        src, os.path.join(work, "build"), [
            "-DCMAKE_CXX_STANDARD=20", "-DBUILD_TESTING=ON",
            "-DBUILD_CTL=OFF", "-DBUILD_BROTLI=OFF",
            "-DBUILD_YAML_CONFIG=OFF"], src), src)
    by_rel = {os.path.relpath(e["file"], src): e for e in entries}
    reference = by_rel.get(DROGON_UNITS[0])
    if reference is None:
        die("drogon: CMake's database has no %s" % DROGON_UNITS[0])
    flags = compile_flags(reference)
    kept = [by_rel[rel] for rel in DROGON_UNITS if rel in by_rel]
    for rel in DROGON_EXTRA:
        path = os.path.join(src, rel)
        folder = os.path.dirname(path)
        kept.append(written(reference["directory"], path, flags + [
            "-I", folder, "-I", os.path.dirname(folder)]))
    return project_units(kept, src)


def acc_engineer_server_database(src, work):
    # protoc runs when CMake configures, into the build.
    entries = cmake_configure(src, os.path.join(work, "build"), [
        "-DACC_ENGINEER_SERVER_BUILD_TESTS=ON"], src)
    return project_units(entries, src)


def modern_trojan_database(src, work):
    # Its CMake forces vcpkg: its flags, written out. Debian's Asio 1.22
    # does not detect co_await under clang with libstdc++.
    return project_units([written(src, os.path.join(src, "src", name), [
        "-std=c++20", "-DTROJAN_USE_UDP", "-DASIO_HAS_CO_AWAIT",
        "-DASIO_HAS_STD_COROUTINE", "-I", os.path.join(src, "include")])
        for name in ("service.cpp", "main.cpp")], src)


SERVERTECH_CHAT_UNITS = [
    "src/api/auth.cpp", "src/api/chat_websocket.cpp", "src/http_session.cpp",
    "src/server.cpp", "src/services/cookie_auth_service.cpp",
    "src/services/mysql_client.cpp", "src/services/redis_client.cpp",
    "src/services/room_history_service.cpp",
    "src/services/session_store.cpp", "src/util/websocket.cpp",
    "test/services/pubsub_service.cpp", "test/util/async_mutex.cpp"]


def servertech_chat_database(src, work):
    # The flags of server/CMakeLists.txt, its precompiled header included.
    server = os.path.join(src, "server")
    flags = ["-std=c++20", "-isystem", boost192(src),
             "-I", os.path.join(server, "include"),
             "-DBOOST_BEAST_SEPARATE_COMPILATION",
             "-DBOOST_ASIO_SEPARATE_COMPILATION",
             "-DBOOST_MYSQL_SEPARATE_COMPILATION",
             "-include", os.path.join(server, "include", "pch.hpp")]
    return project_units([written(server, os.path.join(server, rel), flags)
                          for rel in SERVERTECH_CHAT_UNITS], src)


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
    Project("proxy", "Jackarain/proxy", PROXY_COMMIT,
            ["proxy/include/proxy/proxy_server.hpp",
             "server/launcher/main.cpp"], 21,
            "Boost.Asio `awaitable` proxy server (SOCKS/HTTP), DNS server, "
            "launcher (C++23), Beast HTTP client",
            proxy_database),
    Project("redis", "boostorg/redis",
            "dea03967eec84d3c8f2a33f33871722ea6a08293",
            ["include/boost/redis/connection.hpp", "example/person.proto"],
            44,
            "Boost.Redis `connection::async_exec/async_run` with "
            "`co_spawn`, integration tests, sans-io state machines",
            redis_database),
    Project("asio-grpc", "Tradias/asio-grpc",
            "57069c53f9c5877153da29a94c28f2138a77dbf1",
            ["src/agrpc/asio_grpc.hpp", "example/snippets/alarm.cpp"], 24,
            "gRPC clients and servers on Boost.Asio coroutines "
            "(`agrpc::ClientRPC`, `register_awaitable_rpc_handler`), doc "
            "snippets",
            asio_grpc_database),
    Project("beast", "boostorg/beast",
            "7c1e061f91e2ef542217b76286c314d006c0c8fc",
            ["include/boost/beast.hpp", "example/CMakeLists.txt"], 21,
            "Beast HTTP/WebSocket examples and tests with `awaitable`, "
            "`co_spawn`, timeouts, SSL",
            beast_database),
    Project("yalantinglibs", "alibaba/yalantinglibs",
            "393e27e8d47e91536763024192eb86b845011ae5",
            ["include/ylt/coro_rpc/coro_rpc_server.hpp",
             "src/coro_rpc/tests/CMakeLists.txt"], 26,
            "async_simple `Lazy` in coro_rpc, coro_http, coro_io, "
            "easylog; the vendored headers' coroutines",
            yalantinglibs_database),
    Project("qcoro", "qcoro/qcoro",
            "1955004735bdd255264847c7ec726ba7b9af1046",
            ["qcoro/qcorotask.h", "qcoro/core/qcorotimer.h"], 39,
            "Qt 5 `QCoro::Task`, awaiting signals, timers, network replies, "
            "D-Bus, threads; QTest-based tests",
            qcoro_database),
    Project("boost-examples", "Jackarain/proxy", PROXY_COMMIT,
            ["third_party/boost/libs/cobalt/example/echo_server.cpp",
             "third_party/boost/libs/mysql/example/1_tutorial/2_async.cpp",
             "third_party/boost/libs/asio/example/cpp20/coroutines/"
             "echo_server.cpp"], 47,
            "Boost 1.92's examples (vendored in proxy): Asio C++20 "
            "coroutines, Cobalt `promise/task/generator/channel`, MySQL "
            "`co_spawn` tutorials and connection pools",
            boost_examples_database),
    Project("drogon", "drogonframework/drogon",
            "74fc004c8dc8244fe3b6c56628601053b5a15c37",
            ["lib/inc/drogon/drogon.h", "trantor/trantor/net/EventLoop.h"],
            11,
            "drogon's `Task<>`, coroutine controllers, filters and "
            "middleware, ORM and Redis clients (with an-tao/trantor "
            "63a4e5e164e219dc3bf30cdbfa1462ae5602fa97 in trantor/)",
            drogon_database),
    Project("acc-engineer-server", "maxtorm12138/acc-engineer-server",
            "393454b3103fdbef7d44fd80124c3525e652f8ee",
            # Every unit of CMake's database: the server's four (two of
            # them without a coroutine) and the two tests it builds.
            ["src/rpc/detail/batch_task.cpp", "proto/rpc.proto"], 6,
            "Boost.Asio RPC over protobuf, `experimental::parallel_group`, "
            "channels (branch develop)",
            acc_engineer_server_database),
    Project("modern-trojan", "zephyrchien/modern-trojan",
            "b08508f14644cd696ef450f3eab5e260a5aad0dc",
            ["src/service.cpp", "include/service.h"], 2,
            "a standalone Asio 1.22 trojan proxy: relays in `awaitable`s",
            modern_trojan_database),
    Project("servertech-chat", "anarthal/servertech-chat",
            "3735401bda134d39e373d39f35d3f63d85630495",
            ["server/include/pch.hpp", "server/src/server.cpp"], 12,
            "a chat server on Beast, Boost.Redis and Boost.MySQL with "
            "`co_spawn`, a coroutine mutex, websocket sessions",
            servertech_chat_database),
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
