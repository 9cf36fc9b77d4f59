#!/usr/bin/env bash
# Where the .NET process's CPU goes in one `takedown hash` run, from perf's cpu-clock samples (1 kHz: 1 sample =
# 1 ms of CPU), by category: JIT (the JIT library on any thread plus the tiered-compilation thread), managed code
# (perf map: PDQ kernel vs everything else, split by tier), the kernel side of the frame reader thread (pipe reads),
# the runtime (libcoreclr: GC, type loading, thread pool), start-up (dynamic loader, host), FFmpeg and ffprobe.
# Needs `perf` (linux-perf). Example:
#   bash bench/video/netsplit.sh default /tmp/td/takedown hash --seconds-per-hash 0 /tmp/video-bench/sd-480x720-20s.mp4
#   DOTNET_TieredCompilation=0 bash bench/video/netsplit.sh tc0 /tmp/td/takedown hash --seconds-per-hash 0 FILE
# Prints one tab-separated line: LABEL then name=MS pairs.
set -euo pipefail
label=$1; shift
data=$(mktemp /tmp/netsplit.XXXXXX.data)
trap 'rm -f "$data"' EXIT
DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 perf record -q -e cpu-clock -F 1000 -o "$data" -- "$@" > /dev/null 2> /dev/null
perf report -i "$data" -q -F sample,comm,dso,sym --sort comm,dso,sym 2> /dev/null | awk -v l="$label" -F'  +' '
  { n = $2 + 0; comm = $3; dso = $4; sym = $5
    if (comm ~ /^ffmpeg/) c = "ffmpeg"
    else if (comm ~ /^ffprobe/) c = "ffprobe"
    else if (comm ~ /Tiered Com/ || dso ~ /libclrjit/) c = "jit"
    else if (sym ~ /Pdq/ && sym ~ /QuickJitted|Instrumented|OSR/) c = "pdq-tier0/instr"
    else if (sym ~ /Pdq/) c = "pdq-optimized"
    else if (dso ~ /JIT\]|memfd|\.dll/) c = "managed-other"
    else if (comm ~ /Long Runni/ && dso ~ /kernel/) c = "reader-kernel"
    else if (dso ~ /kernel/) c = "kernel-other"
    else if (dso ~ /libcoreclr/) c = "runtime"
    else if (dso ~ /ld-linux|libhostfxr|libhostpolicy/) c = "loader"
    else c = "native-other"
    t[c] += n; total += n }
  END { printf "%s", l; split("ffmpeg ffprobe jit pdq-tier0/instr pdq-optimized managed-other reader-kernel kernel-other runtime loader native-other", k, " ")
        for (i = 1; i <= 11; i++) printf "\t%s=%d", k[i], t[k[i]]; printf "\ttotal=%d\n", total }'
