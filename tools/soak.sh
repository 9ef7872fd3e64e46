#!/usr/bin/env bash
# Soak test (not CI): runs `ict run` against `ict terminal-sim` replaying the repository's ticks at accelerated
# speed, with periodic connection cuts, and samples memory, latency and health once a minute.
#
#   tools/soak.sh [--duration SECONDS] [--speed X] [--cut-every SECONDS] [--sample SECONDS] [--out DIR]
#
# Defaults: one hour, speed 6000 (100 minutes of market per second: the six sample days, ~270k ticks, last ~95 s and
# the simulator plays them again and again, each pass a week later, so ticks flow at ~2,800/s for the whole run),
# a cut every 300 s, a sample every 60 s. The engine runs from a copy of the build in DIR/bin, so rebuilding the
# repository during a soak does not pull files from under it. Results: DIR/samples.csv (time, rss_mib, health,
# gc_heap_mib (managed heap incl. garbage not yet collected), gen0/gen2 collections, ticks_in, p99 per stage, journal
# lag, disconnects, resident anonymous and file-backed memory), DIR/engine.log, DIR/sim.log and a summary on stdout to paste
# into docs/OPERATIONS.md. The runtime may not collect at all in a short soak (its gen0 budget is sized from the CPU
# cache): compare gc_heap_mib with rss_mib before calling a rise a leak.
set -euo pipefail

duration=3600
speed=6000
cut_every=300
sample=60
out="soak-$(date -u +%Y%m%dT%H%M%SZ)"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --duration) duration="$2"; shift 2 ;;
    --speed) speed="$2"; shift 2 ;;
    --cut-every) cut_every="$2"; shift 2 ;;
    --sample) sample="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

repo="$(cd "$(dirname "$0")/.." && pwd)"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
bridge_port=$((20000 + RANDOM % 20000))
http_port=$((bridge_port + 1))
secret="soak-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"

echo "$secret" > "$out/bridge.secret"
cat > "$out/engine.json" <<JSON
{
  "symbols": ["EURUSD"],
  "store": "sqlite:$out/ict.db",
  "bridge": { "bind": "127.0.0.1", "port": $bridge_port, "secretFile": "bridge.secret", "startFrom": "2014-05-01 00:00:00" },
  "http": { "enabled": true, "bind": "127.0.0.1", "port": $http_port },
  "alerts": { "evaluationSeconds": 5 },
  "logging": { "level": "information", "directory": "$out/logs" },
  "recording": { "path": "$out/ticks" },
  "strategy": {}, "risk": {}, "execution": {}
}
JSON

echo "Building…"
dotnet build "$repo/Engine" -c Release -v quiet -nologo >/dev/null
mkdir -p "$out/bin"
cp -r "$repo/Engine/bin/Release/net10.0/." "$out/bin/"
ict="$out/bin/ict"

# As the systemd unit in docs/OPERATIONS.md runs it (unless the caller set it): two malloc arenas, not one per thread.
MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}" "$ict" run --config "$out/engine.json" >"$out/engine.log" 2>&1 &
engine_pid=$!
sleep 3
"$ict" terminal-sim --ticks "$repo/samples/lean-oanda-eurusd" --symbol EURUSD --port "$bridge_port" \
  --secret "$secret" --speed "$speed" --repeat 0 --cut-every "$cut_every" --cut-for 3 --log-dir "" >"$out/sim.log" 2>&1 &
sim_pid=$!

cleanup() {
  kill "$sim_pid" 2>/dev/null || true
  if kill -0 "$engine_pid" 2>/dev/null; then
    local t0; t0=$(date +%s%N)
    kill -TERM "$engine_pid"; wait "$engine_pid" || true
    echo "engine stopped in $(( ($(date +%s%N) - t0) / 1000000 )) ms after SIGTERM"
  fi
}
trap cleanup EXIT

metric() { # metric NAME [LABEL-FILTER]: sum of the samples of a metric in /metrics
  curl -fsS "http://127.0.0.1:$http_port/metrics" | awk -v m="$1" -v f="${2:-}" '$1 ~ "^"m && index($1, f) { s += $2 } END { print s + 0 }'
}
p99() { # p99 from the cumulative histogram of a stage (upper bound of the bucket holding the 99th percentile)
  curl -fsS "http://127.0.0.1:$http_port/metrics" | awk -v st="stage=\"$1\"" '
    $1 ~ /^ict_stage_latency_seconds_bucket/ && index($1, st) { match($1, /le="[^"]+"/); le = substr($1, RSTART+4, RLENGTH-5); b[n] = le; c[n++] = $2 }
    END { if (n == 0) { print "NaN"; exit } total = c[n-1]; for (i = 0; i < n; i++) if (c[i] >= 0.99 * total) { print b[i]; exit } }'
}

echo "time_s,rss_mib,gc_heap_mib,gen0_gcs,gen2_gcs,health,ticks_in,p99_validation_s,p99_journal_s,journal_lag,disconnects,rss_anon_mib,rss_file_mib" > "$out/samples.csv"
start=$(date +%s)
while (( $(date +%s) - start < duration )); do
  sleep "$sample"
  kill -0 "$engine_pid" 2>/dev/null || { echo "engine exited early; see $out/engine.log" >&2; exit 1; }
  rss=$(awk '/VmRSS/ { printf "%.1f", $2 / 1024 }' "/proc/$engine_pid/status")
  # Anonymous (heap, stacks, native allocations) vs file-backed (mapped code and files) resident memory, to tell a
  # growing allocation from pages of mapped files that were touched.
  rss_anon=$(awk '/RssAnon/ { printf "%.1f", $2 / 1024 }' "/proc/$engine_pid/status")
  rss_file=$(awk '/RssFile/ { printf "%.1f", $2 / 1024 }' "/proc/$engine_pid/status")
  health=$(curl -fsS "http://127.0.0.1:$http_port/health" 2>/dev/null | grep -o '"status": *"[A-Za-z]*"' | head -1 | sed 's/.*"\([A-Za-z]*\)"$/\1/')
  heap=$(awk -v b="$(metric dotnet_total_memory_bytes)" 'BEGIN { printf "%.1f", b / 1048576 }')
  echo "$(( $(date +%s) - start )),$rss,$heap,$(metric dotnet_collection_count_total 'generation="0"'),$(metric dotnet_collection_count_total 'generation="2"'),${health:-unreachable},$(metric ict_ticks_in_total),$(p99 validation),$(p99 journal),$(metric ict_journal_lag_events),$(metric ict_bridge_disconnects_total),$rss_anon,$rss_file" \
    | tee -a "$out/samples.csv"
done

echo
echo "Summary ($out/samples.csv):"
awk -F, 'NR == 2 { first = $2 } NR > 1 { last = $2; if ($2 > max) max = $2; h[$6]++; g0 = $4; g2 = $5 } END {
  printf "rss first %.1f MiB, last %.1f MiB, max %.1f MiB; gen0 GCs %d, gen2 GCs %d; health samples:", first, last, max, g0, g2
  for (k in h) printf " %s=%d", k, h[k]; print "" }' "$out/samples.csv"
