#!/usr/bin/env bash
# Proof under load: `npm test` several times in a row while another process keeps one core busy, as on a shared CI
# machine. A run fails on a failed test, and also on output that shows work outliving its test ("Cannot log after
# tests are done", a worker "force exited" or that "failed to exit gracefully"), which a passing summary can hide.
#
#   npm run test:load                          5 runs of the whole suite
#   npm run test:load -- 1 test/input          1 run of some tests (anything after RUNS goes to jest)
#   JEST_TIER=e2e npm run test:load -- 3       3 runs of one tier (see jest.config.js)
#
# Each run's output is kept in a temporary folder (printed at the start and the end). One line per run, then a final
# line; the exit status is non-zero if any run failed. The busy process and a run under way are stopped on exit,
# however the script ends.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=5
if [ $# -gt 0 ] && [[ $1 =~ ^[0-9]+$ ]]; then
  RUNS=$1
  shift
fi
[ "$RUNS" -ge 1 ] || {
  echo "RUNS must be 1 or more; got $RUNS" >&2
  exit 2
}

LOGS=$(mktemp -d "${TMPDIR:-/tmp}/clevertap-test-load.XXXXXX")
LEAKS='Cannot log after tests are done|force exited|failed to exit gracefully'

# Each run is its own process group (setsid), so that stopping the script stops jest and its workers too.
RUN_PID=''
node -e 'for (;;) {}' &
BUSY=$!
stop() {
  if [ -n "$RUN_PID" ] && kill -0 "$RUN_PID" 2>/dev/null; then kill -- "-$RUN_PID" 2>/dev/null || true; fi
  kill "$BUSY" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

echo "npm test${*:+ -- $*}, $RUNS run(s), with one core kept busy (pid $BUSY) on $(nproc) cores; logs in $LOGS"
FAILED=0
STARTED=$(date +%s%N)
for run in $(seq 1 "$RUNS"); do
  log="$LOGS/run-$run.log"
  began=$(date +%s%N)
  status=0
  setsid npm test -- --ci "$@" >"$log" 2>&1 &
  RUN_PID=$!
  wait "$RUN_PID" || status=$?
  RUN_PID=''
  seconds=$(awk -v a="$began" -v b="$(date +%s%N)" 'BEGIN { printf "%.1f", (b - a) / 1e9 }')
  tests=$(grep -E '^Tests:' "$log" | tail -n 1 | sed 's/^Tests: *//')
  problems=()
  [ "$status" -eq 0 ] || problems+=("exit $status")
  leak=$(grep -oE "$LEAKS" "$log" | sort -u | paste -sd ',' - || true)
  [ -z "$leak" ] || problems+=("output says: $leak")
  kill -0 "$BUSY" 2>/dev/null || problems+=('the busy process had stopped')
  if [ "${#problems[@]}" -eq 0 ]; then
    verdict=PASS
  else
    verdict="FAIL ($(
      IFS=';'
      echo "${problems[*]}"
    ))"
    FAILED=$((FAILED + 1))
  fi
  printf 'run %d/%d: %s  tests: %s  %ss  %s\n' "$run" "$RUNS" "$verdict" "${tests:-no summary}" "$seconds" "$log"
done
total=$(awk -v a="$STARTED" -v b="$(date +%s%N)" 'BEGIN { printf "%.0f", (b - a) / 1e9 }')
if [ "$FAILED" -eq 0 ]; then
  echo "all $RUNS run(s) passed under load in ${total}s; logs in $LOGS"
else
  echo "$FAILED of $RUNS run(s) FAILED under load (${total}s); logs in $LOGS" >&2
  exit 1
fi
