#!/usr/bin/env bash
# Installs what veil needs, then builds and runs every test three ways:
#   GCC 12 (warnings are errors), Clang 14 (warnings are errors), and Clang 14 with
#   AddressSanitizer + UndefinedBehaviorSanitizer, whose build also holds the libFuzzer
#   targets (VEIL_FUZZ): after its tests, each fuzz target runs for 30 seconds.
# Usage: scripts/test.sh [--quick]   (--quick: the GCC build only)
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
jobs=$(nproc)
# ccache keys on paths relative to the clone, so any clone reuses what another compiled.
export CCACHE_BASEDIR=$PWD CCACHE_NOHASHDIR=1
launcher=()
if command -v ccache >/dev/null; then launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache); fi

run_suite() {  # name, extra cmake args...
  local name=$1
  shift
  echo "== veil tests: $name =="
  cmake -S . -B "build/$name" -G Ninja -DVEIL_WERROR=ON -DVEIL_BUILD_BENCH=OFF "${launcher[@]}" "$@" \
    >/dev/null
  cmake --build "build/$name" -j "$jobs"
  ctest --test-dir "build/$name" -j "$jobs" --output-on-failure --timeout 900
}

run_suite gcc -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=g++
if [ "${1:-}" != "--quick" ]; then
  run_suite clang -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++-14
  ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
    run_suite asan -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_COMPILER=clang++-14 -DVEIL_SANITIZE=ON \
    -DVEIL_FUZZ=ON
  echo "== veil fuzz targets: 30 s each =="
  VEIL_JOBS=$jobs scripts/fuzz.sh all 30 build/asan
fi
echo "veil: every test passed"
