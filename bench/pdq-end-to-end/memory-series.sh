#!/usr/bin/env bash
# Memory of one `takedown hash` process over 10,000 JPEG files (issue 2: "hashing 10,000 files in one process shows
# no growth"), and the peak of a process hashing one 12 MP JPEG (issue 2: "< 64 MB managed plus native").
#
#   bash bench/pdq-end-to-end/memory-series.sh [ARTIFACTS_DIR]        (from anywhere; FILES=10000 JOBS=2 by default)
#
# Inputs are generated under a temp dir (removed at exit): 40 distinct JPEGs made with ImageMagick from the reference
# images (the labelme photos as stored, the bridge photos re-encoded at 4 sizes and 2 qualities, the dihedral set),
# hard-linked into FILES names. The process is unmodified: RSS comes from /proc/PID/status, the GC heap from a
# startup hook (GcSampler/, DOTNET_STARTUP_HOOKS) that writes GC.GetGCMemoryInfo() every 20 ms; a row is printed
# each time another 1,000 output lines have appeared. The peak (VmHWM = ru_maxrss, managed + native + runtime) is
# read from wait4 when the process ends.
set -euo pipefail
trap 'echo "failed at line $LINENO" >&2' ERR
cd "$(dirname "$0")/../.."
art=${1:-/tmp/art-pdq-e2e}
files=${FILES:-10000}
jobs=${JOBS:-2}
ref=../shared/reference/pdq/images
[[ -d "$ref" ]] || { echo "missing $ref (the shared reference images)" >&2; exit 1; }
work=$(mktemp -d /tmp/pdq-mem.XXXX)
trap 'rm -rf "$work"' EXIT

. bench/pdq-end-to-end/common.sh
cli=$(publish_cli "$art")
dotnet build bench/pdq-end-to-end/GcSampler -c Release --artifacts-path "$art" -nologo -clp:ErrorsOnly >/dev/null
hook="$art/bin/GcSampler/release/GcSampler.dll"

mkdir -p "$work/src" "$work/many" "$work/big"
n=0
for f in "$ref"/reg-test-input/labelme-subset/*.jpg "$ref"/reg-test-input/dih/*.jpg; do cp "$f" "$work/src/$(printf %02d $n).jpg"; n=$((n+1)); done
for f in "$ref"/bridge-mods/{aaa-orig,blur-a-little,high-contrast,high-saturation,sharpen-a-lot,shrink-a-little}.jpg; do
  for size in 640x480 1152x864 1600x1200 900x1400; do
    q=$(( n % 2 == 0 ? 90 : 75 ))
    if [[ $n -lt 40 ]]; then convert "$f" -resize "$size!" -quality $q "$work/src/$(printf %02d $n).jpg"; n=$((n+1)); fi
  done
done
src=("$work"/src/*.jpg)
for k in $(seq 0 $((files - 1))); do ln "${src[$((k % ${#src[@]}))]}" "$work/many/$(printf %05d $k).jpg"; done
convert "$ref/bridge-mods/aaa-orig.jpg" -resize '4000x3000!' -quality 90 "$work/big/12mp.jpg"

echo "# machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); $(du -sh --apparent-size "$work/src" | cut -f1) of ${#src[@]} distinct JPEGs, $files files"

python3 -u - "$hook" "$work" "$files" "$jobs" "$cli" <<'PY'
import os, subprocess, sys, time
hook, work, files, jobs, *cli = sys.argv[1:]
files = int(files)

def status(pid):
    out = {}
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(("VmRSS", "VmHWM")):
                    key, value = line.split(":")
                    out[key] = int(value.split()[0]) / 1024
    except OSError:
        pass
    return out

def last_gc(path):
    try:
        with open(path, "rb") as f:
            lines = f.read().splitlines()
        return [int(x) for x in lines[-1].split()] if lines else None
    except (OSError, ValueError):
        return None

def run(label, args, every):
    samples, out = f"{work}/{label}.gc", f"{work}/{label}.out"
    env = dict(os.environ, DOTNET_STARTUP_HOOKS=hook, TAKEDOWN_GC_SAMPLES=samples)
    start = time.monotonic()
    with open(out, "wb") as sink:
        proc = subprocess.Popen(cli + ["hash", "-j", jobs] + args, stdout=sink, stderr=subprocess.DEVNULL, env=env)
    rows, lines, pos, nxt, peak_heap = [], 0, 0, every, 0
    while True:
        done = proc.poll() is not None
        with open(out, "rb") as f:
            f.seek(pos); chunk = f.read(); pos += len(chunk); lines += chunk.count(b"\n")
        gc = last_gc(samples)
        if gc: peak_heap = max(peak_heap, gc[2])
        while every and lines >= nxt:
            rows.append((nxt, time.monotonic() - start, status(proc.pid), gc)); nxt += every
        if done: break
        time.sleep(0.005)
    _, code, usage = os.wait4(proc.pid, 0) if proc.returncode is None else (0, 0, None)
    return rows, lines, time.monotonic() - start, proc.returncode, peak_heap

mb = 1 / (1 << 20)
rows, lines, wall, code, peak_heap = run("series", [f"{work}/many"], 1000)
print(f"\n## {files} files, one process, -j {jobs}: {lines} lines, exit {code}, {wall:.1f} s wall")
print("| files hashed | elapsed s | VmRSS MB | VmHWM MB | GC heap MB | GC committed MB | GC.GetTotalMemory MB | gen0/gen1/gen2 |")
print("|---:|---:|---:|---:|---:|---:|---:|---|")
for n, t, st, gc in rows:
    g = gc or [0] * 7
    print(f"| {n} | {t:.1f} | {st.get('VmRSS', float('nan')):.1f} | {st.get('VmHWM', float('nan')):.1f} | {g[2]*mb:.1f} | {g[3]*mb:.1f} | {g[1]*mb:.1f} | {g[4]}/{g[5]}/{g[6]} |")
if len(rows) >= 3:
    first, last = rows[0], rows[-1]
    mid = rows[1]
    print(f"\nVmRSS at {mid[0]} vs {last[0]} files: {mid[2].get('VmRSS', 0):.1f} -> {last[2].get('VmRSS', 0):.1f} MB "
          f"({last[2].get('VmRSS', 0) - mid[2].get('VmRSS', 0):+.1f} MB)")

for label, extra in (("12mp-shrink", []), ("12mp-full", ["--full-decode"])):
    samples = f"{work}/{label}.gc"
    env = dict(os.environ, DOTNET_STARTUP_HOOKS=hook, TAKEDOWN_GC_SAMPLES=samples, TAKEDOWN_GC_SAMPLE_MS="2")
    proc = subprocess.Popen(cli + ["hash", "-j", "1"] + extra + [f"{work}/big/12mp.jpg"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    out = proc.stdout.read().decode().strip()
    _, code, usage = os.wait4(proc.pid, 0)
    with open(samples) as f:
        gcs = [[int(x) for x in line.split()] for line in f if line.strip()]
    print(f"\n## one 12 MP JPEG (4000x3000), {label}: peak RSS (VmHWM) {usage.ru_maxrss / 1024:.1f} MB, "
          f"peak GC heap {max(g[2] for g in gcs) * mb:.1f} MB, peak GC committed {max(g[3] for g in gcs) * mb:.1f} MB; {out[:20]}…")
PY
