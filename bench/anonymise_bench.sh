#!/usr/bin/env bash
# Benchmark of `veil anonymise` CSV -> CSV on the 10-column people table.
#   bench/anonymise_bench.sh [ROWS ...]      (default: 1000000 10000000)
# For each size: wall time, rows/s and peak RSS of the full policy (6 rule kinds), and
# of a keep-everything policy (parsing and writing only), whose ratio is the cost of
# the rules. Results go to stdout as a Markdown table.
set -euo pipefail
cd "$(dirname "$0")/.."

cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release -DVEIL_BUILD_TESTS=OFF >/dev/null
cmake --build build/release --target veil generate_people >/dev/null

work=${VEIL_BENCH_DIR:-$(mktemp -d /tmp/veil-bench.XXXXXX)}
trap 'rm -rf "$work"' EXIT
export VEIL_SECRET=benchmark-secret-0123456789abcdef

sed -e 's/{pseudonymise: person}/keep/; s/{fake: [a-z_]*}/keep/g; s/{date_shift: person}/keep/g' \
    -e 's/{choice: dfe.ethnicity}/keep/' bench/people_policy.yaml >"$work/keep_policy.yaml"

measure() {  # policy -> "seconds peak_rss_kb"
  rm -rf "$work/out" && mkdir -p "$work/out"
  /usr/bin/time -f "%e %M" -o "$work/time" build/release/veil anonymise -q \
    --policy "$1" "$work/people.csv" "$work/out/people.csv"
  cat "$work/time"
}

echo "| rows | policy | seconds | rows/s | peak RSS (MB) |"
echo "|---:|---|---:|---:|---:|"
for rows in "${@:-1000000 10000000}"; do
  for r in $rows; do
    build/release/bench/generate_people "$r" "$work/people.csv"
    for p in full keep; do
      policy=bench/people_policy.yaml
      [ "$p" = keep ] && policy=$work/keep_policy.yaml
      read -r secs rss < <(measure "$policy")
      awk -v r="$r" -v p="$p" -v s="$secs" -v m="$rss" \
        'BEGIN { printf "| %d | %s | %.2f | %.0f | %.0f |\n", r, p, s, r / s, m / 1024 }'
    done
  done
done
