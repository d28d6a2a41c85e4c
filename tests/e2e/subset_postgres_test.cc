// End-to-end: `veil anonymise --subset` from PostgreSQL, against a real server the harness
// starts. The closure is held to an independent computation the server itself makes
// (recursive CTEs over every reference of the fixture), on a schema with a reference
// cycle (people ↔ households) and a self-reference (an employee's manager); the copy is
// verified before it is published; a refused condition writes nothing, names the option
// and never prints what it quoted; a condition cannot write through the read-only
// snapshot (nextval); a sample is the same run after run.
#include "e2e/e2e_support.h"
#include "e2e/sqlite_db.h"
#include "support/postgres_server.h"

namespace veil::e2e {
namespace {

using veil::testing::SharedPostgres;
using Rows = std::vector<std::vector<std::string>>;

const std::map<std::string, std::string> kEnv = {{"VEIL_SECRET", "pg-subset-secret-0123456789"}};

const char* kPolicy = R"(version: 1
secret: {env: VEIL_SECRET}
entities:
  person: {pseudonym: {alphabet: digits, length: 9}}
tables:
  people:
    keys: {person: id}
    columns:
      id: {pseudonymise: person}
      name: {fake: first_name}
      household_id: keep
  households:
    columns:
      id: keep
      head_id: {pseudonymise: person}
  employees:
    columns:
      id: keep
      name: {fake: last_name}
      manager_id: keep
  cases:
    keys: {person: person_id}
    columns:
      id: keep
      person_id: {pseudonymise: person}
      worker_id: keep
  case_notes:
    columns:
      id: keep
      case_id: keep
      note: {null: true}
  audit:
    columns:
      at: keep
      what: keep
)";

// 200 people in 40 households (some heads, some none), 12 employees under a manager
// chain (employee 1 manages itself), 600 cases, 900 notes; audit linked to nothing.
void MakeSource(const std::string& db) {
  auto& pg = SharedPostgres();
  ASSERT_TRUE(pg.ok()) << pg.error();
  pg.CreateDatabase(db);
  pg.Execute(db, R"(
    CREATE TABLE employees (id integer PRIMARY KEY, name text NOT NULL,
                            manager_id integer REFERENCES employees(id));
    CREATE TABLE people (id integer PRIMARY KEY, name varchar(40) NOT NULL, household_id integer);
    CREATE TABLE households (id integer PRIMARY KEY, head_id integer REFERENCES people(id));
    ALTER TABLE people ADD FOREIGN KEY (household_id) REFERENCES households(id);
    CREATE SEQUENCE ticket;
    CREATE TABLE cases (id integer PRIMARY KEY, person_id integer NOT NULL REFERENCES people(id),
                        worker_id integer REFERENCES employees(id));
    CREATE TABLE case_notes (id integer PRIMARY KEY, case_id integer NOT NULL REFERENCES cases(id),
                             note text);
    CREATE TABLE audit (at date, what text);
    INSERT INTO employees SELECT g, 'Worker' || g, CASE WHEN g = 1 THEN 1 ELSE g / 2 END
      FROM generate_series(1, 12) g;
    INSERT INTO households SELECT h, NULL FROM generate_series(1, 40) h;
    INSERT INTO people SELECT p, 'Quixotl' || p, CASE WHEN p % 5 = 0 THEN NULL ELSE 1 + p % 40 END
      FROM generate_series(1, 200) p;
    UPDATE households SET head_id = id * 5 - 3 WHERE id % 3 <> 0;
    INSERT INTO cases (id, person_id, worker_id)
      SELECT g, 1 + g % 200, CASE WHEN g % 7 = 0 THEN NULL ELSE 1 + g % 12 END
      FROM generate_series(1, 600) g;
    INSERT INTO case_notes (id, case_id, note) SELECT g, 1 + g % 600, 'note ' || g
      FROM generate_series(1, 900) g;
    INSERT INTO audit VALUES ('2024-01-01', 'export'), ('2024-02-01', 'export');
  )");
}

// Per table, the ids of the rows the closure of `chosen` (an SQL condition on people)
// holds, computed by the server: down from the chosen people through every reference,
// then up from every row in.
std::string ClosureSql(const std::string& chosen) {
  return R"(WITH RECURSIVE edges(child, child_id, parent, parent_id) AS (
      SELECT 'people', id, 'households', household_id FROM people WHERE household_id IS NOT NULL
      UNION ALL SELECT 'households', id, 'people', head_id FROM households WHERE head_id IS NOT NULL
      UNION ALL SELECT 'cases', id, 'people', person_id FROM cases
      UNION ALL SELECT 'cases', id, 'employees', worker_id FROM cases WHERE worker_id IS NOT NULL
      UNION ALL SELECT 'case_notes', id, 'cases', case_id FROM case_notes
      UNION ALL SELECT 'employees', id, 'employees', manager_id FROM employees
                WHERE manager_id IS NOT NULL),
    down(t, id) AS (
      SELECT 'people'::text, id FROM people WHERE )" +
         chosen + R"(
      UNION SELECT e.child, e.child_id FROM edges e JOIN down d ON e.parent = d.t AND e.parent_id = d.id),
    rows_in(t, id) AS (
      SELECT t, id FROM down
      UNION SELECT e.parent, e.parent_id FROM edges e JOIN rows_in i ON e.child = i.t AND e.child_id = i.id)
    SELECT t, count(*) FROM rows_in GROUP BY t ORDER BY t)";
}

// The same shape as ClosureSql's answer, from a copy: its non-empty tables' row counts
// (standard SQL, for PostgreSQL and SQLite alike).
constexpr const char* kCountsSql = R"(
    SELECT t, n FROM (
      SELECT 'case_notes' AS t, count(*) AS n FROM case_notes
      UNION ALL SELECT 'cases', count(*) FROM cases
      UNION ALL SELECT 'employees', count(*) FROM employees
      UNION ALL SELECT 'households', count(*) FROM households
      UNION ALL SELECT 'people', count(*) FROM people) c
    WHERE n > 0 ORDER BY t)";

class SubsetPostgresTest : public ::testing::Test {
 protected:
  void SetUp() override {
    MakeSource("subset_src");
    std::ofstream(dir_ / "policy.yaml") << kPolicy;
  }
  RunResult Anonymise(const std::string& subset, const std::string& target,
                      const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args = {"anonymise",          "-q",       "--policy",
                                     dir_ / "policy.yaml", "--subset", subset};
    args.insert(args.end(), extra.begin(), extra.end());
    args.push_back(SharedPostgres().Uri("subset_src"));
    args.push_back(target);
    return RunVeil(args, kEnv);
  }

  ScratchDir dir_;
};

TEST_F(SubsetPostgresTest, TheClosureThroughACycleAndASelfReferenceEqualsTheServersOwn) {
  auto& pg = SharedPostgres();
  pg.Execute("postgres", "DROP DATABASE IF EXISTS subset_one WITH (FORCE)");
  // Person 7 heads household 2: its members come down with it, and their cases.
  const auto r = Anonymise("people: id = 7", pg.Uri("subset_one"), {"--verify"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const Rows expected = pg.Query("subset_src", ClosureSql("id = 7"));
  ASSERT_GT(expected.size(), 3u);
  EXPECT_EQ(pg.Query("subset_one", kCountsSql), expected);
  // Kept keys name the same rows: the employees are exactly the closure's.
  const auto employees = "SELECT id FROM employees ORDER BY id";
  const Rows copied = pg.Query("subset_one", employees);
  EXPECT_FALSE(copied.empty());
  EXPECT_EQ(pg.Query("subset_one", "SELECT count(*) FROM audit"), (Rows{{"0"}}));
  // Every reference resolves: the server checked them as the rows arrived, and none dangles.
  EXPECT_EQ(pg.Query("subset_one",
                     "SELECT count(*) FROM cases c LEFT JOIN people p ON p.id = c.person_id "
                     "WHERE p.id IS NULL"),
            (Rows{{"0"}}));
  // The same subset verifies again with `veil verify --subset`.
  const auto verified = RunVeil({"verify", "--policy", dir_ / "policy.yaml", "--subset",
                                 "people: id = 7", pg.Uri("subset_src"), pg.Uri("subset_one")},
                                kEnv);
  EXPECT_EQ(verified.exit_code, 0) << verified.out << verified.err;
}

TEST_F(SubsetPostgresTest, ASubqueryConditionIntoSqliteHoldsTheClosure) {
  auto& pg = SharedPostgres();
  const std::string chosen = "id IN (SELECT person_id FROM cases WHERE worker_id = 11)";
  const auto r = Anonymise("people: " + chosen, (dir_ / "out.sqlite").string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const Rows people = pg.Query("subset_src", "SELECT count(*) FROM people WHERE " + chosen);
  ASSERT_EQ(people.size(), 1u);
  EXPECT_NE(people[0][0], "0");
  EXPECT_EQ(Db(dir_ / "out.sqlite").Query(kCountsSql), pg.Query("subset_src", ClosureSql(chosen)));
  EXPECT_TRUE(Db(dir_ / "out.sqlite").Query("PRAGMA foreign_key_check").empty());
  // Verified against the same subset into PostgreSQL; against the whole source it fails.
  pg.Execute("postgres", "DROP DATABASE IF EXISTS subset_sq WITH (FORCE)");
  ASSERT_EQ(Anonymise("people: " + chosen, pg.Uri("subset_sq")).exit_code, 0);
  const auto same = RunVeil({"verify", "--policy", dir_ / "policy.yaml", "--subset",
                             "people: " + chosen, pg.Uri("subset_src"), pg.Uri("subset_sq")},
                            kEnv);
  EXPECT_EQ(same.exit_code, 0) << same.out << same.err;
  const auto whole = RunVeil(
      {"verify", "--policy", dir_ / "policy.yaml", pg.Uri("subset_src"), pg.Uri("subset_sq")},
      kEnv);
  EXPECT_NE(whole.exit_code, 0) << "the subset is not the whole source";
}

// A plan may read a condition's rows in any order: a parallel scan interleaves its
// workers' pages. The run and `--verify` must still read the subset the same way.
TEST_F(SubsetPostgresTest, AParallelPlanStillReadsTheSubsetTheSameWayTwice) {
  auto& pg = SharedPostgres();
  pg.Execute("subset_src", R"(
    INSERT INTO cases (id, person_id, worker_id)
      SELECT 1000 + g, 1 + g % 200, 1 + g % 12 FROM generate_series(1, 60000) g;
    ANALYZE;
    ALTER DATABASE subset_src SET parallel_setup_cost = 0;
    ALTER DATABASE subset_src SET parallel_tuple_cost = 0;
    ALTER DATABASE subset_src SET min_parallel_table_scan_size = 0;
    ALTER DATABASE subset_src SET max_parallel_workers_per_gather = 4;
    ALTER DATABASE subset_src SET enable_indexscan = off;
    ALTER DATABASE subset_src SET enable_bitmapscan = off;)");
  for (int run = 0; run < 3; ++run) {
    pg.Execute("postgres", "DROP DATABASE IF EXISTS subset_par WITH (FORCE)");
    const auto r = Anonymise("people: 40%", pg.Uri("subset_par"), {"--verify"});
    ASSERT_EQ(r.exit_code, 0) << "run " << run << "\n" << r.err;
  }
}

TEST_F(SubsetPostgresTest, ARefusedConditionWritesNothingAndQuotesNothing) {
  auto& pg = SharedPostgres();
  pg.Execute("postgres", "DROP DATABASE IF EXISTS subset_bad WITH (FORCE)");
  for (const std::string bad : {"people: name = 'Quixotl7' AND", "people: nosuch = 'Quixotl7'",
                                "people: name = 'Quixotl7'::no_such_type"}) {
    const auto r = Anonymise(bad, pg.Uri("subset_bad"));
    EXPECT_EQ(r.exit_code, 1) << bad << "\n" << r.err;
    EXPECT_NE(r.err.find("--subset"), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find("Quixotl"), std::string::npos) << r.err;
  }
  EXPECT_EQ(pg.Query("postgres", "SELECT count(*) FROM pg_database WHERE datname = 'subset_bad'"),
            (Rows{{"0"}}));
}

TEST_F(SubsetPostgresTest, AConditionCannotWriteThroughTheReadOnlySnapshot) {
  auto& pg = SharedPostgres();
  const Rows before = pg.Query("subset_src", "SELECT last_value FROM ticket");
  const auto r = Anonymise("people: nextval('ticket') > 0", (dir_ / "w.sqlite").string());
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("read-only"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir_ / "w.sqlite"));
  EXPECT_EQ(pg.Query("subset_src", "SELECT last_value FROM ticket"), before);
}

TEST_F(SubsetPostgresTest, ASampleIsTheSameRunAfterRunAndVerifies) {
  auto& pg = SharedPostgres();
  for (const char* db : {"subset_a", "subset_b"}) {
    pg.Execute("postgres", std::string("DROP DATABASE IF EXISTS ") + db + " WITH (FORCE)");
  }
  const auto first = Anonymise("people: 5%", pg.Uri("subset_a"), {"--verify"});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  const auto second = Anonymise("people: 5%", pg.Uri("subset_b"));
  ASSERT_EQ(second.exit_code, 0) << second.err;
  const auto people = "SELECT id FROM people ORDER BY id";
  // 5% of 200 chosen, and the members of the households they head come down with them.
  EXPECT_GE(pg.Query("subset_a", people).size(), 10u);
  EXPECT_EQ(pg.Query("subset_b", people), pg.Query("subset_a", people));
  EXPECT_EQ(pg.Query("subset_a", kCountsSql), pg.Query("subset_b", kCountsSql));
  // Into SQLite: the same people.
  const auto third = RunVeil({"anonymise", "--policy", dir_ / "policy.yaml", "--subset",
                              "people: 5%", pg.Uri("subset_src"), dir_ / "c.sqlite"},
                             kEnv);
  ASSERT_EQ(third.exit_code, 0) << third.err;
  EXPECT_NE(third.out.find("(chosen, 10 chosen)"), std::string::npos) << third.out;
  EXPECT_EQ(Db(dir_ / "c.sqlite").Query(people), pg.Query("subset_a", people));
}

}  // namespace
}  // namespace veil::e2e
