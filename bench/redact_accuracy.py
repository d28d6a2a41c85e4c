#!/usr/bin/env python3
"""Accuracy of `redact` on annotated text: precision, recall and F2 per entity type.

Usage: bench/redact_accuracy.py VEIL_BINARY DATASET.json [WORK_DIR]

500 generated UK sentences (NHS numbers, NI numbers, UPNs, postcodes, UK phones, which
the Presidio set lacks) are added to DATASET, which is presidio-research's
synth_dataset_v2.json format: a list of
{"full_text", "spans": [{"entity_type", "start_position", "end_position"}]}.
Each sentence becomes a row of a CSV table `notes` whose `text` column gets
`{redact: {replace: tag}}`; the tags veil writes are aligned back to the original text
(redact keeps every other byte), which gives the spans it found. Scores are per token
(a token is a run of letters and digits), as presidio-evaluator counts them.

Two runs:
  lists-only      the bundled name lists and the pattern recognisers alone;
  known-names     plus a `people` table whose columns hold every annotated person's
                  name (full, first word, last word), faked by the policy, so the names
                  are the source's own originals, as in a real database.
Only the standard library is used.
"""
import csv
import json
import os
import re
import subprocess
import sys
from collections import defaultdict

# veil's tags -> the dataset's entity types.
TAG_TYPES = {
    "NAME": "PERSON", "FIRST_NAME": "PERSON", "LAST_NAME": "PERSON", "FULL_NAME": "PERSON",
    "EMAIL": "EMAIL_ADDRESS", "PHONE": "PHONE_NUMBER", "IP_ADDRESS": "IP_ADDRESS",
    "DATE": "DATE_TIME", "POSTCODE": "UK_POSTCODE", "NHS_NUMBER": "NHS_NUMBER",
    "NI_NUMBER": "NI_NUMBER", "UPN": "UPN", "REDACTED": "PERSON",
}
SCORED = ["PERSON", "EMAIL_ADDRESS", "PHONE_NUMBER", "IP_ADDRESS", "DATE_TIME", "UK_POSTCODE",
          "NHS_NUMBER", "NI_NUMBER", "UPN"]
TAG = re.compile(r"\[([A-Z_]+)\]")
TOKEN = re.compile(r"[A-Za-z0-9\u00C0-\uFFFF]+")


def aligned_spans(original, redacted):
    """(begin, end, tag) of each replaced span, by aligning the kept text."""
    pieces = TAG.split(redacted)  # text, tag, text, tag, ..., text
    texts, tags = pieces[0::2], pieces[1::2]
    if not original.startswith(texts[0]):
        return None
    spans, at = [], len(texts[0])
    for k, (tag, text) in enumerate(zip(tags, texts[1:])):
        last = k + 1 == len(tags)
        if last:  # the kept text ends the original
            end = len(original) - len(text)
            if end < at or not original.endswith(text):
                return None
        elif text:
            end = original.find(text, at)
            if end < 0:
                return None
        else:  # two tags side by side: the first gets nothing, the next the rest
            end = at
        spans.append((at, end, tag))
        at = end + len(text)
    return spans


def token_types(text, spans):
    """Maps each token (begin, end) to the entity type of the span that covers it."""
    types = {}
    for m in TOKEN.finditer(text):
        for begin, end, kind in spans:
            if begin <= m.start() and m.end() <= end:
                types[(m.start(), m.end())] = kind
                break
    return types


def score(dataset, redacted_rows):
    true_pos, gold, found = defaultdict(int), defaultdict(int), defaultdict(int)
    any_gold = any_hit = unaligned = 0
    for row, redacted in zip(dataset, redacted_rows):
        text = row["full_text"]
        predicted = aligned_spans(text, redacted)
        if predicted is None:
            unaligned += 1
            predicted = []
        gold_spans = [(s["start_position"], s["end_position"], s["entity_type"]) for s in row["spans"]]
        predicted = [(b, e, TAG_TYPES.get(t, t)) for b, e, t in predicted]
        g, p = token_types(text, gold_spans), token_types(text, predicted)
        for tok, kind in g.items():
            gold[kind] += 1
            any_gold += 1
            if tok in p:
                any_hit += 1
            if p.get(tok) == kind:
                true_pos[kind] += 1
        for kind in p.values():
            found[kind] += 1
    return true_pos, gold, found, any_hit / max(any_gold, 1), unaligned


def uk_sentences(count, outward_codes, seed=5):
    """Sentences with UK identifiers the Presidio set lacks, annotated like it: valid NHS
    numbers, NI numbers, UPNs and postcodes (real outward codes), UK phone layouts."""
    import random
    rnd = random.Random(seed)

    def nhs():
        while True:
            nine = [rnd.randrange(10) for _ in range(9)]
            check = 11 - sum(d * (10 - i) for i, d in enumerate(nine)) % 11
            if check == 11:
                check = 0
            if check != 10:
                digits = "".join(map(str, nine + [check]))
                return rnd.choice([digits, f"{digits[:3]} {digits[3:6]} {digits[6:]}"])

    def upn():
        rest = "".join(str(rnd.randrange(10)) for _ in range(12))
        letters = "ABCDEFGHJKLMNPQRTUVWXYZ"
        total = sum(int(c) * (i + 2) for i, c in enumerate(rest))
        return letters[total % 23] + rest

    def ni():
        first, second = rnd.choice("ABCEGHJKLMNOPRSTWXYZ"), rnd.choice("ABCEGHJKLMNPRSTWXYZ")
        digits = "".join(str(rnd.randrange(10)) for _ in range(6))
        suffix = rnd.choice("ABCD")
        return rnd.choice([f"{first}{second}{digits}{suffix}",
                           f"{first}{second} {digits[:2]} {digits[2:4]} {digits[4:]} {suffix}"])

    def postcode():
        inward = f"{rnd.randrange(10)}{rnd.choice('ABDEFGHJLNPQRSTUWXYZ')}{rnd.choice('ABDEFGHJLNPQRSTUWXYZ')}"
        return rnd.choice([f"{rnd.choice(outward_codes)} {inward}", f"{rnd.choice(outward_codes)}{inward}"])

    def phone():
        n = "".join(str(rnd.randrange(10)) for _ in range(6))
        return rnd.choice([f"07{rnd.randrange(100, 999)} {n}", f"+44 7{rnd.randrange(100, 999)} {n}",
                           f"0113 {n[:3]} {n[3:]}{rnd.randrange(10)}", f"(020) 7{n[:3]} {n[3:]}{rnd.randrange(10)}",
                           f"01632 {n}", f"+44 (0)161 {n[:3]} {n[3:]}{rnd.randrange(10)}"])

    templates = [("NHS_NUMBER", "Her NHS number is {} and she attends clinic."),
                 ("NI_NUMBER", "Carer's NI number {} was checked."),
                 ("UPN", "The school gave UPN {} for the pupil."),
                 ("UK_POSTCODE", "The family moved to {} last spring."),
                 ("PHONE_NUMBER", "Mum can be reached on {} after 6pm.")]
    makers = {"NHS_NUMBER": nhs, "NI_NUMBER": ni, "UPN": upn, "UK_POSTCODE": postcode, "PHONE_NUMBER": phone}
    rows = []
    for i in range(count):
        kind, template = templates[i % len(templates)]
        value = makers[kind]()
        start = template.index("{}")
        rows.append({"full_text": template.format(value),
                     "spans": [{"entity_type": kind, "entity_value": value,
                                "start_position": start, "end_position": start + len(value)}]})
    return rows


def f_beta(p, r, beta=2.0):
    return 0.0 if p + r == 0 else (1 + beta * beta) * p * r / (beta * beta * p + r)


def write_inputs(dataset, folder, known_names):
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "notes.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", "text"])
        for i, row in enumerate(dataset):
            w.writerow([i, row["full_text"]])
    policy = ["version: 1", "secret: {env: VEIL_SECRET}", "tables:", "  notes:",
              "    columns:", "      id: keep", "      text: {redact: {replace: tag}}"]
    if known_names:
        names = sorted({s["entity_value"].strip() for r in dataset for s in r["spans"]
                        if s["entity_type"] == "PERSON"})
        with open(os.path.join(folder, "people.csv"), "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(["name", "first", "last"])
            for name in names:
                words = name.split()
                w.writerow([name, words[0], words[-1]])
        policy += ["  people:", "    columns:", "      name: {fake: full_name}",
                   "      first: {fake: first_name}", "      last: {fake: last_name}"]
    path = os.path.join(folder, "policy.yaml")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(policy) + "\n")
    return path


def run(veil, dataset, work, known_names):
    source = os.path.join(work, "known" if known_names else "lists", "in")
    target = os.path.join(work, "known" if known_names else "lists", "out")
    policy = write_inputs(dataset, source, known_names)
    env = dict(os.environ, VEIL_SECRET="redact-accuracy-bench-secret")
    subprocess.run([veil, "anonymise", "-q", "--force", "--policy", policy, source, target],
                   check=True, env=env)
    with open(os.path.join(target, "notes.csv"), newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return score(dataset, [r["text"] for r in rows])


def main():
    veil, data = sys.argv[1], sys.argv[2]
    work = sys.argv[3] if len(sys.argv) > 3 else "/tmp/veil-redact-accuracy"
    with open(data, encoding="utf-8") as f:
        dataset = json.load(f)
    outward = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data",
                           "outward_codes.csv")
    with open(outward, encoding="utf-8") as f:
        codes = [row[0] for row in csv.reader(f)][1:]
    dataset += uk_sentences(500, codes)
    for label, known in (("lists-only", False), ("known-names", True)):
        tp, gold, found, any_recall, unaligned = run(veil, dataset, work, known)
        print(f"\n{label}: {len(dataset)} sentences, {unaligned} not aligned; "
              f"share of all annotated PII tokens replaced: {any_recall:.3f}")
        print(f"| entity | gold tokens | precision | recall | F2 |")
        print(f"|---|---|---|---|---|")
        for kind in SCORED:
            p = tp[kind] / found[kind] if found[kind] else 0.0
            r = tp[kind] / gold[kind] if gold[kind] else 0.0
            print(f"| {kind} | {gold[kind]} | {p:.3f} | {r:.3f} | {f_beta(p, r):.3f} |")


if __name__ == "__main__":
    main()
