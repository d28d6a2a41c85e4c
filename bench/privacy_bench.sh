#!/usr/bin/env bash
# Benchmark of `veil anonymise` with a `privacy:` section, on the Adult data set
# (tests/fixtures/adult: 30,162 rows, 8 quasi-identifiers with ARX's hierarchies).
#   bench/privacy_bench.sh [BUILD_DIR]      (default: build/gcc)
# BUILD_DIR must hold veil and bench/generate_adult built RelWithDebInfo or Release:
#   cmake -S . -B build/gcc -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DVEIL_BUILD_BENCH=ON
#   ninja -C build/gcc
# 1. Adult, whole process, 1 warm-up (which writes the --report and is timed for peak RSS
#    only) then 11 timed runs: median and min wall seconds, mean CPU seconds, for:
#      k5-0%   tests/fixtures/adult/policy.yaml (k: 5, suppression_limit: 0, metric: loss)
#      k5-5%   the same with suppression_limit: 0.05
#      k5-l2   k: 5 and distinct 2-diversity of salary-class, suppression_limit: 0
#    and the process floor: `veil --version`, and a keep-everything policy (every column
#    `keep`, no privacy section), so the privacy cost is the difference to `keep`.
# 2. ROWS (default 10,000,000; env VEIL_PRIVACY_ROWS) rows resampled from Adult by
#    generate_adult into $VEIL_BENCH_DATA (default ${TMPDIR:-/tmp}/veil-bench; reused when
#    present), k5-0% and k5-5% once each under /usr/bin/time -v: wall time, peak RSS.
# Targets: Adult k5-0% < 0.1 s, the other Adult cases < 0.5 s; ROWS rows < 60 s, < 2 GB.
# Prints a Markdown table of the results at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

build=${1:-build/gcc}
veil=$build/veil
generate=$build/bench/generate_adult
adult=tests/fixtures/adult
rows=${VEIL_PRIVACY_ROWS:-10000000}
runs=11

die() { echo "privacy_bench: $*" >&2; exit 1; }
[ -x "$veil" ] || die "$veil not found; build it first (see the top of $0)"
[ -x "$generate" ] || die "$generate not found; configure with -DVEIL_BUILD_BENCH=ON"
build_type=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$build/CMakeCache.txt" 2>/dev/null || true)
case "$build_type" in
  Release | RelWithDebInfo) ;;
  *) die "$build is a '${build_type:-unknown}' build; configure it RelWithDebInfo or Release" ;;
esac
if grep -q '^VEIL_SANITIZE:BOOL=ON' "$build/CMakeCache.txt"; then
  die "$build is built with sanitizers"
fi
[ -x /usr/bin/time ] || die "needs GNU time at /usr/bin/time"
command -v python3 >/dev/null || die "needs python3 to read the --report JSON"

data=${VEIL_BENCH_DATA:-${TMPDIR:-/tmp}/veil-bench}
big=$data/adult.csv  # ROWS resampled rows; named adult.csv: the table is the file's stem
work=$(mktemp -d "${TMPDIR:-/tmp}/veil-privacy-bench.XXXXXX")
trap 'rm -rf "$work" "$big.partial"' EXIT
export VEIL_SECRET=benchmark-secret-0123456789abcdef

# --- policies: the fixture's variants, beside copies of its hierarchy files ---------------
pol=$work/policies
mkdir -p "$pol"
cp "$adult"/adult_hierarchy_*.csv "$pol"/
cp "$adult/policy.yaml" "$pol/k5-0.yaml"
sed 's/^\( *suppression_limit:\) 0$/\1 0.05/' "$adult/policy.yaml" >"$pol/k5-5.yaml"
sed 's/^\( *\)k: 5$/&\n\1l_diversity: {column: salary-class, l: 2, variant: distinct}/' \
  "$adult/policy.yaml" >"$pol/k5-l2.yaml"
# keep: every rule `keep`, the privacy section (the table's last key) dropped.
sed -e 's/{generalise: {hierarchy: [^}]*}}/keep/' -e '/^ *privacy:/,$d' \
  "$adult/policy.yaml" >"$pol/keep.yaml"
if ! { grep -q '^ *k: 5$' "$pol/k5-0.yaml" && grep -q '^ *suppression_limit: 0$' "$pol/k5-0.yaml" &&
  grep -q '^ *suppression_limit: 0.05$' "$pol/k5-5.yaml" &&
  grep -q 'l_diversity: {column: salary-class' "$pol/k5-l2.yaml" &&
  ! grep -q 'generalise\|privacy' "$pol/keep.yaml"; }; then
  die "$adult/policy.yaml is no longer 'k: 5, suppression_limit: 0'; update the variants"
fi

# --- helpers --------------------------------------------------------------------------------
now() {  # sets variable $1 to the wall clock in seconds (no fork with bash 5)
  if [ -n "${EPOCHREALTIME:-}" ]; then
    printf -v "$1" '%s' "${EPOCHREALTIME/,/.}"
  else
    printf -v "$1" '%s' "$(date +%s.%N)"
  fi
}

anonymise() {  # POLICY SOURCE: into $work/out/adult-$run.csv (a new target each run)
  "$veil" anonymise -q --policy "$1" "$2" "$work/out/adult-$run.csv" >/dev/null
}

timed() {  # CMD...: $runs timed runs -> "median min cpu": wall seconds, mean CPU seconds
  local run start end cpu_mean
  local -a starts=() ends=()
  rm -rf "$work/out" && mkdir -p "$work/out"
  times >"$work/cpu0"  # user and system time of the children so far (no fork)
  for ((run = 0; run < runs; ++run)); do
    now start
    "$@" >/dev/null
    now end
    starts+=("$start") ends+=("$end")
  done
  times >"$work/cpu1"
  rm -rf "$work/out"
  cpu_mean=$(cat "$work/cpu0" "$work/cpu1" | awk -v n="$runs" '
      function s(x) { split(x, p, /[ms]/); return p[1] * 60 + p[2] }
      NR == 2 { c0 = s($1) + s($2) } NR == 4 { c1 = s($1) + s($2) }
      END { printf "%.4f", (c1 - c0) / n }')
  for ((run = 0; run < runs; ++run)); do echo "${starts[run]} ${ends[run]}"; done |
    awk '{ printf "%.4f\n", $2 - $1 }' | sort -g |
    awk -v c="$cpu_mean" '{ t[NR] = $1 } END {
      printf "%.4f %.4f %s\n", (NR % 2 ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2), t[1], c }'
}

privacy_summary() {  # REPORT.json -> one Markdown cell group: levels | metric | ...
  python3 - "$1" <<'EOF'
import json, sys
report = json.load(open(sys.argv[1]))
p = report["privacy"][0]
levels = ", ".join(f'{q["column"]} {q["level"]}/{q["highest_level"]}' for q in p["quasi_identifiers"])
s = p["search"]
print(f'{", ".join(p["models"])} | {levels} | {p["metric"]["name"]} {p["metric"]["value"]:.4f} | '
      f'{p["records_suppressed"]:,} ({100 * p["records_suppressed"] / p["records"]:.2f} %) | '
      f'{p["equivalence_classes"]:,} | '
      f'{p["min_class_size"]:,} | {"exact" if s["exact"] else "heuristic"}, '
      f'{s["nodes_evaluated"]:,}/{s["lattice_nodes"]:,} nodes, {s["seconds"]:.3f} s')
EOF
}

verdict() {  # SECONDS LIMIT -> met / missed
  awk -v s="$1" -v l="$2" 'BEGIN { print (s < l ? "met" : "**missed**") }'
}

echo "# veil privacy benchmark, $(date -u +%Y-%m-%dT%H:%MZ)"
echo "# $("$veil" --version), $build ($build_type), $(nproc) cores," \
  "load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo

# --- 1. Adult -------------------------------------------------------------------------------
adult_rows=$(($(wc -l <"$adult/adult.csv") - 1))
declare -A median minimum cpu rss summary

for ((i = 0; i < 2; ++i)); do "$veil" --version >/dev/null; done
read -r "median[version]" "minimum[version]" "cpu[version]" < <(timed "$veil" --version)
echo "veil --version: median ${median[version]} s, min ${minimum[version]} s," \
  "CPU ${cpu[version]} s" >&2

for config in keep k5-0 k5-5 k5-l2; do
  rm -rf "$work/out" && mkdir -p "$work/out"
  report_args=()
  [ "$config" != keep ] && report_args=(--report "$work/report-$config.json")
  /usr/bin/time -f %M -o "$work/rss" \
    "$veil" anonymise -q --policy "$pol/$config.yaml" "$adult/adult.csv" \
    "$work/out/adult.csv" "${report_args[@]}" >/dev/null
  rss[$config]=$(awk '{ printf "%.0f", $1 / 1024 }' "$work/rss")
  [ "$config" != keep ] && summary[$config]=$(privacy_summary "$work/report-$config.json")
  read -r "median[$config]" "minimum[$config]" "cpu[$config]" < <(timed anonymise "$pol/$config.yaml" "$adult/adult.csv")
  echo "Adult $config: median ${median[$config]} s, min ${minimum[$config]} s," \
    "CPU ${cpu[$config]} s, peak RSS ${rss[$config]} MB" >&2
done

# --- 2. ROWS rows resampled from Adult ------------------------------------------------------
mkdir -p "$data"
stamp="rows=$rows seed=1 source=$(cksum <"$adult/adult.csv" | cut -d' ' -f1)"
if [ -f "$big" ] && [ -f "$big.stamp" ] && [ "$(cat "$big.stamp")" = "$stamp" ]; then
  echo "reusing $big ($(du -m "$big" | cut -f1) MB)" >&2
  cat "$big" >/dev/null  # into the page cache, as after generating it
else
  rm -f "$big" "$big.stamp"
  gen_start='' gen_end=''
  now gen_start
  "$generate" "$adult/adult.csv" "$rows" "$big.partial" 1
  now gen_end
  mv "$big.partial" "$big"
  echo "$stamp" >"$big.stamp"
  echo "generated $big: $rows rows, $(du -m "$big" | cut -f1) MB in" \
    "$(awk -v a="$gen_start" -v b="$gen_end" 'BEGIN { printf "%.1f", b - a }') s" >&2
fi

declare -A big_wall big_cpu big_rss
for config in k5-0 k5-5; do
  rm -rf "$work/out" && mkdir -p "$work/out"
  /usr/bin/time -v -o "$work/time-v" "$veil" anonymise -q --policy "$pol/$config.yaml" "$big" \
    "$work/out/adult.csv" --report "$work/report-big-$config.json" >/dev/null
  rm -rf "$work/out"
  big_wall[$config]=$(awk -F': ' '/Elapsed \(wall clock\)/ {
      n = split($2, p, ":"); s = 0; for (i = 1; i <= n; ++i) s = s * 60 + p[i]; printf "%.2f", s }' \
    "$work/time-v")
  big_cpu[$config]=$(awk -F': ' '/User time/ { u = $2 } /System time/ { s = $2 }
      END { printf "%.2f", u + s }' "$work/time-v")
  big_rss[$config]=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' \
    "$work/time-v")
  summary[big-$config]=$(privacy_summary "$work/report-big-$config.json")
  echo "$rows rows $config: ${big_wall[$config]} s wall, ${big_cpu[$config]} s CPU," \
    "peak RSS ${big_rss[$config]} MB" >&2
done

# --- results --------------------------------------------------------------------------------
echo "Adult ($adult_rows rows), 1 warm-up + $runs runs each; \`keep\` is the floor (parse and write):"
echo
echo "| run | median s | min s | CPU s (mean) | − keep (median) | × keep | peak RSS (MB) | target | |"
echo "|---|---:|---:|---:|---:|---:|---:|---|---|"
printf '| %s | %.3f | %.3f | %.3f | | | | | |\n' "\`veil --version\`" \
  "${median[version]}" "${minimum[version]}" "${cpu[version]}"
printf '| keep (no privacy) | %.3f | %.3f | %.3f | | 1.00× | %s | | |\n' \
  "${median[keep]}" "${minimum[keep]}" "${cpu[keep]}" "${rss[keep]}"
declare -A label=([k5-0]="k=5, 0 % suppression" [k5-5]="k=5, 5 % suppression"
  [k5-l2]="k=5 + distinct 2-diversity (salary-class), 0 %")
declare -A limit=([k5-0]=0.1 [k5-5]=0.5 [k5-l2]=0.5)
for config in k5-0 k5-5 k5-l2; do
  awk -v l="${label[$config]}" -v m="${median[$config]}" -v n="${minimum[$config]}" \
    -v c="${cpu[$config]}" -v k="${median[keep]}" -v r="${rss[$config]}" \
    -v t="${limit[$config]}" -v v="$(verdict "${median[$config]}" "${limit[$config]}")" \
    'BEGIN { printf "| %s | %.3f | %.3f | %.3f | %+.3f s | %.2f× | %s | < %s s | %s |\n",
             l, m, n, c, m - k, m / k, r, t, v }'
done
echo
echo "$rows rows resampled from Adult (\`generate_adult\`, seed 1), one run each:"
echo
echo "| run | wall s | CPU s | rows/s | peak RSS (MB) | target | |"
echo "|---|---:|---:|---:|---:|---|---|"
for config in k5-0 k5-5; do
  v=met
  [ "$(verdict "${big_wall[$config]}" 60)" = met ] && [ "${big_rss[$config]}" -lt 2048 ] ||
    v="**missed**"
  awk -v l="${label[$config]}" -v w="${big_wall[$config]}" -v c="${big_cpu[$config]}" \
    -v r="$rows" -v m="${big_rss[$config]}" -v v="$v" \
    'BEGIN { printf "| %s | %.2f | %.2f | %.0f | %s | < 60 s, < 2048 MB | %s |\n",
             l, w, c, r / w, m, v }'
done
echo
echo "Chosen generalisation (levels chosen/highest), from --report:"
echo
echo "| data | run | models | levels | metric | suppressed | classes | smallest class | search |"
echo "|---|---|---|---|---|---:|---:|---:|---|"
for config in k5-0 k5-5 k5-l2; do
  echo "| Adult | ${label[$config]} | ${summary[$config]} |"
done
for config in k5-0 k5-5; do
  echo "| $rows rows | ${label[$config]} | ${summary[big-$config]} |"
done
