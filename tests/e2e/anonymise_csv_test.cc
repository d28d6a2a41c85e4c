// End-to-end: `veil anonymise` on the people/episodes CSV fixture.
#include <chrono>
#include <set>

#include "core/date_text.h"
#include "core/uk_identifiers.h"
#include "e2e/e2e_support.h"

namespace veil::e2e {
namespace {

const auto& kEnv = PeopleFixtureEnv();

using AnonymiseCsvTest = PeopleCopyTest;

TEST_F(AnonymiseCsvTest, KeepsRowsAndOrderAndDropsColumns) {
  ASSERT_EQ(people_.rows.size(), in_people_.rows.size());
  ASSERT_EQ(episodes_.rows.size(), in_episodes_.rows.size());
  EXPECT_EQ(people_.header.size(), in_people_.header.size() - 1);
  for (const auto& h : people_.header) EXPECT_NE(h, "notes");
  EXPECT_EQ(people_.Values("sex"), in_people_.Values("sex"));
}

TEST_F(AnonymiseCsvTest, NoOriginalIdentifierSurvivesAnywhere) {
  std::set<std::string> originals;
  for (const char* column : {"person_id", "first_name", "last_name", "dob", "nhs_number",
                             "postcode", "email", "phone"}) {
    for (const auto& v : in_people_.Values(column)) originals.insert(v);
  }
  for (const auto& v : in_episodes_.Values("episode_id")) originals.insert(v);
  const std::string all_output =
      ReadFile(dir_ / "out/people.csv") + ReadFile(dir_ / "out/episodes.csv");
  for (const auto& original : originals) {
    EXPECT_EQ(all_output.find(original), std::string::npos) << "an original value survived";
  }
}

TEST_F(AnonymiseCsvTest, PseudonymsJoinAcrossTables) {
  std::map<std::string, std::string> pseudonym_of;
  const auto in_ids = in_people_.Values("person_id");
  const auto out_ids = people_.Values("person_id");
  for (size_t i = 0; i < in_ids.size(); ++i) pseudonym_of[in_ids[i]] = out_ids[i];
  const auto in_refs = in_episodes_.Values("person_id");
  const auto out_refs = episodes_.Values("person_id");
  for (size_t i = 0; i < in_refs.size(); ++i) EXPECT_EQ(out_refs[i], pseudonym_of[in_refs[i]]);
  EXPECT_EQ(std::set<std::string>(out_ids.begin(), out_ids.end()).size(), out_ids.size());
}

int64_t Days(const std::string& text) {
  const auto d = ParseDateText(text);
  EXPECT_TRUE(d.has_value());
  return d ? d->day.time_since_epoch().count() : 0;
}

TEST_F(AnonymiseCsvTest, IntervalsWithinAPersonAreExact) {
  std::map<std::string, int64_t> shift_of;  // by original person id
  const auto ids = in_people_.Values("person_id");
  const auto dob_in = in_people_.Values("dob");
  const auto dob_out = people_.Values("dob");
  for (size_t i = 0; i < ids.size(); ++i) {
    shift_of[ids[i]] = Days(dob_out[i]) - Days(dob_in[i]);
    EXPECT_NE(shift_of[ids[i]], 0);
    EXPECT_LE(std::abs(shift_of[ids[i]]), 60);
    EXPECT_EQ(dob_out[i].find('/') != std::string::npos, dob_in[i].find('/') != std::string::npos);
  }
  const auto refs = in_episodes_.Values("person_id");
  for (const char* column : {"start_date", "end_date"}) {
    const auto before = in_episodes_.Values(column);
    const auto after = episodes_.Values(column);
    for (size_t i = 0; i < refs.size(); ++i) {
      if (before[i].empty()) {
        EXPECT_TRUE(after[i].empty());
        continue;
      }
      EXPECT_EQ(Days(after[i]) - Days(before[i]), shift_of[refs[i]]) << column << " row " << i;
      EXPECT_EQ(after[i].size(), before[i].size());
    }
  }
}

TEST_F(AnonymiseCsvTest, FakesHaveValidFormatsAndCheckDigits) {
  for (const auto& v : people_.Values("nhs_number")) EXPECT_TRUE(IsNeverIssuedNhsNumber(v)) << v;
  for (const auto& v : people_.Values("postcode")) EXPECT_TRUE(IsWellFormedUkPostcode(v)) << v;
  for (const auto& v : people_.Values("email")) EXPECT_TRUE(IsReservedEmailDomain(v)) << v;
  for (const auto& v : people_.Values("phone")) EXPECT_TRUE(IsOfcomDramaNumber(v)) << v;
  for (const auto& v : people_.Values("person_id")) {
    EXPECT_EQ(v.size(), 10u);
    EXPECT_NE(v[0], '0');
  }
  for (const auto& v : episodes_.Values("episode_id")) {
    EXPECT_EQ(v.size(), 9u);
    EXPECT_EQ(v[0], 'E');
  }
}

TEST_F(AnonymiseCsvTest, SameSecretGivesByteIdenticalOutputOtherSecretDoesNot) {
  const auto again = RunVeil(
      {"anonymise", "-q", "--policy", PeopleFixture("policy.yaml"), dir_ / "in", dir_ / "again"},
      kEnv);
  ASSERT_EQ(again.exit_code, 0) << again.err;
  for (const char* f : {"people.csv", "episodes.csv"}) {
    EXPECT_EQ(ReadFile(dir_ / "out" / f), ReadFile(dir_ / "again" / f)) << f;
  }
  const auto other = RunVeil(
      {"anonymise", "-q", "--policy", PeopleFixture("policy.yaml"), dir_ / "in", dir_ / "other"},
      {{"VEIL_TEST_SECRET", "a-different-secret-0123456789"}});
  ASSERT_EQ(other.exit_code, 0) << other.err;
  const auto other_ids = ReadCsvTable(dir_ / "other/people.csv").Values("person_id");
  const auto ids = people_.Values("person_id");
  for (size_t i = 0; i < ids.size(); ++i) EXPECT_NE(ids[i], other_ids[i]);
}

TEST_F(AnonymiseCsvTest, SummaryShowsFingerprintButNeverTheSecret) {
  const auto r = RunVeil(
      {"anonymise", "--policy", PeopleFixture("policy.yaml"), dir_ / "in", dir_ / "summary.sqlite"},
      kEnv);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("secret fingerprint: "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("pseudonymise 3"), std::string::npos) << r.out;
  EXPECT_EQ((r.out + r.err).find(kEnv.at("VEIL_TEST_SECRET")), std::string::npos);
  EXPECT_TRUE(fs::exists(dir_ / "summary.sqlite"));
}

}  // namespace
}  // namespace veil::e2e

namespace veil::e2e {
namespace {

TEST(AnonymiseFakesTest, NoFakeEqualsAnyOriginalValueOfItsKind) {
  // 600 people whose names and towns are among the most common: an unguarded fake would
  // reproduce some of them by chance for other rows.
  const std::vector<std::string> names = {"Oliver", "George", "Harry",  "Jack",  "Amelia",
                                          "Olivia", "Isla",   "Emily",  "David", "Paul",
                                          "Sarah",  "Claire", "Thomas", "James", "Susan"};
  const std::vector<std::string> surnames = {"Smith", "Jones", "Taylor", "Brown", "Williams"};
  const std::vector<std::string> towns = {"Leeds", "London", "Bristol", "Manchester", "York"};
  ScratchDir dir;
  {
    std::ofstream out(dir / "people.csv");
    out << "first,last,town\n";
    for (size_t i = 0; i < 600; ++i) {
      out << names[i % names.size()] << "," << surnames[i % surnames.size()] << ","
          << towns[(i / 3) % towns.size()] << "\n";
    }
  }
  std::ofstream(dir / "policy.yaml")
      << "version: 1\ntables:\n  people:\n    columns:\n      first: {fake: first_name}\n"
         "      last: {fake: last_name}\n      town: {fake: city}\n";
  const auto r = RunVeil(
      {"anonymise", "-q", "--policy", dir / "policy.yaml", dir / "people.csv", dir / "out.csv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const Table out = ReadCsvTable(dir / "out.csv");
  ASSERT_EQ(out.rows.size(), 600u);
  auto upper = [](std::string s) {
    for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
  };
  std::set<std::string> originals;
  for (const auto* list : {&names, &surnames, &towns}) {
    for (const auto& v : *list) originals.insert(upper(v));
  }
  for (const char* column : {"first", "last", "town"}) {
    for (const auto& v : out.Values(column)) {
      EXPECT_EQ(originals.count(upper(v)), 0u) << column << " reproduced an original value";
    }
  }
}

}  // namespace
}  // namespace veil::e2e
