#!/usr/bin/env bash
# vPDQ throughput, side by side with Meta's C++ reference (vpdq-hash-video) in the same run, on the same files:
#   * every frame (-r 0 / --seconds-per-hash 0) on a ~20 s 480x720 clip and a ~20 s 1280x720 clip (the shipped
#     samples looped with FFmpeg, so start-up does not dominate);
#   * one hash per second (-r 1 / --seconds-per-hash 1) on a generated 10-minute 1280x720 video;
#   * FFmpeg alone on each file (decode + RGB conversion for the every-frame clips, decode only for the long video):
#     the floor either tool can reach.
# Each case runs ROUNDS times, alternating the tools; the table shows medians of wall time and of CPU time
# (user + sys of the process and the children it waits for, e.g. Takedown's FFmpeg), frames/s, the real-time factor
# and the ratio Takedown / reference (> 1 means Takedown is faster).
#
# Usage (from anywhere; ~10-15 minutes on an idle 2-core machine, plus a one-off ~5-10 minute encode of the long video):
#   REF_VPDQ_BIN=/tmp/ref-vpdq/vpdq-hash-video bash bench/video/run.sh
# Environment: REF_VPDQ_BIN (required), ROUNDS (default 3), LONG_ROUNDS (rounds of the 10-minute case, default ROUNDS), WORK (default /tmp/video-bench; generated clips and
# outputs, never committed), ARTIFACTS (default /tmp/art-video-bench; the published Release CLI, ReadyToRun as shipped),
# TAKEDOWN_BENCH_LONG_VIDEO (default /tmp/video-bench-10min-720p.mp4), TAKEDOWN_BIN (an already built takedown
# executable: skips the build), TAKEDOWN_OLD_BIN (optional: an earlier takedown executable measured in the same run,
# e.g. published from `git worktree add /tmp/video-old COMMIT`; adds "old" columns), CASES (space-separated subset of:
# sd hd long warm; default sd hd long). `warm`: five copies of the 480x720 clip hashed in ONE Takedown process
# (`-j 1`, one after the other, as the long-running service hashes uploads: runtime start-up and JIT paid once)
# against five runs of the reference; its row counts all five videos.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd)

ref=${REF_VPDQ_BIN:?set REF_VPDQ_BIN to Meta\'s built vpdq-hash-video (see bench/results/video.md)}
[[ -x $ref ]] || { echo "REF_VPDQ_BIN=$ref is not an executable" >&2; exit 1; }
rounds=${ROUNDS:-3}
long_rounds=${LONG_ROUNDS:-$rounds}
work=${WORK:-/tmp/video-bench}
artifacts=${ARTIFACTS:-/tmp/art-video-bench}
long=${TAKEDOWN_BENCH_LONG_VIDEO:-/tmp/video-bench-10min-720p.mp4}
samples=$repo/../shared/reference/vpdq/videos
[[ -d $samples ]] || { echo "missing $samples (the shared vPDQ reference data)" >&2; exit 1; }
mkdir -p "$work"

if [[ -n ${TAKEDOWN_BIN:-} ]]; then
  takedown=$TAKEDOWN_BIN
else
  echo "== Publishing the Release CLI into $artifacts/publish-cli" >&2
  dotnet publish src/Takedown.Cli -c Release -o "$artifacts/publish-cli" --artifacts-path "$artifacts" -nologo -clp:ErrorsOnly >&2
  takedown=$artifacts/publish-cli/takedown
fi

# ~20 s clips: the shipped samples looped and re-encoded (x264, near-lossless) so timestamps run straight through.
clip() { # name source loops
  local out=$work/$1.mp4
  if [[ ! -s $out ]]; then
    ffmpeg -nostdin -v error -y -stream_loop "$3" -i "$samples/$2" -t 20 -an -c:v libx264 -preset veryfast -crf 16 \
      -pix_fmt yuv420p "$out"
  fi
  echo "$out"
}
sd=$(clip sd-480x720-20s chair-19-sd-bar.mp4 1)
hd=$(clip hd-1280x720-20s doorknob-hd-no-bar.mp4 4)
if [[ " ${CASES:-sd hd long} " == *" long "* && ! -s $long ]]; then
  echo "Generating $long (10 min, 1280x720, 30 fps, testsrc2, x264 veryfast)..." >&2
  ffmpeg -nostdin -v error -y -f lavfi -i "testsrc2=s=1280x720:r=30:d=600" \
    -c:v libx264 -preset veryfast -pix_fmt yuv420p "$long"
fi

frames_of() { ffprobe -v error -select_streams v:0 -count_packets -show_entries stream=nb_read_packets -of csv=p=0 "$1"; }
seconds_of() { ffprobe -v error -show_entries format=duration -of csv=p=0 "$1"; }

results=$work/times.tsv
: > "$results"
# measure CASE TOOL COMMAND...: appends "case tool wall cpu" (seconds) to $results.
measure() {
  local case=$1 tool=$2; shift 2
  local t=$work/time.txt
  /usr/bin/time -f "%e %U %S" -o "$t" "$@" > "$work/out-$case-$tool.txt" 2> "$work/err-$case-$tool.txt" \
    || { echo "$tool failed on $case:" >&2; cat "$work/err-$case-$tool.txt" >&2; exit 1; }
  read -r wall user sys < "$t"
  echo -e "$case\t$tool\t$wall\t$(echo "$user + $sys" | bc)" >> "$results"
}

run_case() { # case file seconds-per-hash rounds ffmpeg-floor-args...
  local case=$1 file=$2 sph=$3 rounds=$4; shift 4
  for ((r = 1; r <= rounds; r++)); do
    echo "== $case round $r/$rounds (load: $(cut -d' ' -f1-3 /proc/loadavg))" >&2
    if (( r % 2 )); then
      measure "$case" reference "$ref" -r "$sph" -i "$file" -o "$work/ref-$case.txt"
      measure "$case" takedown "$takedown" hash --seconds-per-hash "$sph" "$file"
    else
      measure "$case" takedown "$takedown" hash --seconds-per-hash "$sph" "$file"
      measure "$case" reference "$ref" -r "$sph" -i "$file" -o "$work/ref-$case.txt"
    fi
    [[ -z ${TAKEDOWN_OLD_BIN:-} ]] || measure "$case" old "$TAKEDOWN_OLD_BIN" hash --seconds-per-hash "$sph" "$file"
    measure "$case" ffmpeg ffmpeg -nostdin -v error -i "$file" -an "$@" -f null -
  done
  # Both tools must have hashed the same frames.
  local a b
  a=$(wc -l < "$work/ref-$case.txt"); b=$(wc -l < "$work/out-$case-takedown.txt")
  [[ $a == "$b" ]] || { echo "$case: reference hashed $a frames, Takedown $b" >&2; exit 1; }
  if [[ -n ${TAKEDOWN_OLD_BIN:-} ]]; then
    cmp -s "$work/out-$case-old.txt" "$work/out-$case-takedown.txt" || { echo "$case: old and new Takedown output differ" >&2; exit 1; }
  fi
  echo -e "$case\t$file\t$sph\t$a\t1" >> "$work/cases.tsv"
}

run_warm_case() { # rounds: five hard links of the 480x720 clip (distinct paths, same bytes)
  local case=warm-5x-every-frame-480x720 rounds=$1 copies=() k r
  for ((k = 1; k <= 5; k++)); do ln -f "$sd" "$work/sd-copy$k.mp4"; copies+=("$work/sd-copy$k.mp4"); done
  # shellcheck disable=SC2016 # expanded by the inner bash
  local refloop='ref=$1; out=$2; shift 2; : > "$out"; for f in "$@"; do "$ref" -r 0 -i "$f" -o "$out.one"; cat "$out.one" >> "$out"; done'
  for ((r = 1; r <= rounds; r++)); do
    echo "== $case round $r/$rounds (load: $(cut -d' ' -f1-3 /proc/loadavg))" >&2
    measure "$case" reference bash -c "$refloop" refloop "$ref" "$work/ref-$case.txt" "${copies[@]}"
    measure "$case" takedown "$takedown" hash -j 1 --seconds-per-hash 0 "${copies[@]}"
    [[ -z ${TAKEDOWN_OLD_BIN:-} ]] || measure "$case" old "$TAKEDOWN_OLD_BIN" hash -j 1 --seconds-per-hash 0 "${copies[@]}"
    measure "$case" ffmpeg bash -c 'for f in "$@"; do ffmpeg -nostdin -v error -i "$f" -an -sws_flags area -pix_fmt rgb24 -f null - || exit 1; done' ffloop "${copies[@]}"
  done
  local a b
  a=$(wc -l < "$work/ref-$case.txt"); b=$(wc -l < "$work/out-$case-takedown.txt")
  [[ $a == "$b" ]] || { echo "$case: reference hashed $a frames, Takedown $b" >&2; exit 1; }
  echo -e "$case\t$sd\t0\t$a\t5" >> "$work/cases.tsv"
}

: > "$work/cases.tsv"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
cases=" ${CASES:-sd hd long} "
[[ $cases != *" sd "* ]] || run_case "every-frame-480x720" "$sd" 0 "$rounds" -sws_flags area -pix_fmt rgb24
[[ $cases != *" hd "* ]] || run_case "every-frame-1280x720" "$hd" 0 "$rounds" -sws_flags area -pix_fmt rgb24
[[ $cases != *" long "* ]] || run_case "1-per-second-10min-1280x720" "$long" 1 "$long_rounds"
[[ $cases != *" warm "* ]] || run_warm_case "$rounds"
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
stat() { awk -F'\t' -v c="$1" -v t="$2" -v col="$3" '$1 == c && $2 == t { print $col }' "$results" | median; }

echo
echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); $(ffmpeg -version | head -1 | cut -d' ' -f1-3); .NET $(dotnet --version)."
echo "Load average (1/5/15 min) before: $load_before; after: $load_after. Medians of $rounds rounds ($long_rounds for the 10-minute video)."
echo
echo "| case | frames hashed | video s | reference wall s | reference frames/s | Takedown wall s | Takedown frames/s | Takedown x real time | **ratio (wall)** | reference CPU s | Takedown CPU s | **ratio (CPU)** | FFmpeg alone wall s (x real time) |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
while IFS=$'\t' read -r case file sph hashed copies; do
  frames=$(( $(frames_of "$file") * copies )); secs=$(echo "$(seconds_of "$file") * $copies" | bc)
  rw=$(stat "$case" reference 3); tw=$(stat "$case" takedown 3); fw=$(stat "$case" ffmpeg 3)
  rc=$(stat "$case" reference 4); tc=$(stat "$case" takedown 4)
  awk -v c="$case" -v n="$hashed" -v f="$frames" -v s="$secs" -v rw="$rw" -v tw="$tw" -v fw="$fw" -v rc="$rc" -v tc="$tc" 'BEGIN {
    # frames/s counts decoded frames (every frame is decoded in both modes).
    printf "| %s | %d of %d | %.1f | %.2f | %.0f | %.2f | %.0f | %.1fx | **%.2fx** | %.2f | %.2f | **%.2fx** | %.2f (%.1fx) |\n",
      c, n, f, s, rw, f / rw, tw, f / tw, s / tw, rw / tw, rc, tc, rc / tc, fw, s / fw }'
done < "$work/cases.tsv"
if [[ -n ${TAKEDOWN_OLD_BIN:-} ]]; then
  echo
  echo "Takedown before and after, same run ($TAKEDOWN_OLD_BIN vs $takedown):"
  echo
  echo "| case | old wall s | new wall s | **new/old speed-up (wall)** | old CPU s | new CPU s | **speed-up (CPU)** | new vs reference (wall) | new vs reference (CPU) |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
  while IFS=$'\t' read -r case file sph hashed copies; do
    ow=$(stat "$case" old 3); tw=$(stat "$case" takedown 3); oc=$(stat "$case" old 4); tc=$(stat "$case" takedown 4)
    rw=$(stat "$case" reference 3); rc=$(stat "$case" reference 4)
    awk -v c="$case" -v ow="$ow" -v tw="$tw" -v oc="$oc" -v tc="$tc" -v rw="$rw" -v rc="$rc" 'BEGIN {
      printf "| %s | %.2f | %.2f | **%.2fx** | %.2f | %.2f | **%.2fx** | %.2fx | %.2fx |\n", c, ow, tw, ow / tw, oc, tc, oc / tc, rw / tw, rc / tc }'
  done < "$work/cases.tsv"
fi
echo
echo "Raw timings (wall s, CPU s per run): $results"
