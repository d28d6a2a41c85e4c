CREATE TABLE "ssd_cin_episodes" (
  "cine_referral_id" NVARCHAR(48) PRIMARY KEY,
  "cine_person_id" NVARCHAR(48),
  "cine_referral_date" DATETIME,
  "cine_cin_primary_need_code" NVARCHAR(3),
  "cine_referral_source_code" NVARCHAR(48),
  "cine_referral_source_desc" NVARCHAR(255),
  "cine_referral_outcome_json" NVARCHAR(4000),
  "cine_referral_nfa" NCHAR(1),
  "cine_close_reason" NVARCHAR(100),
  "cine_close_date" DATETIME,
  "cine_referral_team" NVARCHAR(48),
  "cine_referral_worker_id" NVARCHAR(100),
  FOREIGN KEY ("cine_person_id") REFERENCES "ssd_person"("pers_person_id"),
  FOREIGN KEY ("cine_referral_team") REFERENCES "ssd_department"("dept_team_id"),
  FOREIGN KEY ("cine_referral_worker_id") REFERENCES "ssd_professionals"("prof_professional_id")
);
CREATE TABLE "ssd_cin_plans" (
  "cinp_cin_plan_id" NVARCHAR(48) PRIMARY KEY,
  "cinp_referral_id" NVARCHAR(48),
  "cinp_person_id" NVARCHAR(48),
  "cinp_cin_plan_start_date" DATETIME,
  "cinp_cin_plan_end_date" DATETIME,
  "cinp_cin_plan_team" NVARCHAR(48),
  "cinp_cin_plan_worker_id" NVARCHAR(100),
  FOREIGN KEY ("cinp_referral_id") REFERENCES "ssd_cin_episodes"("cine_referral_id"),
  FOREIGN KEY ("cinp_person_id") REFERENCES "ssd_person"("pers_person_id"),
  FOREIGN KEY ("cinp_cin_plan_team") REFERENCES "ssd_department"("dept_team_id"),
  FOREIGN KEY ("cinp_cin_plan_worker_id") REFERENCES "ssd_professionals"("prof_professional_id")
);
CREATE TABLE "ssd_person" (
  "pers_legacy_id" NVARCHAR(48),
  "pers_person_id" NVARCHAR(48) PRIMARY KEY,
  "pers_upn" NVARCHAR(13),
  "pers_forename" NVARCHAR(100),
  "pers_surname" NVARCHAR(255),
  "pers_sex" NVARCHAR(20),
  "pers_gender" NVARCHAR(10),
  "pers_ethnicity" NVARCHAR(48),
  "pers_dob" DATETIME,
  "pers_single_unique_id" NVARCHAR(48),
  "pers_upn_unknown" NVARCHAR(6),
  "pers_send_flag" NCHAR(5),
  "pers_expected_dob" DATETIME,
  "pers_death_date" DATETIME,
  "pers_is_mother" NCHAR(1),
  "pers_nationality" NVARCHAR(48)
);
