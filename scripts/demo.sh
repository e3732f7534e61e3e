#!/usr/bin/env bash
# Sets up, builds, creates the demo province in data/demo.sqlite (once) and serves it on http://127.0.0.1:8080.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh xeploai
mkdir -p data
port=${PORT:-8080}
if [ ! -f data/demo.sqlite ]; then
  build/xeploai demo --db data/demo.sqlite   # prints the demo accounts
else
  echo "Tài khoản mẫu (demo accounts), mật khẩu (password) XepLoai@2026 — data/demo.sqlite already exists:"
  sqlite3 -column data/demo.sqlite "SELECT a.username, g.role, u.name FROM accounts a
    JOIN role_grants g ON g.account_id = a.id JOIN units u ON u.id = g.unit_id ORDER BY a.id"
fi
echo "Mở (open) http://127.0.0.1:$port"
exec build/xeploai serve --db data/demo.sqlite --port "$port"
