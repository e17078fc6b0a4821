#!/usr/bin/env bash
# First visit vs repeat visit in Debian's Chromium on loopback (issue 4): bytes over the network and time until the
# first track plays, with an empty cache and then warm (HTTP cache + service worker). Selah runs as deployed — published
# (`dotnet publish`: trimmed WebAssembly, Brotli/gzip precompressed assets) — on SQLite with one uploaded 40-second track
# (the demo catalogue takes minutes to render). Build output would measure the development asset path instead.
#   bench/first-visit/run.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
port=5397 base="http://127.0.0.1:5397"
work="$(mktemp -d /tmp/selah-bench-first.XXXXXX)"
email="bench-admin@selah.local" password="bench-Password-42"
server_pid=""
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 PLAYWRIGHT_BROWSERS_PATH=0
dotnet publish "$root/src/Selah.Server" -c Release -o "$work/publish" -v q -nologo >/dev/null
dotnet build "$root/bench/Selah.Benchmarks" -c Release -v q -nologo >/dev/null
mkdir -p "$work/data"
env ASPNETCORE_ENVIRONMENT=Production Selah__DataDirectory="$work/data" Selah__Database__Provider=Sqlite Selah__Demo__Enabled=false \
  Selah__Admin__Email="$email" Selah__Admin__Password="$password" Logging__LogLevel__Default=Warning Selah__Bible__Translations="" \
  dotnet "$work/publish/Selah.Server.dll" --urls "$base" >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 240); do curl -sf "$base/health/ready" >/dev/null && break; sleep 0.5; done
curl -sf "$base/health/ready" >/dev/null || { cat "$work/server.log"; exit 1; }
token="$(curl -sf -H 'Content-Type: application/json' -d "{\"email\":\"$email\",\"password\":\"$password\"}" "$base/api/v1/auth/login" \
  | sed -E 's/.*"accessToken":"([^"]+)".*/\1/')"

ffmpeg -hide_banner -loglevel error -y -f lavfi -i "sine=frequency=330:duration=40" -ac 2 -ar 44100 -c:a libmp3lame -b:a 192k "$work/hymn.mp3"
track="$(curl -sf -H "Authorization: Bearer $token" -F 'metadata={"title":"Morning Hymn","album":"First Visit"};type=application/json' \
  -F "file=@$work/hymn.mp3;type=application/octet-stream" "$base/api/v1/tracks")"
id="$(echo "$track" | sed -E 's/.*"id":"([^"]+)".*/\1/')"
for _ in $(seq 1 600); do
  json="$(curl -sf -H "Authorization: Bearer $token" "$base/api/v1/tracks/$id")"
  echo "$json" | grep -q '"status":"ready"' && break
  sleep 0.2
done
album="$(echo "$json" | python3 -c 'import json,sys; print(json.load(sys.stdin)["album"]["id"])')"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB RAM, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load $(cut -d' ' -f1-3 /proc/loadavg)"
dotnet "$root/bench/Selah.Benchmarks/bin/Release/net10.0/Selah.Benchmarks.dll" first-visit "$base" "$album" "Morning Hymn"
