#!/usr/bin/env bash
# /check throughput over loopback HTTP, server and wrk on the same machine (2 cores here).
# usage: bench/service/run.sh [TAKEDOWN_DLL] [N] [BASELINE_DLL]
#   TAKEDOWN_DLL  the build to measure (default: the Release build under artifacts/)
#   N             banked PDQ hashes (default 1000000)
#   BASELINE_DLL  optional second build, measured on the same seeded database right after the first (side by side)
# Env: DURATION (s, default 30), HASH_CONNECTIONS (default 32), JPEG_CONNECTIONS (default 8), DOTNET_COUNTERS (path of
# the dotnet-counters tool; default: on PATH or /tmp/svc-tools/dotnet-counters, installed with
# `dotnet tool install dotnet-counters --tool-path /tmp/svc-tools`; without it the allocation column says n/a),
# SERVER_ENV / BASELINE_ENV (extra environment for the candidate / baseline server, e.g. "DOTNET_gcServer=0";
# BASELINE_ENV defaults to SERVER_ENV).
# Prints a Markdown table: req/s, latency percentiles, the server's CPU time per request (utime+stime of the
# server process over the run / requests served), which is the load-independent figure to compare, and the bytes the
# server allocated per request (the runtime's dotnet.gc.heap.total_allocated counter over the run / requests).
set -euo pipefail
cd "$(dirname "$0")/../.."
dll=${1:-artifacts/bin/Takedown.Cli/release/takedown.dll}
n=${2:-1000000}
baseline=${3:-}
duration=${DURATION:-30}
hash_c=${HASH_CONNECTIONS:-32}
jpeg_c=${JPEG_CONNECTIONS:-8}
work=$(mktemp -d /tmp/takedown-bench-XXXX)
port=5093
tick=$(getconf CLK_TCK)
counters=${DOTNET_COUNTERS:-$(command -v dotnet-counters || echo /tmp/svc-tools/dotnet-counters)}
[ -x "$counters" ] || counters=
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work" "$work.quarantine" "$work/platform.quarantine"; }
trap cleanup EXIT

wait_healthy() { until curl -sf "http://127.0.0.1:$port/healthz" > /dev/null; do sleep 0.2; done; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

echo "== migrate" >&2
TAKEDOWN_ADMIN_PASSWORD=bench-password dotnet "$dll" serve --urls "http://127.0.0.1:$port" --data-dir "$work" --platform-dir "$work/platform" > "$work/first.log" 2>&1 &
pid=$!
wait_healthy
kill $pid; wait $pid || true; pid=
echo "== seed $n hashes" >&2
python3 bench/service/seed_bank.py "$work/takedown.db" "$n" "$work/key" "$work/queries" >&2
# A 1 MP (1152x864) photo-like JPEG made with ImageMagick's plasma fractal (deterministic seed).
convert -seed 7 -size 1152x864 plasma:fractal -quality 85 "$work/photo.jpg"
export TAKEDOWN_KEY=$(cat "$work/key") TAKEDOWN_QUERIES="$work/queries" TAKEDOWN_JPEG="$work/photo.jpg"

# run_wrk LABEL CONNECTIONS SCRIPT -> one table row
run_wrk() {
  local label=$1 connections=$2 script=$3 before after out reqs rps p50 p90 p99 cpid= alloc=n/a
  if [ -n "$counters" ]; then
    # Allocated bytes per 1 s interval, summed over the run (the server allocates next to nothing while idle).
    "$counters" collect -p "$pid" --counters 'System.Runtime[dotnet.gc.heap.total_allocated]' --format csv \
      --refresh-interval 1 --duration "$(printf '00:%02d:%02d' $(((duration + 4) / 60)) $(((duration + 4) % 60)))" -o "$work/alloc.csv" > /dev/null 2>&1 &
    cpid=$!
    sleep 2
  fi
  before=$(cpu_ticks $pid)
  out=$(wrk -t1 -c"$connections" -d"${duration}s" --latency -s "$script" "http://127.0.0.1:$port")
  after=$(cpu_ticks $pid)
  echo "$out" >&2
  reqs=$(echo "$out" | awk '/requests in/ {print $1}')
  if [ -n "$cpid" ]; then
    wait "$cpid" 2>/dev/null || true # it writes the file when its --duration is over
    alloc=$(awk -F, -v r="$reqs" '/total_allocated/ {s += $NF} END {if (r > 0 && s > 0) printf "%.0f B", s / r; else print "n/a"}' "$work/alloc.csv" 2>/dev/null || echo n/a)
    rm -f "$work/alloc.csv"
  fi
  rps=$(echo "$out" | awk '/Requests\/sec/ {printf "%.0f", $2}')
  p50=$(echo "$out" | awk '/^p50/ {print $2}'); p90=$(echo "$out" | awk '/^p50/ {print $5}'); p99=$(echo "$out" | awk '/^p50/ {print $8}')
  local non2xx=$(echo "$out" | awk '/Non-2xx/ {print $NF}')
  echo "| $label | $n | $connections | $rps | $p50 ms | $p90 ms | $p99 ms | $(echo "scale=4; ($after - $before) * 1000 / $tick / $reqs" | bc | awk '{printf "%.3f", $1}') ms | $alloc | ${non2xx:-0} | $(cut -d' ' -f1-3 /proc/loadavg) |"
}

measure() {
  local name=$1 build=$2 extra_env=$3 start
  echo "== start $name (loads the bank into memory)" >&2
  start=$(date +%s.%N)
  env $extra_env Logging__LogLevel__Default=Warning dotnet "$build" serve --urls "http://127.0.0.1:$port" --data-dir "$work" --platform-dir "$work/platform" > "$work/serve-$name.log" 2>&1 &
  pid=$!
  wait_healthy
  echo "startup of $name with $n hashes: $(echo "$(date +%s.%N) - $start" | bc) s; RSS $(ps -o rss= -p $pid | awk '{printf "%.0f MB", $1/1024}')"
  # Sanity: the seeded queries give all three answers.
  local decisions=""
  for q in $(head -200 "$TAKEDOWN_QUERIES"); do
    decisions+=$(curl -s -H "Authorization: Bearer $TAKEDOWN_KEY" -H 'Content-Type: application/json' -d "{\"pdq\":\"$q\"}" "http://127.0.0.1:$port/api/v1/check" | grep -o '"decision":"[a-z]*"')$'\n'
  done
  echo "decisions of the first 200 queries: $(echo "$decisions" | sort | uniq -c | tr '\n' ' ')"
  echo "== warm-up" >&2
  wrk -t1 -c16 -d5s -s bench/service/check_hash.lua "http://127.0.0.1:$port" > /dev/null
  wrk -t1 -c4 -d3s -s bench/service/check_jpeg.lua "http://127.0.0.1:$port" > /dev/null
  rows+=("$(run_wrk "$name: PDQ hash" "$hash_c" bench/service/check_hash.lua)")
  rows+=("$(run_wrk "$name: 1 MP JPEG ($(stat -c %s "$work/photo.jpg") B)" "$jpeg_c" bench/service/check_jpeg.lua)")
  kill $pid; wait $pid || true; pid=
}

rows=()
measure candidate "$dll" "${SERVER_ENV:-}"
if [ -n "$baseline" ]; then measure baseline "$baseline" "${BASELINE_ENV:-${SERVER_ENV:-}}"; fi
echo
echo "| run | bank | connections | req/s | p50 | p90 | p99 | server CPU per request | allocated per request | non-2xx | load avg (1/5/15 min, at end) |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"
printf '%s\n' "${rows[@]}"
