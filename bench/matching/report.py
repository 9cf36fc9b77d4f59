#!/usr/bin/python3
"""Turns bench/matching/run.sh's key=value lines into the Markdown tables of bench/results/matching.md."""
import sys
from collections import defaultdict


def parse(path):
    rows = defaultdict(dict)
    notes = []
    for line in open(path, encoding="utf-8"):
        parts = line.split()
        if len(parts) < 3 or parts[0] not in ("csharp", "faiss"):
            notes.append(line.strip())
            continue
        engine, what = parts[0], parts[1]
        kv = dict(p.split("=", 1) for p in parts[2:])
        key = (engine, kv.pop("strategy"), int(kv.pop("n")))
        rows[key].update({f"{what}.{k}": float(v) for k, v in kv.items()})
    return rows, notes


def main():
    rows, notes = parse(sys.argv[1])
    sizes = sorted({n for (_, _, n) in rows})
    fmt = lambda v, d=3: "n/a" if v is None else f"{v:.{d}f}"
    for note in notes:
        print(f"- {note}")
    print()
    print("| N | Takedown MIH ms | FAISS MultiHash ms | ratio | Takedown flat ms | flat GB/s (32 B/hash equiv.) | FAISS flat ms | ratio | Takedown flat = FAISS MultiHash results (same 200 queries) |")
    print("|---|---|---|---|---|---|---|---|---|")
    for n in sizes:
        tm = rows.get(("csharp", "mih", n), {})
        fm = rows.get(("faiss", "mih", n), {})
        tf = rows.get(("csharp", "flat", n), {})
        ff = rows.get(("faiss", "flat", n), {})
        same = all(
            a.get("query.matches") is not None and a.get("query.queries") == b.get("query.queries") and
            a.get("query.matches") == b.get("query.matches") and a.get("query.id_sum") == b.get("query.id_sum")
            for a, b in [(tf, fm)])
        ratio = lambda a, b: None if not a or not b else b / a
        print(f"| {n:,} | {fmt(tm.get('query.mean_ms'))} | {fmt(fm.get('query.mean_ms'))} | "
              f"{fmt(ratio(tm.get('query.mean_ms'), fm.get('query.mean_ms')), 1)}x | {fmt(tf.get('query.mean_ms'))} | "
              f"{fmt(tf.get('query.scan_gb_per_s_32b'), 1)} | {fmt(ff.get('query.mean_ms'))} | "
              f"{fmt(ratio(tf.get('query.mean_ms'), ff.get('query.mean_ms')), 1)}x | {'yes' if same else ('no FAISS run' if not fm else 'CHECK')} |")
    print()
    print("| N | strategy | build s | bytes/entry | p50 ms | p99 ms | 8-query batch ms | batch / single | add 1M (or N/10) s | query ms after add |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for n in sizes:
        for strategy in ("mih", "flat"):
            r = rows.get(("csharp", strategy, n))
            if not r:
                continue
            print(f"| {n:,} | {strategy} | {fmt(r.get('build.seconds'), 2)} | {fmt(r.get('build.bytes_per_entry'), 1)} | "
                  f"{fmt(r.get('query.p50_ms'))} | {fmt(r.get('query.p99_ms'))} | {fmt(r.get('dihedral.mean_ms'))} | "
                  f"{fmt(r.get('dihedral.ratio_to_single'), 2)} | {fmt(r.get('add.seconds'), 3)} | {fmt(r.get('add.query_mean_ms_after'))} |")
    print()
    print("Scaling, one query at a time, radius 31 (CPU = process CPU time per query over all threads; on a loaded")
    print("machine it is the steadier figure):")
    print()
    print("| N | MIH mean ms | MIH p50 ms | MIH p99 ms | MIH CPU ms | flat mean ms | flat p50 ms | flat CPU ms | flat G hashes/s | MIH 8-query / single (wall, CPU) | flat 8-query / single (wall, CPU) |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for n in sizes:
        m = rows.get(("csharp", "mih", n), {})
        f = rows.get(("csharp", "flat", n), {})
        ghs = None if not f.get("query.mean_ms") else n / (f["query.mean_ms"] / 1000) / 1e9
        print(f"| {n:,} | {fmt(m.get('query.mean_ms'))} | {fmt(m.get('query.p50_ms'))} | {fmt(m.get('query.p99_ms'))} | "
              f"{fmt(m.get('query.cpu_all_threads_mean_ms'))} | {fmt(f.get('query.mean_ms'))} | {fmt(f.get('query.p50_ms'))} | "
              f"{fmt(f.get('query.cpu_all_threads_mean_ms'))} | {fmt(ghs, 2)} | "
              f"{fmt(m.get('dihedral.ratio_to_single'), 2)}x, {fmt(m.get('dihedral.ratio_cpu'), 2)}x | "
              f"{fmt(f.get('dihedral.ratio_to_single'), 2)}x, {fmt(f.get('dihedral.ratio_cpu'), 2)}x |")
    print()
    print("Single thread per search (mih-1t: HammingIndexOptions.ParallelSearch=false, what the /check service runs;")
    print("caller CPU = the searching thread's CPU time, the figure that decides /check throughput on a shared machine):")
    print()
    print("| N | mean ms | p50 ms | p99 ms | caller CPU p50 ms | CPU ms/query | 8-query batch ms | 8-query / single (wall, CPU) |")
    print("|---|---|---|---|---|---|---|---|")
    for n in sizes:
        m = rows.get(("csharp", "mih-1t", n))
        if not m:
            continue
        print(f"| {n:,} | {fmt(m.get('query.mean_ms'))} | {fmt(m.get('query.p50_ms'))} | {fmt(m.get('query.p99_ms'))} | "
              f"{fmt(m.get('query.cpu_p50_ms'))} | {fmt(m.get('query.cpu_all_threads_mean_ms'))} | {fmt(m.get('dihedral.mean_ms'))} | "
              f"{fmt(m.get('dihedral.ratio_to_single'), 2)}x, {fmt(m.get('dihedral.ratio_cpu'), 2)}x |")
    print()
    print("| N | bank file MB | load s | load + index build s | FAISS MultiHash build s |")
    print("|---|---|---|---|---|")
    for n in sizes:
        b = rows.get(("csharp", "bank", n), {})
        fm = rows.get(("faiss", "mih", n), {})
        print(f"| {n:,} | {fmt(b.get('bankload.megabytes'), 0)} | {fmt(b.get('bankload.load_seconds'), 3)} | "
              f"{fmt(b.get('bankload.matcher_seconds'), 3)} | {fmt(fm.get('build.seconds'), 1)} |")


if __name__ == "__main__":
    main()
