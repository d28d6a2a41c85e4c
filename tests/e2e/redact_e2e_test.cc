// End-to-end: free text on a database veil has never seen. `veil scan` drafts `redact`
// for the case notes; with the draft, `veil anonymise` replaces every name and
// identifier planted in the notes — the child's own, another child's, the worker's —
// by the same fake or pseudonym its own column got, keeps the rest of the text, and
// `veil verify` passes.
#include <fmt/format.h>
#include <sqlite3.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <random>

#include "core/uk_identifiers.h"
#include "e2e/e2e_support.h"

namespace veil::e2e {
namespace {

const std::map<std::string, std::string> kEnv = {{"VEIL_SECRET", "redact-e2e-secret-0123456789"}};

// Names the bundled lists do not all hold, so only the source's own columns tell.
const std::vector<std::string> kFirst = {"Oluwaseun", "Siobhan", "Zofia",    "Anwen",   "Kwame",
                                         "Ines",      "Tadhg",   "Priyanka", "Mateusz", "Chloe"};
const std::vector<std::string> kLast = {"Okonkwo",    "Nakamura",  "Wisniewska",  "Pryce",
                                        "Achterberg", "Delacroix", "Fairweather", "Quaye",
                                        "Rossi",      "Thorne"};

// Workers' names share no word with the children's, so each name has one owner.
const std::vector<std::string> kWorkers = {"Hollis Brandtner", "Marguerite Oyelaran",
                                           "Torvald Sandoval", "Eulalie Kowalczyk",
                                           "Benedikt Aranda"};

// Referrers, named nowhere but inside the referral documents.
const std::vector<std::string> kReferrers = {"Ottilie Vandermeer", "Ignatius Pemberton-Lowe",
                                             "Saoirse Abernathy", "Fenella Marchbanks"};

std::string Upn(std::mt19937& random) {
  std::string rest;
  for (int i = 0; i < 12; ++i) rest.push_back(static_cast<char>('0' + random() % 10));
  return std::string(1, UpnCheckLetter(rest)) + rest;
}

std::string Quote(const std::string& text) {
  std::string q = "'";
  for (char c : text) q += (c == '\'') ? std::string("''") : std::string(1, c);
  return q + "'";
}

std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// True when `word` occurs in `text` case-insensitively with no letter or digit either side.
bool HasWord(const std::string& text, const std::string& word) {
  const std::string t = Lower(text), w = Lower(word);
  for (size_t at = t.find(w); at != std::string::npos; at = t.find(w, at + 1)) {
    const bool before = at > 0 && std::isalnum(static_cast<unsigned char>(t[at - 1]));
    const size_t end = at + w.size();
    const bool after = end < t.size() && std::isalnum(static_cast<unsigned char>(t[end]));
    if (!before && !after) return true;
  }
  return false;
}

using Rows = std::vector<std::vector<std::string>>;

Rows Query(const fs::path& path, const std::string& sql) {
  sqlite3* db = nullptr;
  Rows rows;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) return rows;
  sqlite3_stmt* statement = nullptr;
  sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr);
  while (statement != nullptr && sqlite3_step(statement) == SQLITE_ROW) {
    std::vector<std::string> row;
    for (int c = 0; c < sqlite3_column_count(statement); ++c) {
      const auto* text = sqlite3_column_text(statement, c);
      row.emplace_back(text ? reinterpret_cast<const char*>(text) : "");
    }
    rows.push_back(std::move(row));
  }
  sqlite3_finalize(statement);
  sqlite3_close(db);
  return rows;
}

// A mobile number outside Ofcom's drama range, so no fake can be it.
std::string Phone(int n) {
  return fmt::format("07911 40{:04}", n);
}

struct Child {
  std::string id, first, last, upn, email;
};

class RedactE2eTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::mt19937 random(11);
    std::string sql =
        "CREATE TABLE ssd_person (pers_person_id TEXT PRIMARY KEY, pers_forename TEXT, "
        "pers_surname TEXT, pers_upn TEXT, pers_email TEXT, pers_dob TEXT);\n"
        "CREATE TABLE ssd_worker (worker_id TEXT PRIMARY KEY, worker_name TEXT);\n"
        "CREATE TABLE ssd_case_note (note_id TEXT PRIMARY KEY, pers_person_id TEXT REFERENCES "
        "ssd_person(pers_person_id), worker_id TEXT REFERENCES ssd_worker(worker_id), "
        "note_date TEXT, note_text TEXT);\n"
        "CREATE TABLE ssd_referral (referral_id TEXT PRIMARY KEY, pers_person_id TEXT "
        "REFERENCES ssd_person(pers_person_id), referral_details_json TEXT);\n";
    for (size_t w = 0; w < kWorkers.size(); ++w) {
      workers_.push_back(kWorkers[w]);
      sql += fmt::format("INSERT INTO ssd_worker VALUES ('W{}', {});\n", 700 + w,
                         Quote(workers_.back()));
    }
    for (int i = 0; i < 120; ++i) {
      Child c{fmt::format("C{}", 100000 + i), kFirst[random() % kFirst.size()],
              kLast[random() % kLast.size()], Upn(random), ""};
      c.email = Lower(c.first) + "." + Lower(c.last) + std::to_string(i) + "@home.co.uk";
      children_.push_back(c);
      sql += fmt::format("INSERT INTO ssd_person VALUES ({}, {}, {}, {}, {}, {});\n", Quote(c.id),
                         Quote(c.first), Quote(c.last), Quote(c.upn), Quote(c.email),
                         Quote(fmt::format("20{:02}-{:02}-{:02}", 8 + random() % 10,
                                           1 + random() % 12, 1 + random() % 28)));
    }
    for (int n = 0; n < 240; ++n) {
      const Child& c = children_[n % children_.size()];
      const Child& other = children_[(n * 7 + 3) % children_.size()];
      const std::string& worker = workers_[n % workers_.size()];
      const std::string note = fmt::format(
          "Home visit to {} {} (UPN {}) and carer; worker {} also saw {} {} (ref {}). "
          "Contact {} or {}. NEXT STEPS: review in 6 weeks.",
          c.first, c.last, c.upn, worker, Lower(other.first), other.last, other.id, c.email,
          Phone(n));
      sql += fmt::format(
          "INSERT INTO ssd_case_note VALUES ('N{}', {}, 'W{}', '2024-{:02}-{:02}', {});\n",
          5000 + n, Quote(c.id), 700 + n % workers_.size(), 1 + n % 12, 1 + n % 28, Quote(note));
    }
    // Referrers are named only inside the referral documents, and again in their summary.
    for (int r = 0; r < 120; ++r) {
      const Child& c = children_[r];
      const std::string& referrer = kReferrers[r % kReferrers.size()];
      const std::string document = nlohmann::json{
          {"referrer", {{"name", referrer}, {"phone", Phone(500 + r)}}},
          {"summary",
           fmt::format("Referred by {} about {} {}; seen the same day.", referrer, c.first,
                       c.last)}}.dump();
      sql += fmt::format("INSERT INTO ssd_referral VALUES ('R{}', {}, {});\n", 9000 + r,
                         Quote(c.id), Quote(document));
    }
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(source_.c_str(), &db), SQLITE_OK);
    char* error = nullptr;
    ASSERT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error), SQLITE_OK) << error;
    sqlite3_close(db);
  }

  // Scans, anonymises with the draft and verifies; false (with a failure) if any step fails.
  bool RunDraft() {
    const auto scan = RunVeil({"scan", source_.string(), "--policy-out", draft_.string()});
    EXPECT_EQ(scan.exit_code, 0) << scan.err;
    policy_ = ReadFile(draft_);
    const auto anonymise = RunVeil(
        {"anonymise", "-q", "--policy", draft_.string(), source_.string(), copy_.string()}, kEnv);
    EXPECT_EQ(anonymise.exit_code, 0) << anonymise.err << "\n" << policy_;
    const auto verify =
        RunVeil({"verify", "--policy", draft_.string(), source_.string(), copy_.string()}, kEnv);
    EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
    return scan.exit_code == 0 && anonymise.exit_code == 0 && verify.exit_code == 0;
  }

  ScratchDir dir_;
  fs::path source_ = dir_.path() / "care.sqlite";
  fs::path draft_ = dir_.path() / "draft.yaml";
  fs::path copy_ = dir_.path() / "safe.sqlite";
  std::string policy_;
  std::vector<Child> children_;
  std::vector<std::string> workers_;
};

TEST_F(RedactE2eTest, NoPlantedNameOrIdentifierSurvivesAndTheRestIsKept) {
  ASSERT_TRUE(RunDraft());
  EXPECT_NE(policy_.find("note_text: redact"), std::string::npos) << policy_;
  const Rows notes = Query(copy_, "SELECT note_text FROM ssd_case_note");
  ASSERT_EQ(notes.size(), 240u);
  const std::string all_notes = [&] {
    std::string joined;
    for (const auto& row : notes) joined += row[0] + "\n";
    return joined;
  }();
  for (int n = 0; n < 240; ++n) {
    EXPECT_EQ(all_notes.find(Phone(n)), std::string::npos) << "a phone number survived";
  }
  for (const auto& row : notes) {
    const std::string& note = row[0];
    for (const Child& c : children_) {
      ASSERT_FALSE(HasWord(note, c.first)) << "a first name survived";
      ASSERT_FALSE(HasWord(note, c.last)) << "a surname survived";
      ASSERT_FALSE(HasWord(note, c.upn)) << "a UPN survived";
      ASSERT_FALSE(HasWord(note, c.id)) << "an id survived";
      ASSERT_EQ(Lower(note).find(Lower(c.email)), std::string::npos) << "an e-mail survived";
    }
    // The words around the personal data are kept byte for byte.
    EXPECT_EQ(note.rfind("Home visit to ", 0), 0u);
    EXPECT_NE(note.find(") and carer; worker "), std::string::npos);
    EXPECT_NE(note.find(". NEXT STEPS: review in 6 weeks."), std::string::npos);
  }
}

TEST_F(RedactE2eTest, ANameInTextGetsTheFakeItsOwnColumnGot) {
  ASSERT_TRUE(RunDraft());
  // Each copied note joins to its child's copied row by the pseudonymised id.
  const Rows joined = Query(copy_,
                            "SELECT n.note_text, p.pers_forename, p.pers_surname, p.pers_upn, "
                            "w.worker_name FROM ssd_case_note n "
                            "JOIN ssd_person p ON p.pers_person_id = n.pers_person_id "
                            "JOIN ssd_worker w ON w.worker_id = n.worker_id");
  ASSERT_EQ(joined.size(), 240u) << "pseudonymised keys no longer join";
  for (const auto& row : joined) {
    const std::string expected_start =
        "Home visit to " + row[1] + " " + row[2] + " (UPN " + row[3] + ")";
    EXPECT_EQ(row[0].rfind(expected_start, 0), 0u) << "the child's fakes differ in the note";
    EXPECT_NE(row[0].find("worker " + row[4] + " also saw"), std::string::npos)
        << "the worker's fake differs in the note";
  }
}

TEST_F(RedactE2eTest, ANameInsideADocumentIsReplacedInItsNotesByItsOwnFake) {
  ASSERT_TRUE(RunDraft());
  EXPECT_NE(policy_.find(R"("$.referrer.name": {fake: full_name})"), std::string::npos) << policy_;
  EXPECT_NE(policy_.find(R"("$.summary": redact)"), std::string::npos) << policy_;
  const Rows referrals = Query(copy_, "SELECT referral_details_json FROM ssd_referral");
  ASSERT_EQ(referrals.size(), 120u);
  for (const auto& row : referrals) {
    const auto document = nlohmann::json::parse(row[0]);
    const std::string fake = document["referrer"]["name"];
    const std::string summary = document["summary"];
    // The referrer's name in the summary is the fake the name got in its own member.
    EXPECT_EQ(summary.rfind("Referred by " + fake + " about ", 0), 0u) << summary;
    EXPECT_NE(summary.find("; seen the same day."), std::string::npos) << summary;
    for (const std::string& referrer : kReferrers) {
      ASSERT_EQ(row[0].find(referrer), std::string::npos) << "a referrer's name survived";
    }
  }
}

}  // namespace
}  // namespace veil::e2e
