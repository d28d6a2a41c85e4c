#!/usr/bin/env bash
# Speed of `redact`: MB of free text per second, beside the keep-only floor on the same
# file (reading and writing the CSV, no rule).
# Usage: bench/redact_bench.sh VEIL_BINARY [MEGABYTES] [WORK_DIR]
set -euo pipefail
veil=$1
megabytes=${2:-64}
work=${3:-/tmp/veil-redact-bench}
rm -rf "$work" && mkdir -p "$work/in"
python3 - "$work/in/notes.csv" "$megabytes" <<'PY'
import csv, random, sys
path, megabytes = sys.argv[1], int(sys.argv[2])
rnd = random.Random(3)
first = ["Jane", "Oliver", "Amelia", "Kwame", "Siobhan", "Harry", "Priya", "Tom"]
last = ["Smith", "Okafor", "Jones", "Nakamura", "Patel", "Wright", "Evans", "Quinn"]
words = ("the family was seen at home and school reported that attendance improved over the "
         "term while concerns about housing and support remain under review by the team").split()
with open(path, "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["id", "note"])
    size, i = 0, 0
    while size < megabytes << 20:
        parts = [" ".join(rnd.choice(words) for _ in range(rnd.randrange(8, 30)))]
        parts.append(f"Spoke to {rnd.choice(first)} {rnd.choice(last)} on {rnd.randrange(1, 28)}/0{rnd.randrange(1, 9)}/2023")
        parts.append(" ".join(rnd.choice(words) for _ in range(rnd.randrange(8, 30))))
        if i % 3 == 0:
            parts.append(f"call 07{rnd.randrange(100, 999)} {rnd.randrange(100000, 999999)} or mail x{i}@mail.co.uk")
        note = ". ".join(parts) + "."
        w.writerow([i, note])
        size += len(note)
        i += 1
PY
text_mb=$(python3 -c "import csv,sys; csv.field_size_limit(1<<30); print(round(sum(len(r[1]) for r in csv.reader(open('$work/in/notes.csv')))/2**20, 1))")
for rule in keep redact; do
  printf 'version: 1\nsecret: {env: VEIL_SECRET}\ntables:\n  notes:\n    columns:\n      id: keep\n      note: %s\n' "$rule" >"$work/$rule.yaml"
done
export VEIL_SECRET=redact-bench-secret-0123456789
best() {  # fastest of 3 runs, seconds
  local policy=$1 best_s=999
  for _ in 1 2 3; do
    local start end
    start=$(date +%s.%N)
    "$veil" anonymise -q --force --jobs 1 --policy "$policy" "$work/in" "$work/out" >/dev/null
    end=$(date +%s.%N)
    best_s=$(python3 -c "print(min($best_s, $end - $start))")
  done
  echo "$best_s"
}
keep=$(best "$work/keep.yaml")
redact=$(best "$work/redact.yaml")
python3 - "$text_mb" "$keep" "$redact" <<'PY'
import sys
mb, keep, redact = float(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3])
print(f"text: {mb} MB; keep-only floor {keep:.2f} s; redact {redact:.2f} s "
      f"({redact / keep:.2f}x the floor); redact alone {mb / max(redact - keep, 1e-9):.0f} MB/s, "
      f"whole run {mb / redact:.0f} MB/s")
PY
