#include "io/sqlite/source.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <bit>
#include <charconv>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace veil {
namespace {

namespace fs = std::filesystem;

// Every feature the connector must carry: rowid alias, composite key, cascading foreign
// keys, UNIQUE constraints, explicit indexes, NOT NULL + DEFAULT, WITHOUT ROWID, blobs,
// reals, quoted names with spaces, capitals and quotes, NULLs, AUTOINCREMENT.
constexpr const char* kFixtureSql = R"sql(
CREATE TABLE people (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL DEFAULT 'unknown',
  email TEXT UNIQUE,
  score REAL,
  photo BLOB,
  misc,
  created TEXT DEFAULT CURRENT_TIMESTAMP
);
CREATE TABLE visits (
  person_id INTEGER NOT NULL,
  visit_no INTEGER NOT NULL DEFAULT (1 + 0),
  note TEXT,
  PRIMARY KEY (visit_no, person_id),
  FOREIGN KEY (person_id) REFERENCES people (id) ON DELETE CASCADE
);
CREATE INDEX visits_by_note ON visits (note);
CREATE TABLE "Case Notes" (
  "Note ID" INTEGER PRIMARY KEY,
  "Written By" TEXT NOT NULL,
  "say ""hi""" TEXT,
  person_id INTEGER REFERENCES people (id) ON UPDATE CASCADE
);
CREATE INDEX "Case Notes by ""author""" ON "Case Notes" ("Written By" DESC, person_id);
CREATE TABLE codes (code TEXT PRIMARY KEY, label TEXT, UNIQUE (label, code)) WITHOUT ROWID;
CREATE TABLE log (id INTEGER PRIMARY KEY AUTOINCREMENT, message TEXT);
INSERT INTO people VALUES (3, 'Cara', 'c@example.org', 1e300, X'00FF10', 42, '2020-01-01');
INSERT INTO people VALUES (1, 'Ann', 'a@example.org', 0.1, X'', 'text', NULL);
INSERT INTO people VALUES (2, 'Bob', NULL, NULL, NULL, 2.5, NULL);
INSERT INTO people (id, email, misc) VALUES (40, 'd@example.org', X'CAFE');
INSERT INTO people VALUES (50, '', 'e@example.org', -2.5, NULL, 9223372036854775807, '');
INSERT INTO people VALUES (60, 'F', 'f@example.org', 5e-324, NULL, -9223372036854775808, NULL);
INSERT INTO visits VALUES (1, 1, 'first'), (1, 2, NULL), (3, 1, 'only');
INSERT INTO "Case Notes" VALUES (10, 'Dr "Who"', 'x', 1), (11, 'Nurse', NULL, NULL);
INSERT INTO codes VALUES ('b', 'Bee'), ('a', 'Ay');
INSERT INTO log (message) VALUES ('one'), ('two');
)sql";

void ExecSql(const fs::path& path, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  char* error = nullptr;
  const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
  EXPECT_EQ(rc, SQLITE_OK) << (error ? error : "");
  sqlite3_free(error);
  sqlite3_close(db);
}

std::string ReadBytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

struct Cell {
  CellKind kind;
  std::string bytes;
  bool operator==(const Cell&) const = default;
};
using Rows = std::vector<std::vector<Cell>>;

Rows ReadAll(Source& source, const std::string& table, std::vector<Batch>* batches = nullptr) {
  Rows rows;
  auto reader = source.Open(table);
  EXPECT_TRUE(reader.ok()) << reader.status().message();
  if (!reader.ok()) return rows;
  Batch batch;
  while (true) {
    auto more = (*reader)->Next(batch);
    EXPECT_TRUE(more.ok()) << more.status().message();
    if (!more.ok() || !more.value()) break;
    for (size_t r = 0; r < batch.rows(); ++r) {
      std::vector<Cell> row;
      for (const auto& column : batch.columns) {
        row.push_back({column.kind(r), std::string(column.Text(r))});
      }
      rows.push_back(std::move(row));
    }
    if (batches) batches->push_back(batch);
  }
  return rows;
}

class SqliteSourceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() /
           ("veil-sqlite-source-" + std::to_string(getpid()) + "-" + info->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    db_path_ = dir_ / "fixture.db";
    ExecSql(db_path_, kFixtureSql);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::unique_ptr<Source> OpenFixture() {
    auto source = OpenSqliteSource(db_path_.string());
    EXPECT_TRUE(source.ok()) << source.status().message();
    return source.ok() ? std::move(source).value() : nullptr;
  }

  fs::path dir_;
  fs::path db_path_;
};

TEST_F(SqliteSourceTest, ListsUserTablesInCreationOrder) {
  ExecSql(db_path_, "ANALYZE; CREATE TABLE zeta (x); CREATE TABLE alpha (y); DROP TABLE zeta;");
  auto source = OpenFixture();
  ASSERT_NE(source, nullptr);
  EXPECT_EQ(source->TableNames(),
            (std::vector<std::string>{"people", "visits", "Case Notes", "codes", "log", "alpha"}));
  EXPECT_NE(source->Describe().find("fixture.db"), std::string::npos);
}

TEST_F(SqliteSourceTest, SkipsShadowTablesOfVirtualTables) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(db_path_.c_str(), &db), SQLITE_OK);
  const int rc =
      sqlite3_exec(db, "CREATE VIRTUAL TABLE docs USING fts5(body)", nullptr, nullptr, nullptr);
  sqlite3_close(db);
  if (rc != SQLITE_OK) GTEST_SKIP() << "this SQLite has no FTS5";
  ExecSql(db_path_, "INSERT INTO docs VALUES ('hello world'), ('second')");
  auto source = OpenFixture();
  ASSERT_NE(source, nullptr);
  EXPECT_EQ(source->TableNames(),
            (std::vector<std::string>{"people", "visits", "Case Notes", "codes", "log", "docs"}));
  auto schema = source->Schema("docs");
  ASSERT_TRUE(schema.ok()) << schema.status().message();
  ASSERT_EQ(schema->columns.size(), 1u);  // the hidden columns are not data
  EXPECT_EQ(ReadAll(*source, "docs"),
            (Rows{{{CellKind::kText, "hello world"}}, {{CellKind::kText, "second"}}}));
}

TEST_F(SqliteSourceTest, ReadsColumnsKeysAndIndexes) {
  auto source = OpenFixture();
  ASSERT_NE(source, nullptr);
  auto people = source->Schema("people");
  ASSERT_TRUE(people.ok()) << people.status().message();
  ASSERT_EQ(people->columns.size(), 7u);
  EXPECT_EQ(people->columns[0].name, "id");
  EXPECT_EQ(people->columns[0].declared_type, "INTEGER");
  EXPECT_EQ(people->columns[0].primary_key_position, 1);
  EXPECT_TRUE(people->columns[1].not_null);
  EXPECT_EQ(people->columns[1].default_sql, "'unknown'");
  EXPECT_EQ(people->columns[5].declared_type, "");
  EXPECT_FALSE(people->columns[5].default_sql.has_value());
  EXPECT_EQ(people->columns[6].default_sql, "CURRENT_TIMESTAMP");
  EXPECT_FALSE(people->without_rowid);
  ASSERT_EQ(people->indexes.size(), 1u);  // UNIQUE (email)
  EXPECT_TRUE(people->indexes[0].unique);
  EXPECT_EQ(people->indexes[0].columns, std::vector<std::string>{"email"});
  EXPECT_EQ(people->indexes[0].create_sql, "");

  auto visits = source->Schema("visits");
  ASSERT_TRUE(visits.ok()) << visits.status().message();
  EXPECT_EQ(visits->columns[0].primary_key_position, 2);
  EXPECT_EQ(visits->columns[1].primary_key_position, 1);
  EXPECT_EQ(visits->columns[1].default_sql, "1 + 0");
  EXPECT_EQ(visits->columns[2].primary_key_position, 0);
  ASSERT_EQ(visits->foreign_keys.size(), 1u);
  EXPECT_EQ(visits->foreign_keys[0].columns, std::vector<std::string>{"person_id"});
  EXPECT_EQ(visits->foreign_keys[0].referenced_table, "people");
  EXPECT_EQ(visits->foreign_keys[0].referenced_columns, std::vector<std::string>{"id"});
  EXPECT_EQ(visits->foreign_keys[0].on_delete, "CASCADE");
  EXPECT_EQ(visits->foreign_keys[0].on_update, "");
  ASSERT_EQ(visits->indexes.size(), 1u);  // the primary key's index is not listed
  EXPECT_EQ(visits->indexes[0].name, "visits_by_note");
  EXPECT_FALSE(visits->indexes[0].unique);
  EXPECT_EQ(visits->indexes[0].create_sql, "CREATE INDEX visits_by_note ON visits (note)");

  auto notes = source->Schema("Case Notes");
  ASSERT_TRUE(notes.ok()) << notes.status().message();
  EXPECT_EQ(notes->columns[1].name, "Written By");
  EXPECT_EQ(notes->columns[2].name, "say \"hi\"");
  ASSERT_EQ(notes->foreign_keys.size(), 1u);
  EXPECT_EQ(notes->foreign_keys[0].on_update, "CASCADE");
  ASSERT_EQ(notes->indexes.size(), 1u);
  EXPECT_EQ(notes->indexes[0].name, "Case Notes by \"author\"");
  EXPECT_EQ(notes->indexes[0].columns, (std::vector<std::string>{"Written By", "person_id"}));

  auto codes = source->Schema("codes");
  ASSERT_TRUE(codes.ok()) << codes.status().message();
  EXPECT_TRUE(codes->without_rowid);
  ASSERT_EQ(codes->indexes.size(), 1u);
  EXPECT_EQ(codes->indexes[0].columns, (std::vector<std::string>{"label", "code"}));
}

TEST_F(SqliteSourceTest, GroupsMultiColumnForeignKeysInDeclarationOrder) {
  ExecSql(db_path_, R"(CREATE TABLE visit_notes (
      a INTEGER, b INTEGER, who INTEGER REFERENCES people,
      FOREIGN KEY (b, a) REFERENCES visits (visit_no, person_id) ON DELETE SET NULL))");
  auto source = OpenFixture();
  ASSERT_NE(source, nullptr);
  auto schema = source->Schema("visit_notes");
  ASSERT_TRUE(schema.ok()) << schema.status().message();
  ASSERT_EQ(schema->foreign_keys.size(), 2u);
  EXPECT_EQ(schema->foreign_keys[0].columns, std::vector<std::string>{"who"});
  EXPECT_TRUE(schema->foreign_keys[0].referenced_columns.empty());  // the parent's key
  EXPECT_EQ(schema->foreign_keys[1].columns, (std::vector<std::string>{"b", "a"}));
  EXPECT_EQ(schema->foreign_keys[1].referenced_columns,
            (std::vector<std::string>{"visit_no", "person_id"}));
  EXPECT_EQ(schema->foreign_keys[1].on_delete, "SET NULL");
}

TEST_F(SqliteSourceTest, ReadsTypedCellsInRowidOrder) {
  auto source = OpenFixture();
  ASSERT_NE(source, nullptr);
  const Rows rows = ReadAll(*source, "people");
  ASSERT_EQ(rows.size(), 6u);
  const Cell null{CellKind::kNull, ""};
  EXPECT_EQ(rows[0][0], (Cell{CellKind::kInteger, "1"}));
  EXPECT_EQ(rows[0][3], (Cell{CellKind::kReal, "0.1"}));
  EXPECT_EQ(rows[0][4], (Cell{CellKind::kBlob, ""}));
  EXPECT_EQ(rows[0][5], (Cell{CellKind::kText, "text"}));
  EXPECT_EQ(rows[0][6], null);
  EXPECT_EQ(rows[1][2], null);
  EXPECT_EQ(rows[1][5], (Cell{CellKind::kReal, "2.5"}));
  EXPECT_EQ(rows[2][3], (Cell{CellKind::kReal, "1e+300"}));
  EXPECT_EQ(rows[2][4], (Cell{CellKind::kBlob, std::string("\x00\xff\x10", 3)}));
  EXPECT_EQ(rows[2][5], (Cell{CellKind::kInteger, "42"}));
  EXPECT_EQ(rows[3][0], (Cell{CellKind::kInteger, "40"}));
  EXPECT_EQ(rows[3][1], (Cell{CellKind::kText, "unknown"}));  // the DEFAULT
  EXPECT_EQ(rows[4][1], (Cell{CellKind::kText, ""}));
  EXPECT_EQ(rows[4][3], (Cell{CellKind::kReal, "-2.5"}));
  EXPECT_EQ(rows[4][5], (Cell{CellKind::kInteger, "9223372036854775807"}));
  EXPECT_EQ(rows[5][3], (Cell{CellKind::kReal, "5e-324"}));
  EXPECT_EQ(rows[5][5], (Cell{CellKind::kInteger, "-9223372036854775808"}));

  const Rows notes = ReadAll(*source, "Case Notes");
  ASSERT_EQ(notes.size(), 2u);
  EXPECT_EQ(notes[0][1], (Cell{CellKind::kText, "Dr \"Who\""}));
  const Rows codes = ReadAll(*source, "codes");  // WITHOUT ROWID: key order
  ASSERT_EQ(codes.size(), 2u);
  EXPECT_EQ(codes[0][0], (Cell{CellKind::kText, "a"}));
}

TEST_F(SqliteSourceTest, RealsRoundTripExactly) {
  ExecSql(db_path_, "CREATE TABLE reals (x REAL)");
  std::vector<double> values = {
      0.1, 1e300, 1.0 / 3.0, 5e-324, 1.7976931348623157e308, -0.0, 123456789012345680.0,
      2.0, 1e16,  1e-7};
  std::mt19937_64 random(42);
  while (values.size() < 2000) {
    const double value = std::bit_cast<double>(random());
    if (std::isfinite(value)) values.push_back(value);
  }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(db_path_.c_str(), &db), SQLITE_OK);
  sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr);
  sqlite3_stmt* insert = nullptr;
  sqlite3_prepare_v2(db, "INSERT INTO reals VALUES (?)", -1, &insert, nullptr);
  for (double value : values) {
    sqlite3_bind_double(insert, 1, value);
    ASSERT_EQ(sqlite3_step(insert), SQLITE_DONE);
    sqlite3_reset(insert);
  }
  sqlite3_finalize(insert);
  sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
  sqlite3_close(db);

  auto source = OpenFixture();
  ASSERT_NE(source, nullptr);
  const Rows rows = ReadAll(*source, "reals");
  ASSERT_EQ(rows.size(), values.size());
  for (size_t i = 0; i < values.size(); ++i) {
    ASSERT_EQ(rows[i][0].kind, CellKind::kReal) << i;
    const std::string& text = rows[i][0].bytes;
    double parsed = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), parsed);
    ASSERT_TRUE(ec == std::errc() && end == text.data() + text.size()) << text;
    // SQLite itself stores -0.0 as 0, so compare values, and bits for everything else.
    if (values[i] == 0.0) {
      EXPECT_EQ(parsed, 0.0);
    } else {
      EXPECT_EQ(std::bit_cast<uint64_t>(parsed), std::bit_cast<uint64_t>(values[i])) << text;
    }
  }
  EXPECT_EQ(TEST_SqliteRealText(2.0), "2.0");
  EXPECT_EQ(TEST_SqliteRealText(1e16), "1e+16");
  EXPECT_EQ(TEST_SqliteRealText(-0.5), "-0.5");
}

TEST_F(SqliteSourceTest, FillsBatchesAndNumbersRows) {
  ExecSql(db_path_,
          "CREATE TABLE big (n INTEGER, t TEXT);"
          "WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 10000) "
          "INSERT INTO big SELECT i, 'row ' || i FROM c;");
  auto source = OpenFixture();
  ASSERT_NE(source, nullptr);
  auto reader = source->Open("big");
  ASSERT_TRUE(reader.ok()) << reader.status().message();
  EXPECT_EQ((*reader)->EstimatedRows(), 10000);
  EXPECT_EQ((*reader)->schema().name, "big");
  Batch batch;
  std::vector<int64_t> first_rows;
  size_t total = 0;
  while (true) {
    auto more = (*reader)->Next(batch);
    ASSERT_TRUE(more.ok()) << more.status().message();
    if (!more.value()) break;
    first_rows.push_back(batch.first_row);
    EXPECT_LE(batch.rows(), kBatchRows);
    EXPECT_EQ(batch.columns[0].Text(0), std::to_string(batch.first_row));
    total += batch.rows();
  }
  EXPECT_EQ(total, 10000u);
  EXPECT_EQ(first_rows, (std::vector<int64_t>{1, 4097, 8193}));
  EXPECT_EQ(batch.rows(), 0u);
  auto again = (*reader)->Next(batch);  // stays at the end
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again.value());
}

TEST_F(SqliteSourceTest, SkipsGeneratedColumns) {
  ExecSql(db_path_,
          "CREATE TABLE g (a TEXT, b TEXT, full TEXT GENERATED ALWAYS AS (a || b));"
          "INSERT INTO g (a, b) VALUES ('x', 'y');");
  auto source = OpenFixture();
  ASSERT_NE(source, nullptr);
  auto schema = source->Schema("g");
  ASSERT_TRUE(schema.ok());
  EXPECT_EQ(schema->columns.size(), 2u);
  EXPECT_EQ(ReadAll(*source, "g"), (Rows{{{CellKind::kText, "x"}, {CellKind::kText, "y"}}}));
}

TEST_F(SqliteSourceTest, OrdersByRowidEvenWhenAColumnIsNamedRowid) {
  ExecSql(db_path_,
          "CREATE TABLE r (rowid TEXT, v INTEGER); CREATE INDEX r_v ON r (v, rowid);"
          "INSERT INTO r VALUES ('b', 2), ('a', 1), ('c', 3);");
  auto source = OpenFixture();
  ASSERT_NE(source, nullptr);
  const Rows rows = ReadAll(*source, "r");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0][0].bytes, "b");
  EXPECT_EQ(rows[2][0].bytes, "c");
}

TEST_F(SqliteSourceTest, DoesNotModifyTheFile) {
  const std::string before = ReadBytes(db_path_);
  {
    auto source = OpenFixture();
    ASSERT_NE(source, nullptr);
    for (const auto& table : source->TableNames()) ReadAll(*source, table);
  }
  EXPECT_EQ(ReadBytes(db_path_), before);
  EXPECT_EQ(std::distance(fs::directory_iterator(dir_), fs::directory_iterator()), 1);
}

TEST_F(SqliteSourceTest, ReportsMissingAndInvalidFiles) {
  auto missing = OpenSqliteSource((dir_ / "nope.db").string());
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), ErrorCode::kIo);
  EXPECT_NE(missing.status().message().find("nope.db"), std::string::npos);
  EXPECT_FALSE(fs::exists(dir_ / "nope.db"));

  std::ofstream(dir_ / "notes.db") << "this is plain text, not a database\n";
  auto invalid = OpenSqliteSource((dir_ / "notes.db").string());
  ASSERT_FALSE(invalid.ok());
  EXPECT_EQ(invalid.status().code(), ErrorCode::kInput);
  EXPECT_NE(invalid.status().message().find("not an SQLite database"), std::string::npos);

  auto source = OpenFixture();
  ASSERT_NE(source, nullptr);
  EXPECT_FALSE(source->Schema("no such table").ok());
  EXPECT_FALSE(source->Open("sqlite_sequence").ok());
}

TEST_F(SqliteSourceTest, ReaderOutlivesItsSource) {
  std::unique_ptr<TableReader> reader;
  {
    auto source = OpenFixture();
    ASSERT_NE(source, nullptr);
    auto opened = source->Open("visits");
    ASSERT_TRUE(opened.ok());
    reader = std::move(opened).value();
  }
  Batch batch;
  auto more = reader->Next(batch);
  ASSERT_TRUE(more.ok()) << more.status().message();
  EXPECT_EQ(batch.rows(), 3u);
}

}  // namespace
}  // namespace veil
