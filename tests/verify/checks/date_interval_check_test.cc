#include "verify/checks/date_interval_check.h"

#include "verify/checks/check_fixture.h"

namespace veil {
namespace {

using testing::CheckFixture;

constexpr const char* kPolicy = R"(version: 1
entities:
  child: {date_shift: {min_days: -30, max_days: 30}}
tables:
  t:
    keys: {child: id}
    columns:
      id: keep
      seen: {date_shift: child}
      booked: {date_shift: {min_days: 1, max_days: 5}}
)";

TEST(DateIntervalCheckTest, NamesTheOneDateThatMovedDifferently) {
  CheckFixture f(kPolicy, {"id", "seen", "booked"});
  DateIntervalCheck check(f.plan(), f.policy());
  const auto findings =
      f.Run(check,
            {{"a", "a", "a", "b", "b"},
             {"2020-01-10", "2020-02-01", "2020-03-01", "2021-05-05", "2021-06-06"},
             {"2020-01-01", "2020-01-01", "2020-01-01", "2020-01-01", "2020-01-01"}},
            {{"a", "a", "a", "b", "b"},
             // child a: +7 days, +7, +8 (row 3 moved); child b: -3 and -3
             {"2020-01-17", "2020-02-08", "2020-03-09", "2021-05-02", "2021-06-03"},
             {"2020-01-03", "2020-01-02", "2020-01-06", "2020-01-01", "2020-01-09"}});
  // One for `seen`; one for `booked`, whose rows 4 (not moved) and 5 (moved by 8 days)
  // are both outside its range of 1 to 5 days.
  ASSERT_EQ(findings.size(), 2u);
  for (const auto& finding : findings) EXPECT_EQ(finding.check, "date_interval");
  bool moved_row_3 = false;
  for (const auto& finding : findings) {
    if (finding.column == "seen") {
      EXPECT_EQ(finding.rows, (std::vector<int64_t>{3}));
      moved_row_3 = true;
    }
  }
  EXPECT_TRUE(moved_row_3);
  std::vector<int64_t> booked;
  for (const auto& finding : findings) {
    if (finding.column == "booked")
      booked.insert(booked.end(), finding.rows.begin(), finding.rows.end());
  }
  std::sort(booked.begin(), booked.end());
  EXPECT_EQ(booked, (std::vector<int64_t>{4, 5}));
}

TEST(DateIntervalCheckTest, PassesEqualShiftsAndSkipsEmptyValues) {
  CheckFixture f(kPolicy, {"id", "seen", "booked"});
  DateIntervalCheck check(f.plan(), f.policy());
  const auto findings = f.Run(
      check, {{"a", "a", "b"}, {"2020-01-10", std::nullopt, "10/02/2020 09:00"}, {"", "", ""}},
      {{"a", "a", "b"}, {"2020-01-01", std::nullopt, "20/02/2020 09:00"}, {"", "", ""}});
  EXPECT_TRUE(findings.empty()) << findings.front().detail;
}

}  // namespace
}  // namespace veil
