#!/usr/bin/env python3
"""Write examples/ssd/ssd.sqlite: an invented database shaped like the Standard
Safeguarding Dataset (SSD), for trying veil on.

Every value is made up: names come from the short lists below, ids are random numbers,
UPNs use the non-existent LA number 999, NHS-style numbers use the never-issued 999
range, registration numbers use a never-issued "SWX" prefix. Nothing describes a real
child, family or worker.

Table and column names, column order and declared types follow the SSD (SystemC
deployment, data-to-insight/ssd-data-model); code values come from the DfE CIN census
and SSDA903 code lists. The output is the same on every run (fixed seed) and needs only
the Python 3 standard library:

    python3 examples/ssd/generate_ssd.py [OUTPUT]     # default: next to this script
"""

import datetime as dt
import json
import os
import random
import sqlite3
import sys

SEED = 20250331
N_CHILDREN = 300
REF_DATE = dt.date(2025, 3, 31)       # "today" for the extract
WINDOW_START = dt.date(2018, 4, 1)    # the SSD keeps about six years of activity

# ---------------------------------------------------------------------------------------
# Schema: (column, declared type) in ordinal order, as in the SSD SystemC DDL.
# ---------------------------------------------------------------------------------------
SCHEMA = {
    "ssd_person": [
        ("pers_legacy_id", "NVARCHAR(48)"),
        ("pers_person_id", "NVARCHAR(48)"),
        ("pers_upn", "NVARCHAR(13)"),
        ("pers_forename", "NVARCHAR(100)"),
        ("pers_surname", "NVARCHAR(255)"),
        ("pers_sex", "NVARCHAR(20)"),
        ("pers_gender", "NVARCHAR(10)"),
        ("pers_ethnicity", "NVARCHAR(48)"),
        ("pers_dob", "DATETIME"),
        ("pers_single_unique_id", "NVARCHAR(48)"),
        ("pers_upn_unknown", "NVARCHAR(6)"),
        ("pers_send_flag", "NCHAR(5)"),
        ("pers_expected_dob", "DATETIME"),
        ("pers_death_date", "DATETIME"),
        ("pers_is_mother", "NCHAR(1)"),
        ("pers_nationality", "NVARCHAR(48)"),
    ],
    "ssd_family": [
        ("fami_table_id", "NVARCHAR(48)"),
        ("fami_family_id", "NVARCHAR(48)"),
        ("fami_person_id", "NVARCHAR(48)"),
    ],
    "ssd_address": [
        ("addr_table_id", "NVARCHAR(48)"),
        ("addr_person_id", "NVARCHAR(48)"),
        ("addr_address_type", "NVARCHAR(48)"),
        ("addr_address_start_date", "DATETIME"),
        ("addr_address_end_date", "DATETIME"),
        ("addr_address_postcode", "NVARCHAR(15)"),
        ("addr_address_json", "NVARCHAR(1000)"),
    ],
    "ssd_disability": [
        ("disa_table_id", "NVARCHAR(48)"),
        ("disa_person_id", "NVARCHAR(48)"),
        ("disa_disability_code", "NVARCHAR(48)"),
    ],
    "ssd_contacts": [
        ("cont_contact_id", "NVARCHAR(48)"),
        ("cont_person_id", "NVARCHAR(48)"),
        ("cont_contact_date", "DATETIME"),
        ("cont_contact_source_code", "NVARCHAR(48)"),
        ("cont_contact_source_desc", "NVARCHAR(255)"),
        ("cont_contact_outcome_json", "NVARCHAR(4000)"),
    ],
    "ssd_cin_episodes": [
        ("cine_referral_id", "NVARCHAR(48)"),
        ("cine_person_id", "NVARCHAR(48)"),
        ("cine_referral_date", "DATETIME"),
        ("cine_cin_primary_need_code", "NVARCHAR(3)"),
        ("cine_referral_source_code", "NVARCHAR(48)"),
        ("cine_referral_source_desc", "NVARCHAR(255)"),
        ("cine_referral_outcome_json", "NVARCHAR(4000)"),
        ("cine_referral_nfa", "NCHAR(1)"),
        ("cine_close_reason", "NVARCHAR(100)"),
        ("cine_close_date", "DATETIME"),
        ("cine_referral_team", "NVARCHAR(48)"),
        ("cine_referral_worker_id", "NVARCHAR(48)"),
    ],
    "ssd_cin_plans": [
        ("cinp_cin_plan_id", "NVARCHAR(48)"),
        ("cinp_referral_id", "NVARCHAR(48)"),
        ("cinp_person_id", "NVARCHAR(48)"),
        ("cinp_cin_plan_start_date", "DATETIME"),
        ("cinp_cin_plan_end_date", "DATETIME"),
        ("cinp_cin_plan_team", "NVARCHAR(48)"),
        ("cinp_cin_plan_worker_id", "NVARCHAR(100)"),
    ],
    "ssd_cp_plans": [
        ("cppl_cp_plan_id", "NVARCHAR(48)"),
        ("cppl_referral_id", "NVARCHAR(48)"),
        ("cppl_icpc_id", "NVARCHAR(48)"),
        ("cppl_person_id", "NVARCHAR(48)"),
        ("cppl_cp_plan_start_date", "DATETIME"),
        ("cppl_cp_plan_end_date", "DATETIME"),
        ("cppl_cp_plan_ola", "NCHAR(1)"),
        ("cppl_cp_plan_initial_category", "NVARCHAR(100)"),
        ("cppl_cp_plan_latest_category", "NVARCHAR(100)"),
    ],
    "ssd_cla_episodes": [
        ("clae_cla_episode_id", "NVARCHAR(48)"),
        ("clae_person_id", "NVARCHAR(48)"),
        ("clae_cla_placement_id", "NVARCHAR(48)"),
        ("clae_cla_episode_start_date", "DATETIME"),
        ("clae_cla_episode_start_reason", "NVARCHAR(100)"),
        ("clae_cla_primary_need_code", "NVARCHAR(3)"),
        ("clae_cla_episode_ceased_date", "DATETIME"),
        ("clae_cla_episode_ceased_reason", "NVARCHAR(255)"),
        ("clae_cla_id", "NVARCHAR(48)"),
        ("clae_referral_id", "NVARCHAR(48)"),
        ("clae_cla_last_iro_contact_date", "DATETIME"),
        ("clae_entered_care_date", "DATETIME"),
    ],
    "ssd_cla_placement": [
        ("clap_cla_placement_id", "NVARCHAR(48)"),
        ("clap_cla_id", "NVARCHAR(48)"),
        ("clap_person_id", "NVARCHAR(48)"),
        ("clap_cla_placement_start_date", "DATETIME"),
        ("clap_cla_placement_type", "NVARCHAR(100)"),
        ("clap_cla_placement_urn", "NVARCHAR(48)"),
        ("clap_cla_placement_distance", "FLOAT"),
        ("clap_cla_placement_provider", "NVARCHAR(48)"),
        ("clap_cla_placement_postcode", "NVARCHAR(8)"),
        ("clap_cla_placement_end_date", "DATETIME"),
        ("clap_cla_placement_change_reason", "NVARCHAR(100)"),
    ],
    "ssd_legal_status": [
        ("lega_legal_status_id", "NVARCHAR(48)"),
        ("lega_person_id", "NVARCHAR(48)"),
        ("lega_legal_status", "NVARCHAR(100)"),
        ("lega_legal_status_start_date", "DATETIME"),
        ("lega_legal_status_end_date", "DATETIME"),
    ],
    "ssd_professionals": [
        ("prof_professional_id", "NVARCHAR(48)"),
        ("prof_staff_id", "NVARCHAR(48)"),
        ("prof_professional_name", "NVARCHAR(300)"),
        ("prof_social_worker_registration_no", "NVARCHAR(48)"),
        ("prof_agency_worker_flag", "NCHAR(1)"),
        ("prof_professional_job_title", "NVARCHAR(500)"),
        ("prof_professional_caseload", "INT"),
        ("prof_professional_department", "NVARCHAR(100)"),
        ("prof_full_time_equivalency", "FLOAT"),
    ],
    "ssd_involvements": [
        ("invo_involvements_id", "NVARCHAR(48)"),
        ("invo_professional_id", "NVARCHAR(48)"),
        ("invo_professional_role_id", "NVARCHAR(200)"),
        ("invo_professional_team", "NVARCHAR(48)"),
        ("invo_person_id", "NVARCHAR(48)"),
        ("invo_involvement_start_date", "DATETIME"),
        ("invo_involvement_end_date", "DATETIME"),
        ("invo_worker_change_reason", "NVARCHAR(200)"),
        ("invo_referral_id", "NVARCHAR(48)"),
    ],
    "ssd_linked_identifiers": [
        ("link_table_id", "NVARCHAR(48)"),
        ("link_person_id", "NVARCHAR(48)"),
        ("link_identifier_type", "NVARCHAR(100)"),
        ("link_identifier_value", "NVARCHAR(100)"),
        ("link_valid_from_date", "DATETIME"),
        ("link_valid_to_date", "DATETIME"),
    ],
}

PRIMARY_KEYS = {
    "ssd_person": "pers_person_id",
    "ssd_family": "fami_table_id",
    "ssd_address": "addr_table_id",
    "ssd_disability": "disa_table_id",
    "ssd_contacts": "cont_contact_id",
    "ssd_cin_episodes": "cine_referral_id",
    "ssd_cin_plans": "cinp_cin_plan_id",
    "ssd_cp_plans": "cppl_cp_plan_id",
    "ssd_cla_episodes": "clae_cla_episode_id",
    "ssd_cla_placement": "clap_cla_placement_id",
    "ssd_legal_status": "lega_legal_status_id",
    "ssd_professionals": "prof_professional_id",
    "ssd_involvements": "invo_involvements_id",
    "ssd_linked_identifiers": "link_table_id",
}

# Columns the SSD DDL declares NOT NULL (besides the primary keys).
NOT_NULL = {("ssd_disability", "disa_person_id"), ("ssd_disability", "disa_disability_code")}

PERSON = ("ssd_person", "pers_person_id")
PROF = ("ssd_professionals", "prof_professional_id")
REFERRAL = ("ssd_cin_episodes", "cine_referral_id")
PLACEMENT = ("ssd_cla_placement", "clap_cla_placement_id")

# (table, column) -> referenced (table, column), where the SSD naming makes it clear.
FOREIGN_KEYS = {
    ("ssd_family", "fami_person_id"): PERSON,
    ("ssd_address", "addr_person_id"): PERSON,
    ("ssd_disability", "disa_person_id"): PERSON,
    ("ssd_contacts", "cont_person_id"): PERSON,
    ("ssd_cin_episodes", "cine_person_id"): PERSON,
    ("ssd_cin_episodes", "cine_referral_worker_id"): PROF,
    ("ssd_cin_plans", "cinp_referral_id"): REFERRAL,
    ("ssd_cin_plans", "cinp_person_id"): PERSON,
    ("ssd_cin_plans", "cinp_cin_plan_worker_id"): PROF,
    ("ssd_cp_plans", "cppl_referral_id"): REFERRAL,
    ("ssd_cp_plans", "cppl_person_id"): PERSON,
    ("ssd_cla_episodes", "clae_person_id"): PERSON,
    ("ssd_cla_episodes", "clae_cla_placement_id"): PLACEMENT,
    ("ssd_cla_episodes", "clae_referral_id"): REFERRAL,
    ("ssd_cla_placement", "clap_person_id"): PERSON,
    ("ssd_legal_status", "lega_person_id"): PERSON,
    ("ssd_involvements", "invo_professional_id"): PROF,
    ("ssd_involvements", "invo_person_id"): PERSON,
    ("ssd_involvements", "invo_referral_id"): REFERRAL,
    ("ssd_linked_identifiers", "link_person_id"): PERSON,
}

INDEXES = [
    ("ix_ssd_contacts_person", "ssd_contacts", "cont_person_id"),
    ("ix_ssd_cin_episodes_person", "ssd_cin_episodes", "cine_person_id"),
    ("ix_ssd_cla_episodes_person", "ssd_cla_episodes", "clae_person_id"),
    ("ix_ssd_involvements_person", "ssd_involvements", "invo_person_id"),
]

# ---------------------------------------------------------------------------------------
# Code lists (DfE CIN census 2024 / SSDA903 2024) with made-up but plausible weights.
# ---------------------------------------------------------------------------------------
ETHNICITY = {"WBRI": 62, "WIRI": 1, "WIRT": 1, "WOTH": 5, "WROM": 1, "MWBC": 4, "MWBA": 2,
             "MWAS": 2, "MOTH": 3, "AIND": 2, "APKN": 5, "ABAN": 1, "AOTH": 1, "BCRB": 1,
             "BAFR": 3, "BOTH": 1, "CHNE": 0.5, "OOTH": 2, "REFU": 0.5, "NOBT": 2}
DISABILITY = {"AUT": 30, "LD": 20, "BEH": 15, "COMM": 12, "CON": 6, "MOB": 5, "HEAR": 3,
              "VIS": 3, "HAND": 2, "PC": 2, "INC": 1, "DDA": 1}
REFERRAL_SOURCE = {"6": 28, "2A": 17, "3A": 3, "3B": 4, "3C": 1, "3D": 2, "3E": 3, "3F": 3,
                   "1A": 7, "1B": 1, "1C": 1, "1D": 1, "2B": 1, "4": 3, "5A": 4, "5B": 3,
                   "5C": 3, "5D": 6, "7": 1, "8": 5, "9": 2, "10": 1}
REFERRAL_SOURCE_DESC = {
    "1A": "Individual - family member/relative/carer", "1B": "Individual - acquaintance",
    "1C": "Individual - self", "1D": "Individual - other", "2A": "Schools",
    "2B": "Education services", "3A": "Health services - GP",
    "3B": "Health services - health visitor", "3C": "Health services - school nurse",
    "3D": "Health services - other primary health services", "3E": "Health services - A&E",
    "3F": "Health services - other", "4": "Housing",
    "5A": "LA services - social care", "5B": "LA services - other internal",
    "5C": "LA services - external", "5D": "LA services - early help", "6": "Police",
    "7": "Other legal agency", "8": "Other", "9": "Anonymous", "10": "Unknown"}
PRIMARY_NEED = {"N1": 52, "N2": 8, "N3": 6, "N4": 12, "N5": 11, "N6": 3, "N7": 1, "N8": 4,
                "N9": 3}
PRIMARY_NEED_903 = {"N1": 60, "N2": 5, "N3": 3, "N4": 10, "N5": 10, "N6": 3, "N7": 1, "N8": 8}
CATEGORY_OF_ABUSE = {"NEG": 48, "EMO": 34, "PHY": 8, "SAB": 4, "MUL": 6}
LEGAL_FIRST = {"V2": 38, "C1": 30, "C2": 8, "L1": 4, "L2": 4, "E1": 3, "J2": 3, "D1": 2,
               "J1": 1, "V3": 2, "V4": 2, "L3": 1, "J3": 1}
PLACEMENT_TYPE = {"U6": 30, "U4": 10, "U5": 8, "U3": 8, "U1": 5, "U2": 3, "K2": 10, "P1": 4,
                  "H5": 5, "R1": 2, "A5": 2, "A6": 2, "A3": 1, "A4": 1, "K1": 1, "P2": 1,
                  "R2": 1, "R3": 1, "R5": 1, "S1": 1, "T0": 1, "T1": 1, "Z1": 1}
PLACEMENT_PROVIDER = {"PR1": 42, "PR4": 33, "PR2": 8, "PR5": 8, "PR3": 4, "PR0": 5}
PLACEMENT_CHANGE = {"CARPL": 30, "CREQB": 15, "CHILD": 10, "CREQO": 10, "LAREQ": 8,
                    "PLACE": 8, "CLOSE": 5, "STAND": 4, "ALLEG": 3, "APPRR": 3, "OTHER": 4}
PERIOD_END_REASON = {"E4A": 35, "E41": 10, "E45": 9, "E11": 7, "E12": 2, "E8": 10, "E4B": 5,
                     "E13": 2, "E3": 3, "E48": 3, "E46": 2, "E47": 2, "E5": 3, "E6": 1,
                     "E9": 1, "E14": 1, "E15": 1, "E16": 1}
CLOSE_FOR_PERIOD_END = {"E11": "RC1", "E12": "RC1", "E41": "RC3", "E45": "RC4", "E46": "RC4",
                        "E47": "RC4", "E48": "RC4", "E3": "RC5"}
WORKER_CHANGE = {"LEFTRL": 30, "MANAGE": 15, "ORGRST": 10, "ABSENC": 8, "OTHERS": 7,
                 "FCONTA": 4, "CHCHAN": 3, "PCCHAN": 2}
NATIONALITY = {"British": 84, "Irish": 1, "Polish": 3, "Romanian": 3, "Lithuanian": 1,
               "Pakistani": 2, "Afghan": 1, "Eritrean": 1, "Sudanese": 1, "Nigerian": 1,
               "Indian": 1, "Syrian": 1}

# ---------------------------------------------------------------------------------------
# Invented names, streets and places. Short lists on purpose: nobody real is described.
# ---------------------------------------------------------------------------------------
FIRST_F = ["Amelia", "Ava", "Chloe", "Daisy", "Ella", "Emily", "Evie", "Freya", "Grace",
           "Hannah", "Holly", "Isla", "Ivy", "Jessica", "Lily", "Maisie", "Mia", "Millie",
           "Olivia", "Poppy", "Rosie", "Ruby", "Scarlett", "Sophie", "Zara", "Aisha",
           "Maryam", "Layla", "Nadia", "Zofia"]
FIRST_M = ["Alfie", "Archie", "Ben", "Charlie", "Dylan", "Ethan", "Finley", "Freddie",
           "George", "Harry", "Harvey", "Jack", "Jacob", "Jake", "Kai", "Leo", "Liam",
           "Logan", "Mason", "Noah", "Oliver", "Oscar", "Riley", "Theo", "Tyler", "Adam",
           "Ibrahim", "Yusuf", "Mateusz", "Andrei"]
SURNAMES = ["Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies",
            "Robinson", "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green",
            "Hall", "Wood", "Jackson", "Clarke", "Hughes", "Turner", "Hill", "Moore",
            "Cooper", "Ward", "Morris", "King", "Watson", "Harrison", "Khan", "Hussain",
            "Ali", "Begum", "Kowalski", "Popescu", "Kelly", "Murphy", "Lewis", "Bell"]
ADULT_NAMES = ["Mum", "Dad", "Nan", "Grandad", "Aunt", "Uncle", "Stepdad", "Mum's partner"]
STREETS = ["Alder Grove", "Beech Road", "Chestnut Close", "Dale Street", "Elm Terrace",
           "Fern Avenue", "Gorse Lane", "Hazel Mount", "Ivy Crescent", "Juniper Way",
           "Larch Drive", "Maple Walk", "Oak View", "Poplar Court", "Rowan Place",
           "Sycamore Rise", "Thorn Gardens", "Willow Bank", "Mill Lane", "Station Road"]
HOME_OUTWARD = [("LS6", "Leeds"), ("LS7", "Leeds"), ("LS8", "Leeds"), ("LS9", "Leeds"),
                ("LS11", "Leeds"), ("LS12", "Leeds"), ("LS13", "Leeds"), ("LS14", "Leeds"),
                ("LS15", "Leeds"), ("LS27", "Leeds"), ("LS28", "Pudsey"),
                ("WF1", "Wakefield"), ("WF2", "Wakefield"), ("WF10", "Castleford"),
                ("BD3", "Bradford"), ("BD5", "Bradford")]
FAR_OUTWARD = ["M14", "S6", "DN4", "YO10", "NE6", "B23", "HU8", "LN2", "BB1", "ST4"]
INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"   # letters used in inward codes

TEAMS = [  # (team id, team name, job title of its members, number of members)
    ("4101", "Front Door and Assessment Team 1", "Social Worker", 6),
    ("4102", "Front Door and Assessment Team 2", "Social Worker", 6),
    ("4103", "Children in Need Team", "Social Worker", 6),
    ("4104", "Child Protection and Court Team", "Senior Social Worker", 6),
    ("4105", "Children in Care Team", "Social Worker", 6),
    ("4106", "Independent Reviewing Service", "Independent Reviewing Officer", 4),
    ("4107", "Family Support Service", "Family Support Worker", 5),
]

NOTE_SENTENCES = [
    "{mum} called to say {child} had not been in school since Monday.",
    "School reported that {child} arrived hungry and in the same clothes as last week.",
    "Police attended the home address following a report of shouting; {child} was present.",
    "{child} told the teacher that {mum} had been upset and crying a lot.",
    "Health visitor concerned about missed appointments and weight loss for {child}.",
    "Neighbour reported that {child} was left alone in the flat overnight.",
    "{child} disclosed a bruise on the arm to the school nurse; explanation unclear.",
    "Family agreed to a referral to early help; {mum} was engaged and open.",
    "Housing officer noted damp and overcrowding; {child} shares a room with three siblings.",
    "Advice given to the referrer; no further action by children's social care.",
    "Strategy discussion held with police and health; section 47 enquiry agreed.",
    "{child} said they feel safe at home but worry about {mum}.",
]

rng = random.Random(SEED)


def wchoice(weights):
    """One key of a {value: weight} dict, drawn by weight."""
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


def days(n):
    return dt.timedelta(days=n)


def rand_date(lo, hi):
    if hi < lo:
        hi = lo
    return lo + days(rng.randint(0, (hi - lo).days))


def ts(d, with_time=False):
    """DATETIME text: 'YYYY-MM-DD HH:MM:SS' (midnight unless an office-hours time)."""
    if d is None:
        return None
    if with_time:
        return "%s %02d:%02d:00" % (d.isoformat(), rng.randint(8, 18), rng.choice(range(0, 60, 5)))
    return d.isoformat() + " 00:00:00"


def open_if_future(d):
    """An end date after the extract date is not known yet: NULL (still open)."""
    return None if d is None or d > REF_DATE else d


class Ids:
    """Unique random numeric-string ids per kind."""

    def __init__(self):
        self.used = {}

    def new(self, kind, digits, prefix=""):
        used = self.used.setdefault(kind, set())
        while True:
            value = prefix + str(rng.randint(10 ** (digits - 1), 10 ** digits - 1))
            if value not in used:
                used.add(value)
                return value


ids = Ids()

UPN_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"   # 23 check letters: A-Z without I, O, S


def make_upn(birth):
    """A 13-character UPN: check letter, LA 999 (no such LA), school, year, serial."""
    body = "999" + "%04d" % rng.randint(2000, 7999) + "%02d" % ((birth.year + 4) % 100) + \
        "%03d" % rng.randint(1, 999)
    total = sum(int(c) * w for c, w in zip(body, range(2, 14)))
    return UPN_LETTERS[total % 23] + body


def make_nhs_number():
    """10 digits in the never-issued 999 range with a valid mod-11 check digit."""
    while True:
        first9 = "999" + "%06d" % rng.randint(0, 999999)
        check = 11 - sum(int(c) * w for c, w in zip(first9, range(10, 1, -1))) % 11
        if check == 11:
            check = 0
        if check != 10:
            return first9 + str(check)


def make_postcode(outward):
    return "%s %d%s%s" % (outward, rng.randint(1, 9), rng.choice(INWARD_LETTERS),
                          rng.choice(INWARD_LETTERS))


def note(child_name, n=2):
    mum = rng.choice(ADULT_NAMES)
    return " ".join(s.format(child=child_name, mum=mum)
                    for s in rng.sample(NOTE_SENTENCES, n))


def yn(p_yes):
    return "Y" if rng.random() < p_yes else "N"


# ---------------------------------------------------------------------------------------
# Generation
# ---------------------------------------------------------------------------------------
rows = {table: [] for table in SCHEMA}


def add(table, **values):
    names = [c for c, _ in SCHEMA[table]]
    unknown = set(values) - set(names)
    if unknown:
        raise KeyError("%s: %s" % (table, sorted(unknown)))
    rows[table].append(tuple(values.get(c) for c in names))


# Professionals, by team.
team_members = {}
professionals = {}
for team_id, team_name, title, size in TEAMS:
    members = []
    for i in range(size):
        pid = ids.new("prof", 5)
        titled = title
        if title in ("Social Worker", "Senior Social Worker"):
            titled = "Team Manager" if i == 0 else rng.choice(
                [title, title, "Senior Social Worker", "Advanced Practitioner"])
        registered = titled != "Family Support Worker"
        professionals[pid] = {
            "prof_professional_id": pid,
            "prof_staff_id": ids.new("staff", 6, "E"),
            "prof_professional_name": rng.choice(FIRST_F + FIRST_M) + " " + rng.choice(SURNAMES),
            "prof_social_worker_registration_no":
                ids.new("swreg", 6, "SWX") if registered else None,
            "prof_agency_worker_flag": yn(0.15),
            "prof_professional_job_title": titled,
            "prof_professional_caseload": 0,
            "prof_professional_department": team_name,
            "prof_full_time_equivalency": rng.choice([1.0, 1.0, 1.0, 1.0, 0.8, 0.6, 0.5]),
            "team": team_id,
        }
        if titled != "Team Manager":
            members.append(pid)
    team_members[team_id] = members

TEAM_ASSESS = ["4101", "4102"]
TEAM_CIN, TEAM_CP, TEAM_CIC, TEAM_IRO, TEAM_FSW = "4103", "4104", "4105", "4106", "4107"


def worker(team_id):
    return rng.choice(team_members[team_id])


def involvement(pid, prof_id, role, start, end, reason, referral_id):
    add("ssd_involvements",
        invo_involvements_id=ids.new("involvement", 8),
        invo_professional_id=prof_id,
        invo_professional_role_id=role,
        invo_professional_team=professionals[prof_id]["team"],
        invo_person_id=pid,
        invo_involvement_start_date=ts(start),
        invo_involvement_end_date=ts(end),
        invo_worker_change_reason=reason,
        invo_referral_id=referral_id)
    if end is None:
        professionals[prof_id]["prof_professional_caseload"] += 1


def allocations(pid, referral_id, stages, close):
    """Allocated workers over a referral: one per stage (team), sometimes a change within
    a stage. stages: [(team id, start date)], in order. close: referral end or None."""
    first_worker = None
    segments = []
    for i, (team_id, start) in enumerate(stages):
        stage_end = stages[i + 1][1] if i + 1 < len(stages) else close
        who = worker(team_id)
        first_worker = first_worker or who
        span = ((stage_end or REF_DATE) - start).days
        if span > 240 and rng.random() < 0.35:   # a worker change within the stage
            cut = start + days(rng.randint(60, span - 60))
            segments.append((who, start, cut, wchoice(WORKER_CHANGE)))
            who = rng.choice([w for w in team_members[team_id] if w != who])
            start = cut
        reason = "TSPROC" if i + 1 < len(stages) else None   # transferred between teams
        segments.append((who, start, stage_end, reason))
    for who, start, end, reason in segments:
        involvement(pid, who, "Allocated Social Worker", start, end, reason, referral_id)
    return first_worker


def cla_period(child, referral_id, start, planned_end):
    """One period of care: placements (one CLA episode each) and legal statuses."""
    pid = child["pid"]
    cla_id = ids.new("cla", 7)
    end = open_if_future(planned_end)
    last_day = end or REF_DATE
    span = (last_day - start).days
    n = rng.choices([1, 2, 3, 4], weights=[50, 30, 15, 5])[0]
    n = max(1, min(n, span // 30))
    cuts = sorted(rng.sample(range(14, span - 13), n - 1)) if n > 1 and span > 28 else []
    bounds = [start] + [start + days(c) for c in cuts] + [end]
    need = wchoice(PRIMARY_NEED_903)
    period_reason = wchoice(PERIOD_END_REASON) if end else None
    for j in range(len(bounds) - 1):
        p_start, p_end = bounds[j], bounds[j + 1]
        last = j == len(bounds) - 2
        placement_id = ids.new("placement", 7)
        ptype = wchoice(PLACEMENT_TYPE)
        far = rng.random() < 0.25
        outward = rng.choice(FAR_OUTWARD) if far else rng.choice(HOME_OUTWARD)[0]
        add("ssd_cla_placement",
            clap_cla_placement_id=placement_id,
            clap_cla_id=cla_id,
            clap_person_id=pid,
            clap_cla_placement_start_date=ts(p_start),
            clap_cla_placement_type=ptype,
            clap_cla_placement_urn=("SC%06d" % rng.randint(100000, 999999))
            if ptype[0] in "KRUH" and rng.random() < 0.7 else None,
            clap_cla_placement_distance=round(rng.uniform(20, 120) if far
                                              else rng.uniform(0.3, 15), 1),
            clap_cla_placement_provider=wchoice(PLACEMENT_PROVIDER),
            clap_cla_placement_postcode=make_postcode(outward),
            clap_cla_placement_end_date=ts(p_end),
            clap_cla_placement_change_reason=None if last else wchoice(PLACEMENT_CHANGE))
        iro = rand_date(p_start, p_end or REF_DATE) if rng.random() < 0.8 else None
        add("ssd_cla_episodes",
            clae_cla_episode_id=ids.new("episode", 7),
            clae_person_id=pid,
            clae_cla_placement_id=placement_id,
            clae_cla_episode_start_date=ts(p_start),
            clae_cla_episode_start_reason="S" if j == 0 else wchoice({"P": 70, "B": 20, "T": 10}),
            clae_cla_primary_need_code=need,
            clae_cla_episode_ceased_date=ts(p_end),
            clae_cla_episode_ceased_reason=(period_reason if p_end else None) if last else "X1",
            clae_cla_id=cla_id,
            clae_referral_id=referral_id,
            clae_cla_last_iro_contact_date=ts(iro),
            clae_entered_care_date=ts(start))
    # Legal statuses: one, or an interim order followed by a full care order.
    first = wchoice(LEGAL_FIRST)
    statuses = [(first, start)]
    if first in ("C1", "V2") and span > 120 and rng.random() < 0.6:
        statuses.append(("C2", start + days(rng.randint(60, span - 30))))
    for k, (status, s_start) in enumerate(statuses):
        s_end = statuses[k + 1][1] if k + 1 < len(statuses) else end
        add("ssd_legal_status",
            lega_legal_status_id=ids.new("legal", 7),
            lega_person_id=pid,
            lega_legal_status=status,
            lega_legal_status_start_date=ts(s_start),
            lega_legal_status_end_date=ts(s_end))
    # The child's Independent Reviewing Officer for the period.
    involvement(pid, worker(TEAM_IRO), "Independent Reviewing Officer",
                min(start + days(rng.randint(0, 20)), REF_DATE), end, None, referral_id)
    return period_reason


def referral(child, contact_date, source):
    """A CIN episode and whatever follows it; returns the date it closed (or None)."""
    pid, name = child["pid"], child["forename"]
    referral_id = ids.new("referral", 8)
    r = contact_date + days(rng.randint(0, 3))
    nfa = rng.random() < 0.18
    assess_end = r + days(rng.randint(10, 45))
    stages = [(rng.choice(TEAM_ASSESS), r)]
    period_reason = None
    close_reason = None
    if nfa:
        planned_close = r + days(rng.randint(1, 20))
        close_reason = rng.choice(["RC8", "RC8", "RC8", "RC9", "RC7"])
        need = "N0" if rng.random() < 0.5 else wchoice(PRIMARY_NEED)
    else:
        need = wchoice(PRIMARY_NEED)
        path = wchoice({"assess": 22, "cin": 43, "cp": 20, "cla": 15})
        t = assess_end
        if path == "assess":
            planned_close = assess_end + days(rng.randint(0, 30))
            close_reason = rng.choice(["RC8", "RC9", "RC7", "RC7"])
        if path in ("cp", "cla") and (path == "cp" or rng.random() < 0.4):
            cp_start = t + days(rng.randint(5, 30))
            cp_end = cp_start + days(rng.randint(90, 700))
            if cp_start <= REF_DATE:
                stages.append((TEAM_CP, cp_start))
                category = wchoice(CATEGORY_OF_ABUSE)
                add("ssd_cp_plans",
                    cppl_cp_plan_id=ids.new("cp_plan", 7),
                    cppl_referral_id=referral_id,
                    cppl_icpc_id=ids.new("icpc", 7),
                    cppl_person_id=pid,
                    cppl_cp_plan_start_date=ts(cp_start),
                    cppl_cp_plan_end_date=ts(open_if_future(cp_end)),
                    cppl_cp_plan_ola=yn(0.04),
                    cppl_cp_plan_initial_category=category,
                    cppl_cp_plan_latest_category=category if rng.random() < 0.8
                    else wchoice(CATEGORY_OF_ABUSE))
            t = cp_end
            if path == "cp":
                if rng.random() < 0.5:
                    path = "cin"                       # stepped down to a CIN plan
                else:
                    planned_close = cp_end + days(rng.randint(0, 30))
                    close_reason = wchoice({"RC7": 85, "RC5": 10, "RC3": 5})
        if path == "cin":
            cin_start = t + days(rng.randint(0, 14))
            cin_end = cin_start + days(rng.randint(90, 600))
            if cin_start <= REF_DATE:
                team = TEAM_CIN
                stages.append((team, cin_start))
                add("ssd_cin_plans",
                    cinp_cin_plan_id=ids.new("cin_plan", 7),
                    cinp_referral_id=referral_id,
                    cinp_person_id=pid,
                    cinp_cin_plan_start_date=ts(cin_start),
                    cinp_cin_plan_end_date=ts(open_if_future(cin_end)),
                    cinp_cin_plan_team=team,
                    cinp_cin_plan_worker_id=None,      # filled in below
                    )
                if rng.random() < 0.2:
                    involvement(pid, worker(TEAM_FSW), "Family Support Worker", cin_start,
                                open_if_future(cin_end), None, referral_id)
            planned_close = cin_end + days(rng.randint(0, 30))
            close_reason = wchoice({"RC7": 80, "RC9": 8, "RC5": 6, "RC6": 2, "RC3": 4})
        if path == "cla":
            cla_start = t + days(rng.randint(0, 30))
            cla_end = cla_start + days(rng.randint(30, 1500))
            if cla_start <= REF_DATE:
                stages.append((TEAM_CIC, cla_start))
                period_reason = cla_period(child, referral_id, cla_start, cla_end)
            planned_close = cla_end + days(rng.randint(0, 40))
            close_reason = CLOSE_FOR_PERIOD_END.get(period_reason, "RC7")
    close = open_if_future(planned_close)
    stages = [s for s in stages if s[1] <= (close or REF_DATE)]
    first_worker = allocations(pid, referral_id, stages, close)
    # Fill in the CIN plan's worker: whoever was allocated from the CIN team.
    for k, row in enumerate(rows["ssd_cin_plans"]):
        if row[1] == referral_id and row[6] is None:
            cin_workers = [inv[1] for inv in rows["ssd_involvements"]
                           if inv[8] == referral_id and inv[3] == TEAM_CIN]
            rows["ssd_cin_plans"][k] = row[:6] + (cin_workers[0] if cin_workers else first_worker,)
    outcome = {
        "SINGLE_ASSESSMENT_FLAG": "N" if nfa else "Y",
        "NFA_FLAG": "Y" if nfa else "N",
        "STRATEGY_DISC_FLAG": yn(0.3),
        "CP_ENQUIRY_FLAG": yn(0.2),
        "OTHER_OUTCOMES_EXIST_FLAG": yn(0.1),
        "COMMENTS": note(name, 1) if rng.random() < 0.6 else None,
    }
    add("ssd_cin_episodes",
        cine_referral_id=referral_id,
        cine_person_id=pid,
        cine_referral_date=ts(r),
        cine_cin_primary_need_code=need,
        cine_referral_source_code=source,
        cine_referral_source_desc=REFERRAL_SOURCE_DESC[source],
        cine_referral_outcome_json=json.dumps(outcome),
        cine_referral_nfa="Y" if nfa else "N",
        cine_close_reason=close_reason if close else None,
        cine_close_date=ts(close),
        cine_referral_team=stages[0][0],
        cine_referral_worker_id=first_worker)
    return close


def child_history(child):
    """Contacts, each maybe leading to a referral, in date order from birth to REF_DATE."""
    birth = child["birth"]
    t = max(birth + days(rng.randint(1, 200)), WINDOW_START + days(rng.randint(0, 500)))
    n_contacts = rng.choices([1, 2, 3, 4], weights=[45, 30, 15, 10])[0]
    for _ in range(n_contacts):
        if t > REF_DATE - days(5):
            break
        source = wchoice(REFERRAL_SOURCE)
        leads = rng.random() < 0.7
        outcome = {
            "OUTCOME_NEW_REFERRAL_FLAG": "Y" if leads else "N",
            "OUTCOME_EXISTING_REFERRAL_FLAG": "N",
            "OUTCOME_CP_ENQUIRY_FLAG": yn(0.15) if leads else "N",
            "OUTCOME_NFA_FLAG": "N" if leads else "Y",
            "OUTCOME_ADVICE_FLAG": "N" if leads else yn(0.5),
            "OUTCOME_MISSING_FLAG": "N",
            "OUTCOME_OLA_CP_FLAG": "N",
            "OTHER_OUTCOMES_EXIST_FLAG": "N",
            "TOTAL_NO_OF_OUTCOMES": 1,
            "OUTCOME_COMMENTS": note(child["forename"]) if rng.random() < 0.7 else None,
        }
        add("ssd_contacts",
            cont_contact_id=ids.new("contact", 8),
            cont_person_id=child["pid"],
            cont_contact_date=ts(t, with_time=True),
            cont_contact_source_code=source,
            cont_contact_source_desc=REFERRAL_SOURCE_DESC[source] if rng.random() < 0.9 else None,
            cont_contact_outcome_json=json.dumps(outcome))
        if leads:
            close = referral(child, t, source)
            if close is None:
                break                       # still open at the extract date
            t = close + days(rng.randint(30, 700))
        else:
            t = t + days(rng.randint(20, 500))


def make_child(family):
    sex = wchoice({"M": 49, "F": 49, "U": 2})
    forename = rng.choice(FIRST_M if sex == "M" else FIRST_F if sex == "F" else FIRST_M + FIRST_F)
    # Age 0-17 at REF_DATE; at least two weeks old so that something can have happened.
    dob = rand_date(dt.date(REF_DATE.year - 18, REF_DATE.month, REF_DATE.day) + days(1),
                    REF_DATE - days(14))
    estimated = rng.random() < 0.03       # SystemC puts an estimated dob in expected_dob
    age = (REF_DATE - dob).days / 365.25
    has_upn = age >= 4.5 and rng.random() < 0.88
    upn_unknown = None
    if not has_upn:
        upn_unknown = "UN1" if age < 5 else wchoice({"UN2": 3, "UN3": 2, "UN4": 3, "UN5": 1,
                                                     "UN6": 1, "UN7": 1})
    child = {
        "pid": ids.new("person", rng.choice([6, 7, 7])),
        "forename": forename,
        "surname": family["surname"] if rng.random() < 0.85 else rng.choice(SURNAMES),
        "sex": sex,
        "birth": dob,
        "estimated": estimated,
        "age": age,
    }
    add("ssd_person",
        pers_legacy_id=ids.new("legacy", 6, "CF") if rng.random() < 0.25 else None,
        pers_person_id=child["pid"],
        pers_upn=make_upn(dob) if has_upn else None,
        pers_forename=forename,
        pers_surname=child["surname"],
        pers_sex=sex,
        pers_gender=sex,                  # SystemC fills both from the same code
        pers_ethnicity=wchoice(ETHNICITY) if rng.random() < 0.97 else None,
        pers_dob=None if estimated else ts(dob),
        pers_single_unique_id=make_nhs_number() if rng.random() < 0.7 else None,
        pers_upn_unknown=upn_unknown,
        pers_send_flag=None if rng.random() < 0.1 else yn(0.15),
        pers_expected_dob=ts(dob) if estimated else None,
        pers_death_date=None,
        pers_is_mother="Y" if sex == "F" and age >= 15 and rng.random() < 0.12 else None,
        pers_nationality=wchoice(NATIONALITY) if rng.random() < 0.9 else None)
    return child


children = []
while len(children) < N_CHILDREN:
    family = {"id": ids.new("family", 6), "surname": rng.choice(SURNAMES)}
    size = min(rng.choices([1, 2, 3, 4], weights=[60, 25, 10, 5])[0], N_CHILDREN - len(children))
    members = [make_child(family) for _ in range(size)]
    # The family's homes: the current one, and sometimes an earlier one.
    earliest = min(c["birth"] for c in members) - days(rng.randint(0, 1500))
    outward, town = rng.choice(HOME_OUTWARD)
    homes = []
    if rng.random() < 0.35:
        moved = rand_date(earliest + days(90), REF_DATE - days(30))
        prev_outward, prev_town = rng.choice(HOME_OUTWARD)
        homes.append((prev_outward, prev_town, earliest, moved))
        homes.append((outward, town, moved, None))
    else:
        homes.append((outward, town, earliest, None))
    for home_outward, home_town, start, end in homes:
        postcode = make_postcode(home_outward)
        address = json.dumps({
            "ROOM": "", "FLOOR": "", "FLAT": str(rng.randint(1, 24)) if rng.random() < 0.2 else "",
            "BUILDING": "", "HOUSE": str(rng.randint(1, 180)), "STREET": rng.choice(STREETS),
            "TOWN": home_town, "UPRN": "", "EASTING": "", "NORTHING": ""})
        for c in members:
            if end is not None and end <= c["birth"]:
                continue
            add("ssd_address",
                addr_table_id=ids.new("address", 7),
                addr_person_id=c["pid"],
                addr_address_type="HOME" if end is None else "PREVIOUS",
                addr_address_start_date=ts(max(start, c["birth"])),
                addr_address_end_date=ts(end),
                addr_address_postcode=postcode,
                addr_address_json=address)
    for c in members:
        add("ssd_family", fami_table_id=ids.new("family_row", 7), fami_family_id=family["id"],
            fami_person_id=c["pid"])
    children.extend(members)

for c in children:
    # Disability: recorded for about a quarter of children, 'NONE' for some of them.
    r = rng.random()
    codes = []
    if r < 0.10:
        codes = ["NONE"]
    elif r < 0.25:
        codes = []
        for _ in range(rng.choices([1, 2, 3], weights=[70, 22, 8])[0]):
            code = wchoice(DISABILITY)
            if code not in codes:
                codes.append(code)
    for code in codes:
        add("ssd_disability", disa_table_id=ids.new("disability", 7), disa_person_id=c["pid"],
            disa_disability_code=code)
    child_history(c)
    # Linked identifiers held for some children.
    if rng.random() < 0.25:
        kinds = {"Case Number": 40, "NHS Number": 20, "Former Unique Pupil Number": 15,
                 "YOT Number": 10 if c["age"] >= 10 else 0,
                 "Home Office Registration": 8 if c["age"] >= 12 else 0,
                 "Court Case Number": 7}
        for _ in range(rng.choice([1, 1, 2])):
            kind = wchoice(kinds)
            value = {
                "Case Number":
                    lambda: "CN/%d/%05d" % (rng.randint(2018, 2025), rng.randint(1, 99999)),
                "NHS Number": make_nhs_number,
                "Former Unique Pupil Number": lambda: make_upn(c["birth"]),
                "YOT Number": lambda: "YOT%06d" % rng.randint(0, 999999),
                "Home Office Registration": lambda: "HO%08d" % rng.randint(0, 99999999),
                "Court Case Number":
                    lambda: "LS%02dC%05d" % (rng.randint(18, 25), rng.randint(1, 99999)),
            }[kind]()
            start = rand_date(max(c["birth"], WINDOW_START), REF_DATE)
            end = rand_date(start + days(30), start + days(900)) if rng.random() < 0.2 else None
            add("ssd_linked_identifiers", link_table_id=ids.new("link", 7),
                link_person_id=c["pid"], link_identifier_type=kind, link_identifier_value=value,
                link_valid_from_date=ts(start), link_valid_to_date=ts(open_if_future(end)))

# One child died after all their involvement had closed.
DATE_COLUMNS = [(t, i) for t, cols in SCHEMA.items() for i, (c, ty) in enumerate(cols)
                if ty == "DATETIME" and t != "ssd_person"]
PERSON_COLUMN = {t: next(i for i, (c, _) in enumerate(cols) if c.endswith("_person_id"))
                 for t, cols in SCHEMA.items() if t not in ("ssd_professionals",)}


def last_event(pid):
    """Latest date of any event for the child, or None if anything is still open."""
    latest = None
    for table, i in DATE_COLUMNS:
        p = PERSON_COLUMN[table]
        for row in rows[table]:
            if row[p] != pid:
                continue
            if table in ("ssd_address", "ssd_linked_identifiers"):
                continue
            if row[i] is None and SCHEMA[table][i][0].endswith(("end_date", "close_date",
                                                                 "ceased_date")):
                return None
            if row[i] is not None:
                d = dt.date.fromisoformat(row[i][:10])
                latest = d if latest is None or d > latest else latest
    return latest


for c in children:
    latest = last_event(c["pid"])
    if latest is not None and latest < REF_DATE - days(200):
        death = latest + days(rng.randint(20, 150))
        k = next(i for i, row in enumerate(rows["ssd_person"]) if row[1] == c["pid"])
        person = rows["ssd_person"][k]
        rows["ssd_person"][k] = person[:13] + (ts(death),) + person[14:]
        break

for p in professionals.values():
    add("ssd_professionals", **{k: v for k, v in p.items() if k != "team"})


# ---------------------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------------------
def create_sql(table):
    lines = []
    for column, declared in SCHEMA[table]:
        line = "    %s %s" % (column, declared)
        if column == PRIMARY_KEYS[table]:
            line += " NOT NULL PRIMARY KEY"
        elif (table, column) in NOT_NULL:
            line += " NOT NULL"
        lines.append(line)
    for (t, column), (ref_table, ref_column) in FOREIGN_KEYS.items():
        if t == table:
            lines.append("    FOREIGN KEY (%s) REFERENCES %s(%s)" % (column, ref_table, ref_column))
    return "CREATE TABLE %s (\n%s\n)" % (table, ",\n".join(lines))


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    target = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "ssd.sqlite")
    if os.path.exists(target):
        os.remove(target)
    db = sqlite3.connect(target)
    db.execute("PRAGMA foreign_keys = ON")
    order = ["ssd_person", "ssd_professionals"] + [t for t in SCHEMA if t not in
                                                   ("ssd_person", "ssd_professionals")]
    for table in order:
        db.execute(create_sql(table))
    for name, table, column in INDEXES:
        db.execute("CREATE INDEX %s ON %s(%s)" % (name, table, column))
    # Parents before children so that foreign keys hold at every insert.
    insert_order = ["ssd_person", "ssd_professionals", "ssd_cin_episodes", "ssd_cla_placement"]
    insert_order += [t for t in SCHEMA if t not in insert_order]
    for table in insert_order:
        marks = ",".join("?" * len(SCHEMA[table]))
        db.executemany("INSERT INTO %s VALUES (%s)" % (table, marks), rows[table])
    db.commit()
    problems = db.execute("PRAGMA foreign_key_check").fetchall()
    if problems:
        raise SystemExit("foreign_key_check failed: %r" % problems[:5])
    db.execute("VACUUM")
    db.close()
    for table in SCHEMA:
        print("%-24s %6d rows" % (table, len(rows[table])))
    print("wrote", target)


if __name__ == "__main__":
    main()
