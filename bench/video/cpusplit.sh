#!/usr/bin/env bash
# CPU time of one command split by process: FFmpeg, ffprobe and everything else (the .NET process), from perf's
# cpu-clock samples at 1 kHz (one sample = 1 ms of CPU). Used for bench/results/video.md's per-process table, e.g.:
#   bash bench/video/cpusplit.sh new /tmp/td-new/takedown hash --seconds-per-hash 0 /tmp/video-bench/sd-480x720-20s.mp4
#   DOTNET_TieredPGO=0 bash bench/video/cpusplit.sh no-pgo /tmp/td-new/takedown hash --seconds-per-hash 0 FILE
# Needs `perf` (linux-perf). Prints: LABEL  ffmpeg MS  ffprobe MS  other MS  total MS.
set -euo pipefail
label=$1; shift
data=$(mktemp /tmp/cpusplit.XXXXXX.data)
trap 'rm -f "$data"' EXIT
perf record -q -e cpu-clock -F 1000 -o "$data" -- "$@" > /dev/null 2> /dev/null
perf report -i "$data" --sort comm -q -F sample,comm 2> /dev/null | awk -v l="$label" '
  { n = $1; $1 = ""; c = $0; gsub(/^ +| +$/, "", c)
    if (c == "ffmpeg") f += n; else if (c == "ffprobe") p += n; else r += n }
  END { printf "%s\tffmpeg %d\tffprobe %d\tother %d\ttotal %d ms\n", l, f, p, r, f + p + r }'
