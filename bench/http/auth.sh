#!/usr/bin/env bash
# Sign-in and profile throughput on SQLite and PostgreSQL: wrk on loopback against a Release build.
#   bench/http/auth.sh [seconds-per-run]   (default 15)
# Starts the test PostgreSQL (scripts/lib/test-env.sh) and a Selah server per provider; stops both at the end.
# Rate limits are lifted for the run (the default limits would answer 429 within the first second).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
duration="${1:-15}"
port=5390
export BENCH_DIR="$root/bench/http" BENCH_EMAIL="bench-admin@selah.local" BENCH_PASSWORD="bench-Password-42"

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
dotnet build "$root/src/Selah.Server" -c Release -v q -nologo >/dev/null
bash "$root/scripts/lib/test-env.sh" start >/dev/null
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  bash "$root/scripts/lib/test-env.sh" stop >/dev/null || true
}
trap cleanup EXIT

start_server() { # provider
  local data; data="$(mktemp -d)"
  local -a env=(ASPNETCORE_ENVIRONMENT=Production Selah__DataDirectory="$data" Selah__Database__Provider="$1"
    Selah__Admin__Email="$BENCH_EMAIL" Selah__Admin__Password="$BENCH_PASSWORD" Logging__LogLevel__Default=Warning)
  for policy in login refresh; do
    env+=("Selah__RateLimits__Policies__${policy}__PerIp=0" "Selah__RateLimits__Policies__${policy}__PerAccount=0")
  done
  if [ "$1" = Postgres ]; then
    PGPASSWORD=selah psql -q -h 127.0.0.1 -p 55432 -U selah -d postgres -c "DROP DATABASE IF EXISTS selah_bench WITH (FORCE)" -c "CREATE DATABASE selah_bench"
    env+=(ConnectionStrings__Selah="Host=127.0.0.1;Port=55432;Username=selah;Password=selah;Database=selah_bench")
  fi
  env "${env[@]}" dotnet "$root/src/Selah.Server/bin/Release/net10.0/Selah.Server.dll" --urls "http://127.0.0.1:$port" >"$data/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && return; sleep 0.5; done
  cat "$data/server.log"; exit 1
}

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB RAM, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
for provider in Sqlite Postgres; do
  start_server "$provider"
  BENCH_TOKEN="$(curl -sf -H 'Content-Type: application/json' -d "{\"email\":\"$BENCH_EMAIL\",\"password\":\"$BENCH_PASSWORD\"}" \
    "http://127.0.0.1:$port/api/v1/auth/login" | sed -E 's/.*"accessToken":"([^"]+)".*/\1/')"
  export BENCH_TOKEN
  wrk -t2 -c32 -d2s -s "$BENCH_DIR/me.lua" "http://127.0.0.1:$port/api/v1/me" >/dev/null # warm-up (JIT, pools)
  printf '%-9s GET /api/v1/me     (32 conns) ' "$provider"
  wrk -t2 -c32 -d"${duration}s" -s "$BENCH_DIR/me.lua" "http://127.0.0.1:$port/api/v1/me" | grep '^RESULT'
  printf '%-9s POST /auth/login   (8 conns)  ' "$provider"
  wrk -t2 -c8 -d"${duration}s" -s "$BENCH_DIR/login.lua" "http://127.0.0.1:$port/api/v1/auth/login" | grep '^RESULT'
  printf '%-9s GET /health/live   (32 conns) ' "$provider"
  wrk -t2 -c32 -d"${duration}s" -s "$BENCH_DIR/report.lua" "http://127.0.0.1:$port/health/live" | grep '^RESULT'
  kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""
done
