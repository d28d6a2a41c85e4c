#!/usr/bin/env bash
# Builds (if needed) and runs veil's libFuzzer targets (tests/fuzz, docs/TESTING.md).
# Usage: scripts/fuzz.sh TARGET|all SECONDS [BUILD_DIR]
#   TARGET     one of tests/fuzz/*_fuzz.cc without _fuzz.cc (csv_reader, policy, ...), or
#              all to run every target in turn
#   SECONDS    how long each target runs (libFuzzer -max_total_time)
#   BUILD_DIR  a VEIL_FUZZ build (default build/asan, the sanitizer suite of
#              scripts/test.sh); configured with clang++-14 if it does not exist yet.
#              A directory with fuzz/fuzz_* but no CMakeCache.txt (a copy of the
#              binaries, so a long run does not hold the build) is used as it is.
# Each run starts from a copy of tests/fuzz/corpus/TARGET in a scratch directory, so the
# repository is never written to. Prints one summary line per target; exits non-zero if
# any target crashed, leaked, hung or ran out of memory, after printing the reproducer.
# Environment: VEIL_JOBS (build jobs, default 2), FUZZ_TIMEOUT (seconds one input may take,
# default 25: raise it for a run at low priority beside other work, where a starved
# input looks slow), FUZZ_SCRATCH (scratch root, default
# a new directory under ${TMPDIR:-/tmp}).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ $# -lt 2 ]; then
  sed -n '2,17p' "$0" >&2
  exit 2
fi
target=$1
seconds=$2
build=${3:-build/asan}

# The longest input worth trying, per target.
max_len_of() {
  case $1 in
    date_text) echo 64 ;;
    json_path | pg_copy_decoder | leak_normalise) echo 1024 ;;
    hierarchy_file) echo 2048 ;;
    policy) echo 8192 ;;
    *) echo 4096 ;;
  esac
}

dict_of() {
  case $1 in
    json_path | json_rule | json_fields) echo tests/fuzz/dict/json.dict ;;
    *) [ -f "tests/fuzz/dict/$1.dict" ] && echo "tests/fuzz/dict/$1.dict" ;;
  esac
  return 0
}

all_targets() {
  for source in tests/fuzz/*_fuzz.cc; do
    basename "$source" _fuzz.cc
  done
}

if [ "$target" = all ]; then
  mapfile -t targets < <(all_targets)
else
  if [ ! -f "tests/fuzz/${target}_fuzz.cc" ]; then
    echo "fuzz: no target '$target'; targets: $(all_targets | tr '\n' ' ')" >&2
    exit 2
  fi
  targets=("$target")
fi

prebuilt=1
for name in "${targets[@]}"; do [ -x "$build/fuzz/fuzz_$name" ] || prebuilt=0; done
if [ -f "$build/CMakeCache.txt" ] || [ "$prebuilt" = 0 ]; then
  if [ ! -f "$build/CMakeCache.txt" ]; then
    cmake -S . -B "$build" -G Ninja -DVEIL_WERROR=ON -DVEIL_BUILD_BENCH=OFF \
      -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_COMPILER=clang++-14 -DVEIL_SANITIZE=ON \
      -DVEIL_FUZZ=ON >/dev/null
  fi
  build_targets=()
  for name in "${targets[@]}"; do build_targets+=("fuzz_$name"); done
  cmake --build "$build" -j "${VEIL_JOBS:-2}" --target "${build_targets[@]}"
fi

scratch=${FUZZ_SCRATCH:-$(mktemp -d "${TMPDIR:-/tmp}/veil-fuzz.XXXXXX")}
mkdir -p "$scratch"
failed=0
for name in "${targets[@]}"; do
  work="$scratch/$name"
  rm -rf "$work"
  mkdir -p "$work/corpus" "$work/artifacts"
  cp tests/fuzz/corpus/"$name"/* "$work/corpus/"
  args=(-max_total_time="$seconds" -max_len="$(max_len_of "$name")" -timeout="${FUZZ_TIMEOUT:-25}"
        -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$work/artifacts/")
  dict=$(dict_of "$name")
  [ -n "$dict" ] && args+=(-dict="$dict")
  status=0
  ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1} \
    "$build/fuzz/fuzz_$name" "${args[@]}" "$work/corpus" >"$work/log" 2>&1 || status=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/log" | tail -1)
  coverage=$(grep -o 'cov: [0-9]* ft: [0-9]*' "$work/log" | tail -1 || true)
  crashes=$(find "$work/artifacts" -type f | wc -l)
  echo "fuzz: $name: ${seconds}s, ${execs:-?} executions, ${coverage:-no coverage line}," \
    "$crashes crash(es), exit $status, log $work/log"
  if [ "$status" -ne 0 ] || [ "$crashes" -ne 0 ]; then
    failed=1
    grep -E '^==[0-9]+==ERROR|SUMMARY|invariant failed|runtime error|internal error' \
      "$work/log" | head -5 >&2 || true
    for artifact in "$work/artifacts"/*; do
      [ -e "$artifact" ] && echo "fuzz: $name: reproducer $artifact" \
        "(replay: $build/fuzz/fuzz_$name $artifact)" >&2
    done
  fi
done
exit "$failed"
