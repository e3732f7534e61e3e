#!/usr/bin/env bash
# Installs what xeploai needs on Debian 12, idempotently: Debian packages (compiler, libraries, PostgreSQL,
# fonts, tools). Says what it installs; installs nothing when everything is there.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  build-essential cmake ninja-build pkg-config git python3
  libboost-dev nlohmann-json3-dev libfmt-dev libspdlog-dev libcli11-dev libtomlplusplus-dev
  libsqlite3-dev sqlite3 libpq-dev postgresql
  libsodium-dev libicu-dev libxlsxwriter-dev libcairo2-dev libpango1.0-dev fonts-liberation
  libgtest-dev libgmock-dev libbenchmark-dev
  wrk curl
)

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
