# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# lit configuration for async-lint's tests. Run through build/test (CMake
# writes lit.site.cfg.py there with the paths of the tools under test).
import os

import lit.formats

config.name = "async-lint"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".cpp", ".test"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.async_obj_root, "test")
config.excludes = ["Inputs", "CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py.in"]

# The tools' behaviour must not depend on the caller's environment.
config.environment["LC_ALL"] = "C"
for var in ("HOME", "PATH", "TMPDIR"):
    if var in os.environ:
        config.environment[var] = os.environ[var]

test_dir = config.test_source_root
inputs = os.path.join(test_dir, "Inputs")
runner = os.path.join(test_dir, "check_async.py")

check_async = " ".join([
    config.python, runner,
    "--clang-tidy", config.clang_tidy,
    "--plugin", config.async_plugin,
    "--async-lint", config.async_lint,
    "--filecheck", config.filecheck,
    "--clangxx", config.clangxx,
    "--inputs", inputs,
])

# An LSP session with async-clangd over one test file (test/clangd/).
lsp_check = " ".join([
    config.python, os.path.join(test_dir, "clangd", "lsp_check.py"),
    "--clangd", config.async_clangd,
    "--inputs", inputs,
    "--docs-base", "'%s'" % config.docs_base_url,
    "--file",
])

# Compiler flags for the real Qt 5 and QCoro headers (qtbase5-dev,
# qcoro-qt5-dev), from pkg-config as a Qt project gets them.
def qt_flags():
    import subprocess
    try:
        out = subprocess.run(["pkg-config", "--cflags", "Qt5Core", "Qt5Network"],
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                             text=True, check=True).stdout.split()
    except (OSError, subprocess.CalledProcessError):
        return None
    return " ".join(out + ["-fPIC", "-I/usr/include/qcoro5",
                           "-I/usr/include/qcoro5/qcoro",
                           "-I/usr/include/qcoro5/QCoro"])

# The Debian package (test/package/): cpack builds it from the build tree.
import shutil
cpack = shutil.which("cpack")
if cpack and shutil.which("dpkg-deb") and shutil.which("readelf"):
    config.available_features.add("deb-tools")
    # A real install (and purge) needs root and apt-get, and must not touch
    # an async-lint package someone installed on purpose.
    def package_installed():
        import subprocess
        status = subprocess.run(["dpkg-query", "-W", "-f=${Status}", "async-lint"],
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                text=True).stdout
        return "install ok installed" in status
    if os.geteuid() == 0 and shutil.which("apt-get") and not package_installed():
        config.available_features.add("package-install")

# Editors whose documented configurations are tested (test/editors/).
if shutil.which("nvim"):
    config.available_features.add("nvim")
import glob
if shutil.which("emacs") and glob.glob("/usr/share/emacs/site-lisp/elpa/eglot-*"):
    config.available_features.add("emacs-eglot")

qt = qt_flags()
if qt:
    config.available_features.add("qt5")

differential = " ".join([
    config.python, os.path.join(test_dir, "differential.py"),
    "--async-lint", config.async_lint,
    "--clang-tidy", config.clang_tidy,
    "--plugin", config.async_plugin,
    "--clangd", config.async_clangd,
    "--clangxx", config.clangxx,
    "--inputs", inputs,
    "--qt-flags", "'%s'" % (qt or ""),
])

config.substitutions.extend([
    ("%qt-flags", qt or ""),
    ("%differential", differential),
    ("%check_async", check_async),
    ("%lsp-check", lsp_check),
    # The same script for another async-clangd binary (give --clangd).
    ("%lsp-script", config.python + " " + os.path.join(test_dir, "clangd", "lsp_check.py")),
    ("%async-lint", config.async_lint),
    ("%async-clangd", config.async_clangd),
    ("%async-lsp-filter", config.async_lsp_filter),
    ("%unittests", config.async_unittests),
    ("%stock-clangd", config.clangd),
    ("%clang-tidy", config.clang_tidy),
    ("%other-clang-tidy", config.other_clang_tidy),
    ("%plugin", config.async_plugin),
    ("%clangxx", config.clangxx),
    ("%FileCheck", config.filecheck),
    ("%python", config.python),
    ("%expect_exit", config.python + " " + os.path.join(test_dir, "expect_exit.py")),
    ("%inputs", inputs),
    ("%bindir", os.path.dirname(config.async_lint)),
    ("%path", os.environ.get("PATH", "/usr/bin:/bin")),
    ("%run_workflow", config.python + " " + os.path.join(test_dir, "driver", "Inputs", "run_workflow.py")),
    ("%run_ci_recipe", config.python + " " + os.path.join(test_dir, "driver", "Inputs", "run_ci_recipe.py")),
    ("%mkproject", config.python + " " + os.path.join(test_dir, "driver", "Inputs", "mkproject.py")),
    ("%edit", config.python + " " + os.path.join(test_dir, "driver", "Inputs", "edit.py")),
    ("%prepend_lines", config.python + " " + os.path.join(test_dir, "driver", "Inputs", "prepend_lines.py")),
    ("%sarif-multitool", os.path.join(config.async_src_root, "tools", "node_modules", ".bin", "sarif-multitool")),
    ("%testdir", test_dir),
    ("%cpack", cpack or "cpack"),
    ("%objroot", config.async_obj_root),
    ("%check_package", " ".join([
        config.python, os.path.join(test_dir, "package", "check_package.py"),
        "--inputs", inputs, "--clangxx", config.clangxx,
        "--clang-tidy", config.clang_tidy,
        "--lsp-check", "'%s %s'" % (config.python,
                                    os.path.join(test_dir, "clangd", "lsp_check.py"))])),
    ("%srcroot", config.async_src_root),
])
