// End-to-end: `veil anonymise --in-place` on a real PostgreSQL 15 server started by the
// test harness: the scrub itself, the guard, and all-or-nothing under errors and kill -9.
#include <fmt/format.h>
#include <openssl/evp.h>
#include <signal.h>
#include <sys/wait.h>

#include <chrono>
#include <thread>

#include "e2e/e2e_support.h"
#include "support/postgres_server.h"

namespace veil::e2e {
namespace {

using veil::testing::SharedPostgres;
using Rows = std::vector<std::vector<std::string>>;

const char* kPolicy = R"(version: 1
secret: {env: VEIL_SECRET}
in_place:
  allow: ['staging_*', '*_dev']
entities:
  person:
    pseudonym: {alphabet: digits, length: 12}
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
  audit: delete
  scratch: drop
  "Odd Names":
    columns:
      "Full Name": {fake: full_name}
      "Ref No": keep
)";

const std::map<std::string, std::string> kEnv = {{"VEIL_SECRET", "pg-in-place-secret-0123456789"}};

void MakeDatabase(const std::string& db, int people = 500) {
  auto& pg = SharedPostgres();
  ASSERT_TRUE(pg.ok()) << pg.error();
  pg.CreateDatabase(db);
  const std::string n = std::to_string(people);
  pg.Execute(db, R"(
    CREATE TABLE people (id bigint PRIMARY KEY, name varchar(40) NOT NULL, born date,
                         notes text, score numeric(6,2) DEFAULT 0);
    CREATE TABLE visits (visit_id serial PRIMARY KEY,
                         person_id bigint NOT NULL REFERENCES people(id) ON DELETE CASCADE,
                         at timestamp with time zone);
    CREATE INDEX visits_person ON visits(person_id);
    CREATE TABLE audit (at timestamptz DEFAULT now(), who text);
    CREATE TABLE scratch (x int);
    CREATE TABLE "Odd Names" ("Full Name" text, "Ref No" int);
    CREATE FUNCTION log_people() RETURNS trigger LANGUAGE plpgsql AS
      $$ BEGIN INSERT INTO audit (who) VALUES ('trigger'); RETURN NEW; END $$;
    CREATE TRIGGER people_audit AFTER INSERT ON people FOR EACH ROW EXECUTE FUNCTION log_people();
    INSERT INTO people SELECT g, 'Name' || g, date '2010-01-01' + g, 'secret note ' || g, (g % 1000) / 7.0
      FROM generate_series(1, )" +
                     n + R"() g;
    INSERT INTO visits (person_id, at)
      SELECT 1 + g % )" +
                     n + R"(, timestamptz '2020-01-01 10:00:00+00' + g * interval '1 hour'
      FROM generate_series(1, 4 * )" +
                     n + R"() g;
    INSERT INTO "Odd Names" VALUES ('Ada Lovelace', 1), ('Alan Turing', 2), (NULL, 3);
    TRUNCATE audit;
    INSERT INTO audit (who) VALUES ('alice'), ('bob');
  )");
}

// An md5 of every user table's rows and of every column's name and type: equal before
// and after means the database is byte-for-byte what it was.
std::string Fingerprint(const std::string& db) {
  auto& pg = SharedPostgres();
  std::string all;
  for (const auto& row : pg.Query(db,
                                  "SELECT format('%I.%I', schemaname, tablename) FROM pg_tables "
                                  "WHERE schemaname NOT IN ('pg_catalog', 'information_schema') "
                                  "ORDER BY 1")) {
    all +=
        row[0] + "=" +
        pg.Query(db, "SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM " +
                         row[0] + " t")[0][0] +
        "\n";
  }
  const Rows columns = pg.Query(
      db,
      "SELECT string_agg(format('%s.%s:%s:%s', c.relname, a.attname, format_type(a.atttypid, "
      "a.atttypmod), a.attnotnull), ',' ORDER BY c.relname, a.attnum) FROM pg_attribute a JOIN "
      "pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE "
      "n.nspname = 'public' AND a.attnum > 0 AND NOT a.attisdropped");
  const Rows constraints =
      pg.Query(db,
               "SELECT string_agg(conname || pg_get_constraintdef(oid), ',' ORDER BY conname) "
               "FROM pg_constraint WHERE connamespace = 'public'::regnamespace");
  const Rows indexes =
      pg.Query(db,
               "SELECT string_agg(indexdef, ',' ORDER BY indexdef) FROM pg_indexes "
               "WHERE schemaname = 'public'");
  return all + columns[0][0] + "\n" + constraints[0][0] + "\n" + indexes[0][0];
}

std::string Sha256Hex(const std::string& text) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(text.data(), text.size(), digest, &length, EVP_sha256(), nullptr);
  std::string hex;
  for (unsigned int i = 0; i < length; ++i) hex += fmt::format("{:02x}", digest[i]);
  return hex;
}

TEST(AnonymiseInPlaceTest, ScrubRewritesTablesKeepsForeignKeysAndRecordsTheRun) {
  auto& pg = SharedPostgres();
  MakeDatabase("staging_one");
  ScratchDir dir;
  std::ofstream(dir / "policy.yaml") << kPolicy;
  const std::string gaps =
      "SELECT visit_id, at - lag(at) OVER (PARTITION BY person_id ORDER BY visit_id) FROM "
      "visits ORDER BY visit_id";
  const Rows gaps_before = pg.Query("staging_one", gaps);
  const auto r = RunVeil(
      {"anonymise", "--policy", dir / "policy.yaml", "--in-place", pg.Uri("staging_one")}, kEnv);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto one = [&](const std::string& sql) { return pg.Query("staging_one", sql); };
  EXPECT_EQ(one("SELECT count(*), count(*) FILTER (WHERE id BETWEEN 1 AND 500) FROM people"),
            (Rows{{"500", "0"}}));
  EXPECT_EQ(one("SELECT count(*) FROM people WHERE name LIKE 'Name%'"), (Rows{{"0"}}));
  EXPECT_EQ(one("SELECT count(*) FROM information_schema.columns WHERE column_name = 'notes'"),
            (Rows{{"0"}}));
  // The foreign key is back, validated, and every visit still finds its person.
  EXPECT_EQ(one("SELECT convalidated FROM pg_constraint WHERE contype = 'f'"), (Rows{{"t"}}));
  EXPECT_EQ(one("SELECT count(*) FROM visits v JOIN people p ON p.id = v.person_id"),
            (Rows{{"2000"}}));
  EXPECT_EQ(one(gaps), gaps_before);
  // Indexes and key constraints were rebuilt after the rows went in.
  EXPECT_EQ(one("SELECT string_agg(indexname, ',' ORDER BY indexname) FROM pg_indexes WHERE "
                "tablename IN ('people', 'visits')"),
            (Rows{{"people_pkey,visits_person,visits_pkey"}}));
  EXPECT_EQ(one("SELECT count(*) FROM pg_constraint WHERE contype = 'p' AND conrelid IN "
                "('people'::regclass, 'visits'::regclass)"),
            (Rows{{"2"}}));
  // Deleted and dropped tables; the trigger did not fire and is enabled again.
  EXPECT_EQ(one("SELECT count(*) FROM audit"), (Rows{{"0"}}));
  EXPECT_EQ(one("SELECT to_regclass('public.scratch') IS NULL"), (Rows{{"t"}}));
  EXPECT_EQ(one("SELECT tgenabled FROM pg_trigger WHERE tgname = 'people_audit'"), (Rows{{"O"}}));
  EXPECT_EQ(one("SELECT count(*) FROM \"Odd Names\" WHERE \"Full Name\" IN ('Ada Lovelace', "
                "'Alan Turing')"),
            (Rows{{"0"}}));
  // The run is recorded with the policy's digest and the secret's fingerprint.
  const Rows runs = one("SELECT policy_sha256, secret_fingerprint FROM veil.veil_runs");
  ASSERT_EQ(runs.size(), 1u);
  EXPECT_EQ(runs[0][0], Sha256Hex(ReadFile(dir / "policy.yaml")));
  EXPECT_NE(r.out.find(runs[0][1]), std::string::npos) << r.out;
  // The serial sequence still hands out fresh keys.
  pg.Execute("staging_one", "INSERT INTO visits (person_id) SELECT min(id) FROM people");
}

TEST(AnonymiseInPlaceTest, DatabaseTheGuardDoesNotAllowIsNeverTouched) {
  auto& pg = SharedPostgres();
  MakeDatabase("production");
  const std::string before = Fingerprint("production");
  pg.Execute("postgres", "ALTER SYSTEM SET log_connections = on");
  pg.Execute("postgres", "SELECT pg_reload_conf()");
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  ScratchDir dir;
  std::ofstream(dir / "policy.yaml") << kPolicy;
  const std::string probe = pg.Uri("production") + "?application_name=veil_guard_probe";
  auto r = RunVeil({"anonymise", "--policy", dir / "policy.yaml", "--in-place", probe}, kEnv);
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("'production'"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("in_place.allow"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("staging_*"), std::string::npos) << r.err;
  // A policy without any in_place rule refuses every database.
  std::string no_rule = kPolicy;
  no_rule.erase(no_rule.find("in_place:"), no_rule.find("entities:") - no_rule.find("in_place:"));
  std::ofstream(dir / "no_rule.yaml") << no_rule;
  r = RunVeil({"anonymise", "--policy", dir / "no_rule.yaml", "--in-place", probe}, kEnv);
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("no in_place.allow"), std::string::npos) << r.err;
  // host:dbname globs must match the host too.
  std::string host_rule = kPolicy;
  host_rule.replace(host_rule.find("'staging_*'"), 11, "'db.example:production'");
  std::ofstream(dir / "host_rule.yaml") << host_rule;
  r = RunVeil({"anonymise", "--policy", dir / "host_rule.yaml", "--in-place", probe}, kEnv);
  EXPECT_NE(r.exit_code, 0);
  pg.Execute("postgres", "ALTER SYSTEM RESET log_connections");
  pg.Execute("postgres", "SELECT pg_reload_conf()");
  // veil connected to learn which database it reached, and sent nothing but reads.
  std::istringstream log(pg.ServerLog());
  int statements = 0;
  for (std::string line; std::getline(log, line);) {
    if (line.find("app=veil_guard_probe ") == std::string::npos) continue;
    size_t at = line.find("LOG:  statement: ");
    if (at == std::string::npos) at = line.find("LOG:  execute <unnamed>: ");
    if (at == std::string::npos) continue;
    const std::string sql = line.substr(line.find(": ", at + 5) + 2);
    ++statements;
    EXPECT_TRUE(sql.rfind("SELECT ", 0) == 0 || sql.rfind("SET ", 0) == 0) << line;
  }
  EXPECT_GT(statements, 0);
  EXPECT_EQ(Fingerprint("production"), before);
}

TEST(AnonymiseInPlaceTest, FailureAtTheLastStepLeavesTheDatabaseAsItWas) {
  auto& pg = SharedPostgres();
  MakeDatabase("staging_fail");
  // A kept table whose foreign key the pseudonyms of people.id break: detected when the
  // key is restored, after every table was rewritten.
  pg.Execute("staging_fail",
             "CREATE TABLE badges (person_id bigint REFERENCES people(id)); "
             "INSERT INTO badges VALUES (1), (2)");
  const std::string before = Fingerprint("staging_fail");
  ScratchDir dir;
  std::ofstream(dir / "policy.yaml") << std::string(kPolicy) + "  badges: keep\n";
  const auto r = RunVeil(
      {"anonymise", "--policy", dir / "policy.yaml", "--in-place", pg.Uri("staging_fail")}, kEnv);
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("badges_person_id_fkey"), std::string::npos) << r.err;
  EXPECT_EQ(Fingerprint("staging_fail"), before);
  EXPECT_EQ(pg.Query("staging_fail", "SELECT to_regnamespace('veil') IS NULL"), (Rows{{"t"}}));
}

TEST(AnonymiseInPlaceTest, UnmentionedTableStopsTheRunBeforeAnyChange) {
  auto& pg = SharedPostgres();
  MakeDatabase("staging_cover");
  pg.Execute("staging_cover", "CREATE TABLE extra (x int); INSERT INTO extra VALUES (1)");
  const std::string before = Fingerprint("staging_cover");
  ScratchDir dir;
  std::ofstream(dir / "policy.yaml") << kPolicy;
  const auto r = RunVeil(
      {"anonymise", "--policy", dir / "policy.yaml", "--in-place", pg.Uri("staging_cover")}, kEnv);
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("extra"), std::string::npos) << r.err;
  EXPECT_EQ(Fingerprint("staging_cover"), before);
}

TEST(AnonymiseInPlaceTest, PartitionedAndInheritedTablesKeepEveryRow) {
  auto& pg = SharedPostgres();
  pg.CreateDatabase("staging_parts");
  pg.Execute("staging_parts", R"(
    CREATE TABLE readings (id int, taken date NOT NULL, reader text) PARTITION BY RANGE (taken);
    CREATE TABLE readings_2020 PARTITION OF readings FOR VALUES FROM ('2020-01-01') TO ('2021-01-01');
    CREATE TABLE readings_2021 PARTITION OF readings FOR VALUES FROM ('2021-01-01') TO ('2022-01-01');
    CREATE INDEX readings_taken ON readings (taken);
    INSERT INTO readings SELECT g, date '2020-01-01' + g, 'reader ' || g FROM generate_series(0, 700) g;
    CREATE TABLE base (id int, name text);
    CREATE TABLE derived (extra int) INHERITS (base);
    INSERT INTO base VALUES (1, 'Base One'), (2, 'Base Two');
    INSERT INTO derived VALUES (3, 'Derived Three', 30);
  )");
  ScratchDir dir;
  std::ofstream(dir / "policy.yaml") << R"(version: 1
in_place: {allow: ['staging_*']}
tables:
  readings:
    columns: {id: keep, taken: keep, reader: {fake: full_name}}
  base:
    columns: {id: keep, name: {fake: full_name}}
  derived:
    columns: {id: keep, name: {fake: full_name}, extra: keep}
)";
  const auto r = RunVeil(
      {"anonymise", "--policy", dir / "policy.yaml", "--in-place", pg.Uri("staging_parts")}, kEnv);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto q = [&](const std::string& sql) { return pg.Query("staging_parts", sql); };
  EXPECT_EQ(q("SELECT count(*), count(*) FILTER (WHERE reader LIKE 'reader%') FROM readings"),
            (Rows{{"701", "0"}}));
  EXPECT_EQ(q("SELECT count(*) FROM readings_2021"), (Rows{{"335"}}));
  EXPECT_EQ(q("SELECT count(*) FROM ONLY base"), (Rows{{"2"}}));
  EXPECT_EQ(q("SELECT id, extra FROM derived"), (Rows{{"3", "30"}}));
  EXPECT_EQ(q("SELECT count(*) FROM base WHERE name LIKE '%One' OR name LIKE '%Three'"),
            (Rows{{"0"}}));
  EXPECT_EQ(q("SELECT count(*) FROM pg_indexes WHERE indexname LIKE 'readings%taken%'"),
            (Rows{{"3"}}));
}

TEST(AnonymiseInPlaceTest, FakeLongerThanTheColumnIsAnErrorNotATruncation) {
  auto& pg = SharedPostgres();
  pg.CreateDatabase("staging_short");
  pg.Execute("staging_short",
             "CREATE TABLE people (id int, nick varchar(6)); "
             "INSERT INTO people SELECT g, 'Ann' || g FROM generate_series(1, 50) g");
  const std::string before = Fingerprint("staging_short");
  ScratchDir dir;
  std::ofstream(dir / "policy.yaml") << R"(version: 1
in_place: {allow: ['staging_*']}
tables:
  people:
    columns: {id: keep, nick: {fake: full_name}}
)";
  const auto r = RunVeil(
      {"anonymise", "--policy", dir / "policy.yaml", "--in-place", pg.Uri("staging_short")}, kEnv);
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("nick"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("row "), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("Ann"), std::string::npos) << r.err;
  EXPECT_EQ(Fingerprint("staging_short"), before);
}

// Waits until one of veil's backends runs a statement starting with `prefix`.
bool WaitForStatement(const std::string& app, const std::string& prefix, pid_t child) {
  auto& pg = SharedPostgres();
  for (int i = 0; i < 3000; ++i) {
    const Rows rows =
        pg.Query("postgres", "SELECT count(*) FROM pg_stat_activity WHERE application_name = '" +
                                 app + "' AND state = 'active' AND query LIKE '" + prefix + "%'");
    if (!rows.empty() && rows[0][0] != "0") return true;
    if (waitpid(child, nullptr, WNOHANG) == child) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return false;
}

void KillMidRun(const std::string& db, const std::string& statement_prefix) {
  auto& pg = SharedPostgres();
  MakeDatabase(db, 100000);
  const std::string before = Fingerprint(db);
  ScratchDir dir;
  std::ofstream(dir / "policy.yaml") << kPolicy;
  const std::string app = "veil_kill_" + db;
  const std::string uri = pg.Uri(db) + "?application_name=" + app;
  const std::string policy = (dir / "policy.yaml").string();
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    setenv("VEIL_SECRET", kEnv.at("VEIL_SECRET").c_str(), 1);
    execl(VEIL_BINARY, VEIL_BINARY, "anonymise", "-q", "--policy", policy.c_str(), "--in-place",
          uri.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  const bool seen = WaitForStatement(app, statement_prefix, child);
  kill(child, SIGKILL);
  int status = 0;
  waitpid(child, &status, 0);
  ASSERT_TRUE(seen) << "never saw veil run " << statement_prefix;
  ASSERT_TRUE(WIFSIGNALED(status)) << "the run finished before it could be killed";
  // The server notices the lost client and rolls back; wait for its backends to go.
  for (int i = 0; i < 1500; ++i) {
    if (pg.Query("postgres", "SELECT count(*) FROM pg_stat_activity WHERE application_name = '" +
                                 app + "'")[0][0] == "0") {
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_EQ(Fingerprint(db), before);
  EXPECT_EQ(pg.Query(db, "SELECT to_regnamespace('veil') IS NULL"), (Rows{{"t"}}));
}

TEST(AnonymiseInPlaceTest, KillDuringStagingLeavesEveryTableByteIdentical) {
  KillMidRun("staging_kill_copy", "COPY");
}

TEST(AnonymiseInPlaceTest, KillDuringRewriteLeavesEveryTableByteIdentical) {
  KillMidRun("staging_kill_rewrite", "INSERT INTO");
}

}  // namespace
}  // namespace veil::e2e
