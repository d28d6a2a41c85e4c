// End-to-end: the in-place guard judges the server and database libpq actually reached
// (service files, PG* variables, URI parameters, hostaddr), on a real PostgreSQL 15
// server started by the test harness. Every refusal must leave the database unchanged
// and veil's sessions must not have sent a single write statement.
#include <libpq-fe.h>

#include <algorithm>
#include <cctype>
#include <memory>

#include "e2e/e2e_support.h"
#include "support/postgres_server.h"

namespace veil::e2e {
namespace {

using veil::testing::SharedPostgres;
using Rows = std::vector<std::vector<std::string>>;

// The advisory lock key veil holds while it scrubs a database (docs/policy.md).
constexpr const char* kVeilLockKey = "1986357612";

std::string PolicyAllowing(const std::string& allow, const std::string& more = "") {
  return "version: 1\nsecret: {env: VEIL_SECRET}\nin_place:\n  allow: [" + allow + "]\n" + more +
         "tables:\n  people:\n    columns: {id: keep, name: {fake: first_name}}\n";
}

void MakePeople(const std::string& db) {
  auto& pg = SharedPostgres();
  ASSERT_TRUE(pg.ok()) << pg.error();
  pg.CreateDatabase(db);
  pg.Execute(db,
             "CREATE TABLE people (id int PRIMARY KEY, name text); "
             "INSERT INTO people SELECT g, 'Name' || g FROM generate_series(1, 20) g");
}

std::string PeopleRows(const std::string& db) {
  return SharedPostgres().Query(db,
                                "SELECT string_agg(id || ':' || name, ',' ORDER BY id) FROM "
                                "people")[0][0];
}

bool Scrubbed(const std::string& db) {
  return SharedPostgres().Query(db, "SELECT count(*) FROM people WHERE name LIKE 'Name%'")[0][0] ==
         "0";
}

std::string Upper(std::string text) {
  for (auto& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

// Every statement (split at ';') the server logged from application `app` after
// `offset`, simple and extended protocol alike.
std::vector<std::string> StatementsLoggedSince(size_t offset, const std::string& app) {
  const std::string log = SharedPostgres().ServerLog();
  std::vector<std::string> statements;
  std::istringstream lines(log.substr(std::min(offset, log.size())));
  for (std::string line; std::getline(lines, line);) {
    if (line.find(" app=" + app + " ") == std::string::npos) continue;
    size_t at = line.find("LOG:  statement: ");
    if (at != std::string::npos) {
      at += 17;
    } else if ((at = line.find("LOG:  execute ")) != std::string::npos) {
      at = line.find(": ", at + 14);
      if (at == std::string::npos) continue;
      at += 2;
    } else {
      continue;
    }
    std::istringstream parts(line.substr(at));
    for (std::string sql; std::getline(parts, sql, ';');) {
      sql.erase(0, sql.find_first_not_of(' '));
      if (!sql.empty()) statements.push_back(sql);
    }
  }
  return statements;
}

// The statements of `statements` that may write or lock: all but SELECT, SET and SHOW
// (so INSERT, UPDATE, DELETE, TRUNCATE, ALTER, DROP, CREATE, LOCK, COPY ... FROM, BEGIN...).
// A SELECT that takes a table lock (FOR UPDATE) counts as one too.
std::vector<std::string> WritingStatements(const std::vector<std::string>& statements) {
  std::vector<std::string> writing;
  for (const auto& sql : statements) {
    const std::string upper = Upper(sql);
    const bool read = upper.rfind("SELECT ", 0) == 0 || upper.rfind("SET ", 0) == 0 ||
                      upper.rfind("SHOW ", 0) == 0;
    if (!read || upper.find(" FOR UPDATE") != std::string::npos ||
        upper.find(" FOR SHARE") != std::string::npos) {
      writing.push_back(sql);
    }
  }
  return writing;
}

class InPlaceGuardE2eTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(pg_.ok()) << pg_.error();
    log_offset_ = pg_.ServerLog().size();
    std::ofstream(dir_ / "pg_service.conf")
        << "[victim]\nhost=127.0.0.1\nport=" << pg_.port()
        << "\nuser=veil\ndbname=prod_care\n\n[stage]\nhost=127.0.0.1\nport=" << pg_.port()
        << "\nuser=veil\ndbname=staging_svc\n";
  }

  RunResult Scrub(const std::string& policy, const std::string& uri,
                  std::map<std::string, std::string> env = {}) {
    std::ofstream(dir_ / "policy.yaml", std::ios::trunc) << policy;
    env["VEIL_SECRET"] = "guard-e2e-secret-0123456789";
    return RunVeil({"anonymise", "-q", "--policy", dir_ / "policy.yaml", "--in-place", uri}, env);
  }

  // Expects a refused run that changed nothing in `db` and wrote nothing anywhere.
  void ExpectRefused(const RunResult& r, const std::string& db, const std::string& before,
                     const std::string& message) {
    EXPECT_NE(r.exit_code, 0) << r.out;
    EXPECT_NE(r.err.find(message), std::string::npos) << r.err;
    EXPECT_EQ(PeopleRows(db), before);
    EXPECT_EQ(pg_.Query(db, "SELECT to_regnamespace('veil') IS NULL"), (Rows{{"t"}}));
    const std::vector<std::string> sent = StatementsLoggedSince(log_offset_, "veil");
    EXPECT_FALSE(sent.empty()) << "the log shows no statement of veil's: is the grep right?";
    EXPECT_EQ(WritingStatements(sent), std::vector<std::string>{});
  }

  std::string Port() const { return std::to_string(pg_.port()); }
  std::string ServiceFile() const { return (dir_ / "pg_service.conf").string(); }

  veil::testing::PostgresServer& pg_ = SharedPostgres();
  ScratchDir dir_;
  size_t log_offset_ = 0;
};

TEST_F(InPlaceGuardE2eTest, ServiceFromTheEnvironmentIsJudgedByTheDatabaseReached) {
  MakePeople("prod_care");
  const std::string before = PeopleRows("prod_care");
  const auto r = Scrub(
      PolicyAllowing("'staging_*'"), "postgresql://",
      {{"PGSERVICEFILE", ServiceFile()}, {"PGSERVICE", "victim"}, {"PGDATABASE", "staging_ok"}});
  ExpectRefused(r, "prod_care", before, "'prod_care'");
}

TEST_F(InPlaceGuardE2eTest, ServiceInTheUriIsJudgedByTheDatabaseReached) {
  MakePeople("prod_care");
  const std::string before = PeopleRows("prod_care");
  const auto r = Scrub(PolicyAllowing("'staging_*'"), "postgresql:///?service=victim",
                       {{"PGSERVICEFILE", ServiceFile()}, {"PGDATABASE", "staging_ok"}});
  ExpectRefused(r, "prod_care", before, "'prod_care'");
}

TEST_F(InPlaceGuardE2eTest, HostNameThatIsNotTheAddressReachedDoesNotMatch) {
  MakePeople("staging_care");
  const std::string before = PeopleRows("staging_care");
  const auto r =
      Scrub(PolicyAllowing("'staging-db.internal:*'"),
            "postgresql://veil@staging-db.internal:" + Port() + "/staging_care?hostaddr=127.0.0.1");
  ExpectRefused(r, "staging_care", before, "127.0.0.1");
  EXPECT_NE(r.err.find("staging-db.internal:*"), std::string::npos) << r.err;
}

TEST_F(InPlaceGuardE2eTest, HostNameFromTheEnvironmentThatIsNotTheAddressReachedDoesNotMatch) {
  MakePeople("staging_care");
  const std::string before = PeopleRows("staging_care");
  const auto r =
      Scrub(PolicyAllowing("'staging-db.internal:*'"), "postgresql://veil@/staging_care",
            {{"PGHOST", "staging-db.internal"}, {"PGHOSTADDR", "127.0.0.1"}, {"PGPORT", Port()}});
  ExpectRefused(r, "staging_care", before, "127.0.0.1");
}

TEST_F(InPlaceGuardE2eTest, OfSeveralHostsOnlyTheOneReachedIsJudged) {
  MakePeople("staging_multi");
  const std::string before = PeopleRows("staging_multi");
  // libpq tries the hosts in order: the first name does not resolve, 127.0.0.1 answers.
  const std::string uri =
      "postgresql://veil@staging-db.internal:" + Port() + ",127.0.0.1:" + Port() + "/staging_multi";
  auto r = Scrub(PolicyAllowing("'staging-db.internal:*'"), uri);
  ExpectRefused(r, "staging_multi", before, "127.0.0.1");
  r = Scrub(PolicyAllowing("'127.0.0.1:staging_*'"), uri);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(Scrubbed("staging_multi"));
}

TEST_F(InPlaceGuardE2eTest, AllowedAddressAndAllowedServiceStillScrub) {
  MakePeople("staging_addr");
  auto r = Scrub(PolicyAllowing("'127.0.0.1:staging_*'"), pg_.Uri("staging_addr"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(Scrubbed("staging_addr"));
  MakePeople("staging_svc");
  r = Scrub(PolicyAllowing("'staging_*'"), "postgresql://",
            {{"PGSERVICEFILE", ServiceFile()}, {"PGSERVICE", "stage"}});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(Scrubbed("staging_svc"));
}

TEST_F(InPlaceGuardE2eTest, UnixSocketIsReachedAsLocalhost) {
  MakePeople("staging_sock");
  const std::string before = PeopleRows("staging_sock");
  const std::string socket_dir = pg_.Query("postgres", "SHOW unix_socket_directories")[0][0];
  const std::string uri = "postgresql://veil@/staging_sock?host=" + socket_dir + "&port=" + Port();
  auto r = Scrub(PolicyAllowing("'127.0.0.1:staging_*'"), uri);
  ExpectRefused(r, "staging_sock", before, "localhost");
  r = Scrub(PolicyAllowing("'localhost:staging_*'"), uri);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(Scrubbed("staging_sock"));
}

TEST_F(InPlaceGuardE2eTest, ServerPinMustEqualTheSystemIdentifier) {
  MakePeople("staging_pin");
  const std::string before = PeopleRows("staging_pin");
  const std::string id =
      pg_.Query("postgres", "SELECT system_identifier FROM pg_control_system()")[0][0];
  auto r = Scrub(PolicyAllowing("'staging_*'", "  server: 1234567890123456789\n"),
                 pg_.Uri("staging_pin"));
  ExpectRefused(r, "staging_pin", before, "system identifier");
  r = Scrub(PolicyAllowing("'staging_*'", "  server: " + id + "\n"), pg_.Uri("staging_pin"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(Scrubbed("staging_pin"));
}

TEST_F(InPlaceGuardE2eTest, ServerPinIsRefusedWhenTheRoleMayNotReadTheIdentifier) {
  MakePeople("staging_pin_role");
  const std::string before = PeopleRows("staging_pin_role");
  const std::string id =
      pg_.Query("postgres", "SELECT system_identifier FROM pg_control_system()")[0][0];
  pg_.Execute("staging_pin_role",
              "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'veil_lesser') "
              "THEN CREATE ROLE veil_lesser LOGIN; END IF; END $$; "
              "REVOKE EXECUTE ON FUNCTION pg_control_system() FROM PUBLIC; "
              "GRANT SELECT ON people TO veil_lesser");
  const auto r = Scrub(PolicyAllowing("'staging_*'", "  server: " + id + "\n"),
                       "postgresql://veil_lesser@127.0.0.1:" + Port() + "/staging_pin_role");
  ExpectRefused(r, "staging_pin_role", before, "cannot read");
}

TEST_F(InPlaceGuardE2eTest, RequireMarkerWantsTheCommentOrTheTable) {
  const std::string marker = "  require_marker: true\n";
  MakePeople("staging_mark");
  const std::string before = PeopleRows("staging_mark");
  auto r = Scrub(PolicyAllowing("'staging_*'", marker), pg_.Uri("staging_mark"));
  ExpectRefused(r, "staging_mark", before, "veil: scrub allowed");
  pg_.Execute("staging_mark", "COMMENT ON DATABASE staging_mark IS 'veil: scrub allowed'");
  r = Scrub(PolicyAllowing("'staging_*'", marker), pg_.Uri("staging_mark"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(Scrubbed("staging_mark"));
  MakePeople("staging_mark_table");
  pg_.Execute("staging_mark_table", "CREATE SCHEMA veil; CREATE TABLE veil.scrub_allowed ()");
  r = Scrub(PolicyAllowing("'staging_*'", marker), pg_.Uri("staging_mark_table"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(Scrubbed("staging_mark_table"));
}

TEST_F(InPlaceGuardE2eTest, SecondRunOnTheSameDatabaseIsRefused) {
  MakePeople("staging_twice");
  const std::string before = PeopleRows("staging_twice");
  // Another veil run, as far as the server can tell: a session holding veil's lock.
  std::unique_ptr<PGconn, decltype(&PQfinish)> holder(
      PQconnectdb((pg_.Uri("staging_twice") + "?application_name=veil_test_holder").c_str()),
      &PQfinish);
  ASSERT_EQ(PQstatus(holder.get()), CONNECTION_OK) << PQerrorMessage(holder.get());
  const std::string lock = std::string("SELECT pg_advisory_lock(") + kVeilLockKey + ")";
  PQclear(PQexec(holder.get(), lock.c_str()));
  const auto r = Scrub(PolicyAllowing("'staging_*'"), pg_.Uri("staging_twice"));
  ExpectRefused(r, "staging_twice", before, "another veil run is scrubbing database");
  EXPECT_NE(r.err.find("staging_twice"), std::string::npos) << r.err;
  holder.reset();
  const auto again = Scrub(PolicyAllowing("'staging_*'"), pg_.Uri("staging_twice"));
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_TRUE(Scrubbed("staging_twice"));
}

}  // namespace
}  // namespace veil::e2e
