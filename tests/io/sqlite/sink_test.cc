#include "io/sqlite/sink.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "io/sqlite/source.h"

namespace veil {
namespace {

namespace fs = std::filesystem;

// The same kinds of features as the source test's fixture (see source_test.cc).
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
CREATE INDEX visits_by_note ON visits (note) WHERE note IS NOT NULL;
CREATE TABLE "Case Notes" (
  "Note ID" INTEGER PRIMARY KEY,
  "Written By" TEXT NOT NULL,
  "say ""hi""" TEXT,
  person_id INTEGER REFERENCES people (id) ON UPDATE CASCADE,
  parent_note INTEGER REFERENCES "Case Notes"
);
CREATE INDEX "Case Notes by ""author""" ON "Case Notes" ("Written By" DESC, person_id);
CREATE TABLE codes (code TEXT PRIMARY KEY, label TEXT, UNIQUE (label, code)) WITHOUT ROWID;
INSERT INTO people VALUES (3, 'Cara', 'c@example.org', 1e300, X'00FF10', 42, '2020-01-01');
INSERT INTO people VALUES (1, 'Ann', 'a@example.org', 0.1, X'', 'text', NULL);
INSERT INTO people VALUES (2, 'Bob', NULL, NULL, NULL, 2.5, NULL);
INSERT INTO people (id, email, misc) VALUES (40, 'd@example.org', X'CAFE');
INSERT INTO people VALUES (50, '', 'e@example.org', -2.5, NULL, 9223372036854775807, '');
INSERT INTO people VALUES (60, 'F', 'f@example.org', 5e-324, NULL, -9223372036854775808, NULL);
INSERT INTO visits VALUES (1, 1, 'first'), (1, 2, NULL), (3, 1, 'only');
INSERT INTO "Case Notes" VALUES (10, 'Dr "Who"', 'x', 1, NULL), (11, 'Nurse', NULL, NULL, 10);
INSERT INTO codes VALUES ('b', 'Bee'), ('a', 'Ay');
)sql";

// ---- Direct SQLite access, independent of the connectors ----

class Db {
 public:
  explicit Db(const fs::path& path) {
    EXPECT_EQ(
        sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr),
        SQLITE_OK);
  }
  ~Db() { sqlite3_close(db_); }
  void Exec(const std::string& sql) {
    char* error = nullptr;
    EXPECT_EQ(sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error), SQLITE_OK)
        << (error ? error : "");
    sqlite3_free(error);
  }
  // Every row of `sql` with each cell rendered as "TYPE:bytes", so that a value and its
  // storage class are compared together.
  std::vector<std::vector<std::string>> Query(const std::string& sql,
                                              const std::string& parameter = "") {
    std::vector<std::vector<std::string>> rows;
    sqlite3_stmt* stmt = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr), SQLITE_OK)
        << sqlite3_errmsg(db_) << " in " << sql;
    if (stmt == nullptr) return rows;
    if (sqlite3_bind_parameter_count(stmt) > 0) {
      sqlite3_bind_text(stmt, 1, parameter.c_str(), -1, SQLITE_TRANSIENT);
    }
    while (sqlite3_step(stmt) == SQLITE_ROW) {
      std::vector<std::string> row;
      for (int c = 0; c < sqlite3_column_count(stmt); ++c) row.push_back(CellText(stmt, c));
      rows.push_back(std::move(row));
    }
    sqlite3_finalize(stmt);
    return rows;
  }

 private:
  static std::string CellText(sqlite3_stmt* stmt, int c) {
    switch (sqlite3_column_type(stmt, c)) {
      case SQLITE_INTEGER:
        return "I:" + std::to_string(sqlite3_column_int64(stmt, c));
      case SQLITE_FLOAT: {
        const double value = sqlite3_column_double(stmt, c);
        std::string bits(sizeof(value), '\0');
        std::memcpy(bits.data(), &value, sizeof(value));
        return "R:" + bits;
      }
      case SQLITE_TEXT:
        return "T:" + std::string(reinterpret_cast<const char*>(sqlite3_column_text(stmt, c)),
                                  sqlite3_column_bytes(stmt, c));
      case SQLITE_BLOB: {
        const auto* bytes = static_cast<const char*>(sqlite3_column_blob(stmt, c));
        return "B:" + std::string(bytes ? bytes : "", sqlite3_column_bytes(stmt, c));
      }
      default:
        return "N";
    }
  }
  sqlite3* db_ = nullptr;
};

using QueryRows = std::vector<std::vector<std::string>>;

// ---- Fixture ----

class SqliteSinkTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() /
           ("veil-sqlite-sink-" + std::to_string(getpid()) + "-" + info->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "in");
    fs::create_directories(dir_ / "out");
    source_path_ = dir_ / "in" / "source.db";
    target_path_ = dir_ / "out" / "target.db";
    Db(source_path_).Exec(kFixtureSql);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::vector<std::string> OutputFiles() const {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir_ / "out")) {
      names.push_back(entry.path().filename().string());
    }
    return names;
  }

  std::unique_ptr<Source> OpenSource() {
    auto source = OpenSqliteSource(source_path_.string());
    EXPECT_TRUE(source.ok()) << source.status().message();
    return source.ok() ? std::move(source).value() : nullptr;
  }

  std::unique_ptr<Sink> OpenSink(bool force = false) {
    auto sink = OpenSqliteSink(target_path_.string(), force);
    EXPECT_TRUE(sink.ok()) << sink.status().message();
    return sink.ok() ? std::move(sink).value() : nullptr;
  }

  // Copies `table` from the source through the sink under `schema`, keeping only the
  // source columns that `schema` still has.
  static void Copy(Source& source, Sink& sink, const TableSchema& schema) {
    auto writer = sink.CreateTable(schema);
    ASSERT_TRUE(writer.ok()) << writer.status().message();
    auto reader = source.Open(schema.name);
    ASSERT_TRUE(reader.ok()) << reader.status().message();
    std::vector<size_t> kept;
    for (const auto& column : schema.columns) {
      kept.push_back(static_cast<size_t>((*reader)->schema().ColumnIndex(column.name)));
    }
    Batch in;
    Batch out;
    while (true) {
      auto more = (*reader)->Next(in);
      ASSERT_TRUE(more.ok()) << more.status().message();
      if (!more.value()) break;
      out.first_row = in.first_row;
      out.columns.clear();
      for (size_t c : kept) out.columns.push_back(in.columns[c]);
      ASSERT_TRUE((*writer)->Write(out).ok());
    }
    ASSERT_TRUE((*writer)->Finish().ok());
  }

  fs::path dir_;
  fs::path source_path_;
  fs::path target_path_;
};

Batch MakeBatch(const std::vector<std::vector<std::pair<CellKind, std::string>>>& rows) {
  Batch batch;
  batch.Reset(rows.empty() ? 0 : rows[0].size());
  for (const auto& row : rows) {
    for (size_t c = 0; c < row.size(); ++c) {
      if (row[c].first == CellKind::kNull) {
        batch.columns[c].AppendNull();
      } else {
        batch.columns[c].Append(row[c].second, row[c].first);
      }
    }
  }
  return batch;
}

TableSchema Schema(const std::string& name, const std::vector<std::string>& columns) {
  TableSchema schema;
  schema.name = name;
  for (const auto& column : columns) schema.columns.push_back({column, "", false, {}, 0});
  return schema;
}

// ---- Tests ----

TEST_F(SqliteSinkTest, RoundTripReproducesRowsAndSchema) {
  auto source = OpenSource();
  auto sink = OpenSink();
  ASSERT_TRUE(source && sink);
  for (const auto& table : source->TableNames()) {
    auto schema = source->Schema(table);
    ASSERT_TRUE(schema.ok());
    Copy(*source, *sink, *schema);
  }
  const Status committed = sink->Commit();
  ASSERT_TRUE(committed.ok()) << committed.message();
  sink.reset();
  EXPECT_EQ(OutputFiles(), std::vector<std::string>{"target.db"});

  Db in(source_path_);
  Db out(target_path_);
  const std::map<std::string, std::string> order = {
      {"people", "rowid"}, {"visits", "rowid"}, {"Case Notes", "rowid"}, {"codes", "code"}};
  EXPECT_EQ(out.Query("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY rowid"),
            in.Query("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY rowid"));
  for (const auto& [table, key] : order) {
    SCOPED_TRACE(table);
    const std::string rows = "SELECT * FROM \"" + table + "\" ORDER BY " + key;
    EXPECT_EQ(out.Query(rows), in.Query(rows));
    for (const char* pragma :
         {"SELECT * FROM pragma_table_xinfo(?)", "SELECT * FROM pragma_foreign_key_list(?)",
          "SELECT wr, ncol FROM pragma_table_list(?)",
          "SELECT name, \"unique\", origin, partial FROM pragma_index_list(?) "
          "WHERE origin <> 'u' AND name NOT GLOB '*_unique_*' ORDER BY name"}) {
      EXPECT_EQ(out.Query(pragma, table), in.Query(pragma, table)) << pragma;
    }
    // UNIQUE constraints come back as unique indexes over the same columns.
    const std::string unique_columns =
        "SELECT l.\"unique\", (SELECT group_concat(name, ',') FROM pragma_index_info(l.name)) "
        "FROM pragma_index_list(?) AS l WHERE l.origin <> 'pk' ORDER BY 2";
    EXPECT_EQ(out.Query(unique_columns, table), in.Query(unique_columns, table));
  }
  const std::string explicit_indexes =
      "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index' AND name IN "
      "('visits_by_note', 'Case Notes by \"author\"') ORDER BY rowid";
  EXPECT_EQ(out.Query(explicit_indexes).size(), 2u);
  EXPECT_EQ(out.Query(explicit_indexes), in.Query(explicit_indexes));
  for (const char* index : {"visits_by_note", "Case Notes by \"author\""}) {
    EXPECT_EQ(out.Query("SELECT * FROM pragma_index_xinfo(?)", index),
              in.Query("SELECT * FROM pragma_index_xinfo(?)", index));
  }
  // "id INTEGER PRIMARY KEY" is still the rowid: 40 kept rowid 40, not 4.
  EXPECT_EQ(out.Query("SELECT count(*) FROM people WHERE rowid = id"), QueryRows{{"I:6"}});
  EXPECT_EQ(out.Query("PRAGMA integrity_check"), QueryRows{{"T:ok"}});
  EXPECT_TRUE(out.Query("PRAGMA foreign_key_check").empty());
}

TEST_F(SqliteSinkTest, OmitsKeysAndIndexesOverDroppedColumnsAndTables) {
  auto source = OpenSource();
  auto sink = OpenSink();
  ASSERT_TRUE(source && sink);
  // "people" is dropped; so are visits.note (its index stays in the schema on purpose),
  // codes.label (in the UNIQUE constraint) and "Case Notes"."Note ID", the key that
  // parent_note references.
  auto visits = source->Schema("visits");
  auto notes = source->Schema("Case Notes");
  auto codes = source->Schema("codes");
  ASSERT_TRUE(visits.ok() && notes.ok() && codes.ok());
  visits->columns.erase(visits->columns.begin() + 2);
  notes->columns.erase(notes->columns.begin());
  codes->columns.erase(codes->columns.begin() + 1);
  Copy(*source, *sink, *visits);
  Copy(*source, *sink, *notes);
  Copy(*source, *sink, *codes);
  const Status committed = sink->Commit();
  ASSERT_TRUE(committed.ok()) << committed.message();

  Db out(target_path_);
  EXPECT_EQ(out.Query("SELECT name FROM sqlite_master ORDER BY rowid"),
            (QueryRows{{"T:visits"},
                       {"T:sqlite_autoindex_visits_1"},
                       {"T:Case Notes"},
                       {"T:codes"},
                       {"T:Case Notes by \"author\""}}));
  EXPECT_TRUE(out.Query("SELECT * FROM pragma_foreign_key_list('visits')").empty());
  EXPECT_TRUE(out.Query("SELECT * FROM pragma_foreign_key_list('Case Notes')").empty());
  EXPECT_EQ(out.Query("SELECT count(*) FROM visits"), QueryRows{{"I:3"}});
  EXPECT_EQ(out.Query("SELECT wr FROM pragma_table_list('codes')"), QueryRows{{"I:1"}});
  EXPECT_EQ(out.Query("PRAGMA integrity_check"), QueryRows{{"T:ok"}});
}

TEST_F(SqliteSinkTest, KeepsForeignKeysWhoseParentIsCreated) {
  auto sink = OpenSink();
  ASSERT_TRUE(sink);
  TableSchema parent = Schema("Parent", {"id", "code"});
  parent.columns[0].declared_type = "INTEGER";
  parent.columns[0].primary_key_position = 1;
  parent.indexes.push_back({"sqlite_autoindex_Parent_1", {"code"}, true, ""});
  TableSchema child = Schema("child", {"parent_id", "parent_code", "anything"});
  child.foreign_keys.push_back({{"parent_id"}, "parent", {}, "CASCADE", ""});
  child.foreign_keys.push_back({{"parent_code"}, "PARENT", {"code"}, "", "SET NULL"});
  child.foreign_keys.push_back({{"anything"}, "parent", {"missing"}, "", ""});
  child.foreign_keys.push_back({{"gone"}, "parent", {"id"}, "", ""});
  ASSERT_TRUE(sink->CreateTable(parent).ok());
  ASSERT_TRUE(sink->CreateTable(child).ok());
  const Status committed = sink->Commit();
  ASSERT_TRUE(committed.ok()) << committed.message();
  Db out(target_path_);
  EXPECT_EQ(out.Query("SELECT \"from\", \"table\", \"to\", on_update, on_delete "
                      "FROM pragma_foreign_key_list('child') ORDER BY id DESC"),
            (QueryRows{{"T:parent_id", "T:parent", "N", "T:NO ACTION", "T:CASCADE"},
                       {"T:parent_code", "T:PARENT", "T:code", "T:SET NULL", "T:NO ACTION"}}));
  EXPECT_EQ(out.Query("SELECT \"unique\", origin FROM pragma_index_list('Parent')"),
            (QueryRows{{"I:1", "T:c"}}));
}

TEST_F(SqliteSinkTest, ForeignKeyViolationFailsCommitAndLeavesNothing) {
  auto sink = OpenSink();
  ASSERT_TRUE(sink);
  TableSchema parent = Schema("parent", {"id"});
  parent.columns[0].declared_type = "INTEGER";
  parent.columns[0].primary_key_position = 1;
  TableSchema child = Schema("child", {"parent_id"});
  child.foreign_keys.push_back({{"parent_id"}, "parent", {"id"}, "", ""});
  auto parent_writer = sink->CreateTable(parent);
  ASSERT_TRUE(parent_writer.ok());
  ASSERT_TRUE((*parent_writer)->Write(MakeBatch({{{CellKind::kInteger, "1"}}})).ok());
  ASSERT_TRUE((*parent_writer)->Finish().ok());
  auto child_writer = sink->CreateTable(child);
  ASSERT_TRUE(child_writer.ok());
  ASSERT_TRUE((*child_writer)
                  ->Write(MakeBatch({{{CellKind::kInteger, "1"}},
                                     {{CellKind::kInteger, "777777"}},
                                     {{CellKind::kInteger, "888888"}}}))
                  .ok());
  ASSERT_TRUE((*child_writer)->Finish().ok());
  const Status committed = sink->Commit();
  ASSERT_FALSE(committed.ok());
  EXPECT_NE(committed.message().find("\"child\""), std::string::npos) << committed.message();
  EXPECT_NE(committed.message().find("2 rows"), std::string::npos) << committed.message();
  EXPECT_EQ(committed.message().find("777777"), std::string::npos) << committed.message();
  EXPECT_NE(committed.message().find("target.db"), std::string::npos) << committed.message();
  EXPECT_TRUE(OutputFiles().empty());
  EXPECT_FALSE((*child_writer)->Write(MakeBatch({{{CellKind::kInteger, "1"}}})).ok());
  child_writer->reset();
  sink.reset();
  EXPECT_TRUE(OutputFiles().empty());
}

TEST_F(SqliteSinkTest, UncommittedSinkLeavesNothing) {
  auto sink = OpenSink();
  ASSERT_TRUE(sink);
  auto writer = sink->CreateTable(Schema("t", {"a"}));
  ASSERT_TRUE(writer.ok());
  ASSERT_TRUE((*writer)->Write(MakeBatch({{{CellKind::kText, "x"}}})).ok());
  EXPECT_FALSE(OutputFiles().empty());  // the staged database exists meanwhile
  sink.reset();                         // the writer outlives the sink
  EXPECT_TRUE(OutputFiles().empty());
  writer->reset();
  EXPECT_TRUE(OutputFiles().empty());
}

TEST_F(SqliteSinkTest, RefusesExistingTargetWithoutForce) {
  std::ofstream(target_path_) << "precious";
  auto refused = OpenSqliteSink(target_path_.string(), false);
  EXPECT_FALSE(refused.ok());
  EXPECT_EQ(OutputFiles(), std::vector<std::string>{"target.db"});

  auto sink = OpenSink(/*force=*/true);
  ASSERT_TRUE(sink);
  ASSERT_TRUE(sink->CreateTable(Schema("t", {"a"})).ok());
  std::ifstream still(target_path_);
  EXPECT_EQ(std::string(std::istreambuf_iterator<char>(still), {}), "precious");
  ASSERT_TRUE(sink->Commit().ok());
  EXPECT_EQ(OutputFiles(), std::vector<std::string>{"target.db"});
  Db out(target_path_);
  EXPECT_EQ(out.Query("SELECT name FROM sqlite_master"), QueryRows{{"T:t"}});
}

TEST_F(SqliteSinkTest, BindsCellsByKind) {
  auto sink = OpenSink();
  ASSERT_TRUE(sink);
  auto writer = sink->CreateTable(Schema("t", {"v"}));
  ASSERT_TRUE(writer.ok());
  const std::string with_nul("a\0b", 3);
  Batch batch = MakeBatch({{{CellKind::kInteger, "12"}},
                           {{CellKind::kInteger, "007"}},
                           {{CellKind::kInteger, "99999999999999999999"}},
                           {{CellKind::kReal, "0.1"}},
                           {{CellKind::kReal, "2"}},
                           {{CellKind::kReal, "about 3"}},
                           {{CellKind::kText, "12"}},
                           {{CellKind::kText, with_nul}},
                           {{CellKind::kBlob, ""}},
                           {{CellKind::kBlob, with_nul}},
                           {{CellKind::kNull, ""}}});
  ASSERT_TRUE((*writer)->Write(batch).ok());
  ASSERT_TRUE((*writer)->Finish().ok());
  ASSERT_TRUE(sink->Commit().ok());
  Db out(target_path_);
  const QueryRows rows = out.Query("SELECT v, typeof(v) FROM t ORDER BY rowid");
  ASSERT_EQ(rows.size(), 11u);
  EXPECT_EQ(rows[0][0], "I:12");
  EXPECT_EQ(rows[1][0], "T:007");
  EXPECT_EQ(rows[2][0], "T:99999999999999999999");
  EXPECT_EQ(rows[3][1], "T:real");
  EXPECT_EQ(rows[4][1], "T:real");
  EXPECT_EQ(rows[5][0], "T:about 3");
  EXPECT_EQ(rows[6][0], "T:12");
  EXPECT_EQ(rows[7][0], "T:" + with_nul);
  EXPECT_EQ(rows[8][0], "B:");
  EXPECT_EQ(rows[9][0], "B:" + with_nul);
  EXPECT_EQ(rows[10][0], "N");
}

TEST_F(SqliteSinkTest, WriteErrorsNameTableAndRowButNoValue) {
  auto sink = OpenSink();
  ASSERT_TRUE(sink);
  TableSchema schema = Schema("Secret Table", {"email"});
  schema.indexes.push_back({"", {"email"}, true, ""});
  schema.columns[0].not_null = true;
  auto writer = sink->CreateTable(schema);
  ASSERT_TRUE(writer.ok());
  Batch batch = MakeBatch({{{CellKind::kText, "alice@example.org"}}, {{CellKind::kNull, ""}}});
  batch.first_row = 41;
  const Status written = (*writer)->Write(batch);
  ASSERT_FALSE(written.ok());
  EXPECT_NE(written.message().find("\"Secret Table\""), std::string::npos) << written.message();
  EXPECT_NE(written.message().find("row 42"), std::string::npos) << written.message();
  EXPECT_EQ(written.message().find("alice"), std::string::npos) << written.message();
}

TEST_F(SqliteSinkTest, UniqueViolationFoundWhenIndexesAreBuilt) {
  auto sink = OpenSink();
  ASSERT_TRUE(sink);
  TableSchema schema = Schema("people", {"email"});
  schema.indexes.push_back({"sqlite_autoindex_people_1", {"email"}, true, ""});
  auto writer = sink->CreateTable(schema);
  ASSERT_TRUE(writer.ok());
  ASSERT_TRUE((*writer)
                  ->Write(MakeBatch({{{CellKind::kText, "bob@example.org"}},
                                     {{CellKind::kText, "bob@example.org"}}}))
                  .ok());
  ASSERT_TRUE((*writer)->Finish().ok());
  const Status committed = sink->Commit();
  ASSERT_FALSE(committed.ok());
  EXPECT_EQ(committed.code(), ErrorCode::kConflict);
  EXPECT_NE(committed.message().find("\"people\""), std::string::npos) << committed.message();
  EXPECT_EQ(committed.message().find("bob"), std::string::npos) << committed.message();
  EXPECT_TRUE(OutputFiles().empty());
}

}  // namespace
}  // namespace veil
