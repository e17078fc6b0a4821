# shellcheck shell=bash
# Throwaway PostgreSQL + Redis for the test suite, on loopback only.
#   PostgreSQL: 127.0.0.1:55432, superuser selah/selah (scram over TCP, trust on the private unix socket), fsync off.
#   Redis:      127.0.0.1:56379, no persistence.
# State lives in <repo>/.test-env (a data dir re-created on every start). A server left running by a killed
# earlier run is found through its pid file and stopped first.
#
# Sourced by scripts/test.sh (test_env_start / test_env_stop), or run by hand:
#   bash scripts/lib/test-env.sh start   # start both and leave them running (then run `dotnet test` yourself)
#   bash scripts/lib/test-env.sh stop
#   bash scripts/lib/test-env.sh status

if [ -z "${SELAH_REPO_ROOT:-}" ]; then
  source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
fi

TEST_PG_PORT="${SELAH_TEST_PG_PORT:-55432}"
TEST_REDIS_PORT="${SELAH_TEST_REDIS_PORT:-56379}"
TEST_ENV_DIR="${SELAH_TEST_ENV_DIR:-$SELAH_REPO_ROOT/.test-env}"
TEST_PG_CONNECTION="Host=127.0.0.1;Port=${TEST_PG_PORT};Username=selah;Password=selah;Database=postgres"
TEST_REDIS_CONNECTION="127.0.0.1:${TEST_REDIS_PORT}"

_pg_bindir() {
  local v
  v="$(ls /usr/lib/postgresql 2>/dev/null | sort -V | tail -n 1)"
  [ -n "$v" ] && [ -x "/usr/lib/postgresql/$v/bin/pg_ctl" ] || die "PostgreSQL server binaries not found under /usr/lib/postgresql"
  echo "/usr/lib/postgresql/$v/bin"
}

# PostgreSQL refuses to run as root: when we are root, its files belong to (and it runs as) the 'postgres' user.
_pg_as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

# Where the cluster lives. <repo>/.test-env/pg unless the 'postgres' user cannot reach it (repo under a private
# home directory) or the unix socket path would be too long; then a per-repo folder under /tmp.
_pg_dir() {
  local dir="$TEST_ENV_DIR/pg"
  local usable=1
  if [ "$(id -u)" -eq 0 ]; then
    mkdir -p "$TEST_ENV_DIR"
    runuser -u postgres -- test -x "$TEST_ENV_DIR" 2>/dev/null || usable=0
  fi
  # sockaddr_un path limit is 107 bytes: "<dir>/sock/.s.PGSQL.NNNNN"
  [ "$(printf '%s' "$dir/sock/.s.PGSQL.$TEST_PG_PORT" | wc -c)" -lt 100 ] || usable=0
  if [ "$usable" -eq 0 ]; then
    dir="/tmp/selah-test-pg-$(printf '%s' "$SELAH_REPO_ROOT" | md5sum | cut -c1-10)"
  fi
  echo "$dir"
}

_pid_alive() { [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null; }

_wait_gone() { # pid timeout_s
  local i
  for ((i = 0; i < $2 * 10; i++)); do
    _pid_alive "$1" || return 0
    sleep 0.1
  done
  return 1
}

_port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

pg_stop() {
  local dir bindir pid
  dir="$(_pg_dir)"
  [ -f "$dir/data/postmaster.pid" ] || return 0
  pid="$(head -n 1 "$dir/data/postmaster.pid" 2>/dev/null || true)"
  if _pid_alive "$pid"; then
    bindir="$(_pg_bindir)"
    _pg_as_owner "$bindir/pg_ctl" -D "$dir/data" -m immediate -w -t 30 stop >/dev/null 2>&1 || true
    if ! _wait_gone "$pid" 10; then
      kill -9 "$pid" 2>/dev/null || true
      _wait_gone "$pid" 5 || true
    fi
  fi
  rm -f "$dir/data/postmaster.pid"
}

pg_start() {
  local dir bindir pwfile i
  bindir="$(_pg_bindir)"
  dir="$(_pg_dir)"
  pg_stop   # a server left behind by a killed earlier run
  if _port_open "$TEST_PG_PORT"; then
    die "port $TEST_PG_PORT is taken by another process (not this repo's test PostgreSQL); stop it and retry"
  fi
  rm -rf "$dir"
  mkdir -p "$dir/data" "$dir/sock"
  pwfile="$dir/pwfile"
  printf 'selah\n' >"$pwfile"
  if [ "$(id -u)" -eq 0 ]; then
    chown -R postgres:postgres "$dir"
  fi
  chmod 700 "$dir/data"
  _pg_as_owner "$bindir/initdb" -D "$dir/data" -U selah --pwfile="$pwfile" \
    --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; die "initdb failed"; }
  rm -f "$pwfile"
  cat >>"$dir/data/postgresql.conf" <<CONF
# --- Selah test settings: throwaway cluster, speed over durability ---
listen_addresses = '127.0.0.1'
port = $TEST_PG_PORT
unix_socket_directories = '$dir/sock'
max_connections = 300
fsync = off
synchronous_commit = off
full_page_writes = off
shared_buffers = 128MB
log_min_messages = warning
CONF
  # </dev/null >/dev/null 9>&-: the daemon keeps neither this script's pipes nor scripts/test.sh's lock open.
  _pg_as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 60 start >/dev/null </dev/null 9>&- \
    || { tail -n 30 "$dir/postgres.log" >&2 || true; die "PostgreSQL did not start (log: $dir/postgres.log)"; }
  for ((i = 0; i < 300; i++)); do
    if pg_isready -q -h 127.0.0.1 -p "$TEST_PG_PORT" 2>/dev/null; then
      break
    fi
    sleep 0.1
  done
  PGPASSWORD=selah psql -X -q -h 127.0.0.1 -p "$TEST_PG_PORT" -U selah -d postgres -tAc 'select 1' >/dev/null \
    || die "PostgreSQL started but does not accept the selah role over TCP (log: $dir/postgres.log)"
}

redis_stop() {
  local pidfile="$TEST_ENV_DIR/redis/redis.pid" pid
  [ -f "$pidfile" ] || return 0
  pid="$(cat "$pidfile" 2>/dev/null || true)"
  if _pid_alive "$pid"; then
    redis-cli -h 127.0.0.1 -p "$TEST_REDIS_PORT" shutdown nosave >/dev/null 2>&1 || kill "$pid" 2>/dev/null || true
    if ! _wait_gone "$pid" 10; then
      kill -9 "$pid" 2>/dev/null || true
      _wait_gone "$pid" 5 || true
    fi
  fi
  rm -f "$pidfile"
}

redis_start() {
  local dir="$TEST_ENV_DIR/redis" i
  redis_stop   # a server left behind by a killed earlier run
  if _port_open "$TEST_REDIS_PORT"; then
    die "port $TEST_REDIS_PORT is taken by another process (not this repo's test Redis); stop it and retry"
  fi
  rm -rf "$dir"
  mkdir -p "$dir"
  redis-server --bind 127.0.0.1 --port "$TEST_REDIS_PORT" --protected-mode yes \
    --save '' --appendonly no --dir "$dir" --daemonize yes \
    --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" >/dev/null </dev/null 9>&- \
    || die "redis-server did not start"
  for ((i = 0; i < 300; i++)); do
    if [ "$(redis-cli -h 127.0.0.1 -p "$TEST_REDIS_PORT" ping 2>/dev/null)" = "PONG" ]; then
      return 0
    fi
    sleep 0.1
  done
  tail -n 20 "$dir/redis.log" >&2 || true
  die "Redis did not answer PING on 127.0.0.1:$TEST_REDIS_PORT"
}

test_env_start() {
  mkdir -p "$TEST_ENV_DIR"
  pg_start
  redis_start
}

test_env_stop() {
  redis_stop || true
  pg_stop || true
}

test_env_status() {
  if pg_isready -q -h 127.0.0.1 -p "$TEST_PG_PORT" 2>/dev/null; then
    echo "PostgreSQL: up   ($TEST_PG_CONNECTION)"
  else
    echo "PostgreSQL: down"
  fi
  if [ "$(redis-cli -h 127.0.0.1 -p "$TEST_REDIS_PORT" ping 2>/dev/null)" = "PONG" ]; then
    echo "Redis:      up   ($TEST_REDIS_CONNECTION)"
  else
    echo "Redis:      down"
  fi
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  case "${1:-}" in
    start) test_env_start; test_env_status
           echo "export SELAH_TEST_POSTGRES=\"$TEST_PG_CONNECTION\" SELAH_TEST_REDIS=$TEST_REDIS_CONNECTION" ;;
    stop) test_env_stop ;;
    status) test_env_status ;;
    *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
  esac
fi
