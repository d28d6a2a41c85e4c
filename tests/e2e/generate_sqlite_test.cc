// End-to-end: `veil generate` from a SQLite schema (whose rows must never be read), a SQL
// schema file and the bundled SSD example with its policy. The output must have the
// source's schema exactly, every foreign key must resolve, identifiers must be valid,
// dates coherent along each person's history, and no value of the source may appear.
#include <set>

#include "core/uk_identifiers.h"
#include "e2e/e2e_support.h"
#include "e2e/sqlite_db.h"

namespace veil::e2e {
namespace {

constexpr const char* kAsOf = "2026-06-30";

// A children's-services shape: person <- referral <- plan (plan also names the person),
// workers managed by workers (a self-reference), two tables referencing each other (a
// cycle), and a column of a type veil cannot construct.
constexpr const char* kSchema = R"sql(
CREATE TABLE worker (worker_id INTEGER PRIMARY KEY, worker_name TEXT NOT NULL,
                     manager_id INTEGER REFERENCES worker(worker_id));
CREATE TABLE person (person_id VARCHAR(12) PRIMARY KEY, upn CHAR(13), nhs_number VARCHAR(10),
                     forename TEXT NOT NULL, surname TEXT, date_of_birth DATE NOT NULL,
                     postcode VARCHAR(8), ethnicity VARCHAR(4), email TEXT, is_looked_after INTEGER);
CREATE TABLE referral (referral_id INTEGER PRIMARY KEY,
                       person_id VARCHAR(12) NOT NULL REFERENCES person(person_id),
                       referral_date DATE NOT NULL, close_date DATE,
                       worker_id INTEGER REFERENCES worker(worker_id), referral_notes TEXT);
CREATE TABLE plan (plan_id INTEGER PRIMARY KEY,
                   referral_id INTEGER NOT NULL REFERENCES referral(referral_id),
                   person_id VARCHAR(12) REFERENCES person(person_id),
                   plan_start_date DATE NOT NULL, plan_end_date DATE);
CREATE TABLE team (team_id INTEGER PRIMARY KEY, lead_site INTEGER REFERENCES site(site_id));
CREATE TABLE site (site_id INTEGER PRIMARY KEY, home_team INTEGER REFERENCES team(team_id),
                   outline GEOMETRY);
CREATE INDEX referral_by_person ON referral(person_id);
)sql";

// Values no construction could make: ids of three digits, 1901 dates, invented names.
constexpr const char* kRows = R"sql(
INSERT INTO worker VALUES (501, 'Quilliam Drax', NULL);
INSERT INTO person VALUES ('P-ZX-0001', 'A801200001001', '4010232137', 'Zebedee', 'Quixotl',
                           '1901-02-03', 'ZZ9 9ZZ', 'ZZZZ', 'zebedee@realmail.co.uk', 1);
INSERT INTO referral VALUES (777, 'P-ZX-0001', '1901-05-06', NULL, 501, 'Zebedee told us a secret');
INSERT INTO plan VALUES (888, 777, 'P-ZX-0001', '1901-06-07', NULL);
)sql";

fs::path MakeSource(const ScratchDir& dir) {
  const fs::path path = dir / "live.sqlite";
  Db db(path);
  db.Exec(kSchema);
  db.Exec(kRows);
  return path;
}

std::set<std::string> AllValues(Db& db, const std::vector<std::string>& tables) {
  std::set<std::string> values;
  for (const auto& table : tables) {
    for (const auto& row : db.Query("SELECT * FROM " + table)) {
      for (const auto& cell : row) {
        if (cell != "<null>") values.insert(cell);
      }
    }
  }
  return values;
}

const std::vector<std::string> kTables = {"worker", "person", "referral", "plan", "team", "site"};

class GenerateSqliteTest : public ::testing::Test {
 protected:
  RunResult Generate(const fs::path& target, const std::vector<std::string>& extra = {},
                     const std::string& seed = "one") {
    std::vector<std::string> args = {"generate", "--schema", source_.string(), "--seed",    seed,
                                     "--as-of",  kAsOf,      "--rows",         "person=300"};
    args.insert(args.end(), extra.begin(), extra.end());
    args.push_back(target.string());
    return RunVeil(args);
  }

  ScratchDir dir_;
  fs::path source_ = MakeSource(dir_);
};

TEST_F(GenerateSqliteTest, KeepsTheSchemaAndEveryReferenceResolves) {
  const fs::path out = dir_ / "out.sqlite";
  const RunResult run = Generate(out);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  Db source(source_);
  Db output(out);
  for (const auto& table : kTables) {
    EXPECT_EQ(output.Query("PRAGMA table_info(" + table + ")"),
              source.Query("PRAGMA table_info(" + table + ")"))
        << table;
    EXPECT_EQ(output.Query("PRAGMA foreign_key_list(" + table + ")"),
              source.Query("PRAGMA foreign_key_list(" + table + ")"))
        << table;
  }
  EXPECT_EQ(output.Query("SELECT sql FROM sqlite_master WHERE name = 'referral_by_person'"),
            source.Query("SELECT sql FROM sqlite_master WHERE name = 'referral_by_person'"));
  EXPECT_TRUE(output.Query("PRAGMA foreign_key_check").empty());
  EXPECT_EQ(output.Query("SELECT count(*) FROM person")[0][0], "300");
  const int referrals = std::stoi(output.Query("SELECT count(*) FROM referral")[0][0]);
  EXPECT_GE(referrals, 300);
  EXPECT_LE(referrals, 900);
  // Self-references point at other rows of the same table, and the cycle is filled.
  EXPECT_GT(std::stoi(output.Query("SELECT count(*) FROM worker WHERE manager_id IS NOT NULL "
                                   "AND manager_id <> worker_id")[0][0]),
            0);
  EXPECT_GT(std::stoi(output.Query("SELECT count(*) FROM site WHERE home_team IS NOT NULL")[0][0]),
            0);
  EXPECT_NE(run.err.find("cycle"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("site column outline: type GEOMETRY cannot be constructed; left NULL"),
            std::string::npos)
      << run.err;
  EXPECT_EQ(output.Query("SELECT count(*) FROM site WHERE outline IS NOT NULL")[0][0], "0");
}

TEST_F(GenerateSqliteTest, IdentifiersAreValidAndDatesFollowEachPersonsHistory) {
  const fs::path out = dir_ / "out.sqlite";
  ASSERT_EQ(Generate(out).exit_code, 0);
  Db output(out);
  for (const auto& row : output.Query("SELECT upn, nhs_number, postcode, email FROM person")) {
    EXPECT_TRUE(IsValidUpn(row[0])) << row[0];
    EXPECT_TRUE(IsNeverIssuedNhsNumber(row[1])) << row[1];
    EXPECT_TRUE(IsWellFormedUkPostcode(row[2])) << row[2];
    EXPECT_TRUE(IsReservedEmailDomain(row[3])) << row[3];
  }
  // birth <= referral <= close <= as-of; referral <= plan start <= plan end; the plan's
  // person is its referral's person.
  const auto histories = output.Query(R"(
      SELECT p.date_of_birth, r.referral_date, coalesce(r.close_date, r.referral_date),
             l.plan_start_date, coalesce(l.plan_end_date, l.plan_start_date),
             coalesce(l.person_id, r.person_id), r.person_id
      FROM plan l JOIN referral r ON r.referral_id = l.referral_id
                  JOIN person p ON p.person_id = r.person_id)");
  ASSERT_GT(histories.size(), 300u);
  for (const auto& h : histories) {
    EXPECT_LE(h[0], h[1]);
    EXPECT_LE(h[1], h[2]);
    EXPECT_LE(h[2], kAsOf);
    EXPECT_LE(h[1], h[3]);
    EXPECT_LE(h[3], h[4]);
    EXPECT_LE(h[4], kAsOf);
    EXPECT_EQ(h[5], h[6]);
  }
  EXPECT_EQ(output.Query("SELECT count(*) FROM person WHERE date_of_birth < '2008-06-29'")[0][0],
            "0");
  // Codes come from the DfE ethnicity list, flags are 0 or 1.
  for (const auto& row : output.Query("SELECT DISTINCT ethnicity FROM person")) {
    EXPECT_EQ(row[0].size(), 4u) << row[0];
  }
  for (const auto& row : output.Query("SELECT DISTINCT is_looked_after FROM person")) {
    EXPECT_TRUE(row[0] == "0" || row[0] == "1") << row[0];
  }
}

TEST_F(GenerateSqliteTest, NoValueOfTheSourceAppears) {
  const fs::path out = dir_ / "out.sqlite";
  ASSERT_EQ(Generate(out).exit_code, 0);
  Db source(source_);
  Db output(out);
  const auto originals = AllValues(source, kTables);
  const auto constructed = AllValues(output, kTables);
  // Flags and one-letter codes (0/1, Y/N) are shared by design; anything longer is not.
  for (const auto& value : originals) {
    if (value.size() >= 3) {
      EXPECT_EQ(constructed.count(value), 0u) << value;
    }
  }
}

TEST_F(GenerateSqliteTest, TheSeedDecidesEveryValue) {
  ASSERT_EQ(Generate(dir_ / "a.sqlite").exit_code, 0);
  ASSERT_EQ(Generate(dir_ / "b.sqlite").exit_code, 0);
  ASSERT_EQ(Generate(dir_ / "c.sqlite", {}, "two").exit_code, 0);
  Db a(dir_ / "a.sqlite");
  Db b(dir_ / "b.sqlite");
  Db c(dir_ / "c.sqlite");
  for (const auto& table : kTables) {
    EXPECT_EQ(a.Query("SELECT * FROM " + table), b.Query("SELECT * FROM " + table)) << table;
  }
  const auto first = a.Query("SELECT * FROM person");
  const auto other = c.Query("SELECT * FROM person");
  size_t same = 0;
  for (size_t i = 0; i < std::min(first.size(), other.size()); ++i) same += first[i] == other[i];
  EXPECT_EQ(same, 0u);
}

TEST_F(GenerateSqliteTest, BadOptionsAndTypesStopTheRunWithNothingWritten) {
  const fs::path out = dir_ / "out.sqlite";
  const RunResult unknown = Generate(out, {"--rows", "people=5"});
  EXPECT_NE(unknown.exit_code, 0);
  EXPECT_NE(unknown.err.find("--rows names table people"), std::string::npos) << unknown.err;
  EXPECT_FALSE(fs::exists(out));

  const RunResult orphan = Generate(out, {"--per-parent", "worker=1..2"});
  EXPECT_NE(orphan.exit_code, 0);
  EXPECT_FALSE(fs::exists(out));

  Db(source_).Exec("CREATE TABLE shapes (id INTEGER PRIMARY KEY, outline GEOMETRY NOT NULL)");
  const RunResult type = Generate(out);
  EXPECT_NE(type.exit_code, 0);
  EXPECT_NE(type.err.find("table shapes column outline is NOT NULL and of type GEOMETRY"),
            std::string::npos)
      << type.err;
  EXPECT_FALSE(fs::exists(out));
  EXPECT_EQ(dir_.Entries(), (std::vector<std::string>{"live.sqlite"}));
}

TEST(GenerateSchemaFileTest, ReadsASqlServerStyleSchemaFileAndWritesCsv) {
  ScratchDir dir;
  std::ofstream(dir / "ssd.sql") << R"sql(-- a schema file as deployment scripts write them
CREATE TABLE [ssd_person] ([pers_person_id] NVARCHAR(48) PRIMARY KEY, [pers_upn] NVARCHAR(13),
                           [pers_dob] DATETIME, [pers_sex] NVARCHAR(20));
GO
CREATE TABLE ssd_cin_episodes (cine_referral_id NVARCHAR(48) PRIMARY KEY,
  cine_person_id NVARCHAR(48) NOT NULL REFERENCES ssd_person(pers_person_id),
  cine_referral_date DATETIME, cine_close_date DATETIME, cine_referral_nfa NCHAR(1));
GO
INSERT INTO ssd_person VALUES ('C1234', 'A801200001001', '2015-01-01', 'F');
)sql";
  const RunResult run =
      RunVeil({"generate", "--schema", (dir / "ssd.sql").string(), "--rows", "ssd_person=20",
               "--seed", "s", "--as-of", kAsOf, (dir / "out").string()});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto people = ParseCsv(ReadFile(dir / "out" / "ssd_person.csv"));
  ASSERT_EQ(people.size(), 21u);
  EXPECT_EQ(people[0], (Row{"pers_person_id", "pers_upn", "pers_dob", "pers_sex"}));
  std::set<std::string> ids;
  for (size_t i = 1; i < people.size(); ++i) {
    ids.insert(people[i][0]);
    EXPECT_TRUE(IsValidUpn(people[i][1])) << people[i][1];
    EXPECT_NE(people[i][0], "C1234");
  }
  EXPECT_EQ(ids.size(), 20u);
  const auto episodes = ParseCsv(ReadFile(dir / "out" / "ssd_cin_episodes.csv"));
  ASSERT_GE(episodes.size(), 21u);
  for (size_t i = 1; i < episodes.size(); ++i) {
    EXPECT_EQ(ids.count(episodes[i][1]), 1u) << episodes[i][1];
    EXPECT_EQ(episodes[i][4].size(), 1u);
  }
}

// The bundled SSD example with its policy: pseudonymised keys still join, fakes replace
// names, and the copy is as valid as the constructed rows.
TEST(GenerateSsdExampleTest, ThePolicysRulesApplyAndKeysStillJoin) {
  ScratchDir dir;
  const std::string root = VEIL_SOURCE_DIR;
  const fs::path out = dir / "ssd.sqlite";
  const RunResult run = RunVeil({"generate", "--schema", root + "/examples/ssd/ssd.sqlite",
                                 "--policy", root + "/examples/ssd/policy.yaml", "--rows",
                                 "ssd_person=200", "--seed", "s", "--as-of", kAsOf, out.string()},
                                {{"VEIL_SECRET", "generate-e2e-secret-0123456789abcdef"}});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  Db output(out);
  EXPECT_TRUE(output.Query("PRAGMA foreign_key_check").empty());
  EXPECT_EQ(output.Query("SELECT count(*) FROM ssd_person")[0][0], "200");
  for (const auto& row : output.Query("SELECT pers_person_id, pers_upn FROM ssd_person")) {
    EXPECT_EQ(row[0].size(), 10u) << row[0];  // the policy's person pseudonym: 10 digits
    EXPECT_TRUE(row[1] == "<null>" || IsValidUpn(row[1])) << row[1];
  }
  const auto joined = output.Query(
      "SELECT count(*) FROM ssd_cin_episodes e JOIN ssd_person p ON p.pers_person_id = "
      "e.cine_person_id");
  EXPECT_EQ(joined[0][0], output.Query("SELECT count(*) FROM ssd_cin_episodes")[0][0]);
  EXPECT_NE(joined[0][0], "0");
}

}  // namespace
}  // namespace veil::e2e
