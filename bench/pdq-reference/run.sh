#!/usr/bin/env bash
# Side-by-side timing of the PDQ hash core: Meta's C++ reference vs Takedown's kernels, same inputs, same run.
#
#   REF_PDQ_DIR=/path/containing/pdq/cpp bench/pdq-reference/run.sh
#
# REF_PDQ_DIR must contain the reference sources as pdq/cpp/{hashing,downscaling,common}/... (facebook/ThreatExchange,
# BSD licence). They are not part of this repository; fetch them yourself. The harness is compiled with the
# flags of the reference Makefile (g++ -std=c++11 -O3). Ratios are C++ wall time / .NET wall time (mean).
# The harness also prints its CPU time (third column of ref.csv).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
: "${REF_PDQ_DIR:?set REF_PDQ_DIR to a directory containing pdq/cpp from facebook/ThreatExchange}"
work="${WORK_DIR:-$(mktemp -d)}"
artifacts="${ARTIFACTS_PATH:-$work/artifacts}"

src="$REF_PDQ_DIR/pdq/cpp"
g++ -std=c++11 -O3 -I"$REF_PDQ_DIR" -o "$work/pdq-ref-bench" "$here/harness.cpp" \
  "$src/hashing/pdqhashing.cpp" "$src/hashing/torben.cpp" "$src/downscaling/downscaling.cpp" -lm
uptime
echo "== C++ reference (g++ -O3, $(g++ -dumpfullversion)) =="
"$work/pdq-ref-bench" "${BATCHES:-15}" | tee "$work/ref.csv"

echo "== .NET (BenchmarkDotNet, in-process, ShortRun) =="
(cd "$work" && dotnet run -c Release --project "$repo/bench/Takedown.Benchmarks" --artifacts-path "$artifacts" -- \
  --filter '*PdqCoreBenchmark*' --exporters csv > "$work/dotnet.log")
grep -E '^\|' "$work/dotnet.log" || true
csv="$(ls -t "$work"/BenchmarkDotNet.Artifacts/results/*PdqCoreBenchmark*-report.csv | head -1)"

python3 - "$work/ref.csv" "$csv" <<'PY'
import csv, sys
ref = {row[0]: float(row[1]) for row in csv.reader(open(sys.argv[1]))}  # wall-clock, as BenchmarkDotNet
names = {"512x512 RGB -> hash + quality": "hash512", "512x512 RGB -> 8 dihedral hashes": "dihedral512",
         "1280x720 float luma -> hash (vPDQ frame)": "luma720p"}
units = {"ns": 1e-3, "μs": 1.0, "us": 1.0, "ms": 1e3, "s": 1e6}
print("\nwall-clock means; check the load average: on a busy machine both sides are inflated unevenly")
print("case         kernel      .NET µs   C++ µs   C++/.NET")
for row in csv.DictReader(open(sys.argv[2])):
    name = names.get(row["Method"].strip("'"))
    if name is None:
        continue
    value, unit = row["Mean"].replace(",", "").split()
    us = float(value) * units[unit]
    print(f"{name:12} {row['Variant']:10} {us:9.1f} {ref[name]:8.1f} {ref[name] / us:8.1f}x   alloc {row.get('Allocated', '?')}")
PY
