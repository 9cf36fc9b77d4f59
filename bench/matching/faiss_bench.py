#!/usr/bin/python3
"""FAISS side of bench/matching/run.sh: the indexes HMA / python-threatexchange use, on the same data files.

usage: faiss_bench.py HASHES QUERIES RADIUS flat|mih [QUERY_LIMIT]
IndexBinaryFlat, and IndexBinaryMultiHash(256, 16, 16) with nflip = radius // 16 (python-threatexchange's
PDQMultiHashIndex); range_search with radius + 1 because FAISS tests dis < radius. One query per call, as a
re-upload check runs. Prints lines in the same key=value form as MatchingBench.
"""
import sys
import time

import faiss
import numpy as np


def main():
    hashes_path, queries_path, radius, strategy = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    limit = int(sys.argv[5]) if len(sys.argv) > 5 else 1 << 30
    data = np.fromfile(hashes_path, dtype=np.uint8).reshape(-1, 32)
    queries = np.fromfile(queries_path, dtype=np.uint8).reshape(-1, 32)[:limit]
    n = data.shape[0]

    start = time.perf_counter()
    if strategy == "flat":
        index = faiss.IndexBinaryFlat(256)
    else:
        index = faiss.IndexBinaryMultiHash(256, 16, 16)
        index.nflip = radius // 16
    index.add(data)
    build = time.perf_counter() - start
    print(f"faiss build strategy={strategy} n={n} seconds={build:.6f}")

    for i in range(min(5, len(queries))):
        index.range_search(queries[i:i + 1], radius + 1)

    matches = 0
    id_sum = 0
    times = []
    total = time.perf_counter()
    for i in range(len(queries)):
        t = time.perf_counter()
        lims, distances, ids = index.range_search(queries[i:i + 1], radius + 1)
        times.append((time.perf_counter() - t) * 1000)
        matches += int(lims[-1])
        id_sum += int(ids.sum())
    total = (time.perf_counter() - total) * 1000
    times.sort()
    mean = total / len(queries)
    print(f"faiss query strategy={strategy} n={n} queries={len(queries)} mean_ms={mean:.6f} "
          f"p50_ms={times[len(times) // 2]:.6f} p99_ms={times[int(len(times) * 0.99)]:.6f} qps={1000 / mean:.6f} "
          f"matches={matches} id_sum={id_sum}")


if __name__ == "__main__":
    main()
