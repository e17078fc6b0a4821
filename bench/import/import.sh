#!/usr/bin/env bash
# Bulk-import benchmark (issue 3): N tagged MP3s (default 10,000) imported from a server folder and from a zip upload,
# "metadata in, transcoding queued". Prints files/s (from the import's own startedAt/finishedAt and wall clock from the
# request to completion) and the server's peak resident memory (VmHWM) after each run.
#   bench/import/import.sh [files]            (default 10000)
# The corpus is generated once with ONE ffmpeg run (white noise, so every file has distinct audio and nothing is a
# duplicate) split into 0.5 s MP3s by ffmpeg's segment muxer, then tagged by make-corpus.py; it is cached in
# ${SELAH_BENCH_IMPORT_CACHE:-/tmp/selah-bench-import-corpus}/<files>. Build output goes to ${SELAH_BENCH_ARTIFACTS:-/tmp/selah-bench-import-build}.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
files="${1:-10000}"
cache="${SELAH_BENCH_IMPORT_CACHE:-/tmp/selah-bench-import-corpus}/$files"
artifacts="${SELAH_BENCH_ARTIFACTS:-/tmp/selah-bench-import-build}"
port=5394
base="http://127.0.0.1:$port"
work="$(mktemp -d /tmp/selah-bench-import.XXXXXX)"
email="bench-admin@selah.local" password="bench-Password-42"

command -v ffmpeg >/dev/null || { apt-get update -qq && apt-get install -y -qq ffmpeg >/dev/null; }
command -v zip >/dev/null || { apt-get update -qq && apt-get install -y -qq zip >/dev/null; }

if [ ! -f "$cache/.done" ]; then
  rm -rf "$cache" && mkdir -p "$cache/library"
  seconds=$(echo "$files * 0.5 + 1" | bc)
  ffmpeg -hide_banner -loglevel error -y -f lavfi -i "anoisesrc=duration=$seconds:amplitude=0.2:seed=42" -ac 1 -ar 22050 \
    -c:a libmp3lame -b:a 64k -f segment -segment_time 0.5 -reset_timestamps 1 "$cache/library/seg%05d.mp3"
  ls "$cache/library"/seg*.mp3 | sort | tail -n +$((files + 1)) | xargs -r rm -f
  python3 "$root/bench/import/make-corpus.py" "$cache/library"
  (cd "$cache" && zip -q -r -0 library.zip library)
  touch "$cache/.done"
fi
count=$(find "$cache/library" -name '*.mp3' | wc -l)

dotnet build "$root/src/Selah.Server" -c Release -v q -nologo --artifacts-path "$artifacts" >/dev/null
dll="$artifacts/bin/Selah.Server/release/Selah.Server.dll"

server_pid=""
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB RAM, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "corpus: $count MP3 files (0.5 s, 64 kb/s, ID3v2.3 tags), $(du -sh "$cache/library" | cut -f1); zip $(du -h "$cache/library.zip" | cut -f1)"

start_server() {
  rm -rf "$work/data" && mkdir -p "$work/data"
  env ASPNETCORE_ENVIRONMENT=Production Selah__DataDirectory="$work/data" Selah__Database__Provider=Sqlite Selah__Demo__Enabled=false \
    Selah__Admin__Email="$email" Selah__Admin__Password="$password" Logging__LogLevel__Default=Warning \
    Selah__Import__Roots__0="$cache" Selah__Bible__Translations="" \
    dotnet "$dll" --urls "$base" >"$work/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 240); do curl -sf "$base/health/ready" >/dev/null && break; sleep 0.5; done
  curl -sf "$base/health/ready" >/dev/null || { cat "$work/server.log"; exit 1; }
  token="$(curl -sf -H 'Content-Type: application/json' -d "{\"email\":\"$email\",\"password\":\"$password\"}" "$base/api/v1/auth/login" \
    | sed -E 's/.*"accessToken":"([^"]+)".*/\1/')"
}

stop_server() { kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""; }

cpu_ticks() { awk '{print $14 + $15}' "/proc/$server_pid/stat"; }

wait_import() { # $1 = id, $2 = t0 (wall clock at the request), $3 = server CPU ticks at the request; prints the result lines
  local body status
  while true; do
    body="$(curl -sf -H "Authorization: Bearer $token" "$base/api/v1/admin/imports/$1")"
    status="$(echo "$body" | python3 -c 'import json,sys; print(json.load(sys.stdin)["status"])')"
    case "$status" in completed|failed|cancelled) break ;; esac
    sleep 0.5
  done
  local t1; t1=$(date +%s.%N)
  local cpu; cpu=$(echo "($(cpu_ticks) - $3) / $(getconf CLK_TCK)" | bc -l)
  echo "$body" | python3 -c '
import json, sys
from datetime import datetime
b = json.load(sys.stdin); t = b["totals"]
import re
d = lambda s: datetime.fromisoformat(re.sub(r"(\.\d{1,6})\d*", r"\1", s.replace("Z", "+00:00")))
run = (d(b["finishedAt"]) - d(b["startedAt"])).total_seconds()
wall = float(sys.argv[2]) - float(sys.argv[1])
kind, status, n = b["kind"], b["status"], t["imported"]
dup, skip, fail = t["duplicates"], t["skipped"], t["failed"]
print(f"{kind:6} {status}: {n} imported, {dup} duplicates, {skip} skipped, {fail} failed; job {run:.1f} s = {n / run:.0f} files/s; request to completion {wall:.1f} s = {n / wall:.0f} files/s")
' "$2" "$t1"
  echo "$body" | python3 -c 'import json,os,sys; n=json.load(sys.stdin)["totals"]["imported"]; c=float(sys.argv[1]); cores=os.cpu_count(); print(f"       server CPU time {c:.1f} s = {n / c:.0f} files per CPU-second (independent of other load on the {cores}-core box)")' "$cpu"
  echo "       server peak memory (VmHWM): $(awk '/VmHWM/{printf "%.0f MiB", $2/1024}' /proc/$server_pid/status); queued processing jobs: $(sqlite3 "$work/data/selah.db" "select count(*) from QRTZ_TRIGGERS where TRIGGER_GROUP='media'" 2>/dev/null || echo '?')"
}

# --- folder ---------------------------------------------------------------------------------------------------------
start_server
t0=$(date +%s.%N); c0=$(cpu_ticks)
id="$(curl -sf -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -d "{\"folder\":\"$cache/library\"}" \
  "$base/api/v1/admin/imports/folder" | sed -E 's/.*"id":"([^"]+)".*/\1/')"
wait_import "$id" "$t0" "$c0"
stop_server

# --- zip upload (fresh database) ------------------------------------------------------------------------------------
start_server
t0=$(date +%s.%N); c0=$(cpu_ticks)
id="$(curl -sf -H "Authorization: Bearer $token" -F "file=@$cache/library.zip;type=application/zip" \
  "$base/api/v1/admin/imports/zip" | sed -E 's/.*"id":"([^"]+)".*/\1/')"
wait_import "$id" "$t0" "$c0"
stop_server
