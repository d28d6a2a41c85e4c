#!/usr/bin/env python3
"""Write a 20-column table of invented personal data, for timing `veil scan`.

    python3 bench/generate_scan_table.py ROWS OUT.csv [OUT.sqlite]

Columns: person_id (unique), nhs_number (999 range, valid mod-11), upn (valid check
letter, LA 999), forename, surname (veil's UK name lists), dob, sex, ethnicity (DfE
code), postcode (a real outward code, random inward code), email (example.org), phone
(Ofcom drama range), address, referral_date, referral_source (DfE code), status
(labels), is_active (Y/N), amount (decimal), worker_name, notes (invented sentences that
name the person) and team_id. Values are drawn from pools of 200,000 (ids: all distinct),
so the distinct counts are those of a real table of that size. Fixed seed; standard
library only. With OUT.sqlite, the same rows also go into a SQLite table `people` (TEXT
columns, person_id the primary key).
"""

import csv
import os
import random
import sqlite3
import sys

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data")
rng = random.Random(13)
POOL = 200000


def lines(name):
    with open(os.path.join(DATA, name), encoding="utf-8") as f:
        return [x.strip() for x in f if x.strip()]


FIRST = lines("first_names_male.txt") + lines("first_names_female.txt")
SURNAMES = [line.split(",")[0] for line in lines("last_names_weighted.csv")[1:]]
OUTWARD = [line.split(",")[0] for line in lines("outward_codes.csv")[1:]]
ETHNICITY = ["WBRI"] * 12 + ["WIRI", "WOTH", "MWBC", "MWBA", "AIND", "APKN", "BAFR", "BCRB",
                            "CHNE", "OOTH", "REFU", "NOBT"]
SOURCES = ["1A", "1B", "2A", "2B", "3A", "3B", "3F", "4", "5A", "5D", "6", "8", "9", "10"]
STATUS = ["Open", "Closed", "Transferred", "Awaiting allocation", "Step down"]
STREETS = ["Road", "Street", "Lane", "Avenue", "Close", "Grove", "Way"]
SENTENCES = ["{f} was seen at home with {m}.", "School said {f} {s} missed two days.",
             "Call from {m} about {f}; advice given.", "Visit booked for {f} {s} on Monday.",
             "{f} said things are better at home.", "No concerns raised at the review."]
UPN = "ABCDEFGHJKLMNPQRTUVWXYZ"


def nhs():
    while True:
        nine = "999%06d" % rng.randint(0, 999999)
        check = 11 - sum(int(c) * w for c, w in zip(nine, range(10, 1, -1))) % 11
        if check != 10:
            return nine + str(0 if check == 11 else check)


def upn():
    body = "999%04d%02d%03d" % (rng.randint(2000, 7999), rng.randint(5, 24), rng.randint(1, 999))
    return UPN[sum(int(c) * w for c, w in zip(body, range(2, 14))) % 23] + body


def date(lo, span):
    y, d = divmod(rng.randint(0, span), 365)
    return "%04d-%02d-%02d" % (lo + y, d // 31 % 12 + 1, d % 28 + 1)


def pool(make):
    return [make() for _ in range(POOL)]


def main():
    if len(sys.argv) < 3:
        raise SystemExit(__doc__)
    rows, out = int(sys.argv[1]), sys.argv[2]
    nhs_pool, upn_pool = pool(nhs), pool(upn)
    postcodes = pool(lambda: "%s %d%s%s" % (rng.choice(OUTWARD), rng.randint(1, 9),
                                            rng.choice("ABDEFGHJLNPQRSTUWXYZ"),
                                            rng.choice("ABDEFGHJLNPQRSTUWXYZ")))
    phones = ["07700 900%03d" % i for i in range(1000)] + ["0113 496 0%03d" % i for i in range(1000)]
    dobs = pool(lambda: date(2005, 20 * 365))
    referrals = pool(lambda: date(2018, 7 * 365) + " 00:00:00")
    addresses = pool(lambda: "%d %s %s" % (rng.randint(1, 250), rng.choice(SURNAMES),
                                           rng.choice(STREETS)))
    amounts = pool(lambda: "%.2f" % rng.uniform(0, 900))
    ids = rng.sample(range(10 ** 8, 10 ** 9), rows)
    header = ["person_id", "nhs_number", "upn", "forename", "surname", "dob", "sex", "ethnicity",
              "postcode", "email", "phone", "address", "referral_date", "referral_source",
              "status", "is_active", "amount", "worker_name", "notes", "team_id"]
    batch = []
    db = None
    if len(sys.argv) > 3:
        if os.path.exists(sys.argv[3]):
            os.remove(sys.argv[3])
        db = sqlite3.connect(sys.argv[3])
        db.execute("CREATE TABLE people (%s)" % ", ".join(
            "%s TEXT%s" % (h, " PRIMARY KEY" if h == "person_id" else "") for h in header))
    with open(out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for i in range(rows):
            r = rng.random
            first, last = FIRST[int(r() * len(FIRST))], SURNAMES[int(r() * len(SURNAMES))]
            k = int(r() * POOL)
            note = SENTENCES[int(r() * 6)].format(f=first, s=last, m=FIRST[k % len(FIRST)])
            row = [str(ids[i]), nhs_pool[k], upn_pool[(k * 7) % POOL], first, last, dobs[k],
                   "MFU"[int(r() * 2.02)], ETHNICITY[int(r() * len(ETHNICITY))],
                   postcodes[(k * 3) % POOL], "%s.%s%d@example.org" % (first.lower(), last.lower(), k),
                   phones[k % 2000], addresses[(k * 11) % POOL], referrals[(k * 5) % POOL],
                   SOURCES[int(r() * len(SOURCES))], STATUS[int(r() * 5)], "YN"[int(r() * 2)],
                   amounts[(k * 13) % POOL], FIRST[(k * 17) % len(FIRST)] + " " + SURNAMES[k % len(SURNAMES)],
                   note, str(4100 + k % 40)]
            w.writerow(row)
            if db is not None:
                batch.append(row)
                if len(batch) == 50000:
                    db.executemany("INSERT INTO people VALUES (%s)" % ",".join("?" * 20), batch)
                    batch = []
    if db is not None:
        if batch:
            db.executemany("INSERT INTO people VALUES (%s)" % ",".join("?" * 20), batch)
        db.commit()
        db.close()


if __name__ == "__main__":
    main()
