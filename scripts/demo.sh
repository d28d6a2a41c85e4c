#!/usr/bin/env bash
# Installs what veil needs, builds it, anonymises the bundled SSD example database
# (examples/ssd/ssd.sqlite, invented children) into out/ssd_anonymised.sqlite, verifies the
# copy against the original and writes the sign-off report out/ssd_verification.html.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
cmake -S . -B build/demo -G Ninja -DCMAKE_BUILD_TYPE=Release -DVEIL_BUILD_TESTS=OFF \
  -DVEIL_BUILD_BENCH=OFF >/dev/null
cmake --build build/demo --target veil

# The example policy reads its secret from VEIL_SECRET. Without one, use a fresh random
# secret for this run only (its output is then unlinkable to any other run).
if [ -z "${VEIL_SECRET:-}" ]; then
  VEIL_SECRET=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
  export VEIL_SECRET
fi
mkdir -p out
build/demo/veil anonymise --force --verify --policy examples/ssd/policy.yaml \
  examples/ssd/ssd.sqlite out/ssd_anonymised.sqlite
build/demo/veil verify --policy examples/ssd/policy.yaml examples/ssd/ssd.sqlite \
  out/ssd_anonymised.sqlite --report out/ssd_verification.html >/dev/null
echo "veil: the safe copy is out/ssd_anonymised.sqlite (verified; report: out/ssd_verification.html)"
