#!/usr/bin/env bash
# Runs a command and reports, beside its own CPU time, the CPU time of the PostgreSQL server processes that served it:
# every backend connected to database DBNAME while the command runs (sampled from /proc every 0.2 s; the server must
# run on this machine, as scripts/pg-test-server.sh's does). On a shared machine wall time mostly measures the load;
# client + server CPU is the steadier figure (docs/performance-import.md).
#   bench/pg/backend_cpu.sh SERVER_URL DBNAME command args...
set -euo pipefail
server="$1"; db="$2"; shift 2
tick=$(getconf CLK_TCK)
samples=$(mktemp)
(
  while true; do
    for pid in $(psql "$server" -Atc "SELECT pid FROM pg_stat_activity WHERE datname = '$db' AND pid <> pg_backend_pid()" 2>/dev/null); do
      # fields 14 and 15 of /proc/PID/stat: utime and stime in clock ticks (the name field has no spaces: postgres)
      if read -r -a f < "/proc/$pid/stat" 2>/dev/null; then echo "$pid ${f[13]} ${f[14]}"; fi
    done
    sleep 0.2
  done
) > "$samples" &
sampler=$!
/usr/bin/time -f "client: wall %e s, user %U s, sys %S s, peak RSS %M KB" "$@"
kill "$sampler" 2>/dev/null || true
wait "$sampler" 2>/dev/null || true
# The last sample of each backend is (nearly) its total: up to 0.2 s of its work may be missed at the end.
awk -v tick="$tick" '{u[$1]=$2; s[$1]=$3} END {for (p in u) {tu+=u[p]; ts+=s[p]; n++}
  printf "server: %d backend(s), user %.2f s, sys %.2f s (sampled every 0.2 s)\n", n, tu/tick, ts/tick}' "$samples"
rm -f "$samples"
