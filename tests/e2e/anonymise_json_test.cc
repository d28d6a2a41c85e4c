// End-to-end: the `json` rule on a SQLite text column holding JSON documents.
#include <sqlite3.h>

#include "e2e/e2e_support.h"

namespace veil::e2e {
namespace {

// Every row of a query as text, NULL as "<null>".
std::vector<Row> Query(const fs::path& path, const std::string& sql) {
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  std::vector<Row> rows;
  sqlite3_stmt* stmt = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr), SQLITE_OK) << sql;
  while (stmt && sqlite3_step(stmt) == SQLITE_ROW) {
    Row row;
    for (int i = 0; i < sqlite3_column_count(stmt); ++i) {
      const auto* text = sqlite3_column_text(stmt, i);
      row.push_back(text ? reinterpret_cast<const char*>(text) : "<null>");
    }
    rows.push_back(row);
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return rows;
}

void MakeSource(const fs::path& path, const std::string& second_details) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  ASSERT_EQ(
      sqlite3_exec(db, "CREATE TABLE child (child_id TEXT PRIMARY KEY, dob TEXT, details JSON)",
                   nullptr, nullptr, nullptr),
      SQLITE_OK);
  ASSERT_EQ(sqlite3_prepare_v2(db, "INSERT INTO child VALUES (?, ?, ?)", -1, &stmt, nullptr),
            SQLITE_OK);
  const std::vector<std::array<const char*, 3>> rows = {
      {"C1", "2012-05-01",
       R"({"child_details": {"first_name": "Chidi", "child_id": "C1", "dob": "2012-05-01"},
           "contacts": [{"rel": "mother", "phone": "07123 456789"},
                        {"rel": "father", "phone": "07987 654321"}],
           "notes": "Chidi was seen at home", "secret_field": "abc", "flag": true})"},
      {"C2", "2015-07-09", second_details.c_str()},
      {"C3", "2011-01-31", nullptr},
      {"C4", "2011-01-31", R"({ "other": "kept as it is" })"}};
  for (const auto& row : rows) {
    for (int i = 0; i < 3; ++i) sqlite3_bind_text(stmt, i + 1, row[i], -1, SQLITE_STATIC);
    ASSERT_EQ(sqlite3_step(stmt), SQLITE_DONE);
    sqlite3_reset(stmt);
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
}

const char* kPolicy = R"(version: 1
secret: {env: VEIL_SECRET}
entities:
  child:
    pseudonym: {alphabet: digits, length: 9}
    date_shift: {min_days: -30, max_days: 30}
tables:
  child:
    keys: {child: child_id}
    columns:
      child_id: {pseudonymise: child}
      dob: {date_shift: child}
      details:
        json:
          '$.child_details.first_name': {fake: first_name}
          '$.child_details.child_id': {pseudonymise: child}
          '$.child_details.dob': {date_shift: child}
          '$.contacts[*].phone': {fake: mobile}
          '$.notes': 'null'
          '$.secret_field': drop
          '$.flag': keep
)";

const std::map<std::string, std::string> kEnv = {{"VEIL_SECRET", "json-e2e-secret-0123456789"}};

RunResult Anonymise(const ScratchDir& dir) {
  std::ofstream(dir / "policy.yaml") << kPolicy;
  return RunVeil(
      {"anonymise", "-q", "--policy", dir / "policy.yaml", dir / "src.db", dir / "out.sqlite"},
      kEnv);
}

TEST(AnonymiseJsonTest, NestedFieldsFollowThePolicyAndJoinTheirColumns) {
  ScratchDir dir;
  MakeSource(dir / "src.db",
             R"({"child_details": {"first_name": "Zoë", "child_id": "C2", "dob": "2015-07-09"},
                 "contacts": [], "flag": false})");
  const auto r = Anonymise(dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const fs::path out = dir / "out.sqlite";
  const auto rows = Query(out,
                          "SELECT child_id, dob, json_extract(details, '$.child_details.child_id'),"
                          " json_extract(details, '$.child_details.dob'),"
                          " json_extract(details, '$.child_details.first_name'),"
                          " json_type(details, '$.notes'), json_type(details, '$.secret_field'),"
                          " json_extract(details, '$.flag'), details"
                          " FROM child ORDER BY rowid");
  ASSERT_EQ(rows.size(), 4u);
  for (size_t i : {0, 1}) {
    EXPECT_EQ(rows[i][0].size(), 9u);
    EXPECT_EQ(rows[i][2], rows[i][0]) << "nested id joins its pseudonymised column";
    EXPECT_EQ(rows[i][3], rows[i][1]) << "nested date moved by the child's own offset";
    EXPECT_NE(rows[i][4], "<null>");
  }
  EXPECT_EQ(rows[0][5], "null");
  EXPECT_EQ(rows[0][6], "<null>");
  EXPECT_EQ(rows[0][7], "1");
  EXPECT_EQ(rows[1][7], "0");
  EXPECT_EQ(rows[2][8], "<null>");
  EXPECT_EQ(rows[3][8], R"({ "other": "kept as it is" })");
  EXPECT_EQ(Query(out,
                  "SELECT json_extract(value, '$.rel') || ' ' || substr(json_extract(value, "
                  "'$.phone'), 1, 9) FROM child, json_each(child.details, '$.contacts')"),
            (std::vector<Row>{{"mother 07700 900"}, {"father 07700 900"}}));
  const std::string all = ReadFile(out);
  for (const char* original : {"Chidi", "Zoë", "07123 456789", "07987 654321"}) {
    EXPECT_EQ(all.find(original), std::string::npos) << "an original value survived";
  }
}

TEST(AnonymiseJsonTest, InvalidDocumentStopsTheRunNamingRowAndColumnOnly) {
  ScratchDir dir;
  MakeSource(dir / "src.db", R"({"child_details": {"first_name": "Private Name")");
  const auto r = Anonymise(dir);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("row 2"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("details"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("not valid JSON"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("Private"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir / "out.sqlite"));
}

}  // namespace
}  // namespace veil::e2e
