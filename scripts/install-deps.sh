#!/usr/bin/env bash
# Installs every Debian 12 package veil needs to build, test and benchmark.
# Runs apt-get as root, or through sudo for a normal user.
set -euo pipefail

packages=(
  g++ clang-14 cmake ninja-build pkg-config make
  libsqlite3-dev libssl-dev libyaml-cpp-dev libcli11-dev libfmt-dev nlohmann-json3-dev libpq-dev
  libhyperscan-dev
  postgresql-15
  libgtest-dev libgmock-dev libbenchmark-dev
  sqlite3 time
  ccache      # a compiler cache: rebuilds of unchanged files are free
  chromium fonts-dejavu-core  # headless rendering of the HTML verify report in tests
)

as_root=()
if [ "$(id -u)" -ne 0 ]; then as_root=(sudo); fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "veil: installing ${missing[*]}" >&2
  "${as_root[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
fi
