#!/usr/bin/env bash
# Catalogue search at 100k tracks on SQLite and PostgreSQL: seeds the database (bench/search/seed.py), then wrk on
# loopback with a mix of exact, prefix and typo queries (queries.lua), all four sections (type absent) and tracks only.
#   bench/search/run.sh [seconds-per-run] [tracks] [server.dll]
# Needs the test PostgreSQL on 127.0.0.1:55532 (scripts/lib/test-env.sh start) and a Release build of Selah.Server.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
duration="${1:-20}"
count="${2:-100000}"
dll="${3:-$root/src/Selah.Server/bin/Release/net10.0/Selah.Server.dll}"
port=5391
pg="-h 127.0.0.1 -p 55532 -U selah"
export PGPASSWORD=selah
server_pid=""
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true; }
trap cleanup EXIT

start_server() { # provider data-dir
  local -a env=(ASPNETCORE_ENVIRONMENT=Production Selah__DataDirectory="$2" Selah__Database__Provider="$1" Selah__Demo__Enabled=false
    Selah__Admin__Email=bench-admin@selah.local Selah__Admin__Password=bench-Password-42 Logging__LogLevel__Default=Warning Selah__Bible__Translations="")
  [ "$1" = Postgres ] && env+=(ConnectionStrings__Selah="Host=127.0.0.1;Port=55532;Username=selah;Password=selah;Database=selah_search_bench")
  env "${env[@]}" dotnet "$dll" --urls "http://127.0.0.1:$port" >"$2/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 240); do curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && return; sleep 0.5; done
  cat "$2/server.log"; exit 1
}

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB RAM, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
for provider in ${PROVIDERS:-Sqlite Postgres}; do
  data="$(mktemp -d)"
  if [ "$provider" = Postgres ]; then
    psql -q $pg -d postgres -c "DROP DATABASE IF EXISTS selah_search_bench WITH (FORCE)" -c "CREATE DATABASE selah_search_bench"
  fi
  start_server "$provider" "$data"   # migrates the schema
  cleanup; server_pid=""
  if [ "$provider" = Sqlite ]; then
    python3 "$here/seed.py" sqlite "$(ls "$data"/*.db | head -1)" "$count" | python3 -c 'import json,sys; print("\n".join(json.load(sys.stdin)))' > "$data/queries.txt"
  else
    python3 "$here/seed.py" postgres "$pg -d selah_search_bench" "$count" | python3 -c 'import json,sys; print("\n".join(json.load(sys.stdin)))' > "$data/queries.txt"
    # Steady state, as autovacuum leaves a live server: statistics and the GIN pending lists flushed after the bulk load.
    psql -q $pg -d selah_search_bench -c "VACUUM ANALYZE"
  fi
  start_server "$provider" "$data"
  export QUERIES_FILE="$data/queries.txt"
  echo "$provider, $(wc -l < "$QUERIES_FILE") distinct queries:"
  SEARCH_TYPE= wrk -t1 -c4 -d3s -s "$here/queries.lua" "http://127.0.0.1:$port" >/dev/null   # warm-up
  for type in track ""; do
    for c in 1 4; do
      printf '  type=%-6s %d connection(s): ' "${type:-all}" "$c"
      SEARCH_TYPE="$type" wrk -t1 -c"$c" -d"${duration}s" -s "$here/queries.lua" "http://127.0.0.1:$port" | tail -1
    done
  done
  cleanup; server_pid=""
done
