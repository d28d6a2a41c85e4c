// What column names say: English and the SSD's prefixed names.
#include "scan/column_names.h"

#include <gtest/gtest.h>

namespace veil::scan {
namespace {

TEST(ColumnNamesTest, WordsSplitAtSeparatorsAndCaseChanges) {
  EXPECT_EQ(NameWords("pers_forename"), (std::vector<std::string>{"pers", "forename"}));
  EXPECT_EQ(NameWords("childDob"), (std::vector<std::string>{"child", "dob"}));
  EXPECT_EQ(NameWords("  E-Mail.Address "), (std::vector<std::string>{"e", "mail", "address"}));
  EXPECT_TRUE(NameWords("__").empty());
}

TEST(ColumnNamesTest, SsdNamesGiveTheirHints) {
  EXPECT_EQ(HintFromName("pers_forename"), NameHint::kFirstName);
  EXPECT_EQ(HintFromName("pers_surname"), NameHint::kLastName);
  EXPECT_EQ(HintFromName("pers_dob"), NameHint::kDateOfBirth);
  EXPECT_EQ(HintFromName("addr_postcode"), NameHint::kPostcode);
  EXPECT_EQ(HintFromName("pers_upn"), NameHint::kUpn);
  EXPECT_EQ(HintFromName("pers_nhs_number"), NameHint::kNhsNumber);
  EXPECT_EQ(HintFromName("cine_referral_id"), NameHint::kIdentifier);
  EXPECT_EQ(HintFromName("cine_close_reason_desc"), NameHint::kFreeText);
  EXPECT_EQ(HintFromName("cla_outcomes_json"), NameHint::kJson);
  EXPECT_EQ(HintFromName("pers_ethnicity"), NameHint::kSensitive);
  EXPECT_EQ(HintFromName("pers_sex"), NameHint::kSex);
  EXPECT_EQ(HintFromName("legal_status_start_date"), NameHint::kDate);
  EXPECT_EQ(HintFromName("contactEmail"), NameHint::kEmail);
  EXPECT_EQ(HintFromName("amount"), NameHint::kNone);
}

TEST(ColumnNamesTest, AColumnAboutAPersonalValueIsACategory) {
  EXPECT_EQ(HintFromName("addr_address_type"), NameHint::kNone);
  EXPECT_EQ(HintFromName("phone_status"), NameHint::kNone);
  EXPECT_EQ(HintFromName("pers_ethnicity_code"), NameHint::kSensitive);
  EXPECT_EQ(HintFromName("gender_code"), NameHint::kSex);
}

TEST(ColumnNamesTest, EntitiesComeFromTheWordBeforeTheId) {
  EXPECT_EQ(EntityFromName("cine_referral_id"), "referral");
  EXPECT_EQ(EntityFromName("pers_person_id"), "person");
  EXPECT_EQ(EntityFromName("WorkerRef"), "worker");
  EXPECT_EQ(EntityFromName("id"), "");
  EXPECT_EQ(EntityFromName("amount"), "");
}

// Found by bench/ssd (the whole SSD schema): names that said the wrong thing.
TEST(ColumnNamesTest, TimeIsADateOnlyAsTheLastWord) {
  EXPECT_EQ(HintFromName("prof_full_time_equivalency"), NameHint::kNone);
  EXPECT_EQ(HintFromName("created_time"), NameHint::kDate);
  EXPECT_EQ(HintFromName("first_activity_dttm"), NameHint::kDate);
}

TEST(ColumnNamesTest, TheNameOfATeamIsNoPersonsName) {
  EXPECT_EQ(HintFromName("dept_team_name"), NameHint::kOrganisation);
  EXPECT_EQ(HintFromName("dept_team_parent_name"), NameHint::kOrganisation);
  EXPECT_EQ(HintFromName("school_name"), NameHint::kOrganisation);
  EXPECT_EQ(HintFromName("prof_professional_name"), NameHint::kFullName);
  EXPECT_EQ(HintFromName("parent_name"), NameHint::kFullName);
}

TEST(ColumnNamesTest, ReferenceNumbersAreIdentifiers) {
  EXPECT_EQ(HintFromName("clap_cla_placement_urn"), NameHint::kIdentifier);
  EXPECT_EQ(HintFromName("prep_court_reference"), NameHint::kIdentifier);
  EXPECT_EQ(EntityFromName("prep_court_reference"), "court");
  // Every URN is a number of one register: the same entity wherever it is found, so a
  // placement's provider joins the permanence table's.
  EXPECT_EQ(EntityFromName("clap_cla_placement_urn"), "urn");
  EXPECT_EQ(EntityFromName("perm_placement_provider_urn"), "urn");
}

TEST(ColumnNamesTest, AnIdNamedAfterASpecialCategoryIsStillAnIdentifier) {
  EXPECT_EQ(HintFromName("clah_health_check_id"), NameHint::kIdentifier);
  EXPECT_EQ(HintFromName("disability_id"), NameHint::kIdentifier);
  EXPECT_EQ(HintFromName("pers_nhs_number"), NameHint::kNhsNumber);
  EXPECT_EQ(HintFromName("mobile_no"), NameHint::kPhone);
}

TEST(ColumnNamesTest, HealthAndOriginWordsOfTheSsd) {
  EXPECT_EQ(HintFromName("clas_substance_misused"), NameHint::kSensitive);
  EXPECT_EQ(HintFromName("senn_active_ehcp_need_type"), NameHint::kSensitive);
  EXPECT_EQ(HintFromName("cine_cin_primary_need_code"), NameHint::kNone);
  EXPECT_EQ(HintFromName("senn_active_ehcp_need_rank"), NameHint::kNone);
  EXPECT_EQ(HintFromName("pers_nationality"), NameHint::kNationality);
  EXPECT_EQ(HintFromName("immi_immigration_status"), NameHint::kNationality);
}

}  // namespace
}  // namespace veil::scan
