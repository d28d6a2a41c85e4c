// End-to-end: `veil scan` on a SQLite database it has never seen, with personal columns
// under misleading names; the draft it writes must drive `veil anonymise` and `veil
// verify` to success, and neither the report nor the draft may hold a source value.
#include <fmt/format.h>
#include <sqlite3.h>
#include <nlohmann/json.hpp>

#include <map>
#include <random>
#include <set>

#include "core/uk_identifiers.h"
#include "e2e/e2e_support.h"

namespace veil::e2e {
namespace {

const std::map<std::string, std::string> kEnv = {{"VEIL_SECRET", "scan-e2e-secret-0123456789"}};

const std::vector<std::string> kFirst = {"Olivia", "Amelia", "Isla",  "Ava",    "Oliver",
                                         "George", "Harry",  "Noah",  "Jack",   "Leo",
                                         "Freya",  "Lily",   "Grace", "Thomas", "Oscar"};
const std::vector<std::string> kLast = {"Smith",  "Jones",   "Taylor", "Brown",    "Williams",
                                        "Wilson", "Johnson", "Davies", "Robinson", "Wright"};

std::string Quote(const std::string& text) {
  std::string q = "'";
  for (char c : text) q += (c == '\'') ? std::string("''") : std::string(1, c);
  return q + "'";
}

class ScanE2eTest : public ::testing::Test {
 protected:
  void SetUp() override {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(db_path_.c_str(), &db), SQLITE_OK);
    std::string sql =
        // Text keys: a pseudonymised INTEGER PRIMARY KEY reorders a SQLite copy (the rowid
        // is the key), which `veil verify` cannot pair yet (docs/verify.md).
        "CREATE TABLE people (person_id TEXT PRIMARY KEY, forename TEXT, surname TEXT, "
        "dob TEXT, col7 TEXT, ref TEXT, ethnicity TEXT, notes TEXT, flag TEXT, "
        "blank TEXT);\n"
        "CREATE TABLE episodes (episode_id INTEGER, person_id TEXT "
        "REFERENCES people(person_id), start_date TEXT, reason TEXT);\n"
        "CREATE TABLE referrals (referral_id TEXT PRIMARY KEY, person_id TEXT "
        "REFERENCES people(person_id), referral_details_json TEXT);\n";
    std::mt19937 random(7);
    const std::vector<std::string> ethnicity = {"WBRI", "WIRI", "MWBC", "AIND", "BCRB"};
    for (int i = 1; i <= 300; ++i) {
      const std::string first = kFirst[random() % kFirst.size()];
      const std::string last = kLast[random() % kLast.size()];
      const std::string nhs = RandomNhsNumber(random);
      const std::string email = first + "." + last + std::to_string(i) + "@mail.co.uk";
      const std::string note = "Visited " + first + " " + last + " at home; all well today.";
      const std::string dob = fmt::format("20{:02}-{:02}-{:02}", 5 + random() % 15,
                                          1 + random() % 12, 1 + random() % 28);
      values_.insert({first, last, nhs, email, note});
      sql +=
          fmt::format("INSERT INTO people VALUES ('P{}', {}, {}, {}, {}, {}, {}, {}, {}, NULL);\n",
                      1000 + i, Quote(first), Quote(last), Quote(dob), Quote(nhs), Quote(email),
                      Quote(ethnicity[random() % ethnicity.size()]), Quote(note),
                      Quote(random() % 2 ? "Y" : "N"));
      sql += fmt::format("INSERT INTO episodes VALUES ({}, 'P{}', {}, {});\n", i, 1000 + i,
                         Quote(fmt::format("2023-0{}-1{}", 1 + random() % 9, random() % 10)),
                         Quote("Concerns raised by school about " + first + "'s attendance."));
      // A document per referral: the child's name, date of birth and key, a phone, a
      // label and a note naming the child; member names are the source's own.
      const std::string phone = fmt::format("07912 {:06}", 100000 + i * 7);
      const std::string document =
          nlohmann::json{
              {"child", {{"name", first + " " + last}, {"dob", dob}}},
              {"person_id", fmt::format("P{}", 1000 + i)},
              {"contact_phone", phone},
              {"source", i % 3 ? "School" : "Police"},
              {"note", "Spoke to " + first + " " + last + " at school about attendance."}}
              .dump();
      values_.insert({phone, first + " " + last});
      // What must not survive in a document: a fake full name may share a word with
      // somebody's name by chance, never a whole name, a phone or an e-mail.
      whole_values_.insert({phone, first + " " + last, nhs, email});
      sql += fmt::format("INSERT INTO referrals VALUES ('R{}', 'P{}', {});\n", i, 1000 + i,
                         Quote(document));
    }
    char* error = nullptr;
    ASSERT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error), SQLITE_OK) << error;
    sqlite3_close(db);
  }

  nlohmann::json ColumnOf(const nlohmann::json& report, const std::string& table,
                          const std::string& column) {
    for (const auto& t : report["tables"]) {
      if (t["table"] != table) continue;
      for (const auto& c : t["columns"]) {
        if (c["column"] == column) return c;
      }
    }
    ADD_FAILURE() << "no finding for " << table << "." << column;
    return nlohmann::json::object();
  }

  ScratchDir dir_;
  fs::path db_path_ = dir_.path() / "care.sqlite";
  std::set<std::string> values_;
  std::set<std::string> whole_values_;
};

TEST_F(ScanE2eTest, ClassifiesColumnsByTheirValuesWhateverTheirNames) {
  const auto run = RunVeil({"scan", db_path_.string(), "--format", "json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto report = nlohmann::json::parse(run.out);
  EXPECT_EQ(ColumnOf(report, "people", "col7")["rule"], "{fake: nhs_number}");
  EXPECT_EQ(ColumnOf(report, "people", "ref")["rule"], "{fake: email}");
  EXPECT_EQ(ColumnOf(report, "people", "forename")["rule"], "{fake: first_name}");
  EXPECT_EQ(ColumnOf(report, "people", "surname")["rule"], "{fake: last_name}");
  EXPECT_EQ(ColumnOf(report, "people", "dob")["rule"], "{date_shift: person}");
  EXPECT_EQ(ColumnOf(report, "people", "person_id")["rule"], "{pseudonymise: person}");
  EXPECT_EQ(ColumnOf(report, "episodes", "person_id")["rule"], "{pseudonymise: person}");
  EXPECT_EQ(ColumnOf(report, "episodes", "start_date")["rule"], "{date_shift: person}");
  EXPECT_EQ(ColumnOf(report, "people", "notes")["role"], "free_text");
  EXPECT_EQ(ColumnOf(report, "people", "flag")["rule"], "keep");
  const auto ethnicity = ColumnOf(report, "people", "ethnicity");
  EXPECT_EQ(ethnicity["role"], "sensitive");
  EXPECT_EQ(ethnicity["rule"].get<std::string>().rfind("{choice: dfe.", 0), 0u)
      << ethnicity["rule"];
  // Evidence is counts and shares: "100% pass NHS mod-11 over 300 sampled values".
  bool mod11 = false;
  const auto col7 = ColumnOf(report, "people", "col7");
  for (const auto& line : col7["evidence"]) {
    mod11 |= line.get<std::string>().find("100% pass NHS mod-11 over 300 sampled values") !=
             std::string::npos;
  }
  EXPECT_TRUE(mod11) << col7.dump();
}

TEST_F(ScanE2eTest, NeitherTheReportNorTheDraftHoldsASourceValue) {
  const fs::path draft = dir_.path() / "draft.yaml";
  const auto text = RunVeil({"scan", db_path_.string(), "--policy-out", draft.string()});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  const auto json = RunVeil({"scan", db_path_.string(), "--format", "json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  const std::string written = ReadFile(draft);
  ASSERT_FALSE(written.empty());
  for (const std::string& value : values_) {
    EXPECT_EQ(text.out.find(value), std::string::npos) << "text report";
    EXPECT_EQ(json.out.find(value), std::string::npos) << "json report";
    EXPECT_EQ(written.find(value), std::string::npos) << "draft";
  }
}

TEST_F(ScanE2eTest, TheDraftDrivesAnonymiseAndVerifyToSuccess) {
  const fs::path draft = dir_.path() / "draft.yaml";
  const auto scan = RunVeil({"scan", db_path_.string(), "--policy-out", draft.string()});
  ASSERT_EQ(scan.exit_code, 0) << scan.err;
  const std::string policy = ReadFile(draft);
  EXPECT_NE(policy.find("blank: null  # review: no value in the sample"), std::string::npos)
      << policy;
  const fs::path out = dir_.path() / "safe.sqlite";
  const auto anonymise = RunVeil(
      {"anonymise", "-q", "--policy", draft.string(), db_path_.string(), out.string()}, kEnv);
  ASSERT_EQ(anonymise.exit_code, 0) << anonymise.err << "\n" << policy;
  const auto verify =
      RunVeil({"verify", "--policy", draft.string(), db_path_.string(), out.string()}, kEnv);
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
}

TEST_F(ScanE2eTest, JsonMembersAreJudgedOneByOne) {
  const auto run = RunVeil({"scan", db_path_.string(), "--format", "json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto column =
      ColumnOf(nlohmann::json::parse(run.out), "referrals", "referral_details_json");
  std::map<std::string, std::string> rules;
  for (const auto& path : column["paths"]) rules[path["column"]] = path["rule"];
  EXPECT_EQ(rules["$.child.name"], "{fake: full_name}") << column.dump(2);
  EXPECT_EQ(rules["$.child.dob"], "{date_shift: person}");
  EXPECT_EQ(rules["$.person_id"], "{pseudonymise: person}") << "joins with people.person_id";
  EXPECT_EQ(rules["$.contact_phone"], "{fake: phone}");
  EXPECT_EQ(rules["$.source"], "keep");
  EXPECT_EQ(rules["$.note"], "redact");
  EXPECT_EQ(column["rule"].get<std::string>().rfind("{json: {", 0), 0u);

  // The draft drives anonymise: no name or phone of the documents survives in the copy,
  // and the document's key is the pseudonym its row's key column got.
  const fs::path draft = dir_.path() / "draft.yaml";
  ASSERT_EQ(RunVeil({"scan", db_path_.string(), "--policy-out", draft.string()}).exit_code, 0);
  const fs::path out = dir_.path() / "safe.sqlite";
  const auto anonymise = RunVeil(
      {"anonymise", "-q", "--policy", draft.string(), db_path_.string(), out.string()}, kEnv);
  ASSERT_EQ(anonymise.exit_code, 0) << anonymise.err << ReadFile(draft);
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(out.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* rows = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db, "SELECT person_id, referral_details_json FROM referrals", -1,
                               &rows, nullptr),
            SQLITE_OK);
  int read = 0;
  while (sqlite3_step(rows) == SQLITE_ROW) {
    ++read;
    const std::string key = reinterpret_cast<const char*>(sqlite3_column_text(rows, 0));
    const std::string text = reinterpret_cast<const char*>(sqlite3_column_text(rows, 1));
    const auto document = nlohmann::json::parse(text);
    EXPECT_EQ(document["person_id"], key);
    for (const std::string& value : whole_values_) {
      EXPECT_EQ(text.find(value), std::string::npos) << "a source value survives in " << text;
    }
  }
  sqlite3_finalize(rows);
  sqlite3_close(db);
  EXPECT_EQ(read, 300);
}

TEST_F(ScanE2eTest, ASampleReadsOnlyTheFirstRowsAndBadSamplesAreUsageErrors) {
  const auto run = RunVeil({"scan", db_path_.string(), "--format", "json", "--sample", "50"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto report = nlohmann::json::parse(run.out);
  EXPECT_EQ(report["tables"][0]["rows_sampled"], 50);
  EXPECT_EQ(report["tables"][0]["read_whole"], false);
  const auto all = RunVeil({"scan", db_path_.string(), "--format", "json", "--sample", "all"});
  ASSERT_EQ(all.exit_code, 0) << all.err;
  EXPECT_EQ(nlohmann::json::parse(all.out)["tables"][0]["rows_sampled"], 300);
  for (const std::string bad : {"0", "-5", "ten", "12x"}) {
    EXPECT_EQ(RunVeil({"scan", db_path_.string(), "--sample", bad}).exit_code, 2) << bad;
  }
  EXPECT_EQ(RunVeil({"scan", (dir_.path() / "missing.sqlite").string()}).exit_code, 1);
}

}  // namespace
}  // namespace veil::e2e

namespace veil::e2e {
namespace {

// The bundled SSD example (14 tables): the draft alone gets a copy past `veil verify`.
TEST(ScanSsdExampleTest, TheDraftOfTheSsdExampleVerifies) {
  ScratchDir dir;
  const fs::path source = SourceDir() / "examples/ssd/ssd.sqlite";
  const fs::path draft = dir.path() / "draft.yaml";
  const auto scan = RunVeil({"scan", source.string(), "--policy-out", draft.string()});
  ASSERT_EQ(scan.exit_code, 0) << scan.err;
  const fs::path out = dir.path() / "safe.sqlite";
  const auto anonymise =
      RunVeil({"anonymise", "-q", "--policy", draft.string(), source.string(), out.string()}, kEnv);
  ASSERT_EQ(anonymise.exit_code, 0) << anonymise.err;
  const auto verify =
      RunVeil({"verify", "--policy", draft.string(), source.string(), out.string()}, kEnv);
  EXPECT_EQ(verify.exit_code, 0) << verify.out;
}

}  // namespace
}  // namespace veil::e2e

namespace veil::e2e {
namespace {

// Empty tables, all-NULL and BLOB columns, a 10 MB cell, invalid UTF-8, JSON that does
// not parse, names that need quoting: a finding for each, a draft that anonymise takes.
TEST(ScanHostileInputTest, EveryColumnGetsAFindingAndTheDraftRuns) {
  ScratchDir dir;
  const fs::path db_path = dir.path() / "odd.sqlite";
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(db_path.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db,
                         "CREATE TABLE empty_t (a TEXT, b INTEGER);"
                         "CREATE TABLE odd (blobby BLOB, huge TEXT, bad TEXT, js TEXT, none TEXT);"
                         "CREATE TABLE \"we ird\" (\"col\"\"q\" TEXT, \"yes\" TEXT);",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_stmt* insert = nullptr;
  ASSERT_EQ(
      sqlite3_prepare_v2(db, "INSERT INTO odd VALUES (?, ?, ?, ?, NULL)", -1, &insert, nullptr),
      SQLITE_OK);
  const std::string blob(256, '\x01');
  const std::string huge(10 * 1024 * 1024, 'q');
  for (int i = 0; i < 20; ++i) {
    sqlite3_bind_blob(insert, 1, blob.data(), static_cast<int>(blob.size()), SQLITE_STATIC);
    const std::string& text = i == 0 ? huge : std::string("plain");
    sqlite3_bind_text(insert, 2, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
    sqlite3_bind_text(insert, 3, "\xff\xfe not utf-8", -1, SQLITE_STATIC);
    sqlite3_bind_text(insert, 4, i % 2 ? "{\"a\": [1, 2" : "{\"a\": 1}", -1, SQLITE_STATIC);
    ASSERT_EQ(sqlite3_step(insert), SQLITE_DONE);
    sqlite3_reset(insert);
  }
  sqlite3_finalize(insert);
  ASSERT_EQ(sqlite3_exec(db, "INSERT INTO \"we ird\" VALUES ('v1', 'y'), ('v2', 'y')", nullptr,
                         nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);

  const fs::path draft = dir.path() / "draft.yaml";
  const auto run =
      RunVeil({"scan", db_path.string(), "--format", "json", "--policy-out", draft.string()});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto report = nlohmann::json::parse(run.out);
  std::map<std::string, std::string> rules;
  for (const auto& t : report["tables"]) {
    for (const auto& c : t["columns"])
      rules[t["table"].get<std::string>() + "." + c["column"].get<std::string>()] = c["rule"];
  }
  EXPECT_EQ(rules.size(), 9u);
  EXPECT_EQ(rules["empty_t.a"], "null");
  EXPECT_EQ(rules["odd.blobby"], "null");
  EXPECT_EQ(rules["odd.js"], "null");
  EXPECT_EQ(rules["odd.none"], "null");
  EXPECT_EQ(run.out.find(std::string(64, 'q')), std::string::npos);
  const fs::path out = dir.path() / "safe.sqlite";
  const auto anonymise = RunVeil(
      {"anonymise", "-q", "--policy", draft.string(), db_path.string(), out.string()}, kEnv);
  EXPECT_EQ(anonymise.exit_code, 0) << anonymise.err << ReadFile(draft);
}

}  // namespace
}  // namespace veil::e2e
