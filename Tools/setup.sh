#!/usr/bin/env bash
# Installs the Debian packages Overblik needs, when missing. Root runs apt-get; anyone else gets the
# exact command to run and a non-zero exit.
#   Tools/setup.sh                    the libraries needed to build and run
#   Tools/setup.sh --with-test-tools  also the tools the tests use (ogrinfo, spatialite, Leaflet, Chromium);
#                                     these are best-effort: tests that need a missing one skip with a reason
set -euo pipefail
required=(libsqlite3-dev libspatialite-dev libgeos-dev libsqlite3-mod-spatialite sqlite3)
optional=(gdal-bin spatialite-bin libjs-leaflet chromium time)

missing_of() {
  local p out=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || out+=("$p")
  done
  echo "${out[@]:-}"
}

apt_install() {
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -qq "$@" >/dev/null
}

read -r -a need <<<"$(missing_of "${required[@]}")"
want=()
if [ "${1:-}" = "--with-test-tools" ]; then read -r -a want <<<"$(missing_of "${optional[@]}")"; fi
# Best-effort PyPI tools in a project-local .venv (gitignored): highspy (HiGHS) for the set-covering
# cross-check test, which skips when it is missing.
if [ "${1:-}" = "--with-test-tools" ]; then
  ( cd "$(dirname "$0")/.." && { [ -x .venv/bin/python3 ] || python3 -m venv .venv; } \
      && { .venv/bin/python3 -c "import highspy, numpy" 2>/dev/null || .venv/bin/python3 -m pip install -q highspy numpy; } \
  ) >/dev/null 2>&1 || echo "overblik setup: highspy could not be installed in .venv; the HiGHS cross-check will skip" >&2
fi
[ ${#need[@]} -eq 0 ] && [ ${#want[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  if [ ${#need[@]} -gt 0 ]; then
    echo "overblik setup: missing Debian packages: ${need[*]}" >&2
    echo "run as root:  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y ${need[*]} ${want[*]}" >&2
    exit 1
  fi
  echo "overblik setup: optional test tools missing (${want[*]}); tests that need them will skip." >&2
  echo "to install:   apt-get install -y ${want[*]}" >&2
  exit 0
fi

echo "overblik setup: installing ${need[*]} ${want[*]}" >&2
apt-get -o DPkg::Lock::Timeout=300 update -qq || true
if [ ${#need[@]} -gt 0 ]; then apt_install "${need[@]}"; fi
for p in "${want[@]}"; do
  apt_install "$p" 2>/dev/null || echo "overblik setup: optional $p could not be installed; tests needing it will skip" >&2
done
