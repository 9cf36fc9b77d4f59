#!/usr/bin/env bash
# /check throughput over loopback HTTP against a 1M-hash bank, server and wrk on the same 2 cores.
# usage: bench/service/run.sh [TAKEDOWN_DLL] [N]
# TAKEDOWN_DLL defaults to the Release build under artifacts/; N defaults to 1000000.
set -euo pipefail
cd "$(dirname "$0")/../.."
dll=${1:-artifacts/bin/Takedown.Cli/release/takedown.dll}
n=${2:-1000000}
work=$(mktemp -d /tmp/takedown-bench-XXXX)
port=5093
echo "== migrate" >&2
TAKEDOWN_ADMIN_PASSWORD=bench-password dotnet "$dll" serve --urls "http://127.0.0.1:$port" --data-dir "$work" --platform-dir "$work/platform" > "$work/first.log" 2>&1 &
pid=$!
until curl -sf "http://127.0.0.1:$port/healthz" > /dev/null; do sleep 0.5; done
kill $pid; wait $pid || true
echo "== seed $n hashes" >&2
python3 bench/service/seed_bank.py "$work/takedown.db" "$n" "$work/key" "$work/queries"
echo "== start (loads the bank into memory)" >&2
start=$(date +%s.%N)
Logging__LogLevel__Default=Warning dotnet "$dll" serve --urls "http://127.0.0.1:$port" --data-dir "$work" --platform-dir "$work/platform" > "$work/serve.log" 2>&1 &
pid=$!
until curl -sf "http://127.0.0.1:$port/healthz" > /dev/null; do sleep 0.2; done
echo "startup with $n hashes: $(echo "$(date +%s.%N) - $start" | bc) s; RSS $(ps -o rss= -p $pid | awk '{printf "%.0f MB", $1/1024}')"
export TAKEDOWN_KEY=$(cat "$work/key") TAKEDOWN_QUERIES="$work/queries"
python3 - "$work/photo.jpg" <<'PY'
import sys, subprocess
# A 1 MP (1152x864) photo-like JPEG made with ImageMagick's plasma fractal (deterministic seed).
subprocess.check_call(["convert", "-seed", "7", "-size", "1152x864", "plasma:fractal", "-quality", "85", sys.argv[1]])
PY
export TAKEDOWN_JPEG="$work/photo.jpg"
echo "== warm-up" >&2
wrk -t1 -c16 -d5s -s bench/service/check_hash.lua "http://127.0.0.1:$port" > /dev/null
echo "== /check with a PDQ hash, 1 wrk thread, 32 connections, 30 s"
wrk -t1 -c32 -d30s --latency -s bench/service/check_hash.lua "http://127.0.0.1:$port"
echo "== /check with a 1 MP JPEG ($(stat -c %s "$work/photo.jpg") bytes), 1 wrk thread, 8 connections, 30 s"
wrk -t1 -c8 -d30s --latency -s bench/service/check_jpeg.lua "http://127.0.0.1:$port"
kill $pid; wait $pid || true
rm -rf "$work"
