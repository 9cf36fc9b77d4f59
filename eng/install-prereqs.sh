#!/usr/bin/env bash
# Installs what the tests and the service need on a Debian machine, and starts PostgreSQL for the tests.
# Idempotent: quick when everything is already there. Run as root (CI runs as root).
set -euo pipefail

packages=(
  ffmpeg            # vPDQ frame extraction (Takedown.Hashing.Video)
  postgresql        # the PostgreSQL storage tests (Takedown.Data.Tests)
  chromium          # browser tests, driven by Microsoft.Playwright with ExecutablePath=/usr/bin/chromium
  fonts-dejavu-core # text in browser screenshots
  nodejs            # runs the on-device PDQ (wwwroot/js/pdq.js) conformance test
  libturbojpeg0     # JPEG fast path of ImageDecoder (P/Invoke to libturbojpeg.so.0; libvips is the fallback)
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]})); then
  if [[ $(id -u) -ne 0 ]]; then
    echo "install-prereqs: missing Debian packages: ${missing[*]} (run as root, or apt-get install them)" >&2
    exit 1
  fi
  echo "install-prereqs: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# PostgreSQL: start the default cluster and make a test database with a password login on loopback.
if [[ $(id -u) -eq 0 ]] && command -v pg_lsclusters >/dev/null; then
  read -r ver name _ < <(pg_lsclusters --no-header | head -n1)
  if [[ -z "${ver:-}" ]]; then
    ver=$(ls /usr/lib/postgresql | sort -V | tail -n1); name=main
    pg_createcluster "$ver" "$name" >/dev/null
  fi
  pg_ctlcluster "$ver" "$name" start 2>/dev/null || true
  for _ in $(seq 1 30); do
    su postgres -c "pg_isready -q -h 127.0.0.1" && break
    sleep 1
  done
  su postgres -c "psql -q -v ON_ERROR_STOP=1 -c \"ALTER USER postgres PASSWORD 'takedown';\"" >/dev/null
  su postgres -c "psql -tAc \"SELECT 1 FROM pg_database WHERE datname='takedown_test'\"" | grep -q 1 \
    || su postgres -c "createdb takedown_test"
fi
