#!/usr/bin/env bash
# Accuracy of `veil scan` on the whole SSD schema (issue 13): a SQLite database with every
# table and column of the SystemC deployment, filled with invented rows; the scan's roles
# against the ground truth; and the draft policy through `veil anonymise` and `veil verify`.
#   bench/ssd/scan_ssd_bench.sh [VEIL [CHILDREN]]     (default: build/gcc/veil, 600)
# Env: SSD_SCHEMA_DIR (default /work/shared/data/ssd): ssd_ddl_reference_systemc.csv and
# ssd_schema_systemc_columns.csv; VEIL_BENCH_DIR (default: a temporary directory).
# Exits non-zero if a personal column is drafted `keep` or if anonymise or verify fails.
set -euo pipefail
cd "$(dirname "$0")/../.."
veil=${1:-build/gcc/veil}
children=${2:-600}
schema=${SSD_SCHEMA_DIR:-/work/shared/data/ssd}
work=${VEIL_BENCH_DIR:-$(mktemp -d /tmp/veil-ssd-scan.XXXXXX)}
mkdir -p "$work"
export VEIL_SECRET=${VEIL_SECRET:-ssd-bench-secret-0123456789abcdef}

python3 bench/ssd/generate_ssd_schema.py "$schema/ssd_ddl_reference_systemc.csv" \
  "$work/ssd.sqlite" "$children"
"$veil" scan "$work/ssd.sqlite" --format json --policy-out "$work/draft.yaml" >"$work/scan.json"
status=0
python3 bench/ssd/scan_truth.py "$schema/ssd_schema_systemc_columns.csv" "$work/scan.json" \
  --mismatches || status=1
rm -f "$work/anonymised.sqlite"
"$veil" anonymise -q --policy "$work/draft.yaml" "$work/ssd.sqlite" "$work/anonymised.sqlite"
"$veil" verify --policy "$work/draft.yaml" "$work/ssd.sqlite" "$work/anonymised.sqlite" \
  >"$work/verify.txt" || status=1
echo
head -1 "$work/verify.txt"
echo "(files in $work)"
exit "$status"
