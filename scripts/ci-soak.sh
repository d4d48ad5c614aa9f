#!/usr/bin/env bash
# Runs the CI (`bash .ci/run`) N times, each on a fresh clone of a branch, while a second `dotnet build` of the solution
# runs in parallel for the first half of each run (the load of a busy 2-core CI machine). Prints one line per run:
# run number, exit code, wall time, and the test summary lines; stops at the first failure unless --keep-going.
# Usage: scripts/ci-soak.sh [--runs N] [--ref BRANCH] [--half-seconds S] [--keep-going]
set -uo pipefail
runs=10; ref=main; half=150; keep=0
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --ref) ref="$2"; shift 2 ;;
    --half-seconds) half="$2"; shift 2 ;;
    --keep-going) keep=1; shift ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d /tmp/ci-soak.XXXXXX)"
trap 'rm -rf "$work"' EXIT
git clone -q --branch "$ref" "$repo" "$work/load"
failures=0
for i in $(seq 1 "$runs"); do
  rm -rf "$work/run"
  git clone -q --branch "$ref" "$repo" "$work/run"
  ( cd "$work/load" && export MSBUILDDISABLENODEREUSE=1 && timeout "$half" bash -c 'while :; do dotnet build Cooling.sln -p:UseSharedCompilation=false --no-incremental >/dev/null 2>&1; done' ) &
  load=$!
  start=$(date +%s)
  ( cd "$work/run" && bash .ci/run ) > "$work/run.log" 2>&1
  rc=$?
  kill "$load" 2>/dev/null; wait "$load" 2>/dev/null
  seconds=$(( $(date +%s) - start ))
  summary=$(grep -E "^(Passed|Failed)!" "$work/run.log" | sed 's/ - .*(/ (/' | tr '\n' ';')
  echo "run $i: exit $rc in ${seconds} s; $summary"
  if [ "$rc" -ne 0 ]; then
    failures=$((failures + 1))
    cp "$work/run.log" "/tmp/ci-soak-run$i.log"
    grep -E "^\s+Failed |\[FAIL\]" "$work/run.log" | head -20
    echo "log: /tmp/ci-soak-run$i.log"
    [ "$keep" -eq 1 ] || exit 1
  fi
done
echo "$runs runs, $failures failed"
[ "$failures" -eq 0 ]
