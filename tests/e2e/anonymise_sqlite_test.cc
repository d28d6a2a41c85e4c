// End-to-end: SQLite → SQLite and CSV → SQLite, schema fidelity and foreign keys, and
// the bundled SSD example with its policy.
#include <sqlite3.h>

#include <set>

#include "e2e/e2e_support.h"
#include "e2e/sqlite_db.h"

namespace veil::e2e {
namespace {

const std::map<std::string, std::string> kEnv = {{"VEIL_SECRET", "sqlite-e2e-secret-0123456789"}};

void MakeSource(const fs::path& path) {
  Db db(path);
  db.Exec(R"(
    PRAGMA foreign_keys = ON;
    CREATE TABLE family (family_id TEXT PRIMARY KEY, surname VARCHAR(40) NOT NULL);
    CREATE TABLE child (
      child_id INTEGER PRIMARY KEY,
      family_id TEXT REFERENCES family(family_id) ON DELETE CASCADE,
      forename VARCHAR(30) NOT NULL DEFAULT 'unknown',
      dob DATE,
      secret_note TEXT,
      score REAL);
    CREATE INDEX child_family ON child(family_id);
    CREATE INDEX child_note ON child(secret_note);
    CREATE TABLE audit (at TEXT, who TEXT);
    INSERT INTO family VALUES ('F-1', 'Okafor'), ('F-2', 'Lindqvist');
    INSERT INTO child VALUES (101, 'F-1', 'Chidi', '2012-05-01', 'note a', 1.5),
                             (102, 'F-1', 'Ada', '2015-07-09', NULL, NULL),
                             (103, 'F-2', 'Sven', '2011-01-31', 'note b', 0.1);
    INSERT INTO audit VALUES ('2024-01-01', 'someone');
  )");
}

const char* kPolicy = R"(version: 1
secret: {env: VEIL_SECRET}
entities:
  family: {pseudonym: {alphabet: upper_alnum, length: 10}}
  child:
    pseudonym: {alphabet: digits, length: 9}
    date_shift: {min_days: -30, max_days: 30}
tables:
  family:
    columns:
      family_id: {pseudonymise: family}
      surname: {fake: last_name}
  child:
    keys: {child: child_id}
    columns:
      child_id: {pseudonymise: child}
      family_id: {pseudonymise: family}
      forename: {fake: first_name}
      dob: {date_shift: child}
      secret_note: drop
      score: {noise: {relative: 0.2}}
  audit: delete
)";

TEST(AnonymiseSqliteTest, SchemaMinusDropsForeignKeysHoldAndValuesChange) {
  ScratchDir dir;
  MakeSource(dir / "src.db");
  std::ofstream(dir / "policy.yaml") << kPolicy;
  const auto r = RunVeil(
      {"anonymise", "-q", "--policy", dir / "policy.yaml", dir / "src.db", dir / "out.sqlite"},
      kEnv);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  Db out(dir / "out.sqlite");
  EXPECT_TRUE(out.Query("PRAGMA foreign_key_check").empty());
  const auto columns = out.Query(
      "SELECT name, type, \"notnull\", dflt_value, pk FROM "
      "pragma_table_info('child')");
  ASSERT_EQ(columns.size(), 5u);
  EXPECT_EQ(columns[0], (Row{"child_id", "INTEGER", "0", "<null>", "1"}));
  EXPECT_EQ(columns[2], (Row{"forename", "VARCHAR(30)", "1", "'unknown'", "0"}));
  EXPECT_EQ(out.Query("SELECT \"table\", \"from\", \"to\" FROM pragma_foreign_key_list('child')"),
            (std::vector<Row>{{"family", "family_id", "family_id"}}));
  const auto indexes = out.Query("SELECT name FROM pragma_index_list('child') ORDER BY name");
  EXPECT_EQ(indexes, (std::vector<Row>{{"child_family"}}));
  EXPECT_TRUE(out.Query("SELECT * FROM audit").empty());
  // A pseudonymised INTEGER PRIMARY KEY reorders rows, so compare by family groups:
  // the two siblings of F-1 still share one family, and F-2's child has another.
  EXPECT_EQ(out.Query("SELECT count(*) FROM child GROUP BY family_id ORDER BY 1"),
            (std::vector<Row>{{"1"}, {"2"}}));
  const auto kids = out.Query("SELECT child_id, family_id, forename, dob FROM child");
  ASSERT_EQ(kids.size(), 3u);
  for (const auto& k : kids) {
    EXPECT_EQ(k[0].size(), 9u);
    EXPECT_TRUE(k[1] != "F-1" && k[1] != "F-2");
  }
  EXPECT_EQ(out.Query("SELECT typeof(child_id) FROM child LIMIT 1")[0][0], "integer");
}

TEST(AnonymiseSqliteTest, CsvDirectoryToSqlite) {
  ScratchDir dir;
  const fs::path fixtures = SourceDir() / "tests/fixtures/people";
  fs::create_directories(dir / "in");
  fs::copy(fixtures / "people.csv", dir / "in/people.csv");
  fs::copy(fixtures / "episodes.csv", dir / "in/episodes.csv");
  const auto r = RunVeil({"anonymise", "-q", "--policy", fixtures / "policy.yaml", dir / "in",
                          "sqlite:" + (dir / "out.data").string()},
                         {{"VEIL_TEST_SECRET", "e2e-secret-0123456789abcdef"}});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  Db out(dir / "out.data");
  EXPECT_EQ(out.Query("SELECT count(*) FROM people")[0][0], "40");
  EXPECT_EQ(out.Query("SELECT count(*) FROM episodes WHERE person_id NOT IN "
                      "(SELECT person_id FROM people)")[0][0],
            "0");
}

TEST(AnonymiseSqliteTest, BundledSsdExampleAnonymisesCompletely) {
  ScratchDir dir;
  const fs::path example = SourceDir() / "examples/ssd";
  const auto r = RunVeil({"anonymise", "--policy", example / "policy.yaml", example / "ssd.sqlite",
                          dir / "safe.sqlite"},
                         kEnv);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("secret fingerprint"), std::string::npos);
  Db source(example / "ssd.sqlite");
  Db out(dir / "safe.sqlite");
  EXPECT_TRUE(out.Query("PRAGMA foreign_key_check").empty());
  const auto tables = source.Query(
      "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'");
  ASSERT_GE(tables.size(), 9u);
  // Every person id of the source is gone from every text column of the output.
  std::set<std::string> person_ids;
  for (const auto& row : source.Query("SELECT pers_person_id FROM ssd_person")) {
    person_ids.insert(row[0]);
  }
  ASSERT_FALSE(person_ids.empty());
  for (const auto& row : out.Query("SELECT pers_person_id FROM ssd_person")) {
    EXPECT_EQ(person_ids.count(row[0]), 0u);
  }
}

}  // namespace
}  // namespace veil::e2e
