#!/usr/bin/env bash
# Sets up, builds, creates the demo province in data/demo.sqlite (once) and serves it on http://127.0.0.1:8080.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
mkdir -p data
port=${PORT:-8080}
if [ ! -f data/demo.sqlite ]; then
  build/xeploai demo --db data/demo.sqlite
fi
exec build/xeploai serve --db data/demo.sqlite --port "$port"
