#!/usr/bin/env bash
# Runs every test: the whole suite once, then the SIMD-sensitive suites again with AVX2 off and with all
# hardware intrinsics off, so the Vector128 and scalar paths are tested as well as the Vector256 one.
# Installs missing Debian packages and starts PostgreSQL first (eng/install-prereqs.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ ! -d ../shared/reference ]]; then
  echo "test: ../shared/reference is missing; the conformance tests read Meta's reference data from there." >&2
  exit 1
fi

bash eng/install-prereqs.sh
export TAKEDOWN_TEST_POSTGRES="${TAKEDOWN_TEST_POSTGRES:-Host=127.0.0.1;Username=postgres;Password=takedown;Database=takedown_test}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

results=artifacts/test-results
rm -rf "$results"
dotnet build Takedown.slnx -c Release -nologo -clp:ErrorsOnly

status=0
run() { # run NAME [ENV=VALUE...] -- PROJECT...
  local name=$1; shift
  local envs=()
  while [[ $1 != -- ]]; do envs+=("$1"); shift; done; shift
  for project in "$@"; do
    echo "== $name: $project" >&2
    env "${envs[@]}" dotnet test "$project" -c Release --no-build -nologo \
      --logger "trx;LogFilePrefix=$name" --results-directory "$results" || status=1
  done
}

run all -- Takedown.slnx
simd=(tests/Takedown.Hashing.Tests tests/Takedown.Matching.Tests)
run noavx2 DOTNET_EnableAVX2=0 -- "${simd[@]}"
run scalar DOTNET_EnableHWIntrinsic=0 -- "${simd[@]}"

# One closing line over every run: "tests: N passed, N failed, N skipped".
python3 - "$results" <<'PY'
import glob, re, sys
p = f = s = 0
for path in glob.glob(sys.argv[1] + "/*.trx"):
    text = open(path, encoding="utf-8").read()
    m = re.search(r'<Counters [^>]*', text)
    if not m: continue
    c = dict(re.findall(r'(\w+)="(\d+)"', m.group(0)))
    p += int(c.get("passed", 0)); f += int(c.get("failed", 0)) + int(c.get("error", 0)) + int(c.get("timeout", 0))
    s += int(c.get("notExecuted", 0))
print(f"tests: {p} passed, {f} failed, {s} skipped")
PY
exit $status
