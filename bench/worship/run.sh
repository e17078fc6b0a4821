#!/usr/bin/env bash
# Worship follow: a leader moves the slide of a set list's live session and N screens (default 50) follow through
# /hubs/worship on one Selah node (SQLite; Redis backplane when REDIS=host:port is set). Reports p50/p99 of the time until
# every screen has the slide (target ≤ 250 ms) and of single deliveries.
#   bench/worship/run.sh [N=50] [moves=40] [server.dll]
# Needs a Release build of Selah.Server (dotnet build src/Selah.Server -c Release). PORT overrides the port (5393).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
n="${1:-50}"
moves="${2:-40}"
dll="${3:-$root/src/Selah.Server/bin/Release/net10.0/Selah.Server.dll}"
port="${PORT:-5393}"
data="$(mktemp -d)"
server_pid=""
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true; rm -rf "$data"; }
trap cleanup EXIT

env=(ASPNETCORE_ENVIRONMENT=Production Selah__DataDirectory="$data" Selah__Database__Provider=Sqlite Selah__Demo__Enabled=false
  Selah__Admin__Email=bench-admin@selah.local Selah__Admin__Password=bench-Password-42 Logging__LogLevel__Default=Warning
  Selah__Bible__Translations="" Selah__RateLimits__Policies__login__PerIp=1000)
[ -n "${REDIS:-}" ] && env+=(ConnectionStrings__Redis="$REDIS")
env "${env[@]}" dotnet "$dll" --urls "http://127.0.0.1:$port" >"$data/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 240); do curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && break; sleep 0.5; done
curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null || { cat "$data/server.log"; exit 1; }

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB RAM, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load: $(cut -d' ' -f1-3 /proc/loadavg)"
dotnet run -c Release --project "$here/WorshipBench.csproj" ${BENCH_ARTIFACTS:+--artifacts-path "$BENCH_ARTIFACTS"} -- \
  "http://127.0.0.1:$port" bench-admin@selah.local bench-Password-42 "$n" "$moves"
