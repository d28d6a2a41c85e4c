#include "verify/checks/leak_check.h"

#include "verify/checks/check_fixture.h"
#include "verify/checks/literal_source.h"

namespace veil {
namespace {

using testing::Cells;
using testing::CheckFixture;
using testing::LiteralSource;
using testing::TextTable;

constexpr const char* kPolicy = R"(version: 1
tables:
  people:
    columns:
      name: {fake: full_name}
      notes: keep
)";

const TableSchema kPeople = TextTable("people", {"name", "notes"});
const std::vector<Cells> kOriginal = {{"Alexandra Smithson", "Bartholomew Jones", "Jo"},
                                      {"fine", "fine", "fine"}};

// Runs a leak check with `threads` over the original above and `copy`.
std::vector<Finding> FindLeaks(const std::vector<Cells>& copy, int threads,
                               VerificationReport* report = nullptr) {
  CheckFixture f(kPolicy, {kPeople}, {kPeople});
  LiteralSource original, copy_side;
  original.Add(kPeople, kOriginal);
  copy_side.Add(kPeople, copy);
  LeakCheck check(f.plan(), f.policy().verify, threads);
  EXPECT_TRUE(check.Prepare(original, copy_side).ok());
  f.Feed(check, 0, kOriginal, copy);
  CheckOutcome outcome;
  auto findings = f.Finish(check, outcome);
  EXPECT_EQ(outcome.errors, static_cast<int>(findings.size()));
  if (report != nullptr) check.Describe(*report);
  return findings;
}

const Finding* ForColumn(const std::vector<Finding>& findings, const std::string& column) {
  for (const auto& finding : findings) {
    if (finding.column == column) return &finding;
  }
  return nullptr;
}

TEST(LeakCheckTest, FindsAnOriginalAsAFakesWholeValueAndInsideKeptText) {
  for (int threads : {1, 3}) {
    const auto findings = FindLeaks(
        {{"Alexandra Smithson", "Carl Ode", "Dee Elm"}, {"fine", "ask bartholomew jones", "ok"}},
        threads);
    ASSERT_EQ(findings.size(), 2u) << threads;
    const Finding* name = ForColumn(findings, "name");
    ASSERT_NE(name, nullptr);
    EXPECT_EQ(name->table, "people");
    EXPECT_EQ(name->rows, (std::vector<int64_t>{1}));
    EXPECT_NE(name->detail.find("as the whole value"), std::string::npos) << name->detail;
    EXPECT_NE(name->detail.find("people.name (fake)"), std::string::npos) << name->detail;
    const Finding* notes = ForColumn(findings, "notes");
    ASSERT_NE(notes, nullptr);
    EXPECT_EQ(notes->rows, (std::vector<int64_t>{2}));
    EXPECT_NE(notes->detail.find("inside the text"), std::string::npos) << notes->detail;
  }
}

TEST(LeakCheckTest, AFakeColumnIsNotSearchedForTokensOfAnOriginal) {
  // "Jones" alone is a token of an original, not the whole value: a fake may hold it.
  EXPECT_TRUE(FindLeaks({{"Amy Jones", "Carl Ode", "Dee Elm"}, {"fine", "ok", "ok"}}, 1).empty());
}

TEST(LeakCheckTest, ACleanCopyHasNoFindingAndNoValueInTheReport) {
  VerificationReport report;
  const auto findings =
      FindLeaks({{"Carl Ode", "Dee Elm", "Flo Ray"}, {"fine", "fine", "fine"}}, 1, &report);
  EXPECT_TRUE(findings.empty());
  // The describe hook: two values searched, "Jo" too short to search for.
  EXPECT_EQ(report.leak_values_searched, 2);
  EXPECT_EQ(report.leak_values_skipped, 1);
  EXPECT_NE(report.leak_skip_reason.find("shorter than 3 characters"), std::string::npos)
      << report.leak_skip_reason;
}

constexpr const char* kContactPolicy = R"(version: 1
tables:
  people:
    columns:
      name: {fake: first_name}
      email: {fake: email}
      notes: keep
)";

const TableSchema kContacts = TextTable("people", {"name", "email", "notes"});
const std::vector<Cells> kContactOriginal = {
    {"Ann", "Bo", "Cy"}, {"ann.lee@mail.co.uk", "bob@example.org", ""}, {"fine", "fine", "fine"}};

std::vector<Finding> FindContactLeaks(const std::vector<Cells>& copy, int threads,
                                      CheckOutcome* outcome_out = nullptr) {
  CheckFixture f(kContactPolicy, {kContacts}, {kContacts});
  LiteralSource original, copy_side;
  original.Add(kContacts, kContactOriginal);
  copy_side.Add(kContacts, copy);
  LeakCheck check(f.plan(), f.policy().verify, threads);
  EXPECT_TRUE(check.Prepare(original, copy_side).ok());
  f.Feed(check, 0, kContactOriginal, copy);
  CheckOutcome outcome;
  auto findings = f.Finish(check, outcome);
  if (outcome_out != nullptr) *outcome_out = outcome;
  return findings;
}

TEST(LeakCheckTest, AStrongOriginalInsideAFakeIsFoundAWeakOneIsNot) {
  for (int threads : {1, 3}) {
    CheckOutcome outcome;
    const auto findings = FindContactLeaks({{"Seen at Ann.Lee@mail.co.uk", "met Ann today", "Ann"},
                                            {"x@example.com", "y@example.net", "z@example.org"},
                                            {"fine", "fine", "fine"}},
                                           threads, &outcome);
    ASSERT_EQ(findings.size(), 1u) << threads;
    EXPECT_EQ(findings[0].column, "name");
    // Row 1: the e-mail inside the text; row 3: the weak "Ann" as the whole value; row 2
    // ("met Ann today") is chance.
    EXPECT_EQ(findings[0].rows, (std::vector<int64_t>{1, 3}));
    EXPECT_NE(findings[0].detail.find("as the whole value or inside the text"), std::string::npos)
        << findings[0].detail;
    EXPECT_NE(findings[0].detail.find("people.email (fake)"), std::string::npos);
    EXPECT_EQ(findings[0].detail.find("mail.co.uk"), std::string::npos);
    EXPECT_NE(outcome.coverage.find("3 original values (2 strong)"), std::string::npos)
        << outcome.coverage;
  }
}

TEST(LeakCheckTest, AnHonestFakeOnAReservedDomainIsNotSearchedForStrongTokens) {
  // "x.bob@example.org" holds the original "bob@example.org" at token boundaries, but the
  // whole cell is an address on a reserved domain: the fake's own, by chance.
  EXPECT_TRUE(FindContactLeaks({{"Di", "Ed", "Flo"},
                                {"x.bob@example.org", "y@example.net", "ok"},
                                {"fine", "fine", "fine"}},
                               1)
                  .empty());
  // Not on a reserved domain: found.
  const auto findings = FindContactLeaks(
      {{"Di", "Ed", "Flo"}, {"bob@example.org.evil.co", "y@example.net", "ok"}, {"f", "f", "f"}},
      1);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].column, "email");
  EXPECT_NE(findings[0].detail.find("inside the text"), std::string::npos);
}

TEST(LeakCheckTest, ACopyFedBeforeItsOriginalsWereReadIsAnError) {
  CheckFixture f(kPolicy, {kPeople}, {kPeople});
  LeakCheck check(f.plan(), f.policy().verify, 1);
  const Batch batch = CheckFixture::MakeBatch(kOriginal);
  EXPECT_FALSE(check.OnCopy(f.plan().tables.front(), batch).ok());
}

}  // namespace
}  // namespace veil
