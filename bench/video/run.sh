#!/usr/bin/env bash
# vPDQ throughput: every-frame hashing of the sample videos (and FFmpeg's decode alone, the floor), then
# one hash per second on a 10-minute 720p video generated here into /tmp (never committed).
# Usage: bash bench/video/run.sh   (from the repository root; takes ~10-20 minutes on 2 cores, most of it the encode)
set -euo pipefail
cd "$(dirname "$0")/../.."

artifacts=${ARTIFACTS:-/tmp/art-video-bench}
long=${TAKEDOWN_BENCH_LONG_VIDEO:-/tmp/video-bench-10min-720p.mp4}

if [[ ! -s $long ]]; then
  echo "Generating $long (10 min, 1280x720, 30 fps, testsrc2, x264 veryfast)..." >&2
  ffmpeg -nostdin -v error -y -f lavfi -i "testsrc2=s=1280x720:r=30:d=600" \
    -c:v libx264 -preset veryfast -pix_fmt yuv420p "$long"
fi

echo "== FFmpeg decode of the long video alone (every frame decoded, nothing converted or piped)" >&2
/usr/bin/time -f "decode-only %e s" ffmpeg -nostdin -v error -i "$long" -f null -
uptime >&2

dotnet build bench/Takedown.Benchmarks -c Release --artifacts-path "$artifacts" -nologo -clp:ErrorsOnly
bin="$artifacts/bin/Takedown.Benchmarks/release/Takedown.Benchmarks.dll"
export TAKEDOWN_BENCH_LONG_VIDEO=$long
# In-process: BenchmarkDotNet's generated-project build times out on a busy 2-core machine.
dotnet "$bin" --inProcess --filter '*VideoHashBenchmark*' '*LongVideoBenchmark*' --artifacts /tmp/video-bench-results "$@"
echo "Reports: /tmp/video-bench-results/results/*-report-github.md" >&2
