#!/usr/bin/env bash
# Runs the whole suite on a fresh Debian machine that has only the .NET SDK:
# installs what the tests need, starts a private Redis and a private PostgreSQL cluster on free loopback ports,
# builds, runs `dotnet test`, stops both, and ends with "tests: N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"
root=$(pwd)

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
nginx_bin() { command -v nginx 2>/dev/null || { [ -x /usr/sbin/nginx ] && echo /usr/sbin/nginx; }; }

missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -n "$(pg_bin)" ] || missing+=(postgresql)
[ -n "$(nginx_bin)" ] || missing+=(nginx)
# Emoji (reactions, awards, streaks) render as boxes in headless Chromium without a colour emoji font.
[ -f /usr/share/fonts/truetype/noto/NotoColorEmoji.ttf ] || missing+=(fonts-noto-color-emoji)
# The benchmark's JavaScript clients (bench/js, installed by the bench itself with npm ci).
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  echo "test.sh: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # The packages' own services (PostgreSQL's "main" cluster, nginx on port 80) must not start: the tests run private
  # servers on free loopback ports. policy-rc.d answering 101 tells the packages' scripts not to start anything.
  policy=/usr/sbin/policy-rc.d
  own_policy=0
  if [ ! -e "$policy" ]; then printf '#!/bin/sh\nexit 101\n' > "$policy" && chmod +x "$policy" && own_policy=1; fi
  apt-get update -qq >/dev/null && apt-get install -y -qq "${missing[@]}" >/dev/null
  installed=$?
  [ "$own_policy" -eq 1 ] && rm -f "$policy"
  if [ "$installed" -ne 0 ]; then
    echo "test.sh: could not install ${missing[*]}"; echo "tests: 0 passed, 1 failed"; exit 1
  fi
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

# PostgreSQL refuses to run as root, so as root the cluster belongs to the postgres user the package created. Its
# folder is under /tmp, which that user can reach wherever the repository lives.
pg_dir=$(mktemp -d /tmp/partyprotocol-postgres.XXXXXX)
pg_port=$(free_port)
as_pg=()
if [ "$(id -u)" -eq 0 ]; then as_pg=(runuser -u postgres --); chown postgres: "$pg_dir"; fi
cleanup() {
  # Redis writes its log as it shuts down: wait for it to exit before deleting its folder.
  if [ -f "$redis_dir/redis.pid" ]; then
    redis_pid=$(cat "$redis_dir/redis.pid")
    kill "$redis_pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$redis_pid" 2>/dev/null || break; sleep 0.1; done
  fi
  rm -rf "$redis_dir"
  if [ -f "$pg_dir/data/postmaster.pid" ]; then "${as_pg[@]}" "$(pg_bin)/pg_ctl" -D "$pg_dir/data" -m immediate -w stop >/dev/null 2>&1 || true; fi
  rm -rf "$pg_dir"
}
trap cleanup EXIT
for _ in $(seq 1 50); do
  redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break
  sleep 0.1
done

pg_password=$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')
printf '%s\n' "$pg_password" > "$pg_dir/pwfile"
[ ${#as_pg[@]} -eq 0 ] || chown postgres: "$pg_dir/pwfile"
# A throwaway cluster: durability settings off (it is deleted afterwards), password logins, loopback only.
if ! "${as_pg[@]}" "$(pg_bin)/initdb" -D "$pg_dir/data" -U postgres --pwfile="$pg_dir/pwfile" --auth=scram-sha-256 \
      --encoding=UTF8 --locale=C.UTF-8 >"$pg_dir/initdb.log" 2>&1 \
   || ! "${as_pg[@]}" "$(pg_bin)/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/postgres.log" -w -t 60 start \
      -o "-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" >/dev/null; then
  echo "test.sh: PostgreSQL did not start"; cat "$pg_dir"/*.log 2>/dev/null | tail -n 20
  echo "tests: 0 passed, 1 failed"; exit 1
fi
rm -f "$pg_dir/pwfile"

export PARTYPROTOCOL_TEST_REDIS="127.0.0.1:$redis_port"
export PARTYPROTOCOL_REDIS_SERVER="$(command -v redis-server)"
# The maintenance database: every test that needs PostgreSQL creates a database of its own there and drops it after.
export PARTYPROTOCOL_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres;Password=$pg_password;Database=postgres"
export PARTYPROTOCOL_NGINX="$(nginx_bin)"
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
if [ "$failed" -ne 0 ]; then
  # The console log interleaves the servers' own logging with the results; repeat each failure, its message and the
  # top of its stack here, next to the last line, where a CI summary that shows only the tail still finds them.
  echo "test.sh: the failed tests"
  awk '/^  Failed [A-Za-z]/ { on = 1; n = 0 }
       on && (/^(info|warn|fail|dbug|trce|crit): / || /^  Passed / || /^--- End of stack trace/) && n > 0 && !/^  Failed / { on = 0 }
       on && n < 40 { print; n++ }' "$log"
fi
echo "tests: $passed passed, $failed failed"
exit "$status"
