#!/usr/bin/env bash
# End-to-end `takedown hash` throughput and memory, with libjpeg-turbo's own decoder as the native baseline.
# Usage: [BASELINE=old/publish/takedown (or a takedown.dll)] bash bench/pdq-end-to-end/run.sh [ARTIFACTS_DIR]   (from the repository root; needs ImageMagick and
# libjpeg-turbo-progs, both installed by eng/install-prereqs.sh or apt). Generates its inputs under a temp dir.
set -euo pipefail
cd "$(dirname "$0")/../.."
art=${1:-/tmp/art-pdq-e2e}
ref=../shared/reference/pdq/images
work=$(mktemp -d /tmp/pdq-e2e.XXXX)
trap 'rm -rf "$work"' EXIT

. bench/pdq-end-to-end/common.sh
cli=$(publish_cli "$art")
takedown=("$cli")

echo "# machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"

# Inputs: the reference's labelme photos (256x256), and ~1 MP / ~12 MP JPEGs (quality 90) from the bridge photos.
mkdir -p "$work/labelme" "$work/1mp" "$work/12mp" "$work/tiny"
i=0; for r in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31 32 33 34 35 36 37 38 39 40 41 42 43 44 45 46; do
  for f in "$ref"/reg-test-input/labelme-subset/*.jpg; do cp "$f" "$work/labelme/$(printf %04d $i).jpg"; i=$((i+1)); done
done
make_photo_sets "$work" "$ref"
cp "$ref"/reg-test-input/labelme-subset/q0746.jpg "$work/tiny/"

measure() { # measure LABEL ARGS... -> wall s, user+sys s, max RSS KB
  local label=$1; shift
  /usr/bin/time -f "%e %U %S %M" -o "$work/time" "${takedown[@]}" hash "$@" > "$work/out" 2>/dev/null || true
  read -r wall user sys rss < "$work/time"
  echo "$label $wall $(echo "$user + $sys" | bc) $rss $(wc -l < "$work/out")"
}

echo; echo "## takedown hash, both cores (-j 2): label wall_s cpu_s maxrss_kb lines"
measure startup-1-file -j 2 "$work/tiny"
for set in labelme 1mp 12mp; do
  measure "$set-shrink" -j 2 "$work/$set"
  measure "$set-full" -j 2 --full-decode "$work/$set"
done

echo; echo "## small photos at scale: 3,220 labelme files (hard links), both cores; BASELINE=<an older build> adds its rows"
mkdir -p "$work/labelme10"
for r in 0 1 2 3 4 5 6 7 8 9; do for f in "$work"/labelme/*.jpg; do ln "$f" "$work/labelme10/$r-$(basename "$f")"; done; done
for round in 1 2; do
  measure "labelme-3220-run$round" -j 2 "$work/labelme10"
  if [[ -n "${BASELINE:-}" ]]; then
    saved=("${takedown[@]}"); takedown=("$BASELINE"); [[ "$BASELINE" == *.dll ]] && takedown=(dotnet "$BASELINE")
    measure "labelme-3220-run$round-baseline" -j 2 "$work/labelme10"
    takedown=("${saved[@]}")
  fi
done

echo; echo "## native baseline: libjpeg-turbo tjbench decode only, 1 thread (frames/s)"
for f in "$ref"/reg-test-input/labelme-subset/q0746.jpg "$work/1mp/000.jpg" "$work/12mp/000.jpg"; do
  echo "$(basename "$(dirname "$f")")/$(basename "$f"): $(tjbench "$f" -benchtime 3 -warmup 1 -nowrite 2>/dev/null | grep -m1 'Frame rate' | awk '{print $(NF-1)}') fps"
done

echo; echo "## native baseline: djpeg per file (process per image, like the reference's convert), 2 at a time"
for set in labelme 1mp 12mp; do
  start=$(date +%s.%N)
  ls "$work/$set"/*.jpg | xargs -P 2 -n 1 djpeg -outfile /dev/null
  end=$(date +%s.%N)
  echo "$set $(ls "$work/$set"/*.jpg | wc -l) files in $(echo "$end - $start" | bc) s"
done

echo; echo "## memory: one 12 MP JPEG (max RSS KB), shrink-on-load and full decode, versus one 256x256 JPEG"
measure mem-tiny -j 1 "$work/tiny/q0746.jpg"
measure mem-12mp-shrink -j 1 "$work/12mp/000.jpg"
measure mem-12mp-full -j 1 --full-decode "$work/12mp/000.jpg"

echo; echo "## memory growth: 1,000 versus 10,000 files in one process (hard links of the labelme and 1 MP files)"
mkdir -p "$work/many"
files=("$work"/labelme/*.jpg "$work"/1mp/*.jpg)
for k in $(seq 0 9999); do ln "${files[$((k % ${#files[@]}))]}" "$work/many/$(printf %05d $k).jpg"; done
mkdir -p "$work/many1k"; for k in $(seq 0 999); do ln "$work/many/$(printf %05d $k).jpg" "$work/many1k/"; done
measure files-1000 -j 2 "$work/many1k"
measure files-10000 -j 2 "$work/many"
