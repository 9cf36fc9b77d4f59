#!/usr/bin/env bash
# Old build against new build, side by side on the same data and the same (possibly loaded) machine: builds this
# tree's MatchingBench driver against the library of OLD_CHECKOUT and against this tree, runs the two alternately
# ROUNDS times per size and strategy, and prints a Markdown table of the median figures.
#
# usage: bench/matching/compare.sh OLD_CHECKOUT [DATA_DIR]
#        e.g.  git worktree add --detach /tmp/matching-old <commit>; bench/matching/compare.sh /tmp/matching-old
# env:   SIZES="1000000 10000000"  ROUNDS=2  STRATEGIES="mih-1t mih flat"  FLAT_QUERIES=200
#        (mih-1t: every search on one thread, as the /check service runs it)
# Data files are generated as bench/matching/run.sh does (same DATA_DIR default).
set -euo pipefail
cd "$(dirname "$0")/../.."
old=$(cd "$1" && pwd)
data=${2:-/tmp/takedown-matching-bench}
sizes=${SIZES:-1000000 10000000}
rounds=${ROUNDS:-2}
strategies=${STRATEGIES:-mih-1t mih flat}
flat_queries=${FLAT_QUERIES:-200}
mkdir -p "$data"

# The old checkout gets this tree's driver (it sets internals through reflection where they may be missing).
cp bench/matching/MatchingBench/*.cs bench/matching/MatchingBench/MatchingBench.csproj "$old/bench/matching/MatchingBench/"
grep -q 'InternalsVisibleTo Include="MatchingBench"' "$old/src/Takedown.Matching/Takedown.Matching.csproj" ||
  sed -i 's|<InternalsVisibleTo Include="Takedown.Benchmarks" />|&\n    <InternalsVisibleTo Include="MatchingBench" />|' "$old/src/Takedown.Matching/Takedown.Matching.csproj"
dotnet build "$old/bench/matching/MatchingBench" -c Release --artifacts-path /tmp/art-matching-compare-old -nologo -clp:ErrorsOnly >&2
dotnet build bench/matching/MatchingBench -c Release --artifacts-path /tmp/art-matching-compare-new -nologo -clp:ErrorsOnly >&2
declare -A bin=([old]=/tmp/art-matching-compare-old/bin/MatchingBench/release/MatchingBench
                [new]=/tmp/art-matching-compare-new/bin/MatchingBench/release/MatchingBench)

out=$data/compare.txt
: > "$out"
echo "- old: $(git -C "$old" log --oneline -1 | cut -c1-80); new: $(git log --oneline -1 | cut -c1-80) plus uncommitted changes, if any"
echo "- machine: $(nproc) cores, load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for n in $sizes; do
  [[ -f $data/hashes-$n.bin ]] || "${bin[new]}" gen "$data" "$n"
  for strategy in $strategies; do
    limit=1000; [[ $strategy == flat* ]] && limit=$flat_queries
    for r in $(seq "$rounds"); do
      for build in old new; do
        "${bin[$build]}" run "$data/hashes-$n.bin" "$data/queries-$n.bin" 31 "$strategy" "$limit" | sed "s/^/$build /" >> "$out"
      done
    done
  done
done
echo "- load after: $(cut -d' ' -f1-3 /proc/loadavg); $rounds alternating rounds, medians"
echo
python3 - "$out" <<'PY'
import sys, statistics
from collections import defaultdict
rows = defaultdict(lambda: defaultdict(list))
for line in open(sys.argv[1]):
    p = line.split()
    build, what = p[0], p[2]
    kv = dict(x.split("=", 1) for x in p[3:])
    key = (int(kv.pop("n")), kv.pop("strategy"))
    for k, v in kv.items():
        rows[key][f"{build}.{what}.{k}"].append(float(v))
med = lambda r, k: statistics.median(r[k]) if r.get(k) else float("nan")
cols = [("query.p50_ms", "p50 ms"), ("query.p10_ms", "p10 ms"), ("query.cpu_p50_ms", "caller CPU p50 ms"),
        ("query.cpu_all_threads_mean_ms", "CPU ms/query, all threads"), ("dihedral.ratio_p50", "8-query / single, p50"),
        ("dihedral.ratio_cpu", "8-query / single, CPU"), ("build.seconds", "build s"), ("add.seconds", "add s"),
        ("build.bytes_per_entry", "B/entry")]
print("| N | strategy | figure | old | new | old / new |")
print("|---|---|---|---|---|---|")
for (n, strategy), r in sorted(rows.items()):
    for key, label in cols:
        o, w = med(r, "old." + key), med(r, "new." + key)
        print(f"| {n:,} | {strategy} | {label} | {o:.3f} | {w:.3f} | {o / w:.2f}x |" if w else f"| {n:,} | {strategy} | {label} | {o:.3f} | {w:.3f} | |")
PY
