#!/usr/bin/env bash
# Bible import time and search latency on SQLite and PostgreSQL, against a Release build.
#   bench/bible/search.sh [seconds] [artifacts-path]   (default 15 s; build output in /tmp/selah-build-bible)
# Imports kjv, web and sparv with `Selah.Server.dll bible import` (prints seconds per translation), starts the server and
# runs wrk with 8 connections over a rotation of word, phrase and reference searches. PostgreSQL: the test server on
# 127.0.0.1:55532 (a fresh database selah_bible_bench is created and dropped). PORT, PG_PORT and PROVIDERS ("Sqlite Postgres")
# override the server port, the PostgreSQL port and which providers run; TRANSLATIONS ("kjv web sparv") what is imported
# (the searches use kjv and web); SERVER_DLL skips the build and runs that Selah.Server.dll.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
duration="${1:-15}"
artifacts="${2:-/tmp/selah-build-bible}"
port="${PORT:-5391}"
pg_port="${PG_PORT:-55532}"
providers="${PROVIDERS:-Sqlite Postgres}"
export BENCH_DIR="$root/bench/bible"
if [ -n "${SERVER_DLL:-}" ]; then
  dll="$SERVER_DLL"
else
  dotnet build "$root/src/Selah.Server" -c Release -v q -nologo --artifacts-path "$artifacts" >/dev/null
  dll="$(ls "$artifacts"/bin/Selah.Server/release*/Selah.Server.dll | head -1)"
fi
pg="Host=127.0.0.1;Port=$pg_port;Username=selah;Password=selah"
server_pid=""
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true; }
trap cleanup EXIT

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB RAM, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
for provider in $providers; do
  data="$(mktemp -d)"
  env=(ASPNETCORE_ENVIRONMENT=Production Selah__DataDirectory="$data" Selah__Database__Provider="$provider"
    Selah__Admin__Email=bench-admin@selah.local Selah__Admin__Password=bench-Password-42 Logging__LogLevel__Default=Warning)
  if [ "$provider" = Postgres ]; then
    PGPASSWORD=selah psql -q -h 127.0.0.1 -p "$pg_port" -U selah -d postgres -c "DROP DATABASE IF EXISTS selah_bible_bench WITH (FORCE)" -c "CREATE DATABASE selah_bible_bench"
    env+=(ConnectionStrings__Selah="$pg;Database=selah_bible_bench")
  fi
  echo "== $provider import"
  (cd "$(dirname "$dll")" && env "${env[@]}" dotnet "$dll" bible import ${TRANSLATIONS:-kjv web sparv})
  env "${env[@]}" Selah__Bible__Translations= dotnet "$dll" --urls "http://127.0.0.1:$port" >"$data/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 240); do curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && break; sleep 0.5; done
  wrk -t2 -c8 -d3s -s "$BENCH_DIR/search.lua" "http://127.0.0.1:$port" >/dev/null # warm-up
  printf '%-9s GET /bible/{t}/search (8 conns) ' "$provider"
  wrk -t2 -c8 -d"${duration}s" -s "$BENCH_DIR/search.lua" "http://127.0.0.1:$port" | grep '^RESULT'
  printf '%-9s GET /bible/kjv/John.3 (8 conns) ' "$provider"
  wrk -t2 -c8 -d"${duration}s" -s "$root/bench/http/report.lua" "http://127.0.0.1:$port/api/v1/bible/kjv/John.3" | grep '^RESULT'
  kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""
  if [ "$provider" = Postgres ]; then
    PGPASSWORD=selah psql -q -h 127.0.0.1 -p "$pg_port" -U selah -d postgres -c "DROP DATABASE IF EXISTS selah_bible_bench WITH (FORCE)"
  fi
  rm -rf "$data"
done
