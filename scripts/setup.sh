#!/usr/bin/env bash
# Installs what xeploai needs on Debian 12, idempotently: Debian packages (compiler, libraries, PostgreSQL,
# fonts, tools). Says what it installs; installs nothing when everything is there.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  build-essential cmake ninja-build pkg-config git python3
  libboost-dev nlohmann-json3-dev libfmt-dev libspdlog-dev libcli11-dev libtomlplusplus-dev
  libsqlite3-dev sqlite3 libpq-dev postgresql
  libcurl4-openssl-dev
  libsodium-dev libicu-dev libxlsxwriter-dev libcairo2-dev libpango1.0-dev fonts-liberation fonts-liberation2
  libminizip-dev libexpat1-dev poppler-utils libreoffice-calc-nogui libreoffice-writer-nogui
  libgtest-dev libgmock-dev libbenchmark-dev
  wrk curl
  chromium fonts-noto-core
)
# The web app and its browser tests need Node.js >= 20.19 and npm (the machine image has them); Debian 12's own
# nodejs is 18, too old for Vite, so it is only a last resort that will make the web build fail loudly.
if ! command -v npm >/dev/null; then packages+=(nodejs npm); fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]})); then
  echo "setup: installing Debian packages: ${missing[*]}"
  sudo=""
  if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  # A freshly installed postgresql package starts a cluster on port 5432; the tests run their own server.
else
  echo "setup: all Debian packages present"
fi

# npm packages of the web app and the browser tests, from their lockfiles (no browser download: the tests drive
# Debian's chromium). Skipped when node_modules already matches the lockfile.
for dir in web tests/e2e; do
  if [ ! -f "$dir/node_modules/.package-lock.json" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    echo "setup: npm ci in $dir"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  fi
done
