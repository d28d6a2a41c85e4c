#include "policy/coverage.h"

#include <gtest/gtest.h>

#include "support/text_table.h"

namespace veil {
namespace {

using testing::TextTable;

TEST(CoverageTest, ListsEveryUnmentionedTableAndColumn) {
  auto policy = ParsePolicy(
      "version: 1\ntables:\n  people:\n    columns: {id: keep, name: drop}\n  gone: drop\n",
      "p.yaml");
  ASSERT_TRUE(policy.ok());
  std::vector<std::string> warnings;
  const Status s = CheckCoverage(*policy,
                                 {TextTable("people", {"id", "name", "nhs"}),
                                  TextTable("visits", {"a"}), TextTable("gone", {"z"})},
                                 warnings);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("people.nhs"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("visits (table)"), std::string::npos);
  EXPECT_EQ(s.message().find("gone"), std::string::npos);
  EXPECT_EQ(s.message().find("people.id"), std::string::npos);
}

TEST(CoverageTest, ExtraPolicyEntriesAreWarnings) {
  auto policy = ParsePolicy(
      "version: 1\ntables:\n  people:\n    columns: {id: keep, old: drop}\n  absent: keep\n",
      "p.yaml");
  ASSERT_TRUE(policy.ok());
  std::vector<std::string> warnings;
  ASSERT_TRUE(CheckCoverage(*policy, {TextTable("people", {"id"})}, warnings).ok());
  ASSERT_EQ(warnings.size(), 2u);
  EXPECT_NE(warnings[0].find("people.old"), std::string::npos);
  EXPECT_NE(warnings[1].find("absent"), std::string::npos);
}

TEST(CoverageTest, MissingKeyColumnIsAnError) {
  auto policy = ParsePolicy(
      "version: 1\nentities: {p: {}}\ntables:\n  t:\n    keys: {p: pid}\n    columns: {a: keep}\n",
      "p.yaml");
  ASSERT_TRUE(policy.ok());
  std::vector<std::string> warnings;
  const Status s = CheckCoverage(*policy, {TextTable("t", {"a"})}, warnings);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("pid"), std::string::npos);
}

}  // namespace
}  // namespace veil
