// End-to-end: schema text is data too (SQLite). A column DEFAULT that holds an original
// value is left out of the copy, and the summary says so; `veil verify` searches the
// copy's defaults for originals like any cell.
#include <sqlite3.h>

#include <nlohmann/json.hpp>

#include "e2e/e2e_support.h"

namespace veil::e2e {
namespace {

using Json = nlohmann::json;

const std::map<std::string, std::string> kEnv = {{"VEIL_SECRET", "schema-text-secret-0123456789"}};

constexpr const char* kPolicy = R"(version: 1
secret: {env: VEIL_SECRET}
entities:
  child:
    pseudonym: {alphabet: digits, length: 9}
tables:
  children:
    keys: {child: child_id}
    columns:
      child_id: {pseudonymise: child}
      first_name: {fake: first_name}
      last_name: {fake: last_name}
      status: keep
)";

// Runs `sql` on the SQLite file at `path`; returns "" or SQLite's error.
std::string Exec(const fs::path& path, const std::string& sql) {
  sqlite3* db = nullptr;
  std::string error;
  if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) error = "cannot open";
  char* message = nullptr;
  if (error.empty() && sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    error = message ? message : "error";
  }
  sqlite3_free(message);
  sqlite3_close(db);
  return error;
}

// The CREATE statement of `table` in the SQLite file at `path`.
std::string CreateStatement(const fs::path& path, const std::string& table) {
  sqlite3* db = nullptr;
  std::string sql;
  sqlite3_open(path.c_str(), &db);
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(db, "SELECT sql FROM sqlite_schema WHERE name = ?1", -1, &stmt, nullptr);
  sqlite3_bind_text(stmt, 1, table.c_str(), -1, SQLITE_TRANSIENT);
  if (sqlite3_step(stmt) == SQLITE_ROW)
    sql = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return sql;
}

class SchemaTextSqliteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::ofstream(dir_ / "policy.yaml") << kPolicy;
    // first_name's default is a child's name; status's is not anybody's.
    ASSERT_EQ(Exec(dir_ / "in.db", R"(
      CREATE TABLE children (child_id TEXT PRIMARY KEY,
                             first_name TEXT NOT NULL DEFAULT 'Amelia',
                             last_name TEXT DEFAULT ('Zoë-Fenwick'),
                             status TEXT DEFAULT 'open');
      INSERT INTO children VALUES ('C1001', 'Amelia', 'Hartley', 'open'),
                                  ('C1002', 'Oscar', 'ZOE-FENWICK', 'closed'),
                                  ('C1003', 'Isla', 'Pemberton', 'open');)"),
              "");
  }

  RunResult Run(const std::vector<std::string>& args) { return RunVeil(args, kEnv); }

  ScratchDir dir_;
};

TEST_F(SchemaTextSqliteTest, ADefaultHoldingAnOriginalIsLeftOutAndNamed) {
  const auto r = Run({"anonymise", "--policy", dir_ / "policy.yaml", dir_ / "in.db",
                      dir_ / "out.db", "--report", dir_ / "run.json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("removed the default of column first_name of table children: it held "
                       "an original value"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("removed the default of column last_name of table children"),
            std::string::npos)
      << r.out;
  EXPECT_EQ(r.out.find("column status"), std::string::npos) << r.out;
  const std::string created = CreateStatement(dir_ / "out.db", "children");
  EXPECT_EQ(created.find("Amelia"), std::string::npos) << created;
  EXPECT_EQ(created.find("Fenwick"), std::string::npos) << created;
  EXPECT_NE(created.find("DEFAULT ('open')"), std::string::npos) << created;
  EXPECT_NE(created.find("NOT NULL"), std::string::npos) << created;
  // The copy is still a sound database: the statement SQLite re-reads works.
  fs::copy_file(dir_ / "out.db", dir_ / "scratch.db");
  EXPECT_EQ(Exec(dir_ / "scratch.db",
                 "PRAGMA integrity_check; INSERT INTO children (child_id, "
                 "first_name) VALUES ('x', 'y');"),
            "");
  const Json report = Json::parse(ReadFile(dir_ / "run.json"));
  EXPECT_EQ(report["schema_text_removed"],
            Json::array({"the default of column first_name of table children: it held an "
                         "original value",
                         "the default of column last_name of table children: it held an "
                         "original value"}));
  // And it verifies.
  const auto verified =
      Run({"verify", "--policy", dir_ / "policy.yaml", dir_ / "in.db", dir_ / "out.db"});
  EXPECT_EQ(verified.exit_code, 0) << verified.out << verified.err;
}

TEST_F(SchemaTextSqliteTest, VerifyFindsAnOriginalInTheCopysDefaults) {
  ASSERT_EQ(Run({"anonymise", "--policy", dir_ / "policy.yaml", dir_ / "in.db", dir_ / "out.db"})
                .exit_code,
            0);
  // Plant a surname in the default of a kept column, leaving every cell as it is.
  ASSERT_EQ(Exec(dir_ / "out.db",
                 "PRAGMA writable_schema = ON; UPDATE sqlite_schema SET sql = replace(sql, "
                 "'''open''', '''see PEMBERTON file''') WHERE name = 'children'; "
                 "PRAGMA schema_version = 99; PRAGMA writable_schema = OFF;"),
            "");
  ASSERT_NE(CreateStatement(dir_ / "out.db", "children").find("PEMBERTON"), std::string::npos);
  const auto r = Run({"verify", "--policy", dir_ / "policy.yaml", dir_ / "in.db", dir_ / "out.db",
                      "--format", "json"});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  const Json report = Json::parse(r.out, nullptr, false);
  ASSERT_FALSE(report.is_discarded()) << r.out;
  bool found = false;
  for (const auto& f : report["findings"]) {
    if (f["check"] != "leak") continue;
    EXPECT_EQ(f["table"], "children");
    EXPECT_EQ(f["column"], "status");
    EXPECT_NE(f["detail"].get<std::string>().find(
                  "the default of column status of table children holds an original value of "
                  "children.last_name"),
              std::string::npos)
        << f["detail"];
    found = true;
  }
  EXPECT_TRUE(found) << report.dump(2);
  EXPECT_EQ(r.out.find("emberton"), std::string::npos);  // never the value
}

}  // namespace
}  // namespace veil::e2e
