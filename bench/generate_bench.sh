#!/usr/bin/env bash
# Benchmark of `veil generate` (docs/generate.md), each figure a ratio to a floor measured
# in the same run:
#   1. the 49-table SSD schema (bench/ssd/generate_ssd_schema.py) with CHILDREN children
#      (default 100,000), into CSV and into SQLite, against copying the same rows with
#      keep-only rules (`veil anonymise`, the cost of reading and writing alone);
#   2. PostgreSQL (when its binaries are installed): PEOPLE people (default 1,000,000)
#      with 10 events each, constructed straight into a database, against COPY-loading
#      the same rows from CSV with psql (`\copy`), on a throw-away cluster this script
#      starts (as `nobody` when run as root) and removes.
#   bench/generate_bench.sh [CHILDREN] [PEOPLE]      (VEIL=BINARY: no build)
set -euo pipefail
cd "$(dirname "$0")/.."
children=${1:-100000}
people=${2:-1000000}

# VEIL=path/to/veil uses that binary instead of building build/release.
if [ -z "${VEIL:-}" ]; then
  cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release -DVEIL_BUILD_TESTS=OFF >/dev/null
  cmake --build build/release --target veil >/dev/null
fi
veil=${VEIL:-$PWD/build/release/veil}
work=$(mktemp -d /tmp/veil-genbench.XXXXXX)
as_server=()
bin=${VEIL_PG_BINDIR:-/usr/lib/postgresql/15/bin}
cleanup() {
  if [ -d "$work/data" ]; then
    "${as_server[@]}" "$bin/pg_ctl" -D "$work/data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
seconds() { local start=$(date +%s.%N); "$@" >/dev/null; echo "$(date +%s.%N) - $start" | bc; }

python3 bench/ssd/generate_ssd_schema.py ../shared/data/ssd/ssd_ddl_reference_systemc.csv \
  "$work/schema.sqlite" 20 >/dev/null
gen_sqlite=$(seconds "$veil" generate -q --schema "$work/schema.sqlite" --seed bench \
  --rows ssd_person="$children" "$work/gen.sqlite")
gen_csv=$(seconds "$veil" generate -q --schema "$work/schema.sqlite" --seed bench \
  --rows ssd_person="$children" "$work/gen_csv")
rows=$(cat "$work"/gen_csv/*.csv | wc -l)
rows=$((rows - $(ls "$work"/gen_csv/*.csv | wc -l)))
{
  echo "version: 1"
  echo "tables:"
  for f in "$work"/gen_csv/*.csv; do echo "  $(basename "$f" .csv): keep"; done
} >"$work/keep.yaml"
copy_sqlite=$(seconds "$veil" anonymise -q --policy "$work/keep.yaml" "$work/gen.sqlite" \
  "$work/copy.sqlite")
copy_csv=$(seconds "$veil" anonymise -q --policy "$work/keep.yaml" "$work/gen.sqlite" \
  "$work/copy_csv")
echo
echo "SSD schema, $children children, $rows rows in 49 tables"
echo
echo "| target | keep-only copy (s) | generate (s) | generate rows/s | ratio |"
echo "|---|---|---|---|---|"
for target in csv sqlite; do
  g=$([ $target = csv ] && echo "$gen_csv" || echo "$gen_sqlite")
  c=$([ $target = csv ] && echo "$copy_csv" || echo "$copy_sqlite")
  printf "| %s | %.2f | %.2f | %.0f | %.2f |\n" $target "$c" "$g" "$(echo "$rows / $g" | bc -l)" \
    "$(echo "$g / $c" | bc -l)"
done

[ -x "$bin/initdb" ] || { echo "(no PostgreSQL binaries in $bin: skipped)"; exit 0; }
if [ "$(id -u)" -eq 0 ]; then
  chown nobody "$work"
  as_server=(runuser -u nobody --)
fi
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"${as_server[@]}" "$bin/initdb" -D "$work/data" -A trust -U veil -E UTF8 --no-locale \
  --no-instructions >/dev/null
"${as_server[@]}" "$bin/pg_ctl" -D "$work/data" -l "$work/server.log" -w \
  -o "-p $port -k $work -c listen_addresses=127.0.0.1 -c shared_buffers=256MB -c max_wal_size=4GB" \
  start >/dev/null
uri() { echo "postgresql://veil@127.0.0.1:$port/$1"; }
sql() { psql -q -v ON_ERROR_STOP=1 -X "$(uri "$1")" -c "$2" >/dev/null; }
tables="
CREATE TABLE people (person_id bigint NOT NULL, first_name varchar(60) NOT NULL,
  last_name varchar(60) NOT NULL, date_of_birth date NOT NULL, postcode varchar(10), email text);
CREATE TABLE events (event_id bigint NOT NULL, person_id bigint NOT NULL,
  event_date date NOT NULL, kind varchar(20) NOT NULL, amount numeric(10,2));"
keys="
ALTER TABLE people ADD PRIMARY KEY (person_id);
ALTER TABLE events ADD PRIMARY KEY (event_id);
ALTER TABLE events ADD FOREIGN KEY (person_id) REFERENCES people(person_id);
CREATE INDEX events_person ON events(person_id);"
schema="$tables $keys"
sql postgres "CREATE DATABASE bench_schema"
sql bench_schema "$schema"
gen=(generate -q --schema "$(uri bench_schema)" --seed bench --rows people="$people"
     --per-parent events=10..10)
"$veil" "${gen[@]}" "$work/pg_csv"
sql postgres "CREATE DATABASE bench_copy"
# The floor loads as pg_restore does: tables, COPY, then keys and indexes.
copy_pg=$(seconds bash -c "psql -q -v ON_ERROR_STOP=1 -X '$(uri bench_copy)' -c \"$tables\" \
  -c \"\\copy people FROM '$work/pg_csv/people.csv' CSV HEADER\" \
  -c \"\\copy events FROM '$work/pg_csv/events.csv' CSV HEADER\" -c \"$keys\"")
gen_pg=$(seconds "$veil" "${gen[@]}" "$(uri bench_gen)")
pg_rows=$(psql -tA -X "$(uri bench_gen)" -c "SELECT (SELECT count(*) FROM people) + (SELECT count(*) FROM events)")
[ "$pg_rows" -eq $((people * 11)) ] || { echo "generate wrote $pg_rows rows, not $((people * 11))"; exit 1; }
echo
echo "PostgreSQL, $people people with 10 events each ($pg_rows rows)"
echo
echo "| COPY-load of the CSV (s) | generate into PostgreSQL (s) | rows/s | speed vs COPY |"
echo "|---|---|---|---|"
printf "| %.2f | %.2f | %.0f | %.2f× |\n" "$copy_pg" "$gen_pg" "$(echo "$pg_rows / $gen_pg" | bc -l)" \
  "$(echo "$copy_pg / $gen_pg" | bc -l)"
