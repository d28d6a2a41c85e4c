#!/usr/bin/env bash
# Benchmark of `veil anonymise` on PostgreSQL: a people table (default 1,000,000 rows)
# and an events table referencing it (3 rows per person), on a throw-away PostgreSQL 15
# cluster this script starts (as `nobody` when run as root) and removes.
#   bench/postgres_bench.sh [PEOPLE]
# Measures, in the same run and on the same server:
#   1. pg_dump SRC | psql DST      (a plain copy: the floor for any copy tool)
#   2. veil anonymise SRC DST      (copy mode)
#   3. veil anonymise --in-place   (on a fresh copy of SRC made with CREATE DATABASE ... TEMPLATE)
#   4. pg_dump SRC > FILE          (a dump of the whole database, written to a file)
#   5. veil anonymise --subset "people: 1%" SRC DST   (1% of the people and their events)
# and prints a Markdown table of seconds, rows/s and ratios to the pg_dump | psql copy.
set -euo pipefail
cd "$(dirname "$0")/.."
people=${1:-1000000}
events=$((people * 3))
rows=$((people + events))

cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release -DVEIL_BUILD_TESTS=OFF >/dev/null
cmake --build build/release --target veil >/dev/null
veil=$PWD/build/release/veil
bin=${VEIL_PG_BINDIR:-/usr/lib/postgresql/15/bin}

work=$(mktemp -d /tmp/veil-pgbench.XXXXXX)
as_server=()
if [ "$(id -u)" -eq 0 ]; then
  chown nobody "$work"
  as_server=(runuser -u nobody --)
fi
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cleanup() {
  "${as_server[@]}" "$bin/pg_ctl" -D "$work/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
"${as_server[@]}" "$bin/initdb" -D "$work/data" -A trust -U veil -E UTF8 --no-locale \
  --no-instructions >/dev/null
"${as_server[@]}" "$bin/pg_ctl" -D "$work/data" -l "$work/server.log" -w \
  -o "-p $port -k $work -c listen_addresses=127.0.0.1 -c shared_buffers=256MB -c max_wal_size=4GB" \
  start >/dev/null
uri() { echo "postgresql://veil@127.0.0.1:$port/$1"; }
sql() { psql -q -v ON_ERROR_STOP=1 -X "$(uri "$1")" -c "$2" >/dev/null; }

sql postgres "CREATE DATABASE bench_src"
sql bench_src "
CREATE TABLE people (person_id bigint PRIMARY KEY, first_name varchar(60) NOT NULL,
  last_name varchar(60) NOT NULL, dob date, postcode varchar(10), email text,
  created_at timestamptz NOT NULL DEFAULT now());
CREATE TABLE events (event_id bigserial PRIMARY KEY,
  person_id bigint NOT NULL REFERENCES people(person_id), happened_at timestamptz NOT NULL,
  kind text NOT NULL, amount numeric(10,2));
CREATE INDEX events_person ON events(person_id);
INSERT INTO people SELECT 1000000 + g, 'First' || (g % 5000), 'Last' || (g % 20000),
  date '1950-01-01' + (g % 25000), 'AB' || (g % 90 + 1) || ' ' || (g % 9) || 'CD',
  'person' || g || '@example.org', timestamptz '2020-01-01' + g * interval '1 second'
  FROM generate_series(1, $people) g;
INSERT INTO events (person_id, happened_at, kind, amount)
  SELECT 1000000 + 1 + g % $people, timestamptz '2021-01-01' + g * interval '10 seconds',
  (ARRAY['visit','call','letter','review'])[1 + g % 4], (g % 100000) / 100.0
  FROM generate_series(1, $events) g;"
sql bench_src "VACUUM ANALYZE"

export VEIL_SECRET=benchmark-secret-0123456789abcdef
# Each run starts from a clean checkpoint, so none pays for the previous one's writes.
seconds() {
  sql postgres "CHECKPOINT"
  /usr/bin/time -f %e -o "$work/t" "$@" >/dev/null
  cat "$work/t"
}

sql postgres "CREATE DATABASE bench_dump"
dump=$(seconds bash -o pipefail -c "pg_dump '$(uri bench_src)' | psql -q -X -v ON_ERROR_STOP=1 '$(uri bench_dump)'")
copy=$(seconds "$veil" anonymise -q --policy bench/postgres_policy.yaml "$(uri bench_src)" "$(uri bench_copy)")
sql postgres "CREATE DATABASE staging_bench TEMPLATE bench_src"
inplace=$(seconds "$veil" anonymise -q --policy bench/postgres_policy.yaml --in-place "$(uri staging_bench)")
dump_only=$(seconds pg_dump -f "$work/whole.sql" "$(uri bench_src)")
subset=$(seconds "$veil" anonymise -q --policy bench/postgres_policy.yaml --subset "people: 1%" \
  "$(uri bench_src)" "$(uri bench_subset)")
subset_rows=$(psql -tA -X "$(uri bench_subset)" \
  -c "SELECT (SELECT count(*) FROM people) + (SELECT count(*) FROM events)")

echo "| ${people} people + ${events} events (${rows} rows) | seconds | rows/s | time vs pg_dump \\| psql |"
echo "|---|---:|---:|---:|"
for row in "pg_dump | psql (plain copy):$dump" "veil anonymise (copy):$copy" "veil anonymise --in-place:$inplace"; do
  awk -v name="${row%%:*}" -v s="${row##*:}" -v r="$rows" -v d="$dump" \
    'BEGIN { printf "| %s | %.1f | %.0f | %.2fx |\n", name, s, r / s, s / d }'
done

echo
echo "| --subset \"people: 1%\" ($subset_rows rows of $rows) | seconds | time vs pg_dump > file |"
echo "|---|---:|---:|"
awk -v d="$dump_only" 'BEGIN { printf "| pg_dump of the whole database | %.1f | 1.00x |\n", d }'
awk -v s="$subset" -v d="$dump_only" 'BEGIN { printf "| veil anonymise --subset | %.1f | %.2fx |\n", s, s / d }'
