#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# Installs everything async-lint needs to build and test, from Debian's packages.
# Idempotent: packages already present are not reinstalled, and apt's lists are
# only refreshed when something is missing. Every other script calls this one.
#
#   setup.sh               everything: build, tests, benchmarks' tools
#   setup.sh --build-only  only what building async-lint and its Debian
#                          package needs (scripts/package.sh, CI jobs)
set -euo pipefail

BUILD_PACKAGES=(
  # The toolchain async-lint is built against and tested with.
  clang-22 libclang-22-dev clang-tidy-22 clangd-22 llvm-22-dev llvm-22-tools
  clang-format-22 lld-22
  # Debian's Clang CMake export names gRPC targets (clangd's remote index).
  libgrpc++-dev libprotobuf-dev protobuf-compiler-grpc libzstd-dev
  cmake ninja-build python3 git
  # The Debian package: cpack (in cmake) writes it; its test reads it back
  # with dpkg-deb and readelf.
  binutils
)

TEST_PACKAGES=(
  # Real library headers for the integration tests.
  libboost1.81-dev
  # Real headers of the session types async-session-per-request knows.
  libssl-dev libcurl4-openssl-dev libcpp-httplib-dev libpqxx-dev
  # Real headers of the CPU-heavy calls (password hashing, key derivation,
  # compression) of async-blocking-call-in-coroutine's cpu category.
  libsodium-dev libargon2-dev libcrypt-dev zlib1g-dev libzstd-dev
  # GoogleTest: its assertion macros around awaits, and the unit tests.
  libgtest-dev libgmock-dev
  # Qt 5 and QCoro: Qt's own blocking calls over their real headers.
  qtbase5-dev qcoro-qt5-dev pkg-config
  # A clang-tidy of another LLVM version: the plugin must refuse to load into it.
  clang-tidy-14
  # The pre-commit hook definition is tested with pre-commit itself.
  pre-commit
  # The editor configurations of docs/editors.md are tested with Debian's
  # Neovim 0.7 and Emacs 28 + eglot (test/editors/).
  neovim emacs-nox elpa-eglot
  # The HTML report is loaded in a real headless browser (test/driver/html.test).
  chromium
)

case "${1:-}" in
  "") PACKAGES=("${BUILD_PACKAGES[@]}" "${TEST_PACKAGES[@]}"); build_only=0 ;;
  --build-only) PACKAGES=("${BUILD_PACKAGES[@]}"); build_only=1 ;;
  *) echo "setup: unknown argument '$1' (usage: setup.sh [--build-only])" >&2; exit 2 ;;
esac

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

root="$(cd "$(dirname "$0")/.." && pwd)"

# SARIF output is validated with Microsoft's SARIF multitool, from the npm
# registry, installed into tools/node_modules (not into the system).
install_sarif_multitool() {
  if [ "$build_only" -eq 1 ]; then
    return 0
  fi
  local tool="$root/tools/node_modules/.bin/sarif-multitool"
  if [ -x "$tool" ]; then
    return 0
  fi
  if ! command -v npm >/dev/null 2>&1; then
    echo "setup: npm is missing; install Node.js and npm to validate SARIF output" >&2
    exit 2
  fi
  echo "setup: installing the SARIF multitool into tools/node_modules" >&2
  (cd "$root/tools" && npm install --no-audit --no-fund --loglevel=error >/dev/null)
  # npm may skip the package's install script, which only marks the
  # self-contained binary executable.
  chmod u+x "$root"/tools/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool
}

if [ "${#missing[@]}" -eq 0 ]; then
  install_sarif_multitool
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "setup: missing packages: ${missing[*]}; run this script as root to install them" >&2
  exit 2
fi

echo "setup: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
install_sarif_multitool
