# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# Installation layout and the Debian package (`cpack -G DEB` in the build
# tree, after building):
#   /usr/bin/async-lint, /usr/bin/async-clangd
#   /usr/lib/async-lint/libAsyncLint.so (+ libAsyncLintChecks.so, which the
#     plugin loads from its own directory)
#   /usr/share/doc/async-lint/ README.md, CHANGELOG.md, copyright, and docs/
#     as in the source tree (docs/checks/<check>.md are the pages findings
#     link to; the front ends find them relative to their own location).

set(ASYNC_LINT_PLUGIN_DIR lib/async-lint)
set(ASYNC_LINT_DOC_DIR share/doc/async-lint)

# The binaries load Debian's libclang-cpp and libLLVM of this exact version.
set(CMAKE_INSTALL_RPATH "${LLVM_LIBRARY_DIR}")
set_target_properties(async-lint async-clangd AsyncLint AsyncLintChecks
  PROPERTIES INSTALL_RPATH "${LLVM_LIBRARY_DIR}")

install(TARGETS async-lint async-clangd RUNTIME DESTINATION bin)
install(TARGETS AsyncLint AsyncLintChecks
  LIBRARY DESTINATION ${ASYNC_LINT_PLUGIN_DIR})
install(FILES README.md CHANGELOG.md DESTINATION ${ASYNC_LINT_DOC_DIR})
install(FILES docs/ci.md docs/editors.md docs/performance.md
  DESTINATION ${ASYNC_LINT_DOC_DIR}/docs)
install(DIRECTORY docs/checks/ DESTINATION ${ASYNC_LINT_DOC_DIR}/docs/checks
  FILES_MATCHING PATTERN "*.md")

# debian/copyright in the machine-readable format, with the licence text as
# its License paragraph (every line indented, empty lines as " .").
file(READ ${CMAKE_SOURCE_DIR}/LICENSE license_text)
string(REGEX REPLACE "\n+$" "" license_text "${license_text}")
string(REPLACE "\n" "\n " license_text " ${license_text}")
string(REGEX REPLACE "\n +\n" "\n .\n" license_text "${license_text}")
string(REGEX REPLACE "\n +\n" "\n .\n" license_text "${license_text}")
string(REGEX REPLACE "\n +$" "" license_text "${license_text}")
set(ASYNC_LINT_LICENSE "Apache-2.0 WITH LLVM-exception")
file(WRITE ${CMAKE_BINARY_DIR}/package/copyright
  "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n"
  "Upstream-Name: async-lint\n"
  "\n"
  "Files: *\n"
  "Copyright: the async-lint authors\n"
  "License: ${ASYNC_LINT_LICENSE}\n"
  "\n"
  "License: ${ASYNC_LINT_LICENSE}\n"
  "${license_text}\n")
install(FILES ${CMAKE_BINARY_DIR}/package/copyright
  DESTINATION ${ASYNC_LINT_DOC_DIR})

set(ASYNC_LINT_PACKAGE_MAINTAINER "async-lint developers <async-lint@localhost>"
  CACHE STRING "Maintainer field of the Debian package")

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME async-lint)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_PACKAGE_CONTACT "${ASYNC_LINT_PACKAGE_MAINTAINER}")
set(CPACK_RESOURCE_FILE_LICENSE ${CMAKE_SOURCE_DIR}/LICENSE)
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
  "C++20 coroutine checks for clang-tidy, CI and the editor")
# CPack puts the summary first; this is the extended description.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
  "async-lint finds misuse of C++20 coroutines (unawaited tasks, blocking calls,
sequential awaits in loops, per-request sessions, swallowed cancellation) in
Boost.Asio, folly, cppcoro, libcoro and other frameworks, with fixes.
It ships the clang-tidy module async three ways, for LLVM ${ASYNC_LINT_LLVM_MAJOR}:
async-lint (CI and the command line), async-clangd (clangd-${ASYNC_LINT_LLVM_MAJOR} with
the checks, for editors) and the plugin /usr/${ASYNC_LINT_PLUGIN_DIR}/libAsyncLint.so
for clang-tidy-${ASYNC_LINT_LLVM_MAJOR} -load.
Licence: ${ASYNC_LINT_LICENSE}.")
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_COMPRESSION_TYPE gzip)
set(CPACK_STRIP_FILES ON)
# What the installed files load (readelf -d: NEEDED), by the Debian 12
# packages that hold them (dpkg -S), and the clang resource directory
# (libclang-common-N-dev: <stddef.h> and the other builtin headers).
# test/package/package.test checks that this list covers every library.
set(llvm_version "1:${ASYNC_LINT_LLVM_MAJOR}.1")
set(CPACK_DEBIAN_PACKAGE_DEPENDS
  "libllvm${ASYNC_LINT_LLVM_MAJOR} (>= ${llvm_version})"
  "libclang-cpp${ASYNC_LINT_LLVM_MAJOR} (>= ${llvm_version})"
  "libclang-common-${ASYNC_LINT_LLVM_MAJOR}-dev (>= ${llvm_version})"
  "libgrpc++1.51" "libgrpc29" "libprotobuf32" "libabsl20220623"
  "libstdc++6 (>= 12)" "libgcc-s1" "libc6 (>= 2.34)")
string(REPLACE ";" ", " CPACK_DEBIAN_PACKAGE_DEPENDS
  "${CPACK_DEBIAN_PACKAGE_DEPENDS}")
# The plugin is for the stock clang-tidy of the same LLVM.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "clang-tidy-${ASYNC_LINT_LLVM_MAJOR}")
include(CPack)
