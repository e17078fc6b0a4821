#!/usr/bin/env bash
# Real-time fan-out: N SignalR clients (WebSockets, one account) in one group chat on one Selah node (SQLite, no Redis
# unless REDIS=host:port is set); p50/p99 delivery latency of a chat message to all clients and server RSS per connection.
# NODES=2 REDIS=host:port PG="Host=…;Port=…;Username=…;Password=…" runs two nodes sharing a fresh PostgreSQL database
# and the Redis backplane; the clients are spread over both nodes and messages are posted to the first.
#   bench/realtime/run.sh [N=1000] [messages=30] [server.dll]
# Needs a Release build of Selah.Server (dotnet build src/Selah.Server -c Release).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
n="${1:-1000}"
messages="${2:-30}"
dll="${3:-$root/src/Selah.Server/bin/Release/net10.0/Selah.Server.dll}"
port=5392
data="$(mktemp -d)"
trap 'cleanup' EXIT

nodes="${NODES:-1}"
server_pids=()
cleanup() { for pid in "${server_pids[@]}"; do kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; done; rm -rf "$data"; }
env=(ASPNETCORE_ENVIRONMENT=Production Selah__DataDirectory="$data" Selah__Database__Provider=Sqlite Selah__Demo__Enabled=false
  Selah__Admin__Email=bench-admin@selah.local Selah__Admin__Password=bench-Password-42 Logging__LogLevel__Default=Warning
  Selah__Bible__Translations="" Selah__RateLimits__Policies__community-chat__PerAccount=100000 Selah__RateLimits__Policies__login__PerIp=1000)
[ -n "${REDIS:-}" ] && env+=(ConnectionStrings__Redis="$REDIS")
if [ "$nodes" -gt 1 ]; then
  [ -n "${REDIS:-}" ] && [ -n "${PG:-}" ] || { echo "NODES=$nodes needs REDIS=host:port and PG=<connection string without Database>" >&2; exit 2; }
  psql "$(echo "$PG" | sed 's/;/ /g; s/Host=/host=/; s/Port=/port=/; s/Username=/user=/; s/Password=/password=/') dbname=postgres" -q \
    -c "DROP DATABASE IF EXISTS selah_realtime_bench WITH (FORCE)" -c "CREATE DATABASE selah_realtime_bench"
  env+=(Selah__Database__Provider=Postgres ConnectionStrings__Selah="$PG;Database=selah_realtime_bench")
fi
urls=()
for i in $(seq 0 $((nodes - 1))); do
  url="http://127.0.0.1:$((port + i))"
  mkdir -p "$data/node$i"
  env "${env[@]}" Selah__DataDirectory="$data/node$i" dotnet "$dll" --urls "$url" >"$data/node$i/server.log" 2>&1 &
  server_pids+=($!)
  urls+=("$url")
  for _ in $(seq 1 240); do curl -sf "$url/health/ready" >/dev/null && break; sleep 0.5; done   # one at a time: the first migrates
  curl -sf "$url/health/ready" >/dev/null || { cat "$data/node$i/server.log"; exit 1; }
done

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB RAM, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
dotnet run -c Release --project "$here/RealtimeBench.csproj" ${BENCH_ARTIFACTS:+--artifacts-path "$BENCH_ARTIFACTS"} -- \
  "$(IFS=,; echo "${urls[*]}")" bench-admin@selah.local bench-Password-42 "$(IFS=,; echo "${server_pids[*]}")" "$n" "$messages"
