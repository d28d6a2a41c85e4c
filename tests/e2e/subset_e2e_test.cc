// End-to-end: `veil anonymise --subset` and `veil verify --subset` with the real binary,
// SQLite to SQLite: one person's rows and their closure, the copy verified against the
// same subset (and failing against the whole original), refused conditions, an empty
// choice, deterministic samples and --subset-keep-unrelated.
#include <sqlite3.h>

#include <set>

#include "e2e/e2e_support.h"
#include "e2e/sqlite_db.h"

namespace veil::e2e {
namespace {

const std::map<std::string, std::string> kEnv = {{"VEIL_SECRET", "subset-e2e-secret-0123456789"}};

const char* kPolicy = R"(version: 1
secret: {env: VEIL_SECRET}
entities:
  person: {pseudonym: {alphabet: upper_alnum, length: 8}}
tables:
  people:
    keys: {person: id}
    columns:
      id: {pseudonymise: person}
      name: {fake: first_name}
  workers:
    columns:
      id: keep
      name: {fake: last_name}
  episodes:
    keys: {person: person_id}
    columns:
      id: keep
      person_id: {pseudonymise: person}
      worker_id: keep
      started: keep
  audit:
    columns:
      at: keep
      what: keep
)";

// Every row of `sql` on the database at `path`, as text, NULL as "<null>".
std::vector<std::vector<std::string>> Query(const fs::path& path, const std::string& sql) {
  return Db(path).Query(sql);
}

std::string Count(const fs::path& path, const std::string& table) {
  return Query(path, "SELECT count(*) FROM " + table)[0][0];
}

// Ten people (P01..P10), four workers shared between them, 3 episodes each, an audit
// table no key links to anything.
void MakeSource(const fs::path& path) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  std::string sql = R"(BEGIN;
    CREATE TABLE people (id TEXT PRIMARY KEY, name TEXT NOT NULL);
    CREATE TABLE workers (id INTEGER PRIMARY KEY, name TEXT);
    CREATE TABLE episodes (id INTEGER PRIMARY KEY, person_id TEXT REFERENCES people(id),
                           worker_id INTEGER REFERENCES workers(id), started TEXT);
    CREATE TABLE audit (at TEXT, what TEXT);
    INSERT INTO workers VALUES (1, 'Okafor'), (2, 'Lindqvist'), (3, 'Nakamura'), (4, 'Brennan');
    INSERT INTO audit VALUES ('2024-01-01', 'export'), ('2024-02-01', 'export');
  )";
  const char* names[] = {"Amara", "Bjorn", "Chiara", "Dmitri", "Eilidh",
                         "Farid", "Greta", "Hamish", "Ines",   "Jonas"};
  int episode = 1;
  for (int p = 1; p <= 10; ++p) {
    const std::string id = (p < 10 ? "P0" : "P") + std::to_string(p);
    sql += "INSERT INTO people VALUES ('" + id + "', '" + names[p - 1] + "');";
    for (int e = 0; e < 3; ++e, ++episode) {
      sql += "INSERT INTO episodes VALUES (" + std::to_string(episode) + ", '" + id + "', " +
             std::to_string(1 + (p + e) % 4) + ", '2023-0" + std::to_string(1 + e) + "-1" +
             std::to_string(p % 10) + "');";
    }
  }
  char* error = nullptr;
  ASSERT_EQ(sqlite3_exec(db, (sql + "COMMIT;").c_str(), nullptr, nullptr, &error), SQLITE_OK)
      << error;
  sqlite3_close(db);
}

class SubsetE2eTest : public ::testing::Test {
 protected:
  void SetUp() override {
    MakeSource(dir_ / "live.sqlite");
    std::ofstream(dir_ / "policy.yaml") << kPolicy;
  }
  RunResult Anonymise(const std::vector<std::string>& extra, const std::string& out) {
    std::vector<std::string> args = {"anonymise", "--policy", (dir_ / "policy.yaml").string()};
    args.insert(args.end(), extra.begin(), extra.end());
    args.push_back((dir_ / "live.sqlite").string());
    args.push_back((dir_ / out).string());
    return RunVeil(args, kEnv);
  }
  RunResult Verify(const std::vector<std::string>& extra, const std::string& out) {
    std::vector<std::string> args = {"verify", "--policy", (dir_ / "policy.yaml").string()};
    args.insert(args.end(), extra.begin(), extra.end());
    args.push_back((dir_ / "live.sqlite").string());
    args.push_back((dir_ / out).string());
    return RunVeil(args, kEnv);
  }

  ScratchDir dir_;
};

TEST_F(SubsetE2eTest, OnePersonAndTheirClosureThenVerified) {
  const auto r = Anonymise({"--subset", "people: id = 'P03'"}, "one.sqlite");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const fs::path out = dir_ / "one.sqlite";
  EXPECT_EQ(Count(out, "people"), "1");
  // P03's episodes (kept columns compare as they are), and only the workers they name.
  EXPECT_EQ(
      Query(out, "SELECT id, worker_id, started FROM episodes ORDER BY id"),
      Query(dir_ / "live.sqlite",
            "SELECT id, worker_id, started FROM episodes WHERE person_id = 'P03' ORDER BY id"));
  EXPECT_EQ(Query(out, "SELECT id FROM workers ORDER BY id"),
            Query(dir_ / "live.sqlite",
                  "SELECT DISTINCT worker_id FROM episodes WHERE person_id = 'P03' ORDER BY 1"));
  EXPECT_EQ(Count(out, "audit"), "0");  // unrelated: empty
  EXPECT_TRUE(Query(out, "PRAGMA foreign_key_check").empty());
  EXPECT_NE(r.out.find("subset:"), std::string::npos) << r.out;

  const auto same = Verify({"--subset", "people: id = 'P03'"}, "one.sqlite");
  EXPECT_EQ(same.exit_code, 0) << same.out << same.err;
  const auto whole = Verify({}, "one.sqlite");
  EXPECT_NE(whole.exit_code, 0) << whole.out;
  EXPECT_NE(whole.out.find("row_count"), std::string::npos) << whole.out;
}

TEST_F(SubsetE2eTest, AConditionThatIsNotSqlWritesNothingAndNamesTheOption) {
  const auto r = Anonymise({"--subset", "people: id == = 'Zebedee'"}, "bad.sqlite");
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("--subset"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("Zebedee"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir_ / "bad.sqlite"));
  const auto column = Anonymise({"--subset", "people: no_such = 1"}, "bad.sqlite");
  EXPECT_EQ(column.exit_code, 1);
  EXPECT_NE(column.err.find("--subset"), std::string::npos) << column.err;
  const auto table = Anonymise({"--subset", "nobody: id = 1"}, "bad.sqlite");
  EXPECT_EQ(table.exit_code, 1);
  EXPECT_NE(table.err.find("names table nobody"), std::string::npos) << table.err;
  const auto breakout = Anonymise({"--subset", "people: 1) OR (1"}, "bad.sqlite");
  EXPECT_EQ(breakout.exit_code, 1);
  EXPECT_FALSE(fs::exists(dir_ / "bad.sqlite"));
}

TEST_F(SubsetE2eTest, AConditionChoosingNothingWritesAnEmptyCopyAndWarns) {
  const auto r = Anonymise({"--subset", "people: id = 'nobody'"}, "empty.sqlite");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("warning"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("chose no rows"), std::string::npos) << r.err;
  for (const char* table : {"people", "episodes", "workers", "audit"}) {
    EXPECT_EQ(Count(dir_ / "empty.sqlite", table), "0") << table;
  }
}

TEST_F(SubsetE2eTest, ASampleIsTheSameForTheSameSecretAndVerifies) {
  const auto first = Anonymise({"-q", "--subset", "people: 30%"}, "a.sqlite");
  ASSERT_EQ(first.exit_code, 0) << first.err;
  const auto second = Anonymise({"-q", "--subset", "people: 30%"}, "b.sqlite");
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_EQ(Count(dir_ / "a.sqlite", "people"), "3");
  const std::string episodes = "SELECT id, worker_id, started FROM episodes ORDER BY id";
  EXPECT_EQ(Query(dir_ / "a.sqlite", episodes), Query(dir_ / "b.sqlite", episodes));
  EXPECT_EQ(Query(dir_ / "a.sqlite", episodes).size(), 9u);
  EXPECT_EQ(Verify({"--subset", "people: 30%"}, "a.sqlite").exit_code, 0);
  // Another secret draws (with these ten people, almost surely) another sample, and the
  // verifier, drawing with its own secret, does not pair it.
  const auto other =
      RunVeil({"anonymise", "-q", "--policy", (dir_ / "policy.yaml").string(), "--subset",
               "people: 3 rows", (dir_ / "live.sqlite").string(), (dir_ / "c.sqlite").string()},
              {{"VEIL_SECRET", "another-secret-entirely-987654"}});
  ASSERT_EQ(other.exit_code, 0) << other.err;
  EXPECT_EQ(Count(dir_ / "c.sqlite", "people"), "3");
}

TEST_F(SubsetE2eTest, KeepUnrelatedCopiesUnlinkedTablesWhole) {
  const auto r = Anonymise({"-q", "--subset", "people: id = 'P03'", "--subset",
                            "people: id = 'P07'", "--subset-keep-unrelated"},
                           "keep.sqlite");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Count(dir_ / "keep.sqlite", "audit"), "2");
  EXPECT_EQ(Count(dir_ / "keep.sqlite", "people"), "2");
  EXPECT_EQ(Count(dir_ / "keep.sqlite", "episodes"), "6");
  EXPECT_EQ(Verify({"--subset", "people: id = 'P03'", "--subset", "people: id = 'P07'",
                    "--subset-keep-unrelated"},
                   "keep.sqlite")
                .exit_code,
            0);
}

// CSV files declare no keys: the policy's entity (people.id, home of person) links them,
// and conditions take the simple forms.
TEST_F(SubsetE2eTest, CsvFilesAreLinkedByThePolicysEntities) {
  fs::create_directories(dir_ / "csv");
  std::ofstream(dir_ / "csv/people.csv")
      << "id,name\nP01,Amara\nP02,Bjorn\nP03,Chiara\nP04,Dmitri\n";
  std::ofstream(dir_ / "csv/workers.csv") << "id,name\n1,Okafor\n2,Lindqvist\n";
  std::ofstream(dir_ / "csv/episodes.csv")
      << "id,person_id,worker_id,started\n1,P01,1,2023-01-01\n2,P02,2,2023-02-01\n"
         "3,P03,1,2023-03-01\n4,P03,2,2023-04-01\n5,P04,1,2023-05-01\n";
  std::ofstream(dir_ / "csv/audit.csv") << "at,what\n2024-01-01,export\n";
  const std::vector<std::string> subset = {"--subset", "people: id IN ('P03', P01)"};
  std::vector<std::string> args = {"anonymise", "-q", "--policy", (dir_ / "policy.yaml").string()};
  args.insert(args.end(), subset.begin(), subset.end());
  args.push_back((dir_ / "csv").string());
  args.push_back((dir_ / "out").string());
  const auto r = RunVeil(args, kEnv);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(ReadCsvTable(dir_ / "out/people.csv").rows.size(), 2u);
  const Table episodes = ReadCsvTable(dir_ / "out/episodes.csv");
  std::set<std::string> ids;
  for (const auto& row : episodes.rows) ids.insert(row[0]);
  EXPECT_EQ(ids, (std::set<std::string>{"1", "3", "4"}));
  EXPECT_TRUE(ReadCsvTable(dir_ / "out/workers.csv").rows.empty());  // no declared key to them
  EXPECT_TRUE(ReadCsvTable(dir_ / "out/audit.csv").rows.empty());
  std::vector<std::string> verify = {"verify", "--policy", (dir_ / "policy.yaml").string()};
  verify.insert(verify.end(), subset.begin(), subset.end());
  verify.push_back((dir_ / "csv").string());
  verify.push_back((dir_ / "out").string());
  const auto verified = RunVeil(verify, kEnv);
  EXPECT_EQ(verified.exit_code, 0) << verified.out << verified.err;
  // An SQL form CSV cannot evaluate is refused, naming the option.
  args[5] = "people: id LIKE 'P%'";
  args.back() = (dir_ / "out2").string();
  const auto refused = RunVeil(args, kEnv);
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find("the 1st --subset"), std::string::npos) << refused.err;
  EXPECT_FALSE(fs::exists(dir_ / "out2"));
}

TEST_F(SubsetE2eTest, RefusedWithInPlace) {
  const auto r = RunVeil({"anonymise", "--policy", (dir_ / "policy.yaml").string(), "--in-place",
                          "--subset", "people: 1%", "postgresql://nobody@127.0.0.1:1/none"},
                         kEnv);
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("--subset"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace veil::e2e
