#!/usr/bin/env python3
"""Write a SQLite database with every table and column of the Standard Safeguarding
Dataset (SystemC deployment), filled with invented rows, for measuring `veil scan`.

    python3 bench/ssd/generate_ssd_schema.py DDL_CSV OUTPUT.sqlite [CHILDREN]

DDL_CSV is ssd_ddl_reference_systemc.csv (data-to-insight/ssd-data-model: 49 tables,
column names, order and types; each column is listed once per deployment file, and the
one column whose two listings disagree, cine_referral_worker_id, gets the wider type).
Declared types are written as the DDL has them (NVARCHAR(48), DATETIME, NCHAR(1), ...).

Values follow each column's role: names from veil's UK name lists (data/), NHS numbers in
the never-issued 999 range with a correct mod-11 digit, UPNs with a correct check letter
and the non-existent LA 999, postcodes from real outward codes with random inward codes,
DfE codes from data/dfe_codesets.json, ISO dates in date order, notes in invented
sentences that name the child, JSON documents, and ids whose foreign keys join (declared
as FOREIGN KEY where they reference a primary key; `PRAGMA foreign_key_check` is clean).
Python 3 standard library only; a fixed seed, so the output is the same on every run.
"""

import csv
import datetime as dt
import json
import os
import random
import sqlite3
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
DATA = os.path.join(ROOT, "data")
REF = dt.date(2025, 3, 31)
rng = random.Random(20251203)


def read_lines(name):
    with open(os.path.join(DATA, name), encoding="utf-8") as f:
        return [line.strip() for line in f if line.strip()]


FIRST = read_lines("first_names_male.txt") + read_lines("first_names_female.txt")
with open(os.path.join(DATA, "last_names_weighted.csv"), encoding="utf-8") as f:
    SURNAMES = [r["surname"] for r in csv.DictReader(f)]
with open(os.path.join(DATA, "outward_codes.csv"), encoding="utf-8") as f:
    OUTWARD = [(r["outward_code"], r["town"].title()) for r in csv.DictReader(f)]
with open(os.path.join(DATA, "dfe_codesets.json"), encoding="utf-8") as f:
    CODES = json.load(f)

# Primary keys (the SSD's own choice; ssd_person is keyed by pers_person_id, not by its
# first column). Tables not listed have none.
PRIMARY = {
    "ssd_person": "pers_person_id", "ssd_cin_episodes": "cine_referral_id",
    "ssd_professionals": "prof_professional_id", "ssd_department": "dept_team_id",
    "ssd_cp_plans": "cppl_cp_plan_id", "ssd_initial_cp_conference": "icpc_icpc_id",
    "ssd_s47_enquiry": "s47e_s47_enquiry_id", "ssd_cla_placement": "clap_cla_placement_id",
    "ssd_ehcp_requests": "ehcr_ehcp_request_id", "ssd_ehcp_active_plans": "ehcp_active_ehcp_id",
    "ssd_ehcp_assessment": "ehca_ehcp_assessment_id", "ssd_send": "send_table_id",
    "ssd_cin_assessments": "cina_assessment_id", "ssd_dim_date": "date_key",
    "ssd_cohort": "dim_person_id",
}
NO_FIRST_COLUMN_KEY = {"ssd_cla_immunisations", "ssd_pre_cla_care_plan"}
# The conference leads to the plan: the plan references it, not the other way round.
NO_FOREIGN_KEY = {("ssd_initial_cp_conference", "icpc_cp_plan_id")}

TEAM_COLUMNS = {"cina_assessment_team", "cine_referral_team", "cinp_cin_plan_team",
                "icpc_icpc_team", "invo_professional_team", "s47e_s47_completed_by_team",
                "clea_care_leaver_allocated_team", "dept_team_parent_id"}


def references(table, column):
    """The (table, column) a column's foreign key references, or None."""
    if PRIMARY.get(table) == column or (table, column) in NO_FOREIGN_KEY:
        return None
    if column in TEAM_COLUMNS:
        return ("ssd_department", "dept_team_id")
    if column.endswith("person_id") and table != "ssd_cohort":
        return ("ssd_person", "pers_person_id")
    ends = [("_referral_id", "ssd_cin_episodes"), ("_worker_id", "ssd_professionals"),
            ("_professional_id", "ssd_professionals"), ("_cp_plan_id", "ssd_cp_plans"),
            ("_icpc_id", "ssd_initial_cp_conference"), ("_s47_enquiry_id", "ssd_s47_enquiry"),
            ("_cla_placement_id", "ssd_cla_placement"),
            ("_ehcp_request_id", "ssd_ehcp_requests"), ("senn_active_ehcp_id", "ssd_ehcp_active_plans"),
            ("ehcn_ehcp_asmt_id", "ssd_ehcp_assessment"), ("ehcr_send_table_id", "ssd_send"),
            ("cinf_assessment_id", "ssd_cin_assessments")]
    for end, target in ends:
        if column.endswith(end) and table != target:
            return (target, PRIMARY[target])
    return None


def add_first_column_keys(schema):
    """The SSD keys every other table by its first column."""
    for table, cols in schema.items():
        if table not in PRIMARY and table not in NO_FIRST_COLUMN_KEY:
            PRIMARY[table] = cols[0][0]


def load_schema(path):
    tables = {}
    with open(path, encoding="utf-8") as f:
        for r in csv.DictReader(f):
            cols = tables.setdefault(r["table_name"], {})
            # SQLite has no NVARCHAR(MAX): it is written NVARCHAR, a text without limit.
            typ = r["full_type"].upper().replace("(MAX)", "")
            old = cols.get(r["field_name"])
            if old is None or (old[1] != typ and len(typ) > len(old[1])):
                cols[r["field_name"]] = (int(r["ordinal_position"]), typ)
    return {t: [(c, ty) for c, (o, ty) in sorted(cols.items(), key=lambda kv: kv[1][0])]
            for t, cols in tables.items()}


# --- values ------------------------------------------------------------------------------

UPN_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"


def upn():
    body = "999%04d%02d%03d" % (rng.randint(2000, 7999), rng.randint(5, 24), rng.randint(1, 999))
    return UPN_LETTERS[sum(int(c) * w for c, w in zip(body, range(2, 14))) % 23] + body


def nhs():
    while True:
        nine = "999%06d" % rng.randint(0, 999999)
        check = 11 - sum(int(c) * w for c, w in zip(nine, range(10, 1, -1))) % 11
        check = 0 if check == 11 else check
        if check != 10:
            return nine + str(check)


def postcode():
    return "%s %d%s%s" % (rng.choice(OUTWARD)[0], rng.randint(1, 9),
                          rng.choice("ABDEFGHJLNPQRSTUWXYZ"), rng.choice("ABDEFGHJLNPQRSTUWXYZ"))


def full_name():
    return "%s %s" % (rng.choice(FIRST), rng.choice(SURNAMES))


def dt_text(d, kind):
    if d is None:
        return None
    if kind == "DATE":
        return d.isoformat()
    if kind == "NVARCHAR(10)":
        return d.strftime("%d/%m/%Y")
    return "%s %02d:%02d:00" % (d.isoformat(), rng.randint(8, 18), rng.choice(range(0, 60, 5)))


def some_date(lo=dt.date(2018, 4, 1), hi=REF):
    return lo + dt.timedelta(days=rng.randint(0, (hi - lo).days))


SENTENCES = [
    "{c} told the teacher that {a} had been shouting at home again.",
    "School reported that {c} arrived hungry and in the same clothes as last week.",
    "Home visit with {a}; {c} was seen in their bedroom and appeared well.",
    "{a} agreed to the plan and will bring {c} to the clinic on Tuesday.",
    "Police attended after a report of an argument; {c} was present and upset.",
    "{c} said they feel safe with {a} but miss their brother.",
    "Health visitor concerned about missed appointments for {c}.",
    "Advice given to the referrer; no further action needed for {c}.",
]
LABELS = {  # categories in words, as SystemC stores them
    "addr_address_type": ["Home", "Previous", "Temporary", "Placement"],
    "clea_care_leaver_eligibility": ["Relevant", "Former relevant", "Qualifying", "Eligible"],
    "clah_health_check_status": ["Completed", "Declined", "Not due", "Overdue"],
    "clah_health_check_type": ["Annual health assessment", "Dental check", "Optician check",
                               "Initial health assessment"],
    "clas_substance_misused": ["Alcohol", "Cannabis", "Cocaine", "Solvents", "Other substance"],
    "earl_episode_reason": ["Parenting support", "School attendance", "Domestic abuse",
                            "Housing", "Emotional wellbeing"],
    "earl_episode_end_reason": ["Needs met", "Family disengaged", "Stepped up to CSC", "Moved away"],
    "earl_episode_organisation": ["Family Hub North", "Family Hub South", "School Nursing",
                                  "Youth Service"],
    "ehca_ehcp_assessment_outcome": ["Plan issued", "Plan not issued", "Withdrawn"],
    "ehca_ehcp_assessment_exceptions": ["None", "Late advice", "Parent request"],
    "ehcn_named_plan_ceased_reason": ["Moved LA", "Needs met", "Left education"],
    "ehcr_ehcp_req_outcome": ["Agreed to assess", "Refused", "Withdrawn"],
    "immi_immigration_status": ["UASC", "Refugee status", "Leave to remain", "British citizen"],
    "miss_missing_rhi_offered": ["Y", "N", "NA"], "miss_missing_rhi_accepted": ["Y", "N", "NA"],
    "perm_permanence_order_type": ["Adoption order", "Special guardianship order",
                                   "Child arrangements order"],
    "prep_pre_pro_outcome": ["Issue proceedings", "Continue PLO", "Step down"],
    "prep_legal_gateway_outcome": ["Threshold met", "Threshold not met"],
    "prep_proc_short_notice_reason": ["Risk of harm", "Parent left area", "Other"],
    "prep_la_initial_care_plan": ["Remain at home", "Kinship care", "Foster care", "Adoption"],
    "prep_la_final_care_plan": ["Remain at home", "Kinship care", "Foster care", "Adoption"],
    "cppr_cp_review_quorate": ["Quorate", "Not quorate"],
    "link_identifier_type": ["Former UPN", "NHS number", "Case number", "ULN"],
    "pers_nationality": ["British"] * 30 + ["Polish", "Romanian", "Irish", "Afghan", "Eritrean"],
    "prof_professional_department": ["Children's Social Care", "Early Help", "Fostering"],
    "prof_professional_job_title": ["Social Worker", "Senior Social Worker", "Team Manager",
                                    "Family Support Worker", "Independent Reviewing Officer"],
    "lapp_previous_permanence_la": ["Leeds", "Bradford", "Wakefield", "Kirklees", "Calderdale"],
    "senn_active_ehcp_need_type": ["ASD", "SEMH", "SLCN", "MLD", "SPLD", "HI", "VI", "PD"],
    "fiscal_year_label": None,  # computed
}
CODED = {  # column -> DfE code list
    "pers_ethnicity": "ethnicity", "pers_sex": "sex_api", "disa_disability_code": "disability",
    "cine_cin_primary_need_code": "primary_need_cin", "clae_cla_primary_need_code": "primary_need_903",
    "cine_referral_source_code": "referral_source", "cont_contact_source_code": "referral_source",
    "cine_close_reason": "reason_for_closure", "cppl_cp_plan_initial_category": "category_of_abuse",
    "cppl_cp_plan_latest_category": "category_of_abuse", "lega_legal_status": "legal_status",
    "clap_cla_placement_type": "placement_type", "clap_cla_placement_provider": "placement_provider",
    "clae_cla_episode_start_reason": "rne", "clae_cla_episode_ceased_reason": "rec",
    "clap_cla_placement_change_reason": "placement_change_reason",
    "clea_care_leaver_activity": "care_leaver_activity",
    "clea_care_leaver_accommodation": "care_leaver_accommodation_903",
    "clea_care_leaver_in_touch": "care_leaver_in_touch",
    "clea_care_leaver_accom_suitable": None, "miss_missing_episode_type": "missing",
    "csdq_sdq_reason": "sdq_reason", "clar_cla_review_participation": "review_participation",
    "cppr_cp_review_participation": "review_participation",
    "lapp_previous_permanence_option": "previous_permanence", "perm_adopter_sex": "adopter_sex",
    "perm_adopter_legal_status": "adopter_legal_status",
    "invo_worker_change_reason": "social_worker_change_reason_903",
    "perm_decision_reversed_reason": "placement_ceased_reason_adoption",
    "pers_gender": "gender_cin", "pers_upn_unknown": "upn_unknown_cin_xsd",
    "send_upn_unknown": "upn_unknown_cin_xsd",
}
TEAMS = [("41%02d" % i, name) for i, name in enumerate(
    ["Front Door Team 1", "Front Door Team 2", "Assessment Team", "Children in Need Team",
     "Child Protection Team", "Court Team", "Children in Care Team", "Care Leavers Team",
     "Independent Reviewing Service", "Family Support Service", "Children's Services",
     "Early Help Service"], 1)]
PROVIDERS = ["SC%06d" % rng.randint(400000, 999999) for _ in range(40)]
ROLES = ["Allocated Social Worker", "Family Support Worker", "Independent Reviewing Officer",
         "Personal Advisor", "Team Manager"]
# `veil verify` searches kept labels for every original surname as a whole word, and
# for every value of a nulled column: a child called Foster beside a kept "Foster care"
# is a match it must report. Such chance matches would measure the verifier, not the
# scan, so the surnames drawn here are no word of a label, and no two label columns of
# which one is nulled share a label ("Declined", "Other substance").
LABEL_WORDS = {word.lower() for values in LABELS.values() if values for v in values
               for word in v.replace("-", " ").split()}
DESCRIPTIONS = ["Police", "Schools", "Health services - GP", "Housing",
                "Individual - family member/relative/carer", "Anonymous"]
LABEL_WORDS |= {word.lower() for v in [n for _, n in TEAMS] + ROLES + DESCRIPTIONS
                for word in v.replace("-", " ").replace("/", " ").split()}
SURNAMES = [s for s in SURNAMES if s.lower() not in LABEL_WORDS]


class Generator:
    def __init__(self, schema, children):
        self.schema = schema
        self.children = children
        self.keys = {}  # (table, column) -> list of values written
        self.used = set()
        self.people = {}  # person id -> (forename, surname, dob)

    def new_id(self, digits=7):
        while True:
            value = str(rng.randint(10 ** (digits - 1), 10 ** digits - 1))
            if value not in self.used:
                self.used.add(value)
                return value

    def rows_of(self, table):
        n = self.children
        fixed = {"ssd_person": n, "ssd_cohort": n, "ssd_professionals": max(20, n // 15),
                 "ssd_department": len(TEAMS), "ssd_dim_date": 2 * 365,
                 "ssd_family": n, "ssd_send": n // 4, "ssd_mother": n // 20,
                 "ssd_disability": n // 5, "ssd_cla_immunisations": n // 5}
        if table in fixed:
            return fixed[table]
        busy = {"ssd_contacts": 2.0, "ssd_cin_episodes": 1.3, "ssd_involvements": 2.5,
                "ssd_cin_visits": 2.0, "ssd_cp_visits": 1.0, "ssd_cla_visits": 1.0,
                "ssd_address": 1.3, "ssd_linked_identifiers": 0.5, "ssd_pre_cla_care_plan": 1.0}
        return max(10, int(n * busy.get(table, 0.3)))

    def value(self, table, column, typ, row, ctx):
        ref = references(table, column)
        if column == "dept_team_parent_id":  # the first team is every other's parent
            return TEAMS[0][0] if row > 0 else None
        if ref is not None:
            return rng.choice(self.keys[ref])
        if PRIMARY.get(table) == column:
            if table == "ssd_department":
                return TEAMS[row][0]
            if table == "ssd_dim_date":
                return int(ctx["day"].strftime("%Y%m%d"))
            if table == "ssd_cohort":
                return self.person_ids[row]
            return self.new_id(8 if table != "ssd_person" else 7)
        return self.by_role(table, column, typ, row, ctx)

    def by_role(self, table, c, typ, row, ctx):
        person = ctx.get("person")
        child = self.people.get(person, ("Sam", "Smith", None))
        if table == "ssd_dim_date":
            return self.calendar(c, ctx["day"])
        if c in CODED and CODED[c]:
            return rng.choice(CODES[CODED[c]])
        if c in LABELS:
            return rng.choice(LABELS[c])
        if c == "pers_upn" or c == "send_upn":
            return upn() if rng.random() < 0.9 else None
        if c == "send_uln":
            return str(rng.randint(1000000000, 9999999999)) if rng.random() < 0.5 else None
        if c == "pers_single_unique_id":
            return nhs()
        if c == "pers_forename":
            return child[0]
        if c == "pers_surname":
            return child[1]
        if c in ("prof_professional_name", "clea_care_leaver_personal_advisor"):
            return full_name()
        if c == "dept_team_name":
            return TEAMS[row][1]
        if c == "dept_team_parent_name":
            return TEAMS[0][1] if row > 0 else None
        if c.endswith("postcode"):
            return postcode()
        if c == "link_identifier_value":
            return rng.choice([upn, nhs, lambda: "CASE%06d" % rng.randint(0, 999999)])()
        if c == "prof_social_worker_registration_no":
            return "SWX%06d" % rng.randint(0, 999999)
        if c == "invo_professional_role_id":
            return rng.choice(ROLES)
        if c.endswith("_urn"):
            return rng.choice(PROVIDERS)
        if c in ("fami_family_id", "prep_plo_family_id"):
            return "F%05d" % (int(person) % 40000 if person else rng.randint(0, 39999))
        if c.endswith("_cla_id"):
            return rng.choice(self.cla_ids)
        if c in ("legacy_id", "pers_legacy_id"):
            return "L" + (person or self.new_id())
        if c.endswith("_id") or c == "prep_court_reference":
            return (self.new_id(9) if not c.endswith("reference")
                    else "LS%02dC%05d" % (rng.randint(18, 25), rng.randint(0, 99999)))
        if typ in ("DATETIME", "DATE") or (c.endswith("_date") or c.endswith("dob")
                                         or c.endswith("_dttm") or c.endswith("_due")):
            return dt_text(self.date_for(c, ctx, child), typ)
        if typ == "NCHAR(1)" or typ == "NCHAR(2)" or typ == "NCHAR(5)":
            return rng.choice("YYNNN" if typ != "NCHAR(1)" or "rank" not in c else "12345")
        if typ == "BIT":
            return rng.randint(0, 1)
        if typ in ("INT", "TINYINT"):
            return rng.randint(0, 12)
        if typ == "FLOAT":
            return round(rng.uniform(0.2, 60), 1)
        if c.endswith("_json"):
            return self.json_for(c, child)
        if c in ("answer", "clac_cla_conviction_offence"):
            return self.note(child)
        if c.endswith("_desc"):
            return rng.choice(DESCRIPTIONS)
        if c == "answer_no":
            return "Q%d" % rng.randint(1, 12)
        if c.startswith("s251_placeholder"):
            return None
        if c == "clea_care_leaver_accom_suitable":
            return rng.choice(["1", "2"])
        raise SystemExit("no value rule for %s.%s (%s)" % (table, c, typ))

    def calendar(self, c, day):
        q = (day.month - 1) // 3
        fy = day.year if day.month >= 4 else day.year - 1
        values = {
            "full_date": day, "calendar_year": day.year, "calendar_quarter": q + 1,
            "month_number": day.month, "day_of_month": day.day, "iso_year": day.isocalendar()[0],
            "iso_week": day.isocalendar()[1], "day_of_week_monday1": day.isoweekday(),
            "is_weekend": int(day.isoweekday() >= 6),
            "month_start_date": day.replace(day=1),
            "month_end_date": (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1),
            "quarter_start_date": dt.date(day.year, 3 * q + 1, 1),
            "quarter_end_date": (dt.date(day.year + (q == 3), (3 * q + 3) % 12 + 1, 1) - dt.timedelta(days=1)),
            "year_start_date": dt.date(day.year, 1, 1), "year_end_date": dt.date(day.year, 12, 31),
            "fiscal_year_start_year": fy, "fiscal_year_label": "%d/%02d" % (fy, (fy + 1) % 100),
            "fiscal_year_start_date": dt.date(fy, 4, 1), "fiscal_year_end_date": dt.date(fy + 1, 3, 31),
            "fiscal_quarter": ((day.month - 4) % 12) // 3 + 1,
        }
        fq = values["fiscal_quarter"]
        start_month = (3 + 3 * (fq - 1)) % 12 + 1
        fq_start = dt.date(fy + (start_month < 4), start_month, 1)
        values["fiscal_quarter_start_date"] = fq_start
        values["fiscal_quarter_end_date"] = (dt.date(fq_start.year + (start_month + 3 > 12),
                                                     (start_month + 2) % 12 + 1, 1)
                                             - dt.timedelta(days=1))
        v = values[c]
        return v.isoformat() if isinstance(v, dt.date) else v

    def date_for(self, c, ctx, child):
        dob = child[2] or dt.date(2012, 6, 1)
        if c in ("pers_dob", "moth_childs_dob"):
            return dob
        if c == "pers_expected_dob":
            return None if rng.random() < 0.95 else dob
        if c == "pers_death_date":
            return None if rng.random() < 0.99 else some_date(dob, REF)
        start = ctx.setdefault("start", some_date(max(dob, dt.date(2018, 4, 1)), REF))
        if any(w in c for w in ("end", "ceased", "close", "to_date", "last_")):
            end = start + dt.timedelta(days=rng.randint(10, 700))
            return None if end > REF else end
        later = start + dt.timedelta(days=rng.randint(0, 120))
        return later if later <= REF else start

    def json_for(self, c, child):
        if c == "addr_address_json":
            return json.dumps({"ROOM": "", "FLOOR": "", "BUILDING": "",
                               "STREET": "%d %s Road" % (rng.randint(1, 200), rng.choice(SURNAMES)),
                               "TOWN": rng.choice(OUTWARD)[1], "UPRN": str(rng.randint(10 ** 10, 10 ** 11))})
        if c == "cinf_assessment_factors_json":
            return json.dumps(rng.sample(CODES["assessment_factors"], rng.randint(1, 4)))
        return json.dumps({"OUTCOME_CODE": rng.choice(["NFA", "CIN", "CP", "S47"]),
                           "OUTCOME_NOTE": self.note(child)})

    def note(self, child):
        a = rng.choice(["Mum", "Dad", "Nan", "%s %s" % (rng.choice(FIRST), child[1])])
        return " ".join(s.format(c=child[0], a=a) for s in rng.sample(SENTENCES, 2))

    def fill(self, db):
        order = ["ssd_department", "ssd_professionals", "ssd_person"]
        order += sorted(t for t in self.schema if t not in order)
        # Referenced tables before the tables that reference them.
        done, pending = [], list(order)
        while pending:
            for t in pending:
                deps = {references(t, c)[0] for c, _ in self.schema[t] if references(t, c)}
                if deps - {t} <= set(done):
                    done.append(t)
                    pending.remove(t)
                    break
            else:
                raise SystemExit("foreign keys form a cycle: %s" % pending)
        self.cla_ids = [self.new_id(8) for _ in range(self.children // 4)]
        for t in done:
            self.fill_table(db, t)

    def fill_table(self, db, table):
        cols = self.schema[table]
        rows = []
        first_day = dt.date(2023, 4, 1)
        for i in range(self.rows_of(table)):
            ctx = {}
            if table == "ssd_dim_date":
                ctx["day"] = first_day + dt.timedelta(days=i)
            if table == "ssd_person":
                pid = self.new_id(7)
                self.people[pid] = (rng.choice(FIRST), rng.choice(SURNAMES),
                                    some_date(dt.date(2007, 4, 1), dt.date(2025, 3, 1)))
                ctx["person"] = pid
            row = []
            for c, typ in cols:
                if table == "ssd_person" and c == "pers_person_id":
                    v = pid
                else:
                    v = self.value(table, c, typ, i, ctx)
                if c.endswith("person_id") and v is not None and "person" not in ctx:
                    ctx["person"] = v
                if table == "ssd_person" and c == "pers_legacy_id":
                    v = "L" + pid
                row.append(v)
            rows.append(row)
        for (c, _), k in zip(cols, range(len(cols))):
            self.keys[(table, c)] = [r[k] for r in rows if r[k] is not None]
        if table == "ssd_person":
            self.person_ids = [r[1] for r in rows]
        marks = ",".join("?" * len(cols))
        db.executemany('INSERT INTO "%s" VALUES (%s)' % (table, marks), rows)

    def create(self, db):
        for table, cols in self.schema.items():
            parts = []
            for c, typ in cols:
                parts.append('"%s" %s%s' % (c, typ, " PRIMARY KEY" if PRIMARY.get(table) == c else ""))
            for c, _ in cols:
                ref = references(table, c)
                if ref:
                    parts.append('FOREIGN KEY ("%s") REFERENCES "%s"("%s")' % (c, ref[0], ref[1]))
            db.execute('CREATE TABLE "%s" (\n  %s\n)' % (table, ",\n  ".join(parts)))


def main():
    if len(sys.argv) < 3:
        raise SystemExit(__doc__)
    schema = load_schema(sys.argv[1])
    add_first_column_keys(schema)
    out = sys.argv[2]
    children = int(sys.argv[3]) if len(sys.argv) > 3 else 600
    if os.path.exists(out):
        os.remove(out)
    db = sqlite3.connect(out)
    db.execute("PRAGMA foreign_keys = ON")
    gen = Generator(schema, children)
    gen.create(db)
    gen.fill(db)
    db.commit()
    bad = db.execute("PRAGMA foreign_key_check").fetchall()
    if bad:
        raise SystemExit("foreign_key_check: %d rows" % len(bad))
    n = sum(db.execute('SELECT COUNT(*) FROM "%s"' % t).fetchone()[0] for t in schema)
    print("%s: %d tables, %d columns, %d rows" % (out, len(schema),
                                                  sum(len(c) for c in schema.values()), n))


if __name__ == "__main__":
    main()
