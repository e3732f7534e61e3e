#!/usr/bin/env bash
# GET /api/v1/people over a whole province and smaller scopes, with the server's CPU per request (steadier than
# requests/s on a shared machine). Numbers in docs/performance-store.md ("The people list").
#   bench/december/people_list.sh XEPLOAI_BINARY DB [SECONDS] [CONNECTIONS]
#   e.g. bench/december/people_list.sh build-perf/xeploai /tmp/demo.sqlite 10 8
# DB: a `xeploai demo` database (SQLite file or postgresql:// URL); signs in as the demo administrator (quantri).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=${1:?usage: people_list.sh XEPLOAI_BINARY DB [SECONDS] [CONNECTIONS]}
db=${2:?usage: people_list.sh XEPLOAI_BINARY DB [SECONDS] [CONNECTIONS]}
seconds=${3:-10}
connections=${4:-8}
port=${PORT:-18091}
base="http://127.0.0.1:$port"

XEPLOAI_LOG_REQUESTS=false "$bin" serve --db "$db" --port "$port" >/tmp/people_list_serve.$$.log 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -fsS "$base/api/v1/health" >/dev/null 2>&1 && break; sleep 0.1; done
token=$(curl -fsS -H 'Content-Type: application/json' \
  -d '{"username":"quantri","password":"XepLoai@2026","bearer":true}' "$base/api/v1/sessions" |
  python3 -c "import json,sys; print(json.load(sys.stdin)['token'])")
cookie="xeploai_session=$token"
# A commune (grassroots committee) and a cell of the demo province, by their ids in this database.
commune=$(curl -fsS -H "Cookie: $cookie" "$base/api/v1/units?kind=grassroots_committee&page_size=1" |
  python3 -c "import json,sys; print(json.load(sys.stdin)['items'][0]['id'])")
cell=$(curl -fsS -H "Cookie: $cookie" "$base/api/v1/units?kind=cell&page_size=1" |
  python3 -c "import json,sys; print(json.load(sys.stdin)['items'][0]['id'])")

ticks() { awk '{ print $14 + $15 }' "/proc/$pid/stat"; }
hz=$(getconf CLK_TCK)
echo "| request | requests/s | p50 ms | p99 ms | non-2xx | server CPU ms/request |"
echo "|---|---:|---:|---:|---:|---:|"
for path in "/api/v1/people?page_size=20" "/api/v1/people?page_size=20&page=50" \
  "/api/v1/people?page_size=20&status=active" "/api/v1/people?page_size=20&unit_id=$commune" \
  "/api/v1/people?page_size=20&unit_id=$cell"; do
  before=$(ticks)
  line=$("$here/../http/load.sh" "$base$path" "$seconds" "$connections" 2 "$cookie" 2>/dev/null)
  after=$(ticks)
  rps=$(sed -n 's/.* rps=\([^ ]*\).*/\1/p' <<<"$line")
  p50=$(sed -n 's/.* p50_ms=\([^ ]*\).*/\1/p' <<<"$line")
  p99=$(sed -n 's/.* p99_ms=\([^ ]*\).*/\1/p' <<<"$line")
  errs=$(sed -n 's/.* non_2xx=\([^ ]*\).*/\1/p' <<<"$line")
  cpu=$(awk -v t=$((after - before)) -v hz="$hz" -v r="$rps" -v s="$seconds" \
    'BEGIN { printf "%.2f", (t / hz) * 1000 / (r * s) }')
  echo "| \`${path/unit_id=$commune/unit_id=COMMUNE}\` | $rps | $p50 | $p99 | $errs | $cpu |" | sed "s/unit_id=$cell/unit_id=CELL/"
done
