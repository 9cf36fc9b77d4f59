#!/usr/bin/env bash
# Old build vs new build of the 1M import, alternating in one run so both see the same machine load:
#   bench/exchange/compare.sh <old-artifacts> <new-artifacts> [hashes=1000000] [rounds=2]
# Each artifacts folder holds a built bench/exchange (e.g. a `git worktree add /tmp/exch-old <commit>` built with
# `dotnet build bench/exchange -c Release --artifacts-path /tmp/art-exchange-old`). PostgreSQL runs when
# TAKEDOWN_TEST_POSTGRES is set. Prints one Markdown row per run, the build's name in the first column.
set -euo pipefail
old=$1
new=$2
hashes=${3:-1000000}
rounds=${4:-2}
echo "$(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the start, $(date -u +%FT%TZ)"
echo
echo "| build | figure | time | memory | floor |"
echo "|---|---|---|---|---|"
stores=(sqlite)
[[ -n "${TAKEDOWN_TEST_POSTGRES:-}" ]] && stores+=(postgres)
for ((round = 1; round <= rounds; round++)); do
  for store in "${stores[@]}"; do
    for build in old new; do
      dir=$old
      [[ $build == new ]] && dir=$new
      echo -n "| $build "
      dotnet "$dir/bin/ExchangeBench/release/ExchangeBench.dll" import "$store" "$hashes"
    done
  done
done
echo
echo "load average $(cut -d' ' -f1-3 /proc/loadavg) at the end"
