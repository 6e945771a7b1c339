#!/usr/bin/env bash
# Runs the whole suite on a fresh Debian machine that has only the .NET SDK:
# installs what the tests need, starts a private Redis on a free loopback port, builds, runs `dotnet test`,
# stops Redis, and ends with "tests: N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"
root=$(pwd)

missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
[ -x /usr/bin/chromium ] || missing+=(chromium)
# The benchmark's JavaScript clients (bench/js, installed by the bench itself with npm ci).
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  echo "test.sh: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null && apt-get install -y -qq "${missing[@]}" >/dev/null || {
    echo "test.sh: could not install ${missing[*]}"; echo "tests: 0 passed, 1 failed"; exit 1; }
fi

free_port() {
  local p
  for _ in $(seq 1 200); do
    p=$(( (RANDOM % 20000) + 30000 ))
    if ! (exec 3<>/dev/tcp/127.0.0.1/$p) 2>/dev/null; then echo "$p"; return 0; fi
  done
  return 1
}

work="$root/.ci/tmp"
mkdir -p "$work"
redis_port=$(free_port)
redis_dir=$(mktemp -d "$work/redis.XXXXXX")
redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no \
  --dir "$redis_dir" --daemonize yes --pidfile "$redis_dir/redis.pid" --logfile "$redis_dir/redis.log"
cleanup() {
  if [ -f "$redis_dir/redis.pid" ]; then kill "$(cat "$redis_dir/redis.pid")" 2>/dev/null || true; fi
  rm -rf "$redis_dir"
}
trap cleanup EXIT
for _ in $(seq 1 50); do
  redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break
  sleep 0.1
done

export PARTYPROTOCOL_TEST_REDIS="127.0.0.1:$redis_port"
export PARTYPROTOCOL_REDIS_SERVER="$(command -v redis-server)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

if ! dotnet build PartyProtocol.sln -c Release -nologo -v q; then
  echo "tests: 0 passed, 1 failed"
  exit 1
fi

log="$work/test-output.log"
dotnet test PartyProtocol.sln -c Release --no-build -nologo --logger "console;verbosity=normal" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

passed=$(grep -Eo 'Passed:[[:space:]]+[0-9]+' "$log" | grep -Eo '[0-9]+' | awk '{s+=$1} END {print s+0}')
failed=$(grep -Eo 'Failed:[[:space:]]+[0-9]+' "$log" | grep -Eo '[0-9]+' | awk '{s+=$1} END {print s+0}')
skipped=$(grep -Eo 'Skipped:[[:space:]]+[0-9]+' "$log" | grep -Eo '[0-9]+' | awk '{s+=$1} END {print s+0}')
[ -n "$passed" ] || passed=0
[ -n "$failed" ] || failed=0
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
if [ "${skipped:-0}" -ne 0 ]; then echo "test.sh: $skipped tests were skipped; skipped tests count as failures here"; failed=$((failed + skipped)); status=1; fi
echo "tests: $passed passed, $failed failed"
exit "$status"
