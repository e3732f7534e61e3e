#!/usr/bin/env bash
# Runs, in one go and on the same machine state: the bare Beast limit, our http::Server with a trivial route,
# and optionally a real endpoint (e.g. an authenticated read on `xeploai serve`), and prints a Markdown table.
#   bench/http/compare.sh BUILD_DIR [SECONDS] [CONNECTIONS] [URL COOKIE]
#   e.g. bench/http/compare.sh build 10 32 http://127.0.0.1:8080/api/v1/units "xeploai_session=TOKEN"
# BUILD_DIR must hold bare_beast_server (configure with -DXEPLOAI_BUILD_BENCH=ON).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:?usage: compare.sh BUILD_DIR [SECONDS] [CONNECTIONS] [URL COOKIE]}
seconds=${2:-10}
connections=${3:-32}
url=${4:-}
cookie=${5:-}
io_threads=${IO_THREADS:-2}
bin="$build/bare_beast_server"
[[ -x "$bin" ]] || { echo "compare.sh: $bin not found; build the bare_beast_server target" >&2; exit 2; }

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

start() {  # mode -> prints the base URL
  local log; log=$(mktemp)
  "$bin" --port 0 --io-threads "$io_threads" --mode "$1" >"$log" 2>&1 &
  pids+=($!)
  for _ in $(seq 50); do
    grep -q "listening on" "$log" && break
    sleep 0.1
  done
  sed -n 's/.*listening on \(http[^ ]*\).*/\1/p' "$log" | head -1
}

row() {  # label url [cookie]
  local line; line=$("$here/load.sh" "$2" "$seconds" "$connections" 2 "${3:-}" 2>/dev/null)
  local rps p50 p99 errs
  rps=$(sed -n 's/.* rps=\([^ ]*\).*/\1/p' <<<"$line")
  p50=$(sed -n 's/.* p50_ms=\([^ ]*\).*/\1/p' <<<"$line")
  p99=$(sed -n 's/.* p99_ms=\([^ ]*\).*/\1/p' <<<"$line")
  errs=$(sed -n 's/.* non_2xx=\([^ ]*\).*/\1/p' <<<"$line")
  echo "| $1 | $rps | $p50 | $p99 | $errs |"
  echo "$rps" >"$tmp_rps.$4"
}

tmp_rps=$(mktemp)
bare=$(start bare)
server=$(start server)
echo "wrk ${seconds}s, ${connections} connections, 2 wrk threads; servers with ${io_threads} I/O threads; $(nproc) cores"
echo
echo "| target | requests/s | p50 ms | p99 ms | non-2xx |"
echo "|---|---|---|---|---|"
row "bare Beast handler (limit)" "$bare/api/v1/ping" "" bare
row "http::Server, trivial route" "$server/api/v1/ping" "" server
if [[ -n "$url" ]]; then row "$url" "$url" "$cookie" url; fi
echo
b=$(cat "$tmp_rps.bare"); s=$(cat "$tmp_rps.server")
awk -v b="$b" -v s="$s" 'BEGIN { printf "http::Server / bare: %.2f\n", s / b }'
if [[ -n "$url" ]]; then u=$(cat "$tmp_rps.url"); awk -v b="$b" -v u="$u" 'BEGIN { printf "endpoint / bare: %.2f\n", u / b }'; fi
rm -f "$tmp_rps"*
