#!/usr/bin/env bash
# The December peak load benchmark (issue 4; results in docs/performance-december.md):
# `xeploai serve` on the demo province (20,000 members) with an open cycle, loaded from a second process over
# loopback: many members, each signed in on their own session, save and submit their statements while cell
# secretaries and commune committees read /cycles/{id}/progress.
#
#   bench/december/run.sh [sqlite|postgres|both]        (default both)
#
# Environment (defaults): BUILD=build-perf, MEMBERS=3000 signed-in members, SECRETARIES=300 signed-in cell
# secretaries (plus every commune committee), LOGIN_SAMPLE=40 real sign-ins timed apart, SECONDS_TIMED=30,
# MEMBER_CONNECTIONS=48, SECRETARY_CONNECTIONS=16, PORT=18090, IO_THREADS=2, WORKER_THREADS=8, DB_POOL=8,
# CLIENT_THREADS=1, SKIP_BUILD=1 to use the executables as they are.
# PostgreSQL comes from scripts/pg-test-server.sh (fsync off: a throw-away server); a database
# xeploai_december is (re)created on it. The SQLite file is /tmp/xeploai-december.sqlite.
#
# Steps, per backend: `xeploai demo` (fresh database) -> bench-only accounts (seed_bench_accounts.sql) and their
# signed-in sessions (seed_sessions.py: a sign-in is one Argon2id verification, a one-off per session, not the peak)
# -> `xeploai serve` -> the administrator (quantri) signs in and opens the 2026 cycle for the province through the
# API -> the load client times LOGIN_SAMPLE real sign-ins, then runs the timed part.
set -euo pipefail
cd "$(dirname "$0")/../.."
here=bench/december
which=${1:-both}
build=${BUILD:-build-perf}
members=${MEMBERS:-3000}
seconds=${SECONDS_TIMED:-30}
member_conns=${MEMBER_CONNECTIONS:-48}
secretary_conns=${SECRETARY_CONNECTIONS:-16}
secretaries=${SECRETARIES:-300}  # cell secretaries signed in (every commune committee is, besides)
login_sample=${LOGIN_SAMPLE:-40}
port=${PORT:-18090}
password=XepLoai@2026  # the demo password (xeploai demo prints it)
base="http://127.0.0.1:$port"

if [[ -z "${SKIP_BUILD:-}" ]]; then
  [[ -f "$build/build.ninja" ]] || cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  cmake --build "$build" -j2 --target xeploai
  mkdir -p "$build/december"
  # Outside CMake on purpose: a bench tool, header-only Boost.Beast and nlohmann/json from Debian.
  g++ -std=c++20 -O2 -Wall -Wextra -pthread "$here/load_client.cpp" -o "$build/december/december_load"
fi
xeploai="$build/xeploai"
client="$build/december/december_load"

server_pid=""
cleanup() { if [[ -n "$server_pid" ]]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi; }
trap cleanup EXIT

json_field() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }

run_backend() {  # backend
  local backend=$1 db sql work
  work=$(mktemp -d /tmp/xeploai-december.XXXXXX)
  echo "== $backend =="
  if [[ $backend == sqlite ]]; then
    db=/tmp/xeploai-december.sqlite
    rm -f "$db" "$db-wal" "$db-shm"
    sql() { sqlite3 -batch "$db"; }
  else
    local pg; pg=$(scripts/pg-test-server.sh start)
    psql -q "$pg" -c "DROP DATABASE IF EXISTS xeploai_december" -c "CREATE DATABASE xeploai_december" >/dev/null
    db="${pg%/*}/xeploai_december"
    sql() { psql -q -X -A -t -v ON_ERROR_STOP=1 "$db"; }
  fi
  "$xeploai" demo --db "$db" >"$work/demo.log"
  sed "s/@MEMBERS@/$members/" "$here/seed_bench_accounts.sql" | sql
  echo "SELECT id || ' ' || username FROM accounts WHERE username LIKE 'bench.dv%' ORDER BY id;" | sql \
    >"$work/member_accounts.txt"
  # Every commune committee and a sample of cell secretaries, mixed so both kinds of reader run all along.
  { echo "SELECT id || ' ' || username || ' ' || home_unit_id FROM accounts WHERE username LIKE 'bench.uv%';" | sql
    echo "SELECT id || ' ' || username || ' ' || home_unit_id FROM accounts WHERE username LIKE 'bench.bt%'
          ORDER BY (id * 7919) % 1009, id LIMIT $secretaries;" | sql; } | sort -R >"$work/secretary_accounts.txt"
  python3 "$here/seed_sessions.py" "$work/member_accounts.txt" "$work/member_sessions.sql" "$work/members.txt"
  python3 "$here/seed_sessions.py" "$work/secretary_accounts.txt" "$work/secretary_sessions.sql" "$work/secretaries.txt"
  sql <"$work/member_sessions.sql"
  sql <"$work/secretary_sessions.sql"
  echo "accounts and sessions: $(wc -l <"$work/members.txt") members, $(wc -l <"$work/secretaries.txt")" \
    "commune committees and cell secretaries"

  XEPLOAI_LOG_REQUESTS=false XEPLOAI_IO_THREADS=${IO_THREADS:-2} XEPLOAI_WORKER_THREADS=${WORKER_THREADS:-8} \
    XEPLOAI_DB_POOL_SIZE=${DB_POOL:-8} "$xeploai" serve --db "$db" --port "$port" \
    >"$work/serve.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 100); do curl -fsS "$base/api/v1/health" >/dev/null 2>&1 && break; sleep 0.1; done

  # The administrator opens the cycle through the API (CSRF token and Idempotency-Key as the web app sends them).
  local login token csrf cycle
  login=$(curl -fsS -H 'Content-Type: application/json' \
    -d "{\"username\":\"quantri\",\"password\":\"$password\",\"bearer\":true}" "$base/api/v1/sessions")
  token=$(json_field "['token']" <<<"$login")
  csrf=$(json_field "['csrf_token']" <<<"$login")
  cycle=$(curl -fsS -H 'Content-Type: application/json' -H "Cookie: xeploai_session=$token" -H "X-CSRF-Token: $csrf" \
    -H "Idempotency-Key: december-open-$(date +%s)" -d '{"unit_id":1,"year":2026}' "$base/api/v1/cycles" |
    json_field "['id']")
  echo "cycle $cycle open: $(echo "SELECT COUNT(*) FROM review_subjects WHERE cycle_id = $cycle;" | sql) subjects"

  local cpu=(--cpu-pid "$server_pid")
  if [[ $backend == postgres ]]; then
    # The PostgreSQL server's CPU too: the postmaster and its backends (the server's pooled connections among them).
    local postmaster; postmaster=$(head -1 "${XEPLOAI_PG_DIR:-/tmp/xeploai-test-pg}/postmaster.pid")
    cpu+=(--cpu-children-of "$postmaster")
  fi
  echo "load: $seconds s, $member_conns member and $secretary_conns secretary connections; load average $(cut -d' ' -f1-3 /proc/loadavg)"
  "$client" --port "$port" --password "$password" --members "$work/members.txt" \
    --secretaries "$work/secretaries.txt" --cycle "$cycle" --seconds "$seconds" \
    --member-connections "$member_conns" --secretary-connections "$secretary_conns" \
    --threads "${CLIENT_THREADS:-1}" --login-sample "$login_sample" "${cpu[@]}" ||
    echo "(the load client reported errors)"
  echo "after: load average $(cut -d' ' -f1-3 /proc/loadavg); statements submitted in the database:" \
    "$(echo "SELECT COUNT(*) FROM review_statements WHERE status = 'submitted';" | sql)"
  kill "$server_pid"
  wait "$server_pid" 2>/dev/null || true
  server_pid=""
  grep -E "error|warn" "$work/serve.log" | head -5 || true
  rm -rf "$work"
}

case "$which" in
  sqlite | postgres) run_backend "$which" ;;
  both) run_backend sqlite; run_backend postgres ;;
  *) echo "usage: $0 [sqlite|postgres|both]" >&2; exit 2 ;;
esac
