# Sourced by the end-to-end benchmarks (from the repository root).

# publish_cli ART: publishes the CLI as shipped (ReadyToRun) to ART/publish-cli and prints the program's path. A
# `dotnet build` (JIT only) would run the PDQ kernels in tier-0 code until they tier up, which costs a short run up
# to 1.7x the CPU (bench/results/pdq-end-to-end.md, 2026-11-27).
publish_cli() {
  dotnet publish src/Takedown.Cli -c Release --artifacts-path "$1" -o "$1/publish-cli" -nologo -clp:ErrorsOnly >/dev/null || return 1
  echo "$1/publish-cli/takedown"
}

# make_photo_sets DIR REF makes DIR/1mp (54 JPEGs, 1152x864) and DIR/12mp
# (18 JPEGs, 4000x3000), both quality 90, from six of the reference's bridge photos in REF (needs ImageMagick).
make_photo_sets() {
  local dir=$1 ref=$2 n=0 f k
  mkdir -p "$dir/1mp" "$dir/12mp"
  for f in "$ref"/bridge-mods/{aaa-orig,blur-a-little,high-contrast,high-saturation,sharpen-a-little,sharpen-a-lot}.jpg; do
    convert "$f" -resize '1152x864!' -quality 90 "$dir/1mp/src$n.jpg"
    convert "$f" -resize '4000x3000!' -quality 90 "$dir/12mp/src$n.jpg"; n=$((n+1))
  done
  for k in $(seq 0 53); do cp "$dir/1mp/src$((k % 6)).jpg" "$dir/1mp/$(printf %03d "$k").jpg"; done
  for k in $(seq 0 17); do cp "$dir/12mp/src$((k % 6)).jpg" "$dir/12mp/$(printf %03d "$k").jpg"; done
  rm "$dir"/1mp/src*.jpg "$dir"/12mp/src*.jpg
}
