#!/usr/bin/env bash
# In-process A/B of the PDQ vector kernel: the blur/decimate stage (PdqVectorKernel.Downsample) of an OLD commit
# against the working tree, alternating per batch in ONE process, so both sides see the same load (the way to
# tell a few percent apart on the shared 2-vCPU machine, where separate runs differ by 10-30%).
#
#   bench/pdq-reference/ab/run.sh [OLD_COMMIT=HEAD~1] [WIDTH HEIGHT BATCHES OPS]      (AB128=1: Vector128 kernels; AB_GREY=1: a grey image;
#   AB_NOCHECK=1: time a variant that is not bit-identical, as an upper bound)
#
# The old kernel sources (PdqVectorKernel*.cs, PdqSkewedKernel*.cs, PdqLanes*.cs, IPdqLanes.cs, and PdqVector*.cs where they exist) are copied from a throwaway worktree
# into namespace OldPdq and compiled into a console program named Takedown.Benchmarks (so it sees Takedown.Hashing's
# internals); the new ones come from the working tree's Takedown.Hashing. It first checks that both produce the
# same 64x64 buffer (prints MISMATCH and exits 1 otherwise), then prints min / p10 / p25 / median thread CPU per
# call for each, the old/new ratios of those (> 1: new is faster), and the median (with quartiles) of the per-batch
# ratios of back-to-back old and new batches. Outside the repository, so no analyzer settings apply.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
old="${1:-HEAD~1}"; shift || true
# WORK_DIR keeps the build for reruns; otherwise the temporary one (a full build, ~100 MB) goes at exit.
work="${WORK_DIR:-$(mktemp -d)}"
git -C "$repo" worktree add --detach "$work/old" "$old" > /dev/null
trap 'git -C "$repo" worktree remove --force "$work/old"; [ -n "${WORK_DIR:-}" ] || rm -rf "$work"' EXIT
mkdir -p "$work/ab/old"
for path in "$work"/old/src/Takedown.Hashing/Pdq/Internal/{PdqVectorKernel*.cs,PdqSkewedKernel*.cs,PdqLanes256.cs,PdqLanes128.cs,IPdqLanes.cs}; do
  [ -e "$path" ] || continue
  f="$(basename "$path")"
  sed 's/^namespace Takedown.Hashing.Pdq.Internal;/namespace OldPdq;\nusing Takedown.Hashing.Pdq;\nusing Takedown.Hashing.Pdq.Internal;/' "$path" > "$work/ab/old/$f"
done
cp "$here/Program.cs.txt" "$work/ab/Program.cs"
# The old kernel's vector type arguments: its own wrapper structs (PdqVector256/128, since the ReadyToRun change)
# or, before that, Vector256<float> / Vector128<float> themselves.
if [ -f "$work/old/src/Takedown.Hashing/Pdq/Internal/PdqVector256.cs" ]; then
  for f in PdqVector256.cs PdqVector128.cs; do
    sed 's/^namespace Takedown.Hashing.Pdq.Internal;/namespace OldPdq;/' "$work/old/src/Takedown.Hashing/Pdq/Internal/$f" > "$work/ab/old/$f"
  done
  printf 'global using OldVector256 = OldPdq.PdqVector256;\nglobal using OldVector128 = OldPdq.PdqVector128;\n' > "$work/ab/OldVectors.cs"
else
  printf 'global using OldVector256 = System.Runtime.Intrinsics.Vector256<float>;\nglobal using OldVector128 = System.Runtime.Intrinsics.Vector128<float>;\n' > "$work/ab/OldVectors.cs"
fi
cat > "$work/ab/pdqab.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <AssemblyName>Takedown.Benchmarks</AssemblyName>
    <AllowUnsafeBlocks>true</AllowUnsafeBlocks>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
  </PropertyGroup>
  <ItemGroup>
    <ProjectReference Include="$repo/src/Takedown.Hashing/Takedown.Hashing.csproj" />
  </ItemGroup>
</Project>
XML
dotnet build "$work/ab" -c Release --artifacts-path "$work/artifacts" -nologo -clp:ErrorsOnly > "$work/build.log" || { cat "$work/build.log"; exit 1; }
echo "load $(cut -d' ' -f1-3 /proc/loadavg); old = $old ($(git -C "$repo" rev-parse --short "$old")), new = working tree"
# Tier-1 promotion without the call-counting delay: with the default 100 ms delay, which any new tier-0 JIT work
# restarts, one copy's loop driver (Passes) often stayed in instrumented tier 0 for the whole run. Identical kernels
# then differed by up to +-15% per process (sd 0.07-0.12 over 26 processes); with this setting, sd 0.015.
export DOTNET_TC_CallCountingDelayMs="${DOTNET_TC_CallCountingDelayMs:-0}"
# RUNS=n: n separate processes, then the mean and standard deviation of their p10 ratios and paired medians. Compare
# a change with an identity run (OLD=HEAD on a clean tree) over several processes each.
runs="${RUNS:-1}"
for r in $(seq 1 "$runs"); do
  dotnet "$work/artifacts/bin/pdqab/release/Takedown.Benchmarks.dll" "${1:-512}" "${2:-512}" "${3:-401}" "${4:-3}" | tee "$work/run-$r.txt"
done
if [ "$runs" -gt 1 ]; then
  summary() { awk -v what="$1" '{ a[n++] = $1; m += $1 } END { m /= n; for (i = 0; i < n; i++) v += (a[i] - m) ^ 2; printf "%s mean %.3f sd %.3f (n %d)\n", what, m, sqrt(v / (n - 1)), n }'; }
  cat "$work"/run-*.txt | sed -n 's/.*ratio min [0-9.]* p10 \([0-9.]*\).*/\1/p' | summary "over runs: p10 ratio"
  cat "$work"/run-*.txt | sed -n 's/.*paired old\/new per batch: median \([0-9.]*\).*/\1/p' | summary "over runs: paired median"
fi
