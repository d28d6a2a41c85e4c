#!/usr/bin/env python3
"""Compare `veil scan --format json` on the database of generate_ssd_schema.py with the
ground truth, and print a confusion table of roles.

    python3 bench/ssd/scan_truth.py ROLES_CSV SCAN_JSON [--mismatches]

ROLES_CSV is ssd_schema_systemc_columns.csv: one row per SSD column with a guessed role
(identifier, name, postcode, date, categorical, flag/categorical, numeric, free_text).
Each guess is mapped to one of veil scan's roles (MAP), and the guesses that are plainly
wrong for this data are corrected column by column (CORRECTIONS, each with its reason).
Prints a Markdown confusion table (truth x scan role), the personal columns the draft
keeps (the goal: none), and with --mismatches every column whose two roles differ.
Exits 1 when a personal column is drafted `keep`.
"""

import csv
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from generate_ssd_schema import CODED, TEAM_COLUMNS  # noqa: E402

ROLES = ["identifier", "direct_identifier", "quasi_identifier", "sensitive", "free_text",
         "non_personal"]
PERSONAL = set(ROLES) - {"non_personal"}

MAP = {
    "identifier": "identifier",           # keys: pseudonymise
    "name": "direct_identifier",          # a fake name
    "postcode": "direct_identifier",      # full postcodes: a fake postcode
    "date": "quasi_identifier",           # date_shift with the child
    "categorical": "non_personal",        # labels: keep (codes and special ones below)
    "flag/categorical": "non_personal",   # Y/N flags
    "numeric": "non_personal",            # counts, bits, distances
    "free_text": "free_text",
}

CORRECTIONS = {}


def correct(columns, role, reason):
    for c in columns:
        CORRECTIONS[c] = (role, reason)


correct(["pers_upn", "send_upn", "send_uln"], "direct_identifier",
        "an official number of the child (UPN, ULN): a fake of its kind, not a key")
correct(["pers_single_unique_id"], "direct_identifier",
        "SystemC fills it with the NHS number (so does the generator)")
correct(["link_identifier_value"], "direct_identifier",
        "the child's other official numbers (former UPN, NHS number, case number); joins nothing")
correct(["invo_professional_role_id"], "non_personal",
        "despite _id, SystemC fills it with the role's description (a label)")
correct(["dept_team_name", "dept_team_parent_name"], "non_personal",
        "the name of a team, not of a person and not prose")
correct(["prof_professional_job_title"], "non_personal", "a job title from a short list")
correct(["cont_contact_source_desc", "cine_referral_source_desc"], "non_personal",
        "the description of the DfE referral-source code next to it (a label of 22)")
correct(["pers_sex", "pers_gender", "perm_adopter_sex"], "quasi_identifier", "sex or gender")
correct(["pers_ethnicity"], "sensitive", "ethnic origin (GDPR Art. 9)")
correct(["disa_disability_code", "senn_active_ehcp_need_type", "clas_substance_misused",
         "clah_health_check_type", "clah_health_check_status"], "sensitive",
        "health or disability data (GDPR Art. 9)")
correct(["pers_nationality", "immi_immigration_status"], "quasi_identifier",
        "a rare nationality or immigration status singles a child out")
correct(sorted(TEAM_COLUMNS), "identifier",
        "holds team ids that join ssd_department.dept_team_id (a declared foreign key)")
correct([c for c in CODED if CODED[c] and c not in CORRECTIONS], "quasi_identifier",
        "a characteristic of the child from a DfE code list (docs/policy.md: codes are "
        "quasi-identifiers, redrawn with choice)")


def truth_of(row):
    if row["table"] == "ssd_dim_date":
        return "non_personal", "a calendar dimension: its dates and numbers describe days"
    if row["column"] in CORRECTIONS:
        return CORRECTIONS[row["column"]]
    return MAP[row["role_guess"]], ""


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    if len(args) != 2:
        raise SystemExit(__doc__)
    with open(args[0], encoding="utf-8") as f:
        truth = {(r["table"], r["column"]): (r, truth_of(r)) for r in csv.DictReader(f)}
    with open(args[1], encoding="utf-8") as f:
        report = json.load(f)
    found = {}
    for t in report["tables"]:
        for c in t["columns"]:
            found[(t["table"], c["column"])] = c
    missing = sorted(set(truth) - set(found))
    if missing:
        raise SystemExit("not in the scan: %s" % missing)
    table = {(a, b): 0 for a in ROLES for b in ROLES}
    kept, mismatches, corrected = [], [], 0
    for key, (row, (role, reason)) in sorted(truth.items()):
        scan = found[key]
        table[(role, scan["role"])] += 1
        corrected += role != MAP[row["role_guess"]]
        if role in PERSONAL and scan["rule"] == "keep":
            kept.append((key, role))
        if role != scan["role"]:
            mismatches.append((key, role, scan["role"], scan["rule"]))
    short = {"identifier": "ident.", "direct_identifier": "direct", "quasi_identifier": "quasi",
             "sensitive": "sensitive", "free_text": "free text", "non_personal": "non-pers."}
    print("| truth \\ scan | " + " | ".join(short[r] for r in ROLES) + " | total |")
    print("|---|" + "---:|" * (len(ROLES) + 1))
    for a in ROLES:
        n = sum(table[(a, b)] for b in ROLES)
        cells = ["**%d**" % table[(a, b)] if a == b else str(table[(a, b)] or "·") for b in ROLES]
        print("| %s | %s | %d |" % (a, " | ".join(cells), n))
    agree = sum(table[(r, r)] for r in ROLES)
    print("\n%d columns, %d agree (%.0f%%); %d truth roles corrected from the guess" %
          (len(truth), agree, 100.0 * agree / len(truth), corrected))
    print("personal columns drafted keep: %d" % len(kept))
    for (t, c), role in kept:
        print("  %s.%s (%s)" % (t, c, role))
    if "--mismatches" in sys.argv:
        print("\nmismatches (truth -> scan: rule):")
        for (t, c), role, got, rule in mismatches:
            print("  %s.%s: %s -> %s: %s" % (t, c, role, got, rule))
    if "--corrections" in sys.argv:
        print("\ncorrections of the guessed roles:")
        for key, (row, (role, reason)) in sorted(truth.items()):
            if role != MAP[row["role_guess"]]:
                print("  %s.%s: %s -> %s (%s)" % (key[0], key[1], row["role_guess"], role, reason))
    return 1 if kept else 0


if __name__ == "__main__":
    sys.exit(main())
