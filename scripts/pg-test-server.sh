#!/usr/bin/env bash
# Starts (or stops) a throw-away PostgreSQL server on loopback for the tests: scripts/pg-test-server.sh start|stop
# Prints the URL to export as XEPLOAI_TEST_PG. Durability is off (fsync) because the data is discarded.
set -euo pipefail
action=${1:-start}
dir=${XEPLOAI_PG_DIR:-/tmp/xeploai-test-pg}
port=${XEPLOAI_PG_PORT:-55432}
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$action" in
  start)
    if [ -f "$dir/postmaster.pid" ] && as_owner "$bin/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
      echo "postgresql://xeploai@127.0.0.1:$port/xeploai"
      exit 0
    fi
    rm -rf "$dir"
    mkdir -p "$dir"
    if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$dir"; fi
    as_owner "$bin/initdb" -D "$dir" -U xeploai -A trust -E UTF8 --locale=C.UTF-8 >"$dir.initdb.log" 2>&1 ||
      { cat "$dir.initdb.log" >&2; exit 1; }
    as_owner "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w -o \
      "-p $port -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
      start >/dev/null
    as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U xeploai xeploai
    echo "postgresql://xeploai@127.0.0.1:$port/xeploai"
    ;;
  stop)
    if [ -d "$dir" ]; then as_owner "$bin/pg_ctl" -D "$dir" -m fast stop >/dev/null 2>&1 || true; fi
    ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
