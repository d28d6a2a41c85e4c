#!/usr/bin/env python3
"""Writes admissions.csv: invented hospital admissions for veil's worked example of a
health-data release (docs/privacy.md). No real person appears; names are drawn from a
short invented list. Deterministic: re-running gives the same file."""
import csv
import datetime
import random

rng = random.Random(20261129)
FIRST = ["Amira", "Ben", "Chloe", "Dev", "Ella", "Finn", "Grace", "Hari", "Isla", "Jay"]
LAST = ["Ashby", "Brook", "Carrow", "Dunmore", "Elling", "Fairley", "Garth", "Holm"]
DIAGNOSES = ["asthma", "fracture", "pneumonia", "appendicitis", "diabetes", "sepsis",
             "cellulitis", "migraine"]
DIAGNOSIS_WEIGHTS = [20, 18, 14, 10, 12, 6, 12, 8]
NEIGHBOURHOODS = ["Armley", "Beeston", "Chapeltown", "Headingley", "Holbeck", "Hunslet",
                  "Kirkstall", "Meanwood", "Seacroft", "Wortley", "Arthington", "Eccup",
                  "Harewood", "Wike"]
NEIGHBOURHOOD_WEIGHTS = [300, 250, 220, 200, 180, 160, 150, 140, 120, 100, 2, 2, 1, 1]
DISTRICTS = ["LS1", "LS2", "LS6", "LS7", "LS8", "LS9", "LS11", "LS12", "LS15", "LS17"]
NOTES = ["seen in A&E", "referred by GP", "transferred from ward", "walk-in", ""]

with open("admissions.csv", "w", newline="") as out:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["admission_id", "patient_name", "admitted", "age", "sex",
                     "postcode_district", "neighbourhood", "diagnosis", "notes"])
    start = datetime.date(2023, 1, 1)
    for i in range(1, 3001):
        admitted = start + datetime.timedelta(days=rng.randrange(730))
        age = min(99, int(rng.expovariate(1 / 38)))
        writer.writerow([
            f"A{100000 + i}",
            f"{rng.choice(FIRST)} {rng.choice(LAST)}",
            admitted.isoformat(),
            age,
            rng.choice(["F", "M"]),
            rng.choice(DISTRICTS),
            rng.choices(NEIGHBOURHOODS, NEIGHBOURHOOD_WEIGHTS)[0],
            rng.choices(DIAGNOSES, DIAGNOSIS_WEIGHTS)[0],
            rng.choice(NOTES),
        ])
