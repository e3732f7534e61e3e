#!/usr/bin/env bash
# Load one URL with wrk and print requests/s and latency percentiles.
#   bench/http/load.sh URL [SECONDS] [CONNECTIONS] [THREADS] [COOKIE]
#   e.g. bench/http/load.sh http://127.0.0.1:8080/api/v1/units 10 32 2 "xeploai_session=TOKEN"
# Prints one line: url=... rps=... p50_ms=... p99_ms=... errors=...  (wrk's full output goes to stderr).
set -euo pipefail
url=${1:?usage: load.sh URL [SECONDS] [CONNECTIONS] [THREADS] [COOKIE]}
seconds=${2:-10}
connections=${3:-32}
threads=${4:-2}
cookie=${5:-}
command -v wrk >/dev/null || { echo "load.sh: wrk is not installed (apt-get install wrk)" >&2; exit 2; }

args=(--latency -d "${seconds}s" -c "$connections" -t "$threads")
[[ -n "$cookie" ]] && args+=(-H "Cookie: $cookie")
out=$(wrk "${args[@]}" "$url")
echo "$out" >&2

# wrk prints latencies with a unit (us, ms, s); convert to milliseconds.
to_ms() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; printf "%.3f", n }'; }
rps=$(awk '/^Requests\/sec:/ { print $2 }' <<<"$out")
p50=$(awk '$1 == "50%" { print $2 }' <<<"$out")
p99=$(awk '$1 == "99%" { print $2 }' <<<"$out")
non2xx=$(awk '/Non-2xx or 3xx responses:/ { print $NF }' <<<"$out")
sockerr=$(awk '/Socket errors:/ { gsub(",", ""); print $4 + $6 + $8 + $10 }' <<<"$out")
echo "url=$url rps=$rps p50_ms=$(to_ms "$p50") p99_ms=$(to_ms "$p99") non_2xx=${non2xx:-0} socket_errors=${sockerr:-0}"
