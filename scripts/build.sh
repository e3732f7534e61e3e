#!/usr/bin/env bash
# Configures and builds with the default preset into build/ (the executable is build/xeploai).
#   scripts/build.sh            everything (the executable, tests, benchmarks) and the web app
#   scripts/build.sh xeploai    only the named targets (and the web app)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f build/build.ninja ]; then cmake --preset default >/dev/null; fi
targets=()
for t in "$@"; do targets+=(--target "$t"); done
cmake --build --preset default -j "$(nproc)" "${targets[@]}"

# The web app (web/dist, served by the server): rebuilt only when a source is newer than the last build.
if [ ! -f web/dist/index.html ] ||
  [ -n "$(find web/src web/index.html web/package-lock.json web/vite.config.ts web/tsconfig.json -newer web/dist/index.html -print -quit)" ]; then
  (cd web && npm run build --silent)
fi
