#!/usr/bin/env bash
# Coverage-guided fuzzing of the parsers that read untrusted input (docs/security.md, "Fuzzing").
#
#   scripts/fuzz.sh [--seconds N] [--long] [--out DIR] [target...]
#
# Publishes fuzz/src/Cooling.Fuzz (cooling-fuzz) in Release, instruments the assemblies under test with SharpFuzz and
# runs AFL++ on each target in turn (all targets unless named; `cooling-fuzz list` names them), starting from
# fuzz/corpus/<target>/. Exits non-zero when any target crashed or hung (and says where the inputs are saved) or
# did not run at all.
#
#   --seconds N   fuzz each target for N seconds (default 15: the short run CI makes)
#   --long        the long run: each target until 10 million executions (or --seconds, if also given); the findings
#                 folder is kept, so a second --long resumes where the first stopped
#   --out DIR     where the instrumented program and the findings go (default fuzz/out, ignored by git)
#
# Installs nothing that is already there: AFL++ (Debian package afl++; sudo when not root) only when afl-fuzz is
# missing, and the SharpFuzz instrumenter through the repository's tool manifest (dotnet tool restore).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=""
long=0
out="fuzz/out"
targets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds="$2"; shift 2 ;;
    --long) long=1; shift ;;
    --out) out="$2"; shift 2 ;;
    -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "fuzz.sh: unknown option $1" >&2; exit 2 ;;
    *) targets+=("$1"); shift ;;
  esac
done
if [ "$long" -eq 0 ] && [ -z "$seconds" ]; then seconds=15; fi
executions=""
if [ "$long" -eq 1 ]; then executions=10000000; fi

if ! command -v afl-fuzz >/dev/null 2>&1; then
  echo "Installing AFL++ (afl++)"
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends afl++
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1
dotnet tool restore >/dev/null

# A fresh publish every time: SharpFuzz instruments in place and refuses an assembly it has instrumented already.
bin="$out/bin"
rm -rf "$bin"
dotnet publish fuzz/src/Cooling.Fuzz/Cooling.Fuzz.csproj -c Release -o "$bin" --nologo -v quiet
for assembly in Cdu.Firmware Cdu.Firmware.Host Cooling.Supervisor cooling-hil; do
  dotnet sharpfuzz "$bin/$assembly.dll" >/dev/null
done

if [ ${#targets[@]} -eq 0 ]; then
  mapfile -t targets < <("$bin/cooling-fuzz" list | awk '{print $1}')
  if [ ${#targets[@]} -eq 0 ]; then echo "fuzz.sh: cooling-fuzz lists no targets" >&2; exit 1; fi
fi

# What AFL++ needs here, set for this run only (no system setting is changed):
export AFL_SKIP_BIN_CHECK=1        # the target is the .NET host; SharpFuzz speaks AFL's fork-server protocol
export AFL_SKIP_CPUFREQ=1          # the CPU frequency governor is not ours to change
export AFL_NO_AFFINITY=1           # shared machines: do not pin to a core
export AFL_NO_UI=1                 # status lines, not a full-screen display
export AFL_FORKSRV_INIT_TMOUT=120000   # .NET start-up and JIT before the first input, on a busy machine
# core_pattern piping to a crash reporter (systemd-coredump, apport) only delays crash detection; accept it.
if [ "$(head -c1 /proc/sys/kernel/core_pattern 2>/dev/null)" = "|" ]; then
  export AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1
fi
if [ "$long" -eq 1 ]; then export AFL_AUTORESUME=1; fi

failed=0
summary=()
for target in "${targets[@]}"; do
  findings="$out/findings/$target"
  if [ "$long" -eq 0 ]; then rm -rf "$findings"; fi
  mkdir -p "$findings"
  dict=()
  case "$target" in
    prometheus) dict=(-x fuzz/dictionaries/prometheus.dict) ;;
    *) dict=(-x fuzz/dictionaries/json.dict) ;;
  esac
  limits=()
  [ -n "$seconds" ] && limits+=(-V "$seconds")
  [ -n "$executions" ] && limits+=(-E "$executions")
  echo "== $target: afl-fuzz ${limits[*]} (log: $findings/afl.log)"
  # -t: an input running longer than 10 s is a hang; -m none: the .NET runtime reserves far more address space than AFL's default limit.
  if ! afl-fuzz -i "fuzz/corpus/$target" -o "$findings" -t 10000 -m none "${dict[@]}" "${limits[@]}" \
       -- "$bin/cooling-fuzz" "$target" >"$findings/afl.log" 2>&1; then
    echo "   afl-fuzz failed; the end of its log:" >&2
    tail -20 "$findings/afl.log" >&2
    failed=1
    summary+=("$target: afl-fuzz failed")
    continue
  fi

  stats="$findings/default/fuzzer_stats"
  stat() { awk -F' *: *' -v k="$1" '$1 == k {print $2}' "$stats"; }
  execs=$(stat execs_done); crashes=$(stat saved_crashes); hangs=$(stat saved_hangs)
  line="$target: $execs executions, $crashes crashes, $hangs hangs, $(stat corpus_count) corpus entries, $(stat run_time) s"
  summary+=("$line")
  echo "   $line"
  if [ "${execs:-0}" -eq 0 ]; then
    echo "   no input was run: the harness is broken (see $findings/afl.log)" >&2
    failed=1
  fi
  if [ "${crashes:-0}" -gt 0 ] || [ "${hangs:-0}" -gt 0 ]; then
    failed=1
    for kind in crashes hangs; do
      for input in "$findings/default/$kind"/id:*; do
        [ -e "$input" ] || continue
        echo "   $kind: $input   (replay: $bin/cooling-fuzz $target '$input')" >&2
      done
    done
  fi
done

echo "== summary"
printf '   %s\n' "${summary[@]}"
exit "$failed"
