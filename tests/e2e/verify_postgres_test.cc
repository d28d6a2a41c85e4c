// End-to-end: `veil verify` and `veil anonymise --verify` with PostgreSQL on both sides,
// against a real PostgreSQL 15 server started by the test harness.
#include <nlohmann/json.hpp>

#include "e2e/e2e_support.h"
#include "support/postgres_server.h"

namespace veil::e2e {
namespace {

using Json = nlohmann::json;
using veil::testing::SharedPostgres;

constexpr const char* kPolicy = R"(version: 1
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
      name: {fake: full_name}
      email: {fake: email}
      born: {date_shift: person}
  visits:
    keys: {person: person_id}
    columns:
      visit_id: keep
      person_id: {pseudonymise: person}
      at: {date_shift: person}
      note: keep
)";

const std::map<std::string, std::string> kEnv = {{"VEIL_SECRET", "pg-verify-secret-0123456789"}};

void MakeSource(const std::string& db) {
  auto& pg = SharedPostgres();
  ASSERT_TRUE(pg.ok()) << pg.error();
  pg.CreateDatabase(db);
  pg.Execute(db, R"(
    CREATE TABLE people (id integer PRIMARY KEY, name varchar(60) NOT NULL,
                         email text, born date);
    CREATE TABLE visits (visit_id serial PRIMARY KEY,
                         person_id integer NOT NULL REFERENCES people(id),
                         at timestamp, note text);
    INSERT INTO people SELECT g, 'Person Number' || g, 'person' || g || '@mailbox.co.uk',
                              date '2010-01-01' + g
      FROM generate_series(1, 300) g;
    INSERT INTO visits (person_id, at, note)
      SELECT 1 + g % 300, timestamp '2021-01-01 09:30:00' + g * interval '1 day', 'routine visit'
      FROM generate_series(1, 900) g;
  )");
}

Json VerifyJson(const fs::path& policy, const std::string& original, const std::string& copy,
                int& code) {
  const auto r = RunVeil({"verify", "--policy", policy, original, copy, "--format", "json"}, kEnv);
  code = r.exit_code;
  Json report = Json::parse(r.out, nullptr, false);
  EXPECT_FALSE(report.is_discarded()) << r.out << r.err;
  return report;
}

TEST(VerifyPostgresTest, PassesAnHonestCopyAndCatchesPlantedDefects) {
  auto& pg = SharedPostgres();
  MakeSource("verify_src");
  ScratchDir dir;
  std::ofstream(dir / "policy.yaml") << kPolicy;
  ASSERT_EQ(RunVeil({"anonymise", "-q", "--policy", dir / "policy.yaml", pg.Uri("verify_src"),
                     pg.Uri("verify_copy")},
                    kEnv)
                .exit_code,
            0);
  int code = -1;
  const Json clean =
      VerifyJson(dir / "policy.yaml", pg.Uri("verify_src"), pg.Uri("verify_copy"), code);
  EXPECT_EQ(code, 0) << clean.dump(2);
  EXPECT_EQ(clean["tables"]["visits"]["rows_after"], 900);

  // An e-mail pasted into the 5th visit's note. An UPDATE would move the row to the end
  // of the heap (and verify pairs rows by position), so the table is rewritten in order.
  pg.Execute("verify_copy", R"(
    CREATE TEMP TABLE planted AS SELECT row_number() OVER () AS n, * FROM visits;
    UPDATE planted SET note = 'ask PERSON17@mailbox.co.uk' WHERE n = 5;
    TRUNCATE visits;
    INSERT INTO visits SELECT visit_id, person_id, at, note FROM planted ORDER BY n;
  )");
  const Json leaked =
      VerifyJson(dir / "policy.yaml", pg.Uri("verify_src"), pg.Uri("verify_copy"), code);
  EXPECT_EQ(code, 1);
  ASSERT_EQ(leaked["findings"].size(), 1u) << leaked.dump(2);
  EXPECT_EQ(leaked["findings"][0]["check"], "leak");
  EXPECT_EQ(leaked["findings"][0]["table"], "visits");
  EXPECT_EQ(leaked["findings"][0]["column"], "note");
  EXPECT_EQ(leaked["findings"][0]["rows"], Json::array({5}));
  EXPECT_EQ(leaked.dump().find("PERSON17"), std::string::npos);
}

TEST(VerifyPostgresTest, AnonymiseVerifyCreatesNoDatabaseForACopyThatLeaks) {
  auto& pg = SharedPostgres();
  MakeSource("verify_src2");
  // A note naming a person's e-mail: keeping notes is the mistake --verify catches.
  pg.Execute("verify_src2",
             "UPDATE visits SET note = 'wrote to person42@mailbox.co.uk' WHERE visit_id = 7");
  ScratchDir dir;
  std::ofstream(dir / "policy.yaml") << kPolicy;
  const auto r = RunVeil({"anonymise", "--verify", "--policy", dir / "policy.yaml",
                          pg.Uri("verify_src2"), pg.Uri("verify_copy2")},
                         kEnv);
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.err.find("visits.note"), std::string::npos) << r.err;
  EXPECT_EQ((r.out + r.err).find("person42"), std::string::npos);
  // The copy was built in a temporary database that is never renamed into place.
  EXPECT_EQ(pg.Query("postgres",
                     "SELECT count(*) FROM pg_database WHERE starts_with(datname, 'verify_copy2')"),
            (std::vector<std::vector<std::string>>{{"0"}}));
}

}  // namespace
}  // namespace veil::e2e
