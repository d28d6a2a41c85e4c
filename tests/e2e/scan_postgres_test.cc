// End-to-end: `veil scan` on a PostgreSQL database, against a real PostgreSQL 15 server
// started by the test harness. It proves that the scan
// - classifies columns by their values, not their names (NHS numbers in `col7`, e-mails
//   in `ref`, postcodes in `c3`), follows declared primary and foreign keys to one entity
//   and shifts dates by it, and nulls bytea, empty and all-NULL columns;
// - prints no planted value (stdout, stderr, JSON, the policy draft);
// - only reads: it succeeds as a role with no right but CONNECT, USAGE and SELECT, the
//   server's write counters and relations are unchanged, and the server's statement log
//   holds nothing from its sessions but SET, BEGIN, SELECT, COPY ... TO STDOUT and the
//   like;
// - drafts a policy that `veil anonymise` (PostgreSQL to PostgreSQL) and `veil verify`
//   accept unchanged.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <sstream>
#include <thread>

#include "core/uk_identifiers.h"
#include "e2e/e2e_support.h"
#include "support/postgres_server.h"

namespace veil::e2e {
namespace {

using Json = nlohmann::json;
using veil::testing::SharedPostgres;

const std::map<std::string, std::string> kEnv = {{"VEIL_SECRET", "scan-pg-secret-0123456789"}};
constexpr const char* kApp = "veil_scan_pg";  // the scan's application_name
constexpr const char* kReader = "scan_reader";

const std::vector<std::string> kFirst = {"Olivia", "Amelia", "Isla", "Oliver", "George",
                                         "Harry",  "Freya",  "Lily", "Thomas", "Oscar"};
const std::vector<std::string> kLast = {"Smith", "Jones", "Taylor", "Brown", "Williams", "Wright"};
// Text that looks like COPY's escapes, SQL, markup or nothing at all: it must arrive intact.
const std::vector<std::string> kOdd = {"\\N",      "a\tb",      "back\\slash",  "  ", "'; --",
                                       "<b>x</b>", "caf\u00e9", "\u00ff\u20ac", "-",  "0x"};

std::string Postcode(std::mt19937& random) {
  const std::vector<std::string> outward = {"LS6", "M14", "B33", "CR2", "SW1A", "EC1V", "NE4"};
  const std::string inward = "ABDEFGHJLNPQRSTUWXYZ";
  std::string code = outward[random() % outward.size()] + " " +
                     static_cast<char>('1' + random() % 9) + inward[random() % inward.size()] +
                     inward[random() % inward.size()];
  EXPECT_TRUE(IsWellFormedUkPostcode(code)) << code;
  return code;
}

std::string Literal(const std::string& text) {
  std::string q = "E'";
  for (char c : text) {
    if (c == '\'' || c == '\\') q.push_back(c);
    q.push_back(c);
  }
  return q + "'";
}

// The statements the server logged for sessions named `app`, continuation lines joined.
std::vector<std::string> LoggedStatements(const std::string& log, const std::string& app) {
  std::vector<std::string> statements;
  std::istringstream in(log);
  bool inside = false;
  for (std::string line; std::getline(in, line);) {
    const bool prefixed = line.size() > 4 && line.compare(0, 2, "20") == 0 && line[4] == '-';
    if (!prefixed) {
      if (inside) statements.back() += "\n" + line;
      continue;
    }
    inside = false;
    if (line.find(" app=" + app + " ") == std::string::npos) continue;
    for (const std::string marker : {"LOG:  statement: ", "LOG:  execute "}) {
      const size_t at = line.find(marker);
      if (at == std::string::npos) continue;
      std::string sql = line.substr(at + marker.size());
      if (sql.rfind("<unnamed>: ", 0) == 0) sql.erase(0, 11);
      statements.push_back(sql);
      inside = true;
      break;
    }
  }
  return statements;
}

// Why `statement` (perhaps several, split at ';') is not a read, or "".
std::string WriteIn(const std::string& statement) {
  std::istringstream parts(statement);
  for (std::string part; std::getline(parts, part, ';');) {
    std::istringstream words(part);
    std::string verb;
    words >> verb;
    std::transform(verb.begin(), verb.end(), verb.begin(), ::toupper);
    std::string upper = part;
    std::transform(upper.begin(), upper.end(), upper.begin(), ::toupper);
    static const std::set<std::string> kReads = {"",       "SET",     "BEGIN",    "START", "SELECT",
                                                 "COMMIT", "END",     "ROLLBACK", "SHOW",  "COPY",
                                                 "WITH",   "DECLARE", "FETCH",    "CLOSE"};
    if (kReads.count(verb) == 0) return verb;
    if (verb == "COPY" && (upper.find(" TO STDOUT") == std::string::npos ||
                           upper.find(" FROM STDIN") != std::string::npos)) {
      return "COPY not TO STDOUT";
    }
    for (const std::string write : {"INSERT ", "UPDATE ", "DELETE ", "CREATE ", "DROP "}) {
      if (verb == "WITH" && upper.find(write) != std::string::npos) return "WITH " + write;
    }
  }
  return "";
}

class ScanPostgresTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto& pg = SharedPostgres();
    ASSERT_TRUE(pg.ok()) << pg.error();
    pg.CreateDatabase(db_);
    pg.Execute(db_, R"(
      CREATE TABLE person (pkey varchar(10) PRIMARY KEY, col7 text, ref text, c3 text,
                           born date, photo bytea, thumb bytea, prefs jsonb, blank text, odd text);
      CREATE TABLE episode (episode_id integer PRIMARY KEY,
                            who varchar(10) NOT NULL REFERENCES person(pkey),
                            started date, outcome text);
      CREATE TABLE nothing_yet (a text, b integer);
      CREATE TABLE loose (code text, amount numeric(8,2));
    )");
    std::mt19937 random(11);
    std::string sql;
    std::vector<std::string> keys;
    for (int i = 1; i <= 200; ++i) {
      const std::string key = fmt::format("PK{:08}", 10000000 + random() % 89999999);
      if (std::find(keys.begin(), keys.end(), key) != keys.end()) continue;
      keys.push_back(key);
      const std::string first = kFirst[random() % kFirst.size()];
      const std::string last = kLast[random() % kLast.size()];
      const std::string nhs = RandomNhsNumber(random);
      const std::string email = fmt::format("{}.{}{}@mailbox.co.uk", first, last, i);
      const std::string postcode = Postcode(random);
      const std::string born = fmt::format("20{:02}-{:02}-{:02}", 5 + random() % 15,
                                           1 + random() % 12, 1 + random() % 28);
      std::string photo;
      for (int b = 0; b < 24; ++b) photo += fmt::format("{:02x}", random() % 256);
      const std::string nickname = fmt::format("Zebedee{}q", 1000 + i);
      planted_.insert({key, nhs, email, postcode, born, photo, nickname});
      sql += fmt::format(
          "INSERT INTO person VALUES ({}, {}, {}, {}, {}, decode({}, 'hex'), {}, {}, NULL, {});\n",
          Literal(key), Literal(nhs), Literal(email), Literal(postcode), Literal(born),
          Literal(photo), fmt::format("'\\x{:06x}'::bytea", 0xa0b0c0 + i % 3),
          Literal(fmt::format(R"({{"nickname": "{}", "likes": ["football"], "age": {}}})", nickname,
                              i % 17)),
          Literal(kOdd[random() % kOdd.size()]));
    }
    for (int e = 1; e <= 400; ++e) {
      const std::string started =
          fmt::format("2023-{:02}-{:02}", 1 + random() % 12, 1 + random() % 28);
      planted_.insert(started);
      sql += fmt::format("INSERT INTO episode VALUES ({}, {}, {}, {});\n", e,
                         Literal(keys[random() % keys.size()]), Literal(started),
                         Literal(random() % 2 ? "open" : "closed"));
    }
    for (int l = 0; l < 50; ++l) {
      sql += fmt::format("INSERT INTO loose VALUES ({}, {}.{:02});\n",
                         Literal(std::string(1, static_cast<char>('A' + l % 4))), l, l);
    }
    pg.Execute(db_, sql + "ANALYZE;");
    // A role that may read and nothing else: no CREATE on the schema, no TEMP.
    pg.Execute("postgres", fmt::format("DROP ROLE IF EXISTS {0}; CREATE ROLE {0} LOGIN", kReader));
    pg.Execute(db_, fmt::format(R"(
      REVOKE ALL ON DATABASE {0} FROM PUBLIC; GRANT CONNECT ON DATABASE {0} TO {1};
      REVOKE ALL ON SCHEMA public FROM PUBLIC; GRANT USAGE ON SCHEMA public TO {1};
      GRANT SELECT ON ALL TABLES IN SCHEMA public TO {1};)",
                                db_, kReader));
  }

  void TearDown() override {
    auto& pg = SharedPostgres();
    pg.Execute("postgres", fmt::format("DROP DATABASE IF EXISTS {} WITH (FORCE)", db_));
    pg.Execute("postgres", fmt::format("DROP ROLE IF EXISTS {}", kReader));
  }

  // The source as the read-only role, its sessions named kApp.
  std::string ReaderUri() const {
    std::string uri = SharedPostgres().Uri(db_) + "?application_name=" + kApp;
    uri.replace(uri.find("veil@"), 5, std::string(kReader) + "@");
    return uri;
  }

  static Json ColumnOf(const Json& report, const std::string& table, const std::string& column) {
    for (const auto& t : report["tables"]) {
      if (t["table"] != table) continue;
      for (const auto& c : t["columns"]) {
        if (c["column"] == column) return c;
      }
    }
    ADD_FAILURE() << "no finding for " << table << "." << column;
    return Json::object();
  }

  // What the server says about writes and relations in the source database, once no
  // session of the scan is left (a session's counters reach the server as it ends).
  std::vector<std::vector<std::string>> WriteCounters() const {
    auto& pg = SharedPostgres();
    for (int i = 0; i < 100; ++i) {
      const auto open = pg.Query(
          "postgres",
          fmt::format("SELECT count(*) FROM pg_stat_activity WHERE application_name = '{}'", kApp));
      if (!open.empty() && open[0][0] == "0") break;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return pg.Query(db_,
                    "SELECT (SELECT count(*) FROM pg_class), (SELECT max(oid::text::bigint) FROM "
                    "pg_class), relname, n_tup_ins, n_tup_upd, n_tup_del, n_tup_hot_upd "
                    "FROM pg_stat_user_tables ORDER BY relname");
  }

  std::string db_ = "scan_pg_src";
  std::set<std::string> planted_;
};

TEST_F(ScanPostgresTest, ClassifiesColumnsByTheirValuesAndKeysByTheirConstraints) {
  const auto run = RunVeil({"scan", ReaderUri(), "--format", "json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const Json report = Json::parse(run.out);
  const auto rule = [&](const std::string& table, const std::string& column) {
    return ColumnOf(report, table, column)["rule"].get<std::string>();
  };
  const auto role = [&](const std::string& table, const std::string& column) {
    return ColumnOf(report, table, column)["role"].get<std::string>();
  };
  EXPECT_EQ(rule("person", "col7"), "{fake: nhs_number}");
  EXPECT_EQ(role("person", "col7"), "direct_identifier");
  EXPECT_EQ(rule("person", "ref"), "{fake: email}");
  EXPECT_EQ(role("person", "ref"), "direct_identifier");
  EXPECT_EQ(rule("person", "c3"), "{fake: postcode}");
  EXPECT_EQ(role("person", "c3"), "direct_identifier");

  // The varchar(10) key and the differently named column referencing it: one entity.
  const std::string person = ColumnOf(report, "person", "pkey")["entity"];
  ASSERT_FALSE(person.empty());
  EXPECT_EQ(ColumnOf(report, "episode", "who")["entity"], person);
  EXPECT_EQ(rule("person", "pkey"), "{pseudonymise: " + person + "}");
  EXPECT_EQ(rule("episode", "who"), "{pseudonymise: " + person + "}");
  EXPECT_EQ(role("person", "pkey"), "identifier");
  EXPECT_EQ(role("episode", "who"), "identifier");
  const std::string episode = ColumnOf(report, "episode", "episode_id")["entity"];
  EXPECT_NE(episode, person);
  EXPECT_EQ(rule("episode", "episode_id"), "{pseudonymise: " + episode + "}");
  bool drafted = false;
  for (const auto& e : report["entities"]) {
    // The pseudonym fits the varchar(10) it replaces.
    if (e["name"] == person) drafted = e["length"].get<int>() <= 10;
  }
  EXPECT_TRUE(drafted) << report["entities"].dump();

  // Dates move with the person, in the person's table and in the child table.
  EXPECT_EQ(rule("person", "born"), "{date_shift: " + person + "}");
  EXPECT_EQ(rule("episode", "started"), "{date_shift: " + person + "}");
  EXPECT_EQ(role("person", "born"), "quasi_identifier");

  EXPECT_EQ(ColumnOf(report, "person", "photo")["declared_type"], "bytea");
  EXPECT_EQ(rule("person", "photo"), "null");
  // A few distinct small images are still images.
  EXPECT_EQ(rule("person", "thumb"), "null");
  EXPECT_EQ(role("person", "thumb"), "free_text");
  EXPECT_EQ(rule("person", "blank"), "null");
  EXPECT_EQ(rule("nothing_yet", "a"), "null");
  EXPECT_EQ(rule("nothing_yet", "b"), "null");
  // How JSON is scanned is changing; a jsonb column must simply never be kept.
  EXPECT_EQ(role("person", "prefs"), "free_text");
  EXPECT_NE(rule("person", "prefs"), "keep");
  EXPECT_EQ(rule("person", "odd"), "keep");
  EXPECT_EQ(rule("episode", "outcome"), "keep");
  EXPECT_EQ(rule("loose", "code"), "keep");
  EXPECT_EQ(rule("loose", "amount"), "keep");
  for (const auto& t : report["tables"]) {
    if (t["table"] == "person") {
      EXPECT_EQ(t["rows_sampled"], 200) << t.dump();
    } else if (t["table"] == "episode") {
      EXPECT_EQ(t["rows_sampled"], 400) << t.dump();
    }
  }
}

TEST_F(ScanPostgresTest, NothingItPrintsOrDraftsHoldsAPlantedValue) {
  ScratchDir dir;
  const fs::path draft = dir / "draft.yaml";
  const auto text = RunVeil({"scan", ReaderUri(), "--policy-out", draft.string()});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  const auto json = RunVeil({"scan", ReaderUri(), "--format", "json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  const std::string written = ReadFile(draft);
  ASSERT_NE(written.find("col7: {fake: nhs_number}"), std::string::npos) << written;
  ASSERT_GT(planted_.size(), 1000u);
  for (const std::string& value : planted_) {
    for (const auto& [what, output] :
         std::map<std::string, const std::string*>{{"text report", &text.out},
                                                   {"text stderr", &text.err},
                                                   {"json report", &json.out},
                                                   {"json stderr", &json.err},
                                                   {"draft", &written}}) {
      EXPECT_EQ(output->find(value), std::string::npos) << value << " in the " << what;
    }
  }
}

TEST_F(ScanPostgresTest, OnlyReadsAsTheServerSeesIt) {
  auto& pg = SharedPostgres();
  // The role really cannot write: no table right beyond SELECT, no CREATE, no TEMP.
  EXPECT_EQ(pg.Query(db_, fmt::format(R"(
      SELECT bool_or(has_table_privilege('{0}', c.oid,
                         'INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER')),
             bool_and(has_table_privilege('{0}', c.oid, 'SELECT')),
             has_schema_privilege('{0}', 'public', 'CREATE'),
             has_database_privilege('{0}', current_database(), 'CREATE, TEMP')
      FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r')",
                                      kReader)),
            (std::vector<std::vector<std::string>>{{"f", "t", "f", "f"}}));
  const auto before = WriteCounters();
  ASSERT_EQ(before.size(), 4u);
  const size_t log_start = pg.ServerLog().size();
  ScratchDir dir;
  const auto run = RunVeil({"scan", ReaderUri(), "--format", "json", "--policy-out",
                            (dir / "draft.yaml").string(), "--jobs", "2"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(WriteCounters(), before);

  const std::string log = pg.ServerLog().substr(log_start);
  EXPECT_EQ(log.find(std::string(" app=") + kApp + " ERROR:"), std::string::npos) << log;
  const auto statements = LoggedStatements(log, kApp);
  size_t copies = 0;
  for (const std::string& sql : statements) {
    EXPECT_EQ(WriteIn(sql), "") << sql;
    copies += sql.rfind("COPY ", 0) == 0;
  }
  // Not vacuous: the log holds the scan's sessions, one COPY per table.
  EXPECT_EQ(copies, 4u) << log;
  EXPECT_EQ(WriteIn("SET a = 1; DELETE FROM person"), "DELETE");
  EXPECT_EQ(WriteIn("COPY person FROM STDIN"), "COPY not TO STDOUT");
}

TEST_F(ScanPostgresTest, TheDraftDrivesAnonymiseAndVerifyUnchanged) {
  auto& pg = SharedPostgres();
  ScratchDir dir;
  const fs::path draft = dir / "draft.yaml";
  const auto scan = RunVeil({"scan", ReaderUri(), "--policy-out", draft.string()});
  ASSERT_EQ(scan.exit_code, 0) << scan.err;
  const std::string policy = ReadFile(draft);
  pg.Execute("postgres", "DROP DATABASE IF EXISTS scan_pg_copy WITH (FORCE)");
  const auto anonymise = RunVeil(
      {"anonymise", "-q", "--policy", draft.string(), pg.Uri(db_), pg.Uri("scan_pg_copy")}, kEnv);
  ASSERT_EQ(anonymise.exit_code, 0) << anonymise.err << "\n" << policy;
  const auto verify = RunVeil({"verify", "--policy", draft.string(), pg.Uri(db_),
                               pg.Uri("scan_pg_copy"), "--format", "json"},
                              kEnv);
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err << "\n" << policy;
  const Json report = Json::parse(verify.out, nullptr, false);
  ASSERT_FALSE(report.is_discarded()) << verify.out;
  EXPECT_EQ(report["tables"]["episode"]["rows_after"], 400) << verify.out;
  // The copy is anonymised: no NHS number, e-mail or key of the source survives, and
  // every episode still joins its person.
  const std::string values =
      "SELECT pkey FROM person UNION ALL SELECT col7 FROM person "
      "UNION ALL SELECT ref FROM person";
  const auto source = pg.Query(db_, values);
  const auto copy = pg.Query("scan_pg_copy", values);
  ASSERT_EQ(copy.size(), source.size());
  const std::set<std::vector<std::string>> originals(source.begin(), source.end());
  for (const auto& cell : copy) EXPECT_EQ(originals.count(cell), 0u) << cell[0];
  // Kept text that looks like COPY's escapes arrives as it was.
  const std::string odd = "SELECT odd, count(*) FROM person GROUP BY odd ORDER BY odd";
  EXPECT_EQ(pg.Query("scan_pg_copy", odd), pg.Query(db_, odd));
  EXPECT_EQ(
      pg.Query("scan_pg_copy", "SELECT count(*) FROM episode e JOIN person p ON p.pkey = e.who"),
      (std::vector<std::vector<std::string>>{{"400"}}));
  pg.Execute("postgres", "DROP DATABASE IF EXISTS scan_pg_copy WITH (FORCE)");
}

}  // namespace
}  // namespace veil::e2e
