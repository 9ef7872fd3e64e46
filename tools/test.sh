#!/usr/bin/env bash
# The test command of the README: builds the solution, provides what the tests need (a throwaway PostgreSQL
# server on loopback, headless Chromium), runs every test and prints a final "N passed, N failed" line.
# Exits non-zero when a test fails or the build breaks.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

log() { echo "[test] $*" >&2; }

need_apt=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need_apt+=(postgresql)
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    log "installing ${need_apt[*]} (Debian packages)"
    apt-get update -qq >/dev/null 2>&1
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null 2>&1 \
      || log "apt-get install ${need_apt[*]} failed"
  else
    log "not root: cannot install ${need_apt[*]}; the tests that need them will fail"
  fi
fi

# A throwaway PostgreSQL cluster on 127.0.0.1:54329, owned by the postgres user, removed on exit.
pg_port=54329
pg_dir=$(mktemp -d /tmp/ict-pg.XXXXXX)
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
cleanup() {
  if [ -n "$pg_bin" ] && [ -f "$pg_dir/data/postmaster.pid" ]; then
    runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast stop >/dev/null 2>&1 || true
  fi
  rm -rf "$pg_dir"
}
trap cleanup EXIT
if [ -n "$pg_bin" ]; then
  chown postgres "$pg_dir" 2>/dev/null || true
  if runuser -u postgres -- "$pg_bin/initdb" -D "$pg_dir/data" --auth=trust -U postgres -E UTF8 >"$pg_dir/initdb.log" 2>&1 &&
     runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" \
       -o "-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
       -w start >/dev/null 2>&1; then
    export ICT_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres"
    log "PostgreSQL is up on 127.0.0.1:$pg_port"
  else
    log "PostgreSQL failed to start:"; cat "$pg_dir/initdb.log" "$pg_dir/server.log" 2>/dev/null >&2
  fi
fi
command -v chromium >/dev/null 2>&1 && export ICT_TEST_CHROMIUM=$(command -v chromium)

results="$root/TestResults"
rm -rf "$results"
dotnet build -c Release "$root/IctEngine.sln" -nologo -clp:NoSummary -warnaserror
build_rc=$?
if [ $build_rc -ne 0 ]; then
  echo "0 passed, 1 failed"
  exit 1
fi
dotnet test "$root/Engine.Tests/Engine.Tests.csproj" -c Release --no-build -nologo \
  --logger "trx;LogFileName=results.trx" --logger "console;verbosity=minimal" --results-directory "$results" "$@"
test_rc=$?

trx="$results/results.trx"
if [ -f "$trx" ]; then
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  get() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  passed=$(get passed); failed=$(get failed); errors=$(get error); timeout=$(get timeout); aborted=$(get aborted)
  failed=$(( ${failed:-0} + ${errors:-0} + ${timeout:-0} + ${aborted:-0} ))
  skipped=$(( $(get total) - $(get executed) ))
  echo "${passed:-0} passed, ${failed} failed, ${skipped} skipped"
else
  echo "0 passed, 1 failed"
  exit 1
fi
[ $test_rc -eq 0 ] && [ "$failed" -eq 0 ]
