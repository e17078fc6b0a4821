#!/usr/bin/env bash
# Runs the whole Selah test suite:
#   1. installs missing Debian packages (PostgreSQL, Redis, Chromium, fonts, + the app's own) and the Node tools in tests/tools,
#   2. starts a throwaway PostgreSQL (127.0.0.1:55432) and Redis (127.0.0.1:56379), stopped again on exit,
#   3. builds Selah.slnx (Release) once,
#   4. runs tests/Selah.Tests on SQLite, then on PostgreSQL (with Redis) (SELAH_TEST_PARALLEL=1: side by side),
#   5. runs the end-to-end tests tests/Selah.E2E (real server + Debian Chromium),
#   6. writes TRX files to artifacts/test-results/ and ends with "N passed, N failed[, N skipped]".
# Exit status is non-zero when any test failed or any run errored (crashed test host, no tests run, timeout).
# Env knobs: SELAH_TEST_FILTER (passed to every run as --filter), SELAH_TEST_ONLY=sqlite,postgres,e2e (subset of runs).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
source "$(dirname "${BASH_SOURCE[0]}")/lib/test-env.sh"
cd "$SELAH_REPO_ROOT"

# Debian packages the test suite needs besides the app's own.
TEST_PACKAGES=(postgresql redis-server chromium fonts-dejavu-core nginx-light)

RESULTS_DIR="$SELAH_REPO_ROOT/artifacts/test-results"
TOOLS_DIR="$SELAH_REPO_ROOT/tests/tools"
SERVER_DLL="$SELAH_REPO_ROOT/src/Selah.Server/bin/Release/net10.0/Selah.Server.dll"
RUN_TIMEOUT="${SELAH_TEST_RUN_TIMEOUT:-20m}"   # hard ceiling per test run (a hung run must not eat the CI budget)
ONLY="${SELAH_TEST_ONLY:-sqlite,postgres,e2e}"

export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1   # Playwright drives /usr/bin/chromium; it must never download a browser
export PLAYWRIGHT_BROWSERS_PATH=0
export DOTNET_CLI_UI_LANGUAGE=en

# One run at a time per checkout: a second run would stop this run's PostgreSQL/Redis and overwrite its results.
# (Servers started below get `9>&-` so that a daemon left behind by a killed run never holds this lock.)
mkdir -p "$TEST_ENV_DIR"
exec 9>"$TEST_ENV_DIR/lock"
if ! flock -n 9; then
  log "Another scripts/test.sh run is using $TEST_ENV_DIR; waiting for it to finish..."
  flock 9
fi

STAGE_NAMES=()
STAGE_SECONDS=()
stage_start() { STAGE_T0=$SECONDS; log "$1"; }
stage_end() { STAGE_NAMES+=("$1"); STAGE_SECONDS+=($((SECONDS - STAGE_T0))); }

SERVICES_UP=0
cleanup() {
  if [ "$SERVICES_UP" = 1 ]; then
    test_env_stop >/dev/null 2>&1 || true
    SERVICES_UP=0
  fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---------------------------------------------------------------------------------------------------------------
stage_start "Checking system packages"
want_packages=("${SELAH_APP_PACKAGES[@]}" "${TEST_PACKAGES[@]}")
command -v node >/dev/null 2>&1 || want_packages+=(nodejs)
command -v npm >/dev/null 2>&1 || want_packages+=(npm)
ensure_packages "${want_packages[@]}"
require_dotnet
[ -x /usr/bin/chromium ] || die "/usr/bin/chromium is missing after installing the chromium package"

if [ ! -d "$TOOLS_DIR/node_modules" ] || [ "$TOOLS_DIR/package-lock.json" -nt "$TOOLS_DIR/node_modules/.package-lock.json" ]; then
  log "Installing Node test tools (npm ci in tests/tools)"
  (cd "$TOOLS_DIR" && npm ci --no-audit --no-fund --loglevel=error)
fi
stage_end "packages + tools"

# ---------------------------------------------------------------------------------------------------------------
stage_start "Starting throwaway PostgreSQL (127.0.0.1:$TEST_PG_PORT) and Redis (127.0.0.1:$TEST_REDIS_PORT)"
SERVICES_UP=1
test_env_start
stage_end "postgres + redis start"

# ---------------------------------------------------------------------------------------------------------------
stage_start "Building Selah.slnx (Release)"
if ! dotnet build Selah.slnx -c Release -nologo -v quiet -clp:ErrorsOnly -nodeReuse:false 9>&-; then
  test_env_stop >/dev/null 2>&1 || true
  SERVICES_UP=0
  err "the build failed (see the errors above); no tests were run"
  echo "0 passed, 1 failed"
  exit 1
fi
stage_end "build"

# ---------------------------------------------------------------------------------------------------------------
rm -rf "$RESULTS_DIR"
mkdir -p "$RESULTS_DIR"

RUN_NAMES=()
RUN_TRX=()
RUN_RC=()
RUN_SECONDS=()

# run_tests NAME PROJECT [ENV=VALUE...]: one `dotnet test` run; console output to stdout, exit code and duration to
# $RESULTS_DIR/NAME.rc / NAME.seconds (so that runs can go side by side in the background).
run_tests() {
  local name="$1" project="$2"
  shift 2
  local trx="$name.trx" rc=0 t0=$SECONDS
  local filter=()
  [ -n "${SELAH_TEST_FILTER:-}" ] && filter=(--filter "$SELAH_TEST_FILTER")
  local timeout_opts=()
  [ -t 0 ] && timeout_opts=(--foreground)   # interactive: keep Ctrl-C working
  env "$@" timeout "${timeout_opts[@]}" --kill-after=30s "$RUN_TIMEOUT" \
    dotnet test "$project" --no-build -c Release --nologo \
      --results-directory "$RESULTS_DIR" \
      --logger "trx;LogFileName=$trx" \
      --logger "console;verbosity=minimal" \
      --blame-hang-timeout 5m --blame-hang-dump-type none \
      "${filter[@]}" 9>&- || rc=$?
  if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
    warn "$name: timed out after $RUN_TIMEOUT"
  fi
  echo "$rc" >"$RESULTS_DIR/$name.rc"
  echo $((SECONDS - t0)) >"$RESULTS_DIR/$name.seconds"
}

record_run() { # NAME
  RUN_NAMES+=("$1")
  RUN_TRX+=("$RESULTS_DIR/$1.trx")
  RUN_RC+=("$(cat "$RESULTS_DIR/$1.rc" 2>/dev/null || echo 1)")
  RUN_SECONDS+=("$(cat "$RESULTS_DIR/$1.seconds" 2>/dev/null || echo 0)")
}

# The SQLite run gets no Redis: the Redis tests (backplane, two nodes, outage, readiness) run in the PostgreSQL run,
# which owns the Redis, so SELAH_TEST_PARALLEL=1 can run the two side by side without shared state. One after the
# other is the default: on two cores side by side took 12.5 min; one after the other ~9–10 min before (CPU-bound).
db_runs=()
case ",$ONLY," in *,sqlite,*) db_runs+=(sqlite) ;; esac
case ",$ONLY," in *,postgres,*) db_runs+=(postgres) ;; esac
if [ "${#db_runs[@]}" -gt 0 ]; then
  stage_start "Running tests/Selah.Tests on ${db_runs[*]}${SELAH_TEST_PARALLEL:+ (side by side)}"
  pids=()
  for run in "${db_runs[@]}"; do
    if [ "$run" = sqlite ]; then
      cmd=(run_tests selah-tests-sqlite tests/Selah.Tests "SELAH_TOOLS_DIR=$TOOLS_DIR" SELAH_TEST_PROVIDER=Sqlite)
    else
      cmd=(run_tests selah-tests-postgres tests/Selah.Tests "SELAH_TOOLS_DIR=$TOOLS_DIR" "SELAH_TEST_REDIS=$TEST_REDIS_CONNECTION"
        SELAH_TEST_PROVIDER=Postgres "SELAH_TEST_POSTGRES=$TEST_PG_CONNECTION")
    fi
    if [ -z "${SELAH_TEST_PARALLEL:-}" ] || [ "${#db_runs[@]}" -eq 1 ]; then
      "${cmd[@]}"
    else
      "${cmd[@]}" >"$RESULTS_DIR/selah-tests-$run.log" 2>&1 &
      pids+=($!)
    fi
  done
  for pid in "${pids[@]}"; do wait "$pid" || true; done
  for run in "${db_runs[@]}"; do
    if [ -f "$RESULTS_DIR/selah-tests-$run.log" ]; then
      log "Output of the $run run"
      cat "$RESULTS_DIR/selah-tests-$run.log"
    fi
    record_run "selah-tests-$run"
  done
  stage_end "tests (${db_runs[*]})"
fi
case ",$ONLY," in *,e2e,*)
  stage_start "Running selah-e2e (tests/Selah.E2E)"
  run_tests selah-e2e tests/Selah.E2E "SELAH_TOOLS_DIR=$TOOLS_DIR" "SELAH_TEST_REDIS=$TEST_REDIS_CONNECTION" \
    "SELAH_E2E_SERVER_DLL=$SERVER_DLL" "SELAH_E2E_ARTIFACTS=$SELAH_REPO_ROOT/artifacts/e2e"
  record_run selah-e2e
  stage_end "selah-e2e"
  ;;
esac

# ---------------------------------------------------------------------------------------------------------------
test_env_stop >/dev/null 2>&1 || true
SERVICES_UP=0
if [ "${CI:-}" = "true" ]; then
  dotnet build-server shutdown >/dev/null 2>&1 9>&- || true   # leave no compiler servers behind on CI
fi

# trx_counter FILE ATTRIBUTE -> the number in <Counters ATTRIBUTE="N"> (0 when absent)
trx_counter() {
  local v
  v="$(grep -o '<Counters [^>]*>' "$1" 2>/dev/null | head -n 1 | grep -o " $2=\"[0-9]*\"" | grep -o '[0-9][0-9]*' || true)"
  echo "${v:-0}"
}

total_passed=0
total_failed=0
total_skipped=0
errored=0
echo
log "Results (TRX files in ${RESULTS_DIR#"$SELAH_REPO_ROOT"/})"
for i in "${!RUN_NAMES[@]}"; do
  name="${RUN_NAMES[$i]}" trx="${RUN_TRX[$i]}" rc="${RUN_RC[$i]}"
  p=0 f=0 s=0 note=""
  if [ -f "$trx" ]; then
    p="$(trx_counter "$trx" passed)"
    f=$(( $(trx_counter "$trx" failed) + $(trx_counter "$trx" error) + $(trx_counter "$trx" timeout) + $(trx_counter "$trx" aborted) ))
    s=$(( $(trx_counter "$trx" total) - $(trx_counter "$trx" executed) ))
  else
    note="no TRX written"
  fi
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
    # The run failed without a failed test on record: crashed/aborted test host, timeout, or a broken run.
    f=1
    note="${note:+$note; }run errored (exit code $rc)"
    errored=1
  elif [ "$rc" -eq 0 ] && [ $((p + f + s)) -eq 0 ]; then
    f=1
    note="${note:+$note; }ran no tests"
    errored=1
  fi
  printf '    %-22s %5d passed %5d failed %5d skipped  (exit %d, %ss)%s\n' \
    "$name" "$p" "$f" "$s" "$rc" "${RUN_SECONDS[$i]}" \
    "${note:+  <- $note}"
  total_passed=$((total_passed + p))
  total_failed=$((total_failed + f))
  total_skipped=$((total_skipped + s))
done

echo
log "Stage timings"
for j in "${!STAGE_NAMES[@]}"; do
  printf '    %-24s %4ss\n' "${STAGE_NAMES[$j]}" "${STAGE_SECONDS[$j]}"
done
printf '    %-24s %4ss\n' "total" "$SECONDS"
echo

summary="$total_passed passed, $total_failed failed"
[ "$total_skipped" -gt 0 ] && summary="$summary, $total_skipped skipped"
echo "$summary"
if [ "$total_failed" -gt 0 ] || [ "$errored" -ne 0 ] || [ "${#RUN_NAMES[@]}" -eq 0 ]; then
  exit 1
fi
exit 0
