#!/usr/bin/env bash
# Timing of `veil scan` on a 20-column table of personal data (bench/generate_scan_table.py)
# as CSV and as SQLite, beside the floor: `veil anonymise` with a keep-only policy over
# the same file (docs/BENCHMARKS.md).
#   bench/scan_bench.sh [VEIL ...]     (default: build/gcc/veil)
# Env: ROWS (default 1000000), RUNS (default 3), VEIL_BENCH_DIR (default /tmp/veil-scan-bench:
# the data is kept there and only made again when missing).
# Prints, per binary and run: wall and user seconds (median of RUNS), rows/s, and the
# ratio to the floor measured in the same invocation.
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${ROWS:-1000000}
runs=${RUNS:-3}
work=${VEIL_BENCH_DIR:-/tmp/veil-scan-bench}
mkdir -p "$work"
[ -s "$work/people20_$rows.csv" ] && [ -s "$work/people20_$rows.sqlite" ] ||
  python3 bench/generate_scan_table.py "$rows" "$work/people20_$rows.csv" "$work/people20_$rows.sqlite"
export VEIL_SECRET=benchmark-secret-0123456789abcdef
keep="$work/keep.yaml"
{
  echo "version: 1"
  echo "tables:"
  for t in "people20_$rows" people; do
    echo "  $t:"
    echo "    columns:"
    head -1 "$work/people20_$rows.csv" | tr ',' '\n' | sed 's/^/      /; s/$/: keep/'
  done
} >"$keep"

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

time_it() {  # label rows command... -> one Markdown row
  local label=$1 n=$2
  shift 2
  local walls=() users=()
  for _ in $(seq "$runs"); do
    rm -rf "$work/out" && mkdir -p "$work/out"
    /usr/bin/time -f "%e %U" -o "$work/time" "$@" >/dev/null
    read -r w u <"$work/time"
    walls+=("$w") users+=("$u")
  done
  local wall user
  wall=$(printf '%s\n' "${walls[@]}" | median)
  user=$(printf '%s\n' "${users[@]}" | median)
  [ -z "${floor:-}" ] && floor=$wall
  awk -v l="$label" -v w="$wall" -v u="$user" -v n="$n" -v f="$floor" -v all="${walls[*]}" \
    'BEGIN { printf "| %s | %.2f (%s) | %.2f | %.2f M | %.1f× |\n", l, w, all, u, n / w / 1e6, w / f }'
}

for veil in "${@:-build/gcc/veil}"; do
  echo
  echo "$veil, $rows rows × 20 columns, $runs runs, load $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
  echo "| run | wall s (median; all) | user s | rows/s | × floor |"
  echo "|---|---:|---:|---:|---:|"
  for fmt in csv sqlite; do
    src="$work/people20_$rows.$fmt"
    floor=
    time_it "$fmt: anonymise, keep-only policy (the floor)" "$rows" \
      "$veil" anonymise -q --force --policy "$keep" "$src" "$work/out/copy.$fmt"
    time_it "$fmt: scan (default sample, 10,000 rows)" "$rows" "$veil" scan "$src"
    time_it "$fmt: scan --sample all" "$rows" "$veil" scan --sample all "$src"
  done
done
