#!/usr/bin/env bash
# Hash exchange figures for bench/results/exchange.md. From the repository root:
#   bench/exchange/run.sh [hashes=1000000] [changes=10000]
# Builds bench/exchange, then runs each part in its own process (so each peak RSS is that part's own) and prints a
# Markdown table. The PostgreSQL import runs when TAKEDOWN_TEST_POSTGRES is set (eng/install-prereqs.sh sets it up).
set -euo pipefail
hashes=${1:-1000000}
changes=${2:-10000}
art=${ARTIFACTS:-/tmp/art-exchange-bench}
dotnet build bench/exchange -c Release --artifacts-path "$art" -v q -nologo >/dev/null
bench=(dotnet "$art/bin/ExchangeBench/release/ExchangeBench.dll")
echo "$(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the start, $(date -u +%FT%TZ), commit $(git rev-parse --short HEAD)"
echo
echo "| figure | time | memory | floor |"
echo "|---|---|---|---|"
"${bench[@]}" import sqlite "$hashes"
if [[ -n "${TAKEDOWN_TEST_POSTGRES:-}" ]]; then
  "${bench[@]}" import postgres "$hashes"
else
  echo "| import $hashes PDQ hashes, postgres | not run: TAKEDOWN_TEST_POSTGRES is not set | | |"
fi
"${bench[@]}" sync "$changes"
echo
echo "load average $(cut -d' ' -f1-3 /proc/loadavg) at the end"
