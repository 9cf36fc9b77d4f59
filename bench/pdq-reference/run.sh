#!/usr/bin/env bash
# Side-by-side timing of the PDQ hash core: Meta's C++ reference vs Takedown's kernels, same inputs, same run.
#
#   REF_PDQ_DIR=/path/containing/pdq/cpp bench/pdq-reference/run.sh
#
# REF_PDQ_DIR must contain the reference sources as pdq/cpp/{hashing,downscaling,common}/... (facebook/ThreatExchange,
# BSD licence). They are not part of this repository; fetch them yourself. The harness is compiled with the
# flags of the reference Makefile (g++ -std=c++11 -O3). First a CPU-time table (C++ CPU / .NET thread CPU, same
# run, alternating; ROUNDS=2), then BenchmarkDotNet wall-clock means (C++ wall / .NET wall; CPU_ONLY=1 skips it).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
: "${REF_PDQ_DIR:?set REF_PDQ_DIR to a directory containing pdq/cpp from facebook/ThreatExchange}"
# WORK_DIR keeps the builds for reruns; otherwise the temporary directory goes at exit.
work="${WORK_DIR:-$(mktemp -d)}"
[ -n "${WORK_DIR:-}" ] || trap 'rm -rf "$work"' EXIT
artifacts="${ARTIFACTS_PATH:-$work/artifacts}"

src="$REF_PDQ_DIR/pdq/cpp"
g++ -std=c++11 -O3 -I"$REF_PDQ_DIR" -o "$work/pdq-ref-bench" "$here/harness.cpp" \
  "$src/hashing/pdqhashing.cpp" "$src/hashing/torben.cpp" "$src/downscaling/downscaling.cpp" -lm
uptime
echo "== C++ reference (g++ -O3, $(g++ -dumpfullversion)) =="
"$work/pdq-ref-bench" "${BATCHES:-15}" | tee "$work/ref.csv"

# CPU time, side by side: ROUNDS alternations of the C++ harness (median of batches of 20 calls, process CPU)
# and the .NET --cputime mode (median of batches of 20 calls, thread CPU), so both see the same load.
# Ratio = C++ CPU / .NET CPU (medians). CPU_ONLY=1 skips the BenchmarkDotNet wall-clock part below.
dotnet build "$repo/bench/Takedown.Benchmarks" -c Release --artifacts-path "$artifacts" -nologo -clp:ErrorsOnly > /dev/null
bench_dll="$artifacts/bin/Takedown.Benchmarks/release/Takedown.Benchmarks.dll"
: > "$work/cpu-ref.csv"; : > "$work/cpu-dotnet.txt"
for round in $(seq 1 "${ROUNDS:-2}"); do
  echo "== CPU round $round, load $(cut -d' ' -f1-3 /proc/loadavg) =="
  "$work/pdq-ref-bench" "${BATCHES:-15}" | tee -a "$work/cpu-ref.csv"
  dotnet "$bench_dll" --cputime --kernels Vector256,Vector128 --batches "${CPU_BATCHES:-51}" --ops 20 | tee -a "$work/cpu-dotnet.txt"
done
python3 - "$work/cpu-ref.csv" "$work/cpu-dotnet.txt" <<'PY'
import re, statistics, sys
ref = {}
for line in open(sys.argv[1]):
    name, _, cpu, *_ = line.strip().split(",")
    ref.setdefault(name, []).append(float(cpu))
net = {}
for line in open(sys.argv[2]):
    m = re.match(r"(\w+)\s+(\w+)\s+([\d.]+)\s+\[([\d.]+), ([\d.]+) \.\.", line)
    if m:
        net.setdefault((m[1], m[2]), []).append((float(m[3]), float(m[4]), float(m[5])))
print("\n| case | kernel | C++ CPU µs (median per round) | .NET CPU µs median per round [best min, best p10] | C++/.NET (medians) |")
print("|---|---|---:|---:|---:|")
for (case, kernel), runs in net.items():
    c = ref[case]; medians = [r[0] for r in runs]
    ratio = statistics.median(c) / statistics.median(medians)
    print(f"| {case} | {kernel} | {', '.join(f'{x:,.0f}' for x in c)} | {', '.join(f'{x:,.0f}' for x in medians)} "
          f"[{min(r[1] for r in runs):,.0f}, {min(r[2] for r in runs):,.0f}] | **{ratio:.1f}x** |")
PY
[[ "${CPU_ONLY:-0}" == 1 ]] && exit 0

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
