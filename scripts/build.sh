#!/usr/bin/env bash
# Configures and builds with the default preset into build/ (the executable is build/xeploai).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f build/build.ninja ]; then cmake --preset default >/dev/null; fi
cmake --build --preset default -j "$(nproc)"
