#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# Installs what is missing, builds async-lint, and lints the demo project in
# examples/, printing each finding with its fix-it.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/build.sh"
cd "$root/examples"
status=0
"$root/build/bin/async-lint" ./*.cpp -- -std=c++20 || status=$?
# Exit status 1 means "findings", which is what the demo is for.
if [ "$status" -gt 1 ]; then
  exit "$status"
fi
