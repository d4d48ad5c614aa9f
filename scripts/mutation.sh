#!/usr/bin/env bash
# Mutation testing of the firmware core's control and safety code (Stryker.NET, pinned in .config/dotnet-tools.json,
# configured by firmware/stryker-config.json: Safety, Pumps, Link, Alarms, Modes, Config, Loops and Control are
# mutated; the guard and fuzz tests are left out of the test run). Prints the score per file and per folder and
# exits non-zero when the overall score is below the break threshold (85 %).
#
# Stryker builds and rewrites the projects it mutates, so it runs on a private copy of the firmware tree (the work
# tree stays untouched and others may build and test it meanwhile); the reports are copied back to
# firmware/StrykerOutput/<timestamp>/ (ignored by git). Extra arguments go to dotnet stryker, e.g. to iterate on one
# folder:  scripts/mutation.sh --mutate '**/Safety/**/*.cs'   (a run limited like this is compared with the same
# threshold). A full run takes about 15 minutes on two cores.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1
dotnet tool restore >/dev/null

work=$(mktemp -d "${TMPDIR:-/tmp}/cdu-mutation.XXXXXX")
trap 'rm -rf "$work"' EXIT

# The firmware tree and the build files around it, as git sees them (tracked and new files, nothing ignored).
git ls-files -z -co --exclude-standard -- firmware Directory.Build.props Directory.Build.targets Directory.Packages.props \
    global.json nuget.config NuGet.config .config Cooling.sln docs |
  while IFS= read -r -d '' f; do [ -f "$f" ] && printf '%s\0' "$f"; done |
  xargs -0 cp --parents -t "$work"

status=0
(cd "$work/firmware" && dotnet stryker --config-file stryker-config.json "$@") || status=$?

report_dir=$(ls -d "$work"/firmware/StrykerOutput/*/ 2>/dev/null | tail -n 1 || true)
if [ -z "$report_dir" ] || [ ! -f "$report_dir/reports/mutation-report.json" ]; then
  echo "mutation.sh: Stryker produced no report (exit code $status)" >&2
  exit $(( status == 0 ? 1 : status ))
fi

mkdir -p firmware/StrykerOutput
stamp=$(basename "$report_dir")
cp -r "$report_dir" "firmware/StrykerOutput/$stamp"
report="firmware/StrykerOutput/$stamp/reports/mutation-report.json"

if command -v jq >/dev/null 2>&1; then
  # Score = (killed + timeout) / (killed + timeout + survived + no coverage); compile errors and ignored mutants do not count.
  jq -r '
    def tally(ms): reduce ms[] as $m ({k:0,t:0,s:0,n:0};
        if $m.status == "Killed" then .k += 1 elif $m.status == "Timeout" then .t += 1
        elif $m.status == "Survived" then .s += 1 elif $m.status == "NoCoverage" then .n += 1 else . end);
    def score(c): if (c.k + c.t + c.s + c.n) == 0 then "   n/a" else ((c.k + c.t) * 10000 / (c.k + c.t + c.s + c.n) | round / 100 | tostring | .[0:6]) end;
    def line(name; c): "\(score(c) | (" " * (7 - length)) + .) %  killed \(c.k + c.t)  survived \(c.s)  no coverage \(c.n)  \(name)";
    [.files | to_entries[] | select(any(.value.mutants[]; .status == "Killed" or .status == "Timeout" or .status == "Survived" or .status == "NoCoverage")) | {file: .key, c: tally([.value.mutants[]])}] as $files
    | "Mutation score per file:",
      ($files[] | line(.file | sub("^.*/Cdu\\.Firmware/"; ""); .c)),
      "", "Per folder:",
      ($files | group_by(.file | sub("^.*/Cdu\\.Firmware/"; "") | split("/")[0])[]
        | {folder: (.[0].file | sub("^.*/Cdu\\.Firmware/"; "") | split("/")[0]),
           c: (reduce .[].c as $c ({k:0,t:0,s:0,n:0}; .k += $c.k | .t += $c.t | .s += $c.s | .n += $c.n))}
        | line(.folder + "/"; .c)),
      "", line("overall"; (reduce $files[].c as $c ({k:0,t:0,s:0,n:0}; .k += $c.k | .t += $c.t | .s += $c.s | .n += $c.n)))
  ' "$report"
  echo
  echo "Surviving mutants (file:line mutator -> replacement):"
  jq -r '.files | to_entries[] | .key as $f | .value.mutants[] | select(.status == "Survived" or .status == "NoCoverage")
    | "  \($f | sub("^.*/Cdu\\.Firmware/"; "")):\(.location.start.line) [\(.status)] \(.mutatorName): \(.replacement | gsub("\\s+"; " ") | .[0:90])"' "$report"
else
  echo "(install jq for the per-file and per-folder summary; Stryker's own table is above)"
fi

echo
echo "Reports: $root/firmware/StrykerOutput/$stamp/reports/mutation-report.html (and .json)"
if [ "$status" -ne 0 ]; then
  echo "mutation.sh: the mutation score is below the break threshold, or Stryker failed (exit code $status)" >&2
fi
exit "$status"
