#include "verify/checks/unchanged_check.h"

#include "verify/checks/check_fixture.h"

namespace veil {
namespace {

using testing::Cells;
using testing::CheckFixture;

constexpr const char* kPolicy = R"(version: 1
entities:
  child: {pseudonym: {alphabet: hex, length: 16}}
tables:
  t:
    columns:
      id: {pseudonymise: child}
      code: {mask: {keep_last: 2}}
      status: {value: closed}
      notes: keep
)";

const std::vector<std::string> kColumns = {"id", "code", "status", "notes"};

TEST(UnchangedCheckTest, AValueLeftAsTheOriginalByAPseudonymIsAnError) {
  CheckFixture f(kPolicy, kColumns);
  UnchangedCheck check(f.plan(), f.policy().verify);
  const auto findings = f.Run(check,
                              {{"A1", "B2", "C3", "D4"},
                               {"", "", "", ""},
                               {"open", "open", "open", "open"},
                               {"n", "n", "n", "n"}},
                              {{"A1", "ff01", "C3", "ee02"},
                               {"", "", "", ""},
                               {"closed", "closed", "closed", "closed"},
                               {"n", "n", "n", "n"}});
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].column, "id");
  EXPECT_EQ(findings[0].severity, Severity::kError);
  EXPECT_EQ(findings[0].count, 2);
  EXPECT_EQ(findings[0].rows, (std::vector<int64_t>{1, 3}));
  EXPECT_NE(findings[0].detail.find("2 of 4 values (50.0%) are identical"), std::string::npos)
      << findings[0].detail;
  EXPECT_NE(findings[0].detail.find("allows none"), std::string::npos) << findings[0].detail;
}

TEST(UnchangedCheckTest, ValuesARuleMayKeepAreNotCounted) {
  CheckFixture f(kPolicy, kColumns);
  UnchangedCheck check(f.plan(), f.policy().verify);
  // Empty and NULL originals, a mask no longer than keep_last, an original already equal
  // to the value rule's constant, and a kept column: none is an unchanged finding.
  const auto findings = f.Run(check,
                              {{"", std::nullopt, "A1"},
                               {"ab", "x", "abcdef"},
                               {"closed", "closed", "open"},
                               {"same", "same", "same"}},
                              {{"", std::nullopt, "9f"},
                               {"ab", "x", "****ef"},
                               {"closed", "closed", "closed"},
                               {"same", "same", "same"}});
  EXPECT_TRUE(findings.empty());
}

TEST(UnchangedCheckTest, DescribesEveryColumnsFiguresInTheReport) {
  CheckFixture f(kPolicy, kColumns);
  UnchangedCheck check(f.plan(), f.policy().verify);
  f.Run(check, {{"A1", "B2"}, {"abcdef", ""}, {"open", "open"}, {"n", ""}},
        {{"A1", "ff"}, {"****ef", ""}, {"closed", "closed"}, {"n", ""}});
  VerificationReport report;
  report.tables.push_back(TableStatistics{"t", "anonymised", 2, 2, {}});
  report.tables[0].columns.resize(kColumns.size());
  check.Describe(report);
  const auto& columns = report.tables[0].columns;
  EXPECT_EQ(columns[0].compared, 2);  // id
  EXPECT_EQ(columns[0].unchanged, 1);
  EXPECT_EQ(columns[0].unchanged_threshold, 0);
  EXPECT_EQ(columns[1].compared, 1);  // code: the empty original is not compared
  EXPECT_EQ(columns[1].unchanged, 0);
  EXPECT_EQ(columns[3].compared, 1);  // notes: kept, counted but not checked
  EXPECT_EQ(columns[3].unchanged, 1);
  EXPECT_EQ(columns[3].unchanged_threshold, 1);
}

}  // namespace
}  // namespace veil
