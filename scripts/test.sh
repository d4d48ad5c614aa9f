#!/usr/bin/env bash
# Runs every test of the solution. On a fresh Debian machine with only the .NET SDK it first installs what the
# tests need: mosquitto (the real broker the MQTT tests start on a free loopback port), mosquitto-clients
# (mosquitto_pub/sub, the outside client of the broker security tests), openssl and jq (scripts/site-certificates.sh), procps (kill) and
# util-linux (setsid) for the run-command test, influxdb (InfluxDB 1.x, started by the storage tests on loopback)
# and chromium (headless, driven by Playwright in the report and web tests). Extra arguments go to `dotnet test` (e.g. --filter ThinLoop).
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
[ -x /usr/sbin/mosquitto ] || command -v mosquitto >/dev/null 2>&1 || missing+=(mosquitto)
command -v mosquitto_pub >/dev/null 2>&1 && command -v mosquitto_sub >/dev/null 2>&1 || missing+=(mosquitto-clients)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
command -v jq >/dev/null 2>&1 || missing+=(jq)
[ -x /bin/kill ] || [ -x /usr/bin/kill ] || missing+=(procps)
command -v setsid >/dev/null 2>&1 || missing+=(util-linux)
command -v influxd >/dev/null 2>&1 || missing+=(influxdb)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing test dependencies: ${missing[*]}"
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  # policy-rc.d-style environments refuse to start the packaged service; the tests start their own brokers.
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1
# Build in parallel, then run the test assemblies one after another: several of them start firmware processes that
# run on the wall clock (virtual CDUs on a rig), and on a 2-core machine two such assemblies at once can starve a CDU of
# its scans for over a second, which it rightly treats as broken wiring.
dotnet build Cooling.sln
# A test that hangs is stopped after 10 minutes with a dump of its process (in TestResults/), so the run ends and says which.
dotnet test Cooling.sln --no-build -m:1 --blame-hang-timeout 10m "$@"
# A short coverage-guided fuzz run of every parser of untrusted input (AFL++ over the SharpFuzz-instrumented build, a few
# seconds per target from the corpora in fuzz/corpus); any crash or hang fails the run and names the saved input
# (docs/security.md, "Fuzzing"). Skipped when tests were filtered (arguments given), so a focused run stays focused.
if [ $# -eq 0 ]; then
  bash scripts/fuzz.sh --seconds 5
fi
