// The leak check on columns under a `json` rule: the values identifying paths reach are
// originals, and the values generated paths produce are searched as produced cells.
#include "verify/checks/check_fixture.h"
#include "verify/checks/leak_check.h"
#include "verify/checks/literal_source.h"

namespace veil {
namespace {

using testing::Cells;
using testing::CheckFixture;
using testing::LiteralSource;
using testing::TextTable;

constexpr const char* kPolicy = R"(version: 1
tables:
  cases:
    columns:
      surname: {fake: last_name}
      details:
        json:
          "$.child.name": {fake: full_name}
          "$.phone": {fake: phone}
          "$.note": keep
          unlisted: drop
      comment: keep
)";

const TableSchema kCases = TextTable("cases", {"surname", "details", "comment"});
const std::vector<Cells> kOriginal = {
    {"Smith", "Okonkwo"},
    {R"({"child": {"name": "Jane Doughty"}, "phone": "07912 345678", "note": "ok"})",
     R"({"child": {"name": "Ravi Patel"}, "phone": "07912 111222", "note": "fine"})"},
    {"fine", "fine"}};

std::vector<Finding> FindLeaks(const std::vector<Cells>& copy) {
  CheckFixture f(kPolicy, {kCases}, {kCases});
  LiteralSource original, copy_side;
  original.Add(kCases, kOriginal);
  copy_side.Add(kCases, copy);
  LeakCheck check(f.plan(), f.policy().verify, 1);
  EXPECT_TRUE(check.Prepare(original, copy_side).ok());
  f.Feed(check, 0, kOriginal, copy);
  CheckOutcome outcome;
  return f.Finish(check, outcome);
}

TEST(LeakCheckJsonTest, AFakeInsideADocumentIsNotSearchedForTokensOfAnOriginal) {
  // "Smith" is somebody's surname, and a token of the fake full name: chance, as it
  // would be in a plain fake column.
  const auto findings =
      FindLeaks({{"Evans", "Hughes"},
                 {R"({"child": {"name": "Nathan Smith"}, "phone": "0141 496 0020", "note": "ok"})",
                  R"({"child": {"name": "Amy Rowe"}, "phone": "0141 496 0021", "note": "fine"})"},
                 {"fine", "fine"}});
  EXPECT_TRUE(findings.empty()) << findings.front().detail;
}

TEST(LeakCheckJsonTest, AnOriginalInsideADocumentIsFoundWhereverItStands) {
  // The child's original name, kept in the note; a phone planted inside the fake name.
  const auto findings = FindLeaks(
      {{"Evans", "Hughes"},
       {R"({"child": {"name": "Nathan Rowe"}, "phone": "0141 496 0020",
            "note": "Spoke to jane doughty today"})",
        R"({"child": {"name": "Amy 07912 111222"}, "phone": "0141 496 0021", "note": "fine"})"},
       {"fine", "fine"}});
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].column, "details");
  EXPECT_EQ(findings[0].rows, (std::vector<int64_t>{1, 2}));
  EXPECT_NE(findings[0].detail.find("cases.details (json)"), std::string::npos)
      << findings[0].detail;
  EXPECT_EQ(findings[0].detail.find("07912"), std::string::npos) << "never a value";
}

TEST(LeakCheckJsonTest, AnOriginalDocumentValueInAPlainColumnIsFound) {
  const auto findings =
      FindLeaks({{"Evans", "Ravi Patel"},
                 {R"({"child": {"name": "Nathan Rowe"}, "phone": "0141 496 0020", "note": "ok"})",
                  R"({"child": {"name": "Amy Rowe"}, "phone": "0141 496 0021", "note": "fine"})"},
                 {"call 07912 345678", "fine"}});
  ASSERT_EQ(findings.size(), 2u);
  EXPECT_EQ(findings[0].column, "surname");
  EXPECT_NE(findings[0].detail.find("as the whole value"), std::string::npos);
  EXPECT_EQ(findings[1].column, "comment");
  EXPECT_NE(findings[1].detail.find("cases.details (json)"), std::string::npos);
}

}  // namespace
}  // namespace veil
