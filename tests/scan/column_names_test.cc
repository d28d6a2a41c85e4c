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

}  // namespace
}  // namespace veil::scan
