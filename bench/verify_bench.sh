#!/usr/bin/env bash
# Benchmark of `veil verify` CSV vs CSV on the 10-column people table.
#   bench/verify_bench.sh [ROWS ...]      (default: 1000000)
# For each size: generates the table, anonymises it with bench/people_policy.yaml, then
# times `veil verify` of the copy against the original (every check, the leak search on
# every cell) with --jobs 1 and --jobs 2. Prints a Markdown table: wall seconds, rows/s,
# peak RSS. The pure leak-search workload of the issue (5 M originals x 10 M cells) is
# bench/leak_scan_bench.
set -euo pipefail
cd "$(dirname "$0")/.."

cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release -DVEIL_BUILD_TESTS=OFF >/dev/null
cmake --build build/release --target veil generate_people >/dev/null

work=${VEIL_BENCH_DIR:-$(mktemp -d /tmp/veil-bench.XXXXXX)}
trap 'rm -rf "$work"' EXIT
export VEIL_SECRET=benchmark-secret-0123456789abcdef

echo "| rows | jobs | verify seconds | rows/s (both sides) | peak RSS (MB) | verdict |"
echo "|---:|---:|---:|---:|---:|---|"
for rows in "${@:-1000000}"; do
  build/release/bench/generate_people "$rows" "$work/people.csv"
  rm -rf "$work/out" && mkdir -p "$work/out"
  build/release/veil anonymise -q --policy bench/people_policy.yaml "$work/people.csv" \
    "$work/out/people.csv"
  for jobs in 1 2; do
    status=0
    /usr/bin/time -f "%e %M" -o "$work/time" build/release/veil verify --jobs "$jobs" \
      --policy bench/people_policy.yaml "$work/people.csv" "$work/out/people.csv" \
      >"$work/verify.txt" || status=$?
    read -r secs rss <"$work/time"
    verdict=$([ "$status" = 0 ] && echo passed || echo "exit $status")
    awk -v r="$rows" -v j="$jobs" -v s="$secs" -v m="$rss" -v v="$verdict" \
      'BEGIN { printf "| %d | %d | %.2f | %.0f | %.0f | %s |\n", r, j, s, r / s, m / 1024, v }'
  done
done
