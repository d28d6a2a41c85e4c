// End-to-end: `veil anonymise` with PostgreSQL as source and as target (copy mode),
// against a real PostgreSQL 15 server started by the test harness.
#include <set>

#include "e2e/e2e_support.h"
#include "support/postgres_server.h"

namespace veil::e2e {
namespace {

using veil::testing::SharedPostgres;

const char* kPolicy = R"(version: 1
secret: {env: VEIL_SECRET}
entities:
  person:
    pseudonym: {alphabet: digits, length: 9}
    date_shift: {min_days: -40, max_days: 40}
tables:
  people:
    keys: {person: id}
    columns:
      id: {pseudonymise: person}
      name: {fake: first_name}
      born: {date_shift: person}
      notes: drop
      score: keep
  visits:
    keys: {person: person_id}
    columns:
      visit_id: keep
      person_id: {pseudonymise: person}
      at: {date_shift: person}
)";

const std::map<std::string, std::string> kEnv = {{"VEIL_SECRET", "pg-e2e-secret-0123456789abc"}};

void MakeSource(const std::string& db) {
  auto& pg = SharedPostgres();
  ASSERT_TRUE(pg.ok()) << pg.error();
  pg.CreateDatabase(db);
  pg.Execute(db, R"(
    CREATE TABLE people (id integer PRIMARY KEY, name varchar(40) NOT NULL, born date,
                         notes text, score numeric(6,2) DEFAULT 0);
    CREATE TABLE visits (visit_id serial PRIMARY KEY,
                         person_id integer NOT NULL REFERENCES people(id) ON DELETE CASCADE,
                         at timestamp with time zone);
    CREATE INDEX visits_person ON visits(person_id);
    INSERT INTO people SELECT g, 'Name' || g, date '2010-01-01' + g, 'secret note ' || g, g / 7.0
      FROM generate_series(1, 500) g;
    INSERT INTO visits (person_id, at)
      SELECT 1 + g % 500, timestamptz '2020-01-01 10:00:00+00' + g * interval '1 day'
      FROM generate_series(1, 2000) g;
  )");
}

TEST(AnonymisePostgresTest, CopyIsSchemaIdenticalMinusDropsAndForeignKeysHold) {
  auto& pg = SharedPostgres();
  MakeSource("e2e_src");
  ScratchDir dir;
  std::ofstream(dir / "policy.yaml") << kPolicy;
  // A password in the URI must never be printed (trust authentication ignores it).
  std::string target = pg.Uri("e2e_copy");
  target.insert(target.find('@'), ":Pa55word-Zebedee");
  const auto r =
      RunVeil({"anonymise", "--policy", dir / "policy.yaml", pg.Uri("e2e_src"), target}, kEnv);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ((r.out + r.err).find("Pa55word"), std::string::npos);
  const std::string types =
      "SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull "
      "FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON "
      "n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 "
      "AND NOT a.attisdropped AND a.attname <> 'notes' ORDER BY 1, a.attnum";
  EXPECT_EQ(pg.Query("e2e_copy", types), pg.Query("e2e_src", types));
  EXPECT_EQ(pg.Query("e2e_copy",
                     "SELECT count(*) FROM visits v JOIN people p ON p.id = "
                     "v.person_id"),
            (std::vector<std::vector<std::string>>{{"2000"}}));
  // Every id changed, intervals between a person's visits are kept.
  EXPECT_EQ(pg.Query("e2e_copy", "SELECT count(*) FROM people WHERE id BETWEEN 1 AND 500"),
            (std::vector<std::vector<std::string>>{{"0"}}));
  const auto gaps =
      "SELECT person_id, at - lag(at) OVER (PARTITION BY person_id ORDER BY "
      "visit_id) FROM visits ORDER BY visit_id";
  const auto before = pg.Query("e2e_src", gaps);
  const auto after = pg.Query("e2e_copy", gaps);
  ASSERT_EQ(before.size(), after.size());
  for (size_t i = 0; i < before.size(); ++i) EXPECT_EQ(before[i][1], after[i][1]) << i;
}

TEST(AnonymisePostgresTest, PostgresToSqliteAndCsvToPostgres) {
  auto& pg = SharedPostgres();
  MakeSource("e2e_src2");
  ScratchDir dir;
  std::ofstream(dir / "policy.yaml") << kPolicy;
  auto r = RunVeil(
      {"anonymise", "-q", "--policy", dir / "policy.yaml", pg.Uri("e2e_src2"), dir / "out"}, kEnv);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const Table people = ReadCsvTable(dir / "out/people.csv");
  ASSERT_EQ(people.rows.size(), 500u);
  for (const auto& h : people.header) EXPECT_NE(h, "notes");
  std::ofstream(dir / "back.yaml") << R"(version: 1
tables:
  people: keep
  visits: keep
)";
  r = RunVeil({"anonymise", "-q", "--policy", dir / "back.yaml", dir / "out", pg.Uri("e2e_back")},
              kEnv);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(pg.Query("e2e_back", "SELECT count(*) FROM visits"),
            (std::vector<std::vector<std::string>>{{"2000"}}));
}

TEST(AnonymisePostgresTest, ViewsAreRecreatedOverTheAnonymisedTables) {
  auto& pg = SharedPostgres();
  MakeSource("e2e_views");
  pg.Execute("e2e_views", R"(
    CREATE SCHEMA reports;
    CREATE VIEW reports."Visit Counts" AS
      SELECT p.id, count(*) AS visits FROM people p JOIN visits v ON v.person_id = p.id GROUP BY p.id;
    CREATE VIEW busy AS SELECT id FROM reports."Visit Counts" WHERE visits > 3;
    CREATE MATERIALIZED VIEW names AS SELECT name FROM people;
    COMMENT ON MATERIALIZED VIEW names IS 'every name';
    CREATE VIEW with_notes AS SELECT id, notes FROM people;
  )");
  ScratchDir dir;
  std::ofstream(dir / "policy.yaml") << kPolicy;
  const auto r = RunVeil(
      {"anonymise", "-q", "--policy", dir / "policy.yaml", pg.Uri("e2e_views"), pg.Uri("e2e_v")},
      kEnv);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  using Rows = std::vector<std::vector<std::string>>;
  // Views read the anonymised tables; the materialized view holds anonymised rows.
  EXPECT_EQ(pg.Query("e2e_v",
                     "SELECT count(*), sum(visits) FROM reports.\"Visit Counts\" c "
                     "JOIN people p ON p.id = c.id"),
            (Rows{{"500", "2000"}}));
  EXPECT_EQ(pg.Query("e2e_v", "SELECT count(*) FROM busy"),
            pg.Query("e2e_views", "SELECT count(*) FROM busy"));
  EXPECT_EQ(pg.Query("e2e_v",
                     "SELECT count(*), count(*) FILTER (WHERE name LIKE 'Name%') FROM "
                     "names"),
            (Rows{{"500", "0"}}));
  EXPECT_EQ(pg.Query("e2e_v", "SELECT obj_description('names'::regclass, 'pg_class')"),
            (Rows{{"every name"}}));
  // A view of a dropped column cannot exist in the copy.
  EXPECT_EQ(pg.Query("e2e_v", "SELECT to_regclass('with_notes') IS NULL"), (Rows{{"t"}}));
}

TEST(AnonymisePostgresTest, ExistingTargetWithTablesIsRefusedAndUntouched) {
  auto& pg = SharedPostgres();
  MakeSource("e2e_src3");
  pg.CreateDatabase("e2e_busy");
  pg.Execute("e2e_busy", "CREATE TABLE precious (x int); INSERT INTO precious VALUES (42);");
  ScratchDir dir;
  std::ofstream(dir / "policy.yaml") << kPolicy;
  const auto r = RunVeil(
      {"anonymise", "--policy", dir / "policy.yaml", pg.Uri("e2e_src3"), pg.Uri("e2e_busy")}, kEnv);
  EXPECT_NE(r.exit_code, 0);
  EXPECT_EQ(pg.Query("e2e_busy", "SELECT x FROM precious"),
            (std::vector<std::vector<std::string>>{{"42"}}));
}

}  // namespace
}  // namespace veil::e2e
