// End-to-end: `veil generate` from a PostgreSQL schema into PostgreSQL, against a real
// server the harness starts. The server's statement log proves no row of the schema's
// tables is read; the target has the schema's keys, CHECKs, enum and identity, every
// constraint holds (the server checks them as rows arrive), and no source value appears.
#include <fmt/format.h>

#include <regex>
#include <sstream>

#include "core/uk_identifiers.h"
#include "e2e/e2e_support.h"
#include "support/postgres_server.h"

namespace veil::e2e {
namespace {

using veil::testing::SharedPostgres;

constexpr const char* kApp = "veil_generate_pg";

class GeneratePostgresTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto& pg = SharedPostgres();
    ASSERT_TRUE(pg.ok()) << pg.error();
    pg.CreateDatabase("gen_src");
    pg.Execute("postgres", "DROP DATABASE IF EXISTS gen_out WITH (FORCE)");
    pg.Execute("gen_src", R"(
      CREATE TYPE mood AS ENUM ('calm', 'cross', 'it''s fine');
      CREATE TABLE person (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        upn char(13), forename varchar(30) NOT NULL, date_of_birth date NOT NULL,
        age integer CHECK (age >= 0 AND age <= 17),
        status varchar(10) CHECK (status IN ('open', 'closed')),
        feeling mood, score numeric(4,1) CHECK (score > 0), seen_at timestamptz,
        prefs jsonb, uid uuid UNIQUE, tags text[]);
      CREATE TABLE episode (
        episode_id bigserial PRIMARY KEY,
        person_id integer NOT NULL REFERENCES person(id) ON DELETE CASCADE,
        start_date date NOT NULL, end_date date, CHECK (end_date >= start_date));
      INSERT INTO person (upn, forename, date_of_birth, age, status, feeling, score, seen_at,
                          prefs, uid, tags)
        VALUES ('A801200001001', 'Zebedee', '1901-02-03', 9, 'open', 'calm', 12.5,
                '1901-02-03 10:00:00+00', '{"pet": "Quixotl"}',
                'deadbeef-0000-4000-8000-000000000001', '{Quixotl}');
      INSERT INTO episode (person_id, start_date) VALUES (1, '1901-05-06');)");
  }

  void TearDown() override {
    auto& pg = SharedPostgres();
    pg.Execute("postgres", "DROP DATABASE IF EXISTS gen_src WITH (FORCE)");
    pg.Execute("postgres", "DROP DATABASE IF EXISTS gen_out WITH (FORCE)");
  }

  // The statements the server logged for sessions named kApp.
  static std::vector<std::string> Logged() {
    std::vector<std::string> statements;
    std::istringstream in(SharedPostgres().ServerLog());
    for (std::string line; std::getline(in, line);) {
      if (line.find(std::string(" app=") + kApp + " ") == std::string::npos) continue;
      for (const std::string marker : {"statement: ", "execute "}) {
        const size_t at = line.find(marker);
        if (at != std::string::npos) statements.push_back(line.substr(at + marker.size()));
      }
    }
    return statements;
  }
};

TEST_F(GeneratePostgresTest, ReadsOnlyTheCatalogAndEveryConstraintHolds) {
  auto& pg = SharedPostgres();
  const std::string source = pg.Uri("gen_src") + "?application_name=" + kApp;
  const RunResult run = RunVeil({"generate", "--schema", source, "--rows", "person=200", "--seed",
                                 "pg", "--as-of", "2026-06-30", pg.Uri("gen_out")});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.err.find("table episode: CHECK constraint 1 is not one veil reads"),
            std::string::npos)
      << run.err;

  // No statement of the run names a user table after FROM or COPY.
  const auto statements = Logged();
  ASSERT_FALSE(statements.empty());
  const std::regex reads_rows(R"re((FROM|COPY|JOIN)\s+("?public"?\.)?"?(person|episode)"?\b)re",
                              std::regex::icase);
  for (const auto& statement : statements) {
    EXPECT_FALSE(std::regex_search(statement, reads_rows)) << statement;
  }

  EXPECT_EQ(pg.Query("gen_out", "SELECT count(*) FROM person")[0][0], "200");
  EXPECT_EQ(pg.Query("gen_out",
                     "SELECT count(*) FROM person WHERE forename = 'Zebedee' "
                     "OR upn = 'A801200001001' OR date_of_birth < '2000-01-01'")[0][0],
            "0");
  for (const auto& row : pg.Query("gen_out",
                                  "SELECT upn, feeling::text, status, age, score, "
                                  "prefs::text, tags::text FROM person")) {
    EXPECT_TRUE(IsValidUpn(row[0])) << row[0];
    EXPECT_TRUE(row[1] == "calm" || row[1] == "cross" || row[1] == "it's fine") << row[1];
    EXPECT_TRUE(row[2] == "open" || row[2] == "closed") << row[2];
    EXPECT_GE(std::stoi(row[3]), 0);
    EXPECT_LE(std::stoi(row[3]), 17);
    EXPECT_GT(std::stod(row[4]), 0);
    EXPECT_EQ(row[5], "{}");
    EXPECT_EQ(row[6], "{}");
  }
  // The constraints exist in the target, validated.
  const auto constraints =
      pg.Query("gen_out",
               "SELECT conrelid::regclass::text, contype::text, convalidated::text FROM "
               "pg_constraint WHERE connamespace = 'public'::regnamespace ORDER BY 1, 2");
  EXPECT_EQ(constraints, (std::vector<std::vector<std::string>>{{"episode", "c", "true"},
                                                                {"episode", "f", "true"},
                                                                {"episode", "p", "true"},
                                                                {"person", "c", "true"},
                                                                {"person", "c", "true"},
                                                                {"person", "c", "true"},
                                                                {"person", "p", "true"},
                                                                {"person", "u", "true"}}));
  EXPECT_EQ(pg.Query("gen_out",
                     "SELECT count(*) FROM episode e LEFT JOIN person p ON p.id = "
                     "e.person_id WHERE p.id IS NULL")[0][0],
            "0");
  EXPECT_EQ(pg.Query("gen_out",
                     "SELECT count(*) FROM episode e JOIN person p ON p.id = "
                     "e.person_id WHERE e.start_date < p.date_of_birth OR "
                     "e.end_date < e.start_date OR e.end_date > '2026-06-30'")[0][0],
            "0");
}

}  // namespace
}  // namespace veil::e2e
