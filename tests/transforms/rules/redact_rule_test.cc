#include <gtest/gtest.h>

#include "core/date_text.h"
#include "transforms/rule_fixture.h"

namespace veil {
namespace {

using testing::Cells;
using testing::RuleFixture;

constexpr size_t kId = 0;
constexpr size_t kFirst = 1;
constexpr size_t kDob = 2;
constexpr size_t kNotes = 3;
const std::vector<std::string> kColumns = {"id", "first", "dob", "notes"};

std::string PolicyWith(const std::string& notes_rule) {
  return "version: 1\n"
         "entities:\n"
         "  child:\n"
         "    pseudonym: {alphabet: digits, length: 9}\n"
         "    date_shift: {min_days: -30, max_days: 30}\n"
         "tables:\n"
         "  t:\n"
         "    keys: {child: id}\n"
         "    columns:\n"
         "      id: {pseudonymise: child}\n"
         "      first: {fake: first_name}\n"
         "      dob: {date_shift: child}\n"
         "      notes: " +
         notes_rule + "\n";
}

std::string One(RuleFixture& f, size_t column, const std::vector<Cells>& rows) {
  auto out = f.Apply(column, rows);
  EXPECT_TRUE(out.ok()) << out.status().message();
  return out.ok() && out.value().front() ? *out.value().front() : std::string("<error>");
}

// One row: id, first name, date of birth, note.
std::vector<Cells> Row(const std::string& id, const std::string& first, const std::string& dob,
                       const std::string& note) {
  return {{id}, {first}, {dob}, {note}};
}

class RedactRuleTest : public ::testing::Test {
 protected:
  // Plans `notes_rule` and records the row's id and first name as known originals, with
  // the replacements their own columns give them, as the engine does before a run.
  void Plan(const std::string& notes_rule, const std::vector<Cells>& row) {
    fixture_.emplace(PolicyWith(notes_rule), kColumns);
    ASSERT_TRUE(fixture_->Plan().ok()) << fixture_->Plan().message();
    pseudonym_ = One(*fixture_, kId, row);
    fake_first_ = One(*fixture_, kFirst, row);
    fixture_->run().known_originals.Add(*row[kId][0], pseudonym_, "[CHILD]");
    fixture_->run().known_originals.Add(*row[kFirst][0], fake_first_, "[FIRST_NAME]");
  }

  std::optional<RuleFixture> fixture_;
  std::string pseudonym_;
  std::string fake_first_;
};

TEST_F(RedactRuleTest, KnownOriginalsBecomeWhatTheirColumnsMadeOfThem) {
  const auto row =
      Row("C100234", "Jane", "2021-04-03", "Spoke to JANE (ref c100234) about school.");
  Plan("redact", row);
  EXPECT_EQ(One(*fixture_, kNotes, row),
            "Spoke to " + fake_first_ + " (ref " + pseudonym_ + ") about school.");
}

TEST_F(RedactRuleTest, FakesThatLineUpIntoAnOriginalBecomeTags) {
  const auto row = Row("C100234", "Jane", "2021-04-03", "Met Dr Quenby Ashcombe today.");
  Plan("redact", row);
  const std::string first = One(*fixture_, kNotes, row);
  ASSERT_EQ(first.rfind("Met Dr ", 0), 0u) << first;
  const std::string fakes = first.substr(7, first.size() - 7 - std::string(" today.").size());
  ASSERT_NE(fakes.find(' '), std::string::npos) << "each word faked: " << first;
  // The same draws, once somebody's original is the two fakes side by side.
  Plan("redact", row);
  fixture_->run().known_originals.Add(fakes, "Someone Else", "[FULL_NAME]");
  const std::string again = One(*fixture_, kNotes, row);
  EXPECT_EQ(again.find(fakes), std::string::npos) << again;
  EXPECT_EQ(again.rfind("Met Dr ", 0), 0u) << again;
  EXPECT_NE(again.find("[NAME]"), std::string::npos) << again;
  EXPECT_NE(again.find(" today."), std::string::npos) << again;
}

TEST_F(RedactRuleTest, ColumnFakesThatLineUpIntoAnOriginalBecomeTags) {
  const auto row = Row("C100234", "Jane", "2021-04-03", "Saw Jane Quenby at home.");
  Plan("redact", row);
  auto& originals = fixture_->run().known_originals;
  originals.Add("Quenby", "Zorrowitz", "[LAST_NAME]");
  // Each word becomes its own column's fake; side by side they are somebody's original.
  originals.Add(fake_first_ + " Zorrowitz", "Someone Else", "[FULL_NAME]");
  const std::string note = One(*fixture_, kNotes, row);
  EXPECT_EQ(note, "Saw [FIRST_NAME] [LAST_NAME] at home.");
}

TEST_F(RedactRuleTest, DatesMoveWithTheRowsEntity) {
  const auto row = Row("C100234", "Jane", "2021-04-03", "Seen 03/04/2021 and on 2021-04-03.");
  Plan("redact", row);
  const std::string shifted_dob = One(*fixture_, kDob, row);
  const auto day = ParseDateText(shifted_dob);
  ASSERT_TRUE(day.has_value());
  std::string uk;
  AppendDateText(day->day, DateForm::kDayMonthYear, "", uk);
  EXPECT_EQ(One(*fixture_, kNotes, row), "Seen " + uk + " and on " + shifted_dob + ".");
}

TEST_F(RedactRuleTest, RecognisedValuesBecomeFakesOfTheirKind) {
  const auto row = Row("C1", "Ann", "2021-04-03",
                       "Call 0117 496 0123 or mail a.b@city.gov.uk; NHS 943 476 5919.");
  Plan("redact", row);
  const std::string out = One(*fixture_, kNotes, row);
  EXPECT_EQ(out.find("0117 496 0123"), std::string::npos) << out;
  EXPECT_EQ(out.find("a.b@city.gov.uk"), std::string::npos) << out;
  EXPECT_EQ(out.find("943 476 5919"), std::string::npos) << out;
  EXPECT_EQ(out.rfind("Call ", 0), 0u) << out;
  EXPECT_NE(out.find(" or mail "), std::string::npos) << out;
  EXPECT_NE(out.find("; NHS "), std::string::npos) << out;
  // The same value gets the same fake in every row.
  EXPECT_EQ(One(*fixture_, kNotes, row), out);
}

TEST_F(RedactRuleTest, TagsReplaceEverySpan) {
  const auto row =
      Row("C100234", "Jane", "2021-04-03", "Jane (c100234) rang 07700 900123 on 3 April 2021.");
  Plan("{redact: {replace: tag}}", row);
  EXPECT_EQ(One(*fixture_, kNotes, row), "[FIRST_NAME] ([CHILD]) rang [PHONE] on [DATE].");
}

TEST_F(RedactRuleTest, TextWithoutPersonalDataIsKeptByteForByte) {
  const std::string note = "Attended school; no concerns. \xF0\x9F\x99\x82 \xff done\n";
  const auto row = Row("C1", "Ann", "2021-04-03", note);
  Plan("redact", row);
  EXPECT_EQ(One(*fixture_, kNotes, row), note);
}

TEST_F(RedactRuleTest, AValueTooDenseToExamineIsReplacedWhole) {
  const auto row = Row("C1", "Ann", "2021-04-03", "ref " + std::string(10 << 20, '7'));
  Plan("redact", row);
  EXPECT_EQ(One(*fixture_, kNotes, row), "[REDACTED]");
}

TEST(RedactRuleArguments, BadArgumentsNameTheLine) {
  RuleFixture bad(PolicyWith("{redact: {replace: blank}}"), kColumns);
  const Status status = bad.Plan();
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.message().find("test-policy.yaml:13:"), std::string::npos) << status.message();
  EXPECT_NE(status.message().find("fake or tag"), std::string::npos);
  RuleFixture unknown(PolicyWith("{redact: {colour: red}}"), kColumns);
  EXPECT_NE(unknown.Plan().message().find("no option 'colour'"), std::string::npos);
  RuleFixture entity(PolicyWith("{redact: {entity: nobody}}"), kColumns);
  EXPECT_NE(entity.Plan().message().find("'nobody' is not declared"), std::string::npos);
}

}  // namespace
}  // namespace veil
