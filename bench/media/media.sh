#!/usr/bin/env bash
# Media benchmarks for issue 3, all in one run on one machine (compare the ratios):
#   1. processing a 5-minute track: Selah upload → ready vs the same ffmpeg commands run bare, one after another;
#   2. range streaming: wrk (64 connections, random 64 KiB ranges) against /api/v1/tracks/{id}/stream — straight to
#      Kestrel, and through nginx in front of Selah with signed local URLs (the deployment docs/OPERATIONS.md describes:
#      Selah checks access and redirects once, nginx verifies the signature and sends ranges) — and, in the same run,
#      nginx alone serving the same file from the same disk (sendfile on);
#   3. peak server memory while a ~490 MB WAV is uploaded (the body must stream to disk, not into memory).
#   bench/media/media.sh [seconds-per-wrk-run]   (default 15)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
duration="${1:-15}"
port=5392
nginx_port=5393
proxy_port=5394
work="$(mktemp -d /tmp/selah-bench-media.XXXXXX)"
email="bench-admin@selah.local" password="bench-Password-42"
base="http://127.0.0.1:$port"

need=()
command -v wrk >/dev/null || need+=(wrk)
command -v nginx >/dev/null || need+=(nginx-light)
command -v ffmpeg >/dev/null || need+=(ffmpeg)
if [ ${#need[@]} -gt 0 ]; then apt-get update -qq && apt-get install -y -qq "${need[@]}" >/dev/null; fi
dotnet build "$root/src/Selah.Server" -c Release -v q -nologo >/dev/null

server_pid="" nginx_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  [ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB RAM, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $(ffmpeg -version | head -n1 | cut -d' ' -f1-3); $(nginx -v 2>&1)"

mkdir -p "$work/data"
secret=bench-secret-0123456789abcdefghijklmnop
# start_server [VAR=value…]: Selah on $base over the same data folder, with extra settings (the signed-URL run restarts it).
start_server() {
  [ -n "$server_pid" ] && { kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; }
  env ASPNETCORE_ENVIRONMENT=Production Selah__DataDirectory="$work/data" Selah__Database__Provider=Sqlite Selah__Demo__Enabled=false \
    Selah__Admin__Email="$email" Selah__Admin__Password="$password" Logging__LogLevel__Default=Warning Selah__Bible__Translations="" "$@" \
    dotnet "$root/src/Selah.Server/bin/Release/net10.0/Selah.Server.dll" --urls "$base" >>"$work/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 240); do curl -sf "$base/health/ready" >/dev/null && break; sleep 0.5; done
  curl -sf "$base/health/ready" >/dev/null || { cat "$work/server.log"; exit 1; }
}
start_server
token="$(curl -sf -H 'Content-Type: application/json' -d "{\"email\":\"$email\",\"password\":\"$password\"}" "$base/api/v1/auth/login" \
  | sed -E 's/.*"accessToken":"([^"]+)".*/\1/')"

# --- 1. processing a 5-minute track ------------------------------------------------------------------------------
ffmpeg -hide_banner -loglevel error -y -f lavfi -i "sine=frequency=220:duration=300" -f lavfi -i "anoisesrc=duration=300:amplitude=0.05" \
  -filter_complex "[0][1]amix=inputs=2,aformat=channel_layouts=stereo" -ar 44100 -c:a libmp3lame -b:a 192k \
  -metadata title="Bench Five Minutes" -metadata artist="Bench Ensemble" "$work/five.mp3"
q=(-hide_banner -nostdin -nostats -loglevel error -y -i "$work/five.mp3" -map 0:a:0 -vn)
t0=$(date +%s.%N)
ffmpeg -hide_banner -nostdin -nostats -i "$work/five.mp3" -map 0:a:0 -af loudnorm=print_format=json -f null - 2>/dev/null
ffmpeg "${q[@]}" -map_metadata -1 -c:a libopus -b:a 128k -vbr on -f ogg "$work/bare.opus"
ffmpeg "${q[@]}" -map_metadata -1 -c:a aac -b:a 256k -movflags +faststart -f mp4 "$work/bare.m4a"
for br in 96k 192k; do
  mkdir -p "$work/hls/$br"
  ffmpeg "${q[@]}" -map_metadata -1 -c:a aac -b:a "$br" -ar 44100 -f hls -hls_time 6 -hls_playlist_type vod -hls_segment_type fmp4 \
    -hls_fmp4_init_filename init.mp4 -hls_segment_filename "$work/hls/$br/seg_%04d.m4s" "$work/hls/$br/index.m3u8"
done
ffmpeg "${q[@]}" -ac 1 -ar 8000 -f s16le - >/dev/null
t1=$(date +%s.%N)
bare=$(echo "$t1 - $t0" | bc)

t0=$(date +%s.%N)
id="$(curl -sf -H "Authorization: Bearer $token" -F "file=@$work/five.mp3;type=application/octet-stream" "$base/api/v1/tracks" \
  | sed -E 's/.*"id":"([^"]+)".*/\1/')"
status=""
for _ in $(seq 1 6000); do
  status="$(curl -sf -H "Authorization: Bearer $token" "$base/api/v1/tracks/$id" | sed -E 's/.*"status":"([a-z]+)".*/\1/')"
  [ "${status,,}" = ready ] || [ "${status,,}" = failed ] && break
  sleep 0.1
done
t1=$(date +%s.%N)
[ "${status,,}" = ready ] || { echo "processing ended as '$status'"; exit 1; }
selah=$(echo "$t1 - $t0" | bc)
printf 'processing 5-min MP3: bare ffmpeg commands %.1f s, Selah upload->ready %.1f s, ratio %.2f\n' "$bare" "$selah" "$(echo "$selah / $bare" | bc -l)"

# --- 2. range streaming vs nginx ------------------------------------------------------------------------------------
file="$(find "$work/data/media/tracks" -name 'audio.m4a' | head -n1)"
size=$(stat -c %s "$file")
mkdir -p "$work/nginx"
cat >"$work/nginx/nginx.conf" <<CONF
worker_processes auto;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log;
events { worker_connections 1024; }
http {
  access_log off; sendfile on; tcp_nodelay on; keepalive_requests 100000;
  client_body_temp_path $work/nginx; proxy_temp_path $work/nginx; fastcgi_temp_path $work/nginx; uwsgi_temp_path $work/nginx; scgi_temp_path $work/nginx;
  server { listen 127.0.0.1:$nginx_port; location = /audio.m4a { alias $file; default_type audio/mp4; } }
  # Selah behind nginx as docs/OPERATIONS.md describes: Selah decides access, nginx checks the signature and sends bytes.
  upstream selah { server 127.0.0.1:$port; keepalive 64; }
  types { audio/mp4 m4a; audio/ogg ogg opus; video/mp4 m4s mp4; audio/mpeg mp3; audio/flac flac; audio/wav wav; }
  server {
    listen 127.0.0.1:$proxy_port;
    location /media/ {
      secure_link \$arg_md5,\$arg_expires;
      secure_link_md5 "\$secure_link_expires\$uri $secret";
      if (\$secure_link = "") { return 403; }
      if (\$secure_link = "0") { return 410; }
      alias $work/data/media/;
    }
    location / { proxy_pass http://selah; proxy_http_version 1.1; proxy_set_header Connection ""; proxy_set_header Host \$host; }
  }
}
CONF
chmod -R a+rX "$work"   # nginx workers run unprivileged; mktemp -d makes a private folder
nginx -c "$work/nginx/nginx.conf" -g 'daemon off;' &
nginx_pid=$!
sleep 1
export BENCH_SIZE=$size
path="/api/v1/tracks/$id/stream?format=aac"
stream="$base$path" proxied="http://127.0.0.1:$proxy_port$path" bare="http://127.0.0.1:$nginx_port/audio.m4a"
run() { wrk -t2 -c64 -d"$2" -s "$root/bench/media/$3" "$1" | grep '^RESULT'; }
run "$stream" 3s range.lua >/dev/null   # warm-up
s_line="$(run "$stream" "${duration}s" range.lua)"
start_server Selah__Storage__Local__SignedUrlBase=/media/ Selah__Storage__Local__SignedUrlSecret="$secret"
# A player asks Selah once (access check, 302 to a signed URL), then fetches its ranges from nginx at that URL, as a
# browser's <audio> element does after a redirect. Check the bytes, then measure the ranges on the signed URL.
signed="http://127.0.0.1:$proxy_port$(curl -sf -o /dev/null -w '%header{location}' "$proxied")"
curl -sf -H 'Range: bytes=1000-70999' -o "$work/proxied.part" "$signed"
dd if="$file" bs=1 skip=1000 count=70000 status=none | cmp - "$work/proxied.part" || { echo "range through nginx differs from the file"; exit 1; }
sleep 5   # let start-up work settle
run "$signed" 3s range.lua >/dev/null; run "$bare" 3s range.lua >/dev/null   # warm-up
p_line="$(run "$signed" "${duration}s" range.lua)"; n_line="$(run "$bare" "${duration}s" range.lua)"
echo "range 64 KiB, 64 conns, Selah (Kestrel):            $s_line"
echo "range 64 KiB, 64 conns, Selah behind nginx (signed): $p_line"
echo "range 64 KiB, 64 conns, nginx alone:                  $n_line"
for line in "$s_line" "$p_line" "$n_line"; do echo "$line" | grep -q "errors=0" || { echo "errors in a run: the comparison is void"; tail -3 "$work/nginx/error.log"; }; done
rps() { echo "$1" | sed -E 's/.*req\/s=([0-9]+).*/\1/'; }
printf 'range streaming throughput ratio to nginx alone: Selah (Kestrel) %.2f, Selah behind nginx %.2f\n' \
  "$(echo "$(rps "$s_line") / $(rps "$n_line")" | bc -l)" "$(echo "$(rps "$p_line") / $(rps "$n_line")" | bc -l)"
kill "$nginx_pid"; nginx_pid=""

# --- 3. memory during a ~490 MB upload ------------------------------------------------------------------------------
ffmpeg -hide_banner -loglevel error -y -f lavfi -i "anoisesrc=duration=2780:amplitude=0.1" -ac 2 -ar 44100 -c:a pcm_s16le "$work/big.wav"
rss() { awk '/VmRSS/{print $2}' "/proc/$server_pid/status"; }
before=$(rss); peak=$before
curl -sf -o /dev/null -H "Authorization: Bearer $token" -F "file=@$work/big.wav;type=application/octet-stream" "$base/api/v1/tracks" &
upload_pid=$!
while kill -0 "$upload_pid" 2>/dev/null; do r=$(rss); [ "$r" -gt "$peak" ] && peak=$r; sleep 0.05; done
wait "$upload_pid" || { echo "the big upload failed"; exit 1; }
printf 'upload of %d MB WAV: server RSS before %d MiB, peak during upload %d MiB (+%d MiB)\n' \
  $(( $(stat -c %s "$work/big.wav") / 1000000 )) $((before / 1024)) $((peak / 1024)) $(((peak - before) / 1024))
