#!/usr/bin/env bash
# End to end against Meta's own tools, same files, same run: `takedown hash -j 2` against the reference
# `pdq-photo-hasher` (two processes, one per core, each given half of the files) and `benchmark-photo-hasher` (its
# own split of read and hash seconds, one core). Then the hashes of both sides are compared file by file.
#
#   REF_PDQ_DIR=/path/containing/pdq/cpp bash bench/pdq-end-to-end/reference.sh [ARTIFACTS_DIR]   (ROUNDS=2, SETS="labelme 1mp 12mp")
#
# REF_PDQ_DIR must hold the reference sources as pdq/cpp/{common,hashing,downscaling,io,bin}/... (facebook/
# ThreatExchange, BSD licence; not part of this repository: fetch them yourself). The tools are built here with g++ -O3
# as the reference Makefile does, with -std=c++17 (benchmark-photo-hasher uses <filesystem>). CImg.h comes from
# pdq/cpp/CImg.h, or else from Debian's cimg-dev. The reference decodes through CImg, which runs ImageMagick's
# `convert` once per file; /usr/bin comes first on PATH so that the real program runs, not a wrapper.
# Needs: g++, ImageMagick, bc, and CImg (`apt-get install --no-install-recommends cimg-dev`: with its recommends it pulls
# in about a gigabyte of Qt and X libraries).
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${REF_PDQ_DIR:?set REF_PDQ_DIR to a directory containing pdq/cpp from facebook/ThreatExchange}"
art=${1:-/tmp/art-pdq-e2e}
rounds=${ROUNDS:-2}
sets=${SETS:-labelme 1mp 12mp}
ref=../shared/reference/pdq/images
src="$REF_PDQ_DIR/pdq/cpp"
work=$(mktemp -d /tmp/pdq-e2e-ref.XXXX)
trap 'rm -rf "$work"' EXIT

cimg_include=/usr/include
[[ -f "$src/CImg.h" ]] && cimg_include="$src"
[[ -f "$cimg_include/CImg.h" ]] || { echo "no CImg.h: put it in $src or install cimg-dev" >&2; exit 1; }
libs=("$src/common/pdqhashtypes.cpp" "$src/hashing/pdqhashing.cpp" "$src/hashing/torben.cpp" "$src/downscaling/downscaling.cpp" "$src/io/pdqio.cpp")
for tool in pdq-photo-hasher benchmark-photo-hasher; do
  g++ -std=c++17 -O3 -I"$REF_PDQ_DIR" -I"$cimg_include" -o "$work/$tool" "$src/bin/$tool.cpp" "${libs[@]}" -lm -lpthread
done
. bench/pdq-end-to-end/common.sh
cli=$(publish_cli "$art")
takedown=("$cli")

echo "# machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); g++ $(g++ -dumpfullversion); CImg $(sed -n 's/^#define cimg_version \([0-9]*\).*/\1/p' "$cimg_include/CImg.h"); $(PATH=/usr/bin:$PATH convert -version | head -1)"

# Inputs as in run.sh: the reference's 7 labelme photos (256x256) linked 460 times (3,220 files, the README's row),
# and 1 MP / 12 MP JPEGs (quality 90).
# Hard links, not symbolic ones: benchmark-photo-hasher takes regular files only.
mkdir -p "$work/labelme" "$work/labelme7" "$work/1mp" "$work/12mp"
cp "$ref"/reg-test-input/labelme-subset/*.jpg "$work/labelme7/"
for r in $(seq 1 460); do
  for f in "$work"/labelme7/*.jpg; do ln "$f" "$work/labelme/$r-$(basename "$f")"; done
done
make_photo_sets "$work" "$ref"

wall() { # wall seconds of a command, its output to $work/out
  local t0 t1; t0=$(date +%s.%N); "$@" > "$work/out" 2>/dev/null || true; t1=$(date +%s.%N); echo "$t1 - $t0" | bc
}
reference_two_cores() { # the reference tool, one process per core, half of the files each
  local files=("$1"/*.jpg) half
  half=$(( (${#files[@]} + 1) / 2 ))
  PATH=/usr/bin:$PATH "$work/pdq-photo-hasher" "${files[@]:0:$half}" > "$work/ref-a" &
  PATH=/usr/bin:$PATH "$work/pdq-photo-hasher" "${files[@]:$half}" > "$work/ref-b"
  wait
  cat "$work/ref-a" "$work/ref-b"
}

echo
echo "| set | files | round | takedown hash -j 2, wall s | photos/s | pdq-photo-hasher x 2, wall s | photos/s | ratio |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
for set in $sets; do
  count=$(ls "$work/$set" | wc -l)
  for round in $(seq 1 "$rounds"); do
    ours=$(wall "${takedown[@]}" hash -j 2 "$work/$set"); cp "$work/out" "$work/ours-$set.csv"
    theirs=$(wall reference_two_cores "$work/$set"); cp "$work/out" "$work/ref-$set.csv"
    printf '| %s | %d | %d | %.2f | %.0f | %.2f | %.1f | **%.1fx** |\n' "$set" "$count" "$round" "$ours" "$(echo "$count / $ours" | bc -l)" \
      "$theirs" "$(echo "$count / $theirs" | bc -l)" "$(echo "$theirs / $ours" | bc -l)"
  done
done

echo
echo "## benchmark-photo-hasher (one core): its own read (CImg + ImageMagick decode) and hash seconds"
echo "| set | files | read s | hash s | hash-only photos/s, one core | end-to-end photos/s, one core |"
echo "| --- | ---: | ---: | ---: | ---: | ---: |"
for set in $sets; do
  PATH=/usr/bin:$PATH "$work/benchmark-photo-hasher" "$work/$set" > "$work/bench-$set.txt" 2>/dev/null
  read_s=$(sed -n 's/^PHOTO READ SECONDS: *//p' "$work/bench-$set.txt")
  hash_s=$(sed -n 's/^PHOTO HASHING SECONDS: *//p' "$work/bench-$set.txt")
  count=$(sed -n 's/^PHOTO COUNT: *//p' "$work/bench-$set.txt")
  printf '| %s | %d | %.3f | %.3f | %.0f | %.1f |\n' "$set" "$count" "$read_s" "$hash_s" "$(echo "$count / $hash_s" | bc -l)" "$(echo "$count / ($read_s + $hash_s)" | bc -l)"
done

echo
echo "## agreement: per file, Hamming distance between takedown's hash and the reference tool's (same file)"
for set in $sets; do
  python3 - "$work/ours-$set.csv" "$work/ref-$set.csv" "$set" <<'PY'
import sys, os
def load(path):
    rows = {}
    for line in open(path):
        parts = line.strip().split(',')
        if len(parts) >= 3 and len(parts[0]) == 64:
            rows[os.path.basename(parts[2])] = (int(parts[0], 16), int(parts[1]))
    return rows
ours, theirs = load(sys.argv[1]), load(sys.argv[2])
common = sorted(set(ours) & set(theirs))
d = [bin(ours[f][0] ^ theirs[f][0]).count('1') for f in common]
q80 = [x for f, x in zip(common, d) if theirs[f][1] >= 80]
print(f"{sys.argv[3]}: {len(common)} files compared ({len(ours)} ours, {len(theirs)} reference); identical {d.count(0)}; "
      f"worst distance {max(d) if d else '-'}; reference quality >= 80: {len(q80)} files, worst {max(q80) if q80 else '-'}")
PY
done
