#!/usr/bin/env bash
# Side-by-side matching benchmark: Takedown's flat scan and multi-index hashing against FAISS IndexBinaryFlat and
# IndexBinaryMultiHash (what HMA runs), on the same uniformly random 256-bit hashes with 1,000 planted
# near-duplicates (0..31 bits from the 1,000 queries), radius 31, one query per call. Also: 8-query (dihedral)
# batches, adding 1M hashes to the built index, memory per entry, and loading a bank file. The "mih-1t" rows run
# every search on the calling thread only (HammingIndexOptions.ParallelSearch=false), as the /check service does.
#
# usage: bench/matching/run.sh [DATA_DIR]        (default /tmp/takedown-matching-bench; about 700 MB of data)
# env:   SIZES="100000 1000000 10000000"   FAISS_FLAT_QUERIES=... (FAISS's Debian flat scan is slow; default 50)
#        FAISS_MAX=10000000: FAISS and the bank-file load run only up to this size. Above it (SIZES="... 100000000",
#        3.2 GB of data, ~13 GB of memory for the multi-index run) FAISS's MultiHash would take ~25 minutes to build
#        and the bank load is not a target; Takedown's MIH then runs 200 queries instead of 1,000.
# Writes the raw lines to DATA_DIR/results.txt and a Markdown summary (with a 100k/1M/10M scaling table) to stdout.
# Old build against new build on a loaded machine: bench/matching/compare.sh (CPU time, alternating runs).
set -euo pipefail
cd "$(dirname "$0")/../.."
data=${1:-/tmp/takedown-matching-bench}
sizes=${SIZES:-100000 1000000 10000000}
art=${ARTIFACTS:-/tmp/art-matching-bench}
faiss_flat_queries=${FAISS_FLAT_QUERIES:-50}
faiss_max=${FAISS_MAX:-10000000}
mkdir -p "$data"
dotnet build bench/matching/MatchingBench -c Release --artifacts-path "$art" -nologo -clp:ErrorsOnly >&2
bin="$art/bin/MatchingBench/release/MatchingBench"
py=/usr/bin/python3   # Debian's python3-faiss lives in the system interpreter

{
  echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load before: $(cut -d' ' -f1-3 /proc/loadavg)"
  for n in $sizes; do
    [[ -f $data/hashes-$n.bin ]] || "$bin" gen "$data" "$n"
    h=$data/hashes-$n.bin q=$data/queries-$n.bin
    "$bin" run "$h" "$q" 31 mih $(( n > faiss_max ? 200 : 1000 ))
    (( n > faiss_max )) || "$bin" run "$h" "$q" 31 mih-1t 1000   # one thread per search, as /check runs it
    "$bin" run "$h" "$q" 31 flat 200
    if (( n <= faiss_max )); then
      "$bin" bankload "$h" "$data/bank-$n.tdbank"
      "$py" bench/matching/faiss_bench.py "$h" "$q" 31 mih 200
      "$py" bench/matching/faiss_bench.py "$h" "$q" 31 flat "$faiss_flat_queries"
    fi
  done
  echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$data/results.txt" >&2

"$py" bench/matching/report.py "$data/results.txt"
