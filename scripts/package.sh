#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# Builds async-lint's Debian package, build/async-lint_<version>_<arch>.deb:
# installs only what building needs (scripts/setup.sh --build-only), builds
# the front ends and runs `cpack -G DEB` in the build tree. Install it with
#   apt-get install ./build/async-lint_*.deb
# which also installs the LLVM 22 libraries it needs.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/setup.sh" --build-only
cmake -S "$root" -B "$root/build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$root/build" -- -j"${JOBS:-$(nproc)}"
cd "$root/build"
cpack -G DEB
