#include "io/sqlite/source.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <utility>
#include <vector>

#include "io/sqlite/handle.h"

namespace veil {
namespace {

using DbPtr = std::shared_ptr<SqliteDb>;

// A batch also ends once its cells hold this many bytes, so that huge blobs cannot
// overflow a column's 32-bit offsets.
constexpr size_t kBatchByteLimit = size_t{256} << 20;

void AppendReal(double value, std::string& out) {
  char buffer[64];
  const auto [end, ec] = std::to_chars(buffer, buffer + sizeof(buffer), value);
  const std::string_view text(buffer, ec == std::errc() ? static_cast<size_t>(end - buffer) : 0);
  out.append(text);
  // "inf" and "nan" contain an 'n'; anything else without '.' or 'e' reads as an integer.
  if (text.find_first_of(".en") == std::string_view::npos) out.append(".0");
}

Status NoSuchTable(const SqliteDb& db, const std::string& table) {
  return InvalidArgument(fmt::format("{}: no table {}", db.label(), QuoteIdentifier(table)));
}

// ---- Schema reading ----

Result<std::vector<std::string>> ReadTableNames(const SqliteDb& db) {
  constexpr const char* kUserTables =
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' "
      "ESCAPE '\\' ORDER BY rowid";
  // Shadow tables hold virtual tables' internals (e.g. copies of full-text-indexed text);
  // PRAGMA table_list (SQLite 3.37+) identifies them.
  constexpr const char* kShadowTables =
      "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'shadow'";
  std::vector<std::string> shadow;
  if (auto stmt = db.Prepare(kShadowTables, "listing shadow tables"); stmt.ok()) {
    while (true) {
      VEIL_ASSIGN_OR_RETURN(const bool row, stmt->Step());
      if (!row) break;
      shadow.push_back(stmt->ColumnString(0));
    }
  }
  VEIL_ASSIGN_OR_RETURN(SqliteStatement stmt, db.Prepare(kUserTables, "listing tables"));
  std::vector<std::string> names;
  while (true) {
    VEIL_ASSIGN_OR_RETURN(const bool row, stmt.Step());
    if (!row) break;
    std::string name = stmt.ColumnString(0);
    if (std::find(shadow.begin(), shadow.end(), name) == shadow.end()) {
      names.push_back(std::move(name));
    }
  }
  return names;
}

Status ReadColumns(const SqliteDb& db, TableSchema& schema) {
  const std::string what =
      fmt::format("reading the columns of table {}", QuoteIdentifier(schema.name));
  VEIL_ASSIGN_OR_RETURN(SqliteStatement stmt,
                        db.Prepare("SELECT name, type, \"notnull\", dflt_value, pk, hidden "
                                   "FROM pragma_table_xinfo(?) ORDER BY cid",
                                   what));
  VEIL_RETURN_IF_ERROR(stmt.BindText(1, schema.name));
  while (true) {
    VEIL_ASSIGN_OR_RETURN(const bool row, stmt.Step());
    if (!row) break;
    if (stmt.ColumnInt64(5) != 0) continue;  // generated or virtual-table hidden column
    ColumnSchema column;
    column.name = stmt.ColumnString(0);
    column.declared_type = stmt.ColumnString(1);
    column.not_null = stmt.ColumnInt64(2) != 0;
    if (!stmt.ColumnIsNull(3)) column.default_sql = stmt.ColumnString(3);
    column.primary_key_position = static_cast<int>(stmt.ColumnInt64(4));
    schema.columns.push_back(std::move(column));
  }
  if (schema.columns.empty()) return NoSuchTable(db, schema.name);
  return Status::Ok();
}

std::string ForeignKeyAction(std::string action) {
  return action == "NO ACTION" ? std::string() : action;
}

Status ReadForeignKeys(const SqliteDb& db, TableSchema& schema) {
  // SQLite numbers foreign keys in reverse declaration order.
  VEIL_ASSIGN_OR_RETURN(SqliteStatement stmt,
                        db.Prepare("SELECT id, \"table\", \"from\", \"to\", on_delete, on_update "
                                   "FROM pragma_foreign_key_list(?) ORDER BY id DESC, seq",
                                   fmt::format("reading the foreign keys of table {}",
                                               QuoteIdentifier(schema.name))));
  VEIL_RETURN_IF_ERROR(stmt.BindText(1, schema.name));
  int64_t current_id = -1;
  while (true) {
    VEIL_ASSIGN_OR_RETURN(const bool row, stmt.Step());
    if (!row) break;
    if (schema.foreign_keys.empty() || stmt.ColumnInt64(0) != current_id) {
      current_id = stmt.ColumnInt64(0);
      ForeignKeySchema fk;
      fk.referenced_table = stmt.ColumnString(1);
      fk.on_delete = ForeignKeyAction(stmt.ColumnString(4));
      fk.on_update = ForeignKeyAction(stmt.ColumnString(5));
      schema.foreign_keys.push_back(std::move(fk));
    }
    ForeignKeySchema& fk = schema.foreign_keys.back();
    fk.columns.push_back(stmt.ColumnString(2));
    // "to" is NULL when the key references the parent's primary key implicitly.
    if (!stmt.ColumnIsNull(3)) fk.referenced_columns.push_back(stmt.ColumnString(3));
  }
  return Status::Ok();
}

// The named (non-expression) columns of index `name`, in key order.
Result<std::vector<std::string>> ReadIndexColumns(const SqliteDb& db, const std::string& name) {
  VEIL_ASSIGN_OR_RETURN(
      SqliteStatement stmt,
      db.Prepare("SELECT name FROM pragma_index_info(?) ORDER BY seqno",
                 fmt::format("reading the columns of index {}", QuoteIdentifier(name))));
  VEIL_RETURN_IF_ERROR(stmt.BindText(1, name));
  std::vector<std::string> columns;
  while (true) {
    VEIL_ASSIGN_OR_RETURN(const bool row, stmt.Step());
    if (!row) break;
    if (!stmt.ColumnIsNull(0)) columns.push_back(stmt.ColumnString(0));
  }
  return columns;
}

Status ReadIndexes(const SqliteDb& db, TableSchema& schema) {
  // Explicit indexes (origin 'c') and UNIQUE constraints ('u'), in creation order;
  // primary-key indexes ('pk') come back with the PRIMARY KEY itself.
  VEIL_ASSIGN_OR_RETURN(
      SqliteStatement stmt,
      db.Prepare("SELECT l.name, l.\"unique\", l.origin, m.sql FROM pragma_index_list(?1) AS l "
                 "LEFT JOIN sqlite_master AS m ON m.type = 'index' AND m.name = l.name "
                 "WHERE l.origin IN ('c', 'u') ORDER BY m.rowid, l.seq DESC",
                 fmt::format("reading the indexes of table {}", QuoteIdentifier(schema.name))));
  VEIL_RETURN_IF_ERROR(stmt.BindText(1, schema.name));
  while (true) {
    VEIL_ASSIGN_OR_RETURN(const bool row, stmt.Step());
    if (!row) break;
    IndexSchema index;
    index.name = stmt.ColumnString(0);
    index.unique = stmt.ColumnInt64(1) != 0;
    if (stmt.ColumnString(2) == "c") index.create_sql = stmt.ColumnString(3);
    VEIL_ASSIGN_OR_RETURN(index.columns, ReadIndexColumns(db, index.name));
    schema.indexes.push_back(std::move(index));
  }
  return Status::Ok();
}

bool IsVirtualTable(const SqliteDb& db, const std::string& table) {
  auto stmt = db.Prepare(
      "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ? "
      "AND sql LIKE 'CREATE VIRTUAL TABLE%'",
      "inspecting a table");
  if (!stmt.ok() || !stmt->BindText(1, table).ok()) return false;
  const Result<bool> row = stmt->Step();
  return row.ok() && row.value();
}

// How to keep a table's rows in order: the rowid alias to ORDER BY ("" if none), and
// whether the table has no rowid at all.
struct RowOrder {
  std::string rowid;
  bool without_rowid = false;
};

RowOrder FindRowOrder(const SqliteDb& db, const TableSchema& schema) {
  RowOrder order;
  if (IsVirtualTable(db, schema.name)) return order;
  for (const char* alias : {"_rowid_", "rowid", "oid"}) {
    const bool shadowed =
        std::any_of(schema.columns.begin(), schema.columns.end(),
                    [&](const ColumnSchema& c) { return SameIdentifier(c.name, alias); });
    if (shadowed) continue;
    // Only a WITHOUT ROWID table rejects an unshadowed rowid alias.
    const std::string probe =
        fmt::format("SELECT {} FROM {} LIMIT 0", alias, QuoteIdentifier(schema.name));
    if (db.Prepare(probe, "probing the rowid").ok()) {
      order.rowid = alias;
    } else {
      order.without_rowid = true;
    }
    return order;
  }
  return order;
}

// Cheap row-count estimate: ANALYZE statistics, else the rowid range (exact for
// tables without deletions); -1 when neither is available.
int64_t EstimateRows(const SqliteDb& db, const std::string& table, const RowOrder& order) {
  if (auto stmt = db.Prepare("SELECT stat FROM sqlite_stat1 WHERE tbl = ? LIMIT 1", "estimate");
      stmt.ok() && stmt->BindText(1, table).ok()) {
    if (const Result<bool> row = stmt->Step(); row.ok() && row.value()) {
      int64_t rows = -1;
      const std::string_view stat = stmt->ColumnText(0);
      std::from_chars(stat.data(), stat.data() + stat.size(), rows);
      if (rows >= 0) return rows;
    }
  }
  if (order.rowid.empty()) return -1;
  const std::string quoted = QuoteIdentifier(table);
  const std::string sql = fmt::format(
      "SELECT (SELECT max({0}) FROM {1}) - (SELECT min({0}) FROM {1}) + 1", order.rowid, quoted);
  auto stmt = db.Prepare(sql, "estimate");
  if (!stmt.ok()) return -1;
  const Result<bool> row = stmt->Step();
  if (!row.ok() || !row.value()) return -1;
  if (stmt->ColumnIsNull(0)) return 0;  // empty table
  if (stmt->ColumnType(0) != SQLITE_INTEGER) return -1;
  return stmt->ColumnInt64(0);
}

Result<TableSchema> ReadSchema(const SqliteDb& db, const std::string& table) {
  TableSchema schema;
  schema.name = table;
  VEIL_RETURN_IF_ERROR(ReadColumns(db, schema));
  VEIL_RETURN_IF_ERROR(ReadForeignKeys(db, schema));
  VEIL_RETURN_IF_ERROR(ReadIndexes(db, schema));
  schema.without_rowid = FindRowOrder(db, schema).without_rowid;
  return schema;
}

// ---- Reading rows ----

class SqliteTableReader final : public TableReader {
 public:
  SqliteTableReader(DbPtr db, TableSchema schema, SqliteStatement select, int64_t estimate)
      : db_(std::move(db)),
        schema_(std::move(schema)),
        select_(std::move(select)),
        estimate_(estimate) {}

  const TableSchema& schema() const override { return schema_; }
  int64_t EstimatedRows() const override { return estimate_; }

  Result<bool> Next(Batch& batch) override {
    batch.Reset(schema_.columns.size());
    batch.first_row = next_row_;
    size_t bytes = 0;
    while (!done_ && batch.rows() < kBatchRows && bytes < kBatchByteLimit) {
      Result<bool> row = select_.Step();
      if (!row.ok()) return RowError(row.status());
      if (!row.value()) {
        done_ = true;
        break;
      }
      bytes = AppendRow(batch);
      ++next_row_;
    }
    return batch.rows() > 0;
  }

 private:
  // Appends the current row; returns the batch's byte size.
  size_t AppendRow(Batch& batch) {
    size_t bytes = 0;
    for (size_t c = 0; c < batch.columns.size(); ++c) {
      AppendCell(static_cast<int>(c), batch.columns[c]);
      bytes += batch.columns[c].byte_size();
    }
    return bytes;
  }

  void AppendCell(int c, Column& column) {
    switch (select_.ColumnType(c)) {
      case SQLITE_INTEGER: {
        char buffer[24];
        const auto end = std::to_chars(buffer, buffer + sizeof(buffer), select_.ColumnInt64(c)).ptr;
        column.Append(std::string_view(buffer, static_cast<size_t>(end - buffer)),
                      CellKind::kInteger);
        break;
      }
      case SQLITE_FLOAT:
        AppendReal(select_.ColumnDouble(c), column.buffer());
        column.CommitCell(CellKind::kReal);
        break;
      case SQLITE_TEXT:
        column.Append(select_.ColumnText(c), CellKind::kText);
        break;
      case SQLITE_BLOB:
        column.Append(select_.ColumnBlob(c), CellKind::kBlob);
        break;
      default:
        column.AppendNull();
        break;
    }
  }

  Status RowError(const Status& status) const {
    return Status::Error(status.code(), fmt::format("{} (at row {})", status.message(), next_row_));
  }

  DbPtr db_;  // keeps the connection open while the statement lives
  TableSchema schema_;
  SqliteStatement select_;
  int64_t estimate_ = -1;
  int64_t next_row_ = 1;
  bool done_ = false;
};

class SqliteSource final : public Source {
 public:
  SqliteSource(DbPtr db, std::vector<std::string> tables, std::string kind = "sqlite file")
      : db_(std::move(db)), tables_(std::move(tables)), kind_(std::move(kind)) {}

  std::string Describe() const override { return fmt::format("{} {}", kind_, db_->label()); }
  std::vector<std::string> TableNames() const override { return tables_; }

  Result<TableSchema> Schema(const std::string& table) const override {
    if (std::find(tables_.begin(), tables_.end(), table) == tables_.end()) {
      return NoSuchTable(*db_, table);
    }
    return ReadSchema(*db_, table);
  }

  Result<std::unique_ptr<TableReader>> Open(const std::string& table) override {
    return OpenSelect(table, nullptr);
  }

  bool SupportsWhere() const override { return true; }
  Result<std::unique_ptr<TableReader>> OpenWhere(const std::string& table,
                                                 const std::string& condition) override {
    return OpenSelect(table, &condition);
  }
  Result<std::unique_ptr<TableReader>> OpenColumns(const std::string& table,
                                                   const std::vector<int>& columns) override {
    return OpenSelect(table, nullptr, &columns);
  }
  // Numbers bare (so that they meet a column of any affinity as SQLite's keys do),
  // blobs as X'..', text as the standard quoted string.
  Result<std::string> SqlLiteral(std::string_view cell, CellKind kind) const override {
    if (kind == CellKind::kInteger || kind == CellKind::kReal) return std::string(cell);
    if (kind != CellKind::kBlob) return Source::SqlLiteral(cell, kind);
    std::string literal = "X'";
    for (const unsigned char c : cell) literal += fmt::format("{:02x}", c);
    return literal + "'";
  }

 private:
  // A reader of `table`'s rows in rowid order; with `condition`, of those it holds for;
  // with `columns`, of those columns alone.
  Result<std::unique_ptr<TableReader>> OpenSelect(const std::string& table,
                                                  const std::string* condition,
                                                  const std::vector<int>* columns = nullptr) {
    VEIL_ASSIGN_OR_RETURN(TableSchema schema, Schema(table));
    const RowOrder order = FindRowOrder(*db_, schema);
    if (columns != nullptr) schema = ProjectSchema(schema, *columns);
    std::string sql = "SELECT ";
    for (size_t c = 0; c < schema.columns.size(); ++c) {
      if (c > 0) sql += ", ";
      sql += QuoteIdentifier(schema.columns[c].name);
    }
    sql += " FROM " + QuoteIdentifier(table);
    if (condition != nullptr) sql += " WHERE (" + *condition + "\n)";
    if (!order.rowid.empty()) sql += " ORDER BY " + order.rowid;
    Result<SqliteStatement> select =
        db_->Prepare(sql, fmt::format("reading table {}", QuoteIdentifier(table)));
    if (!select.ok() && condition != nullptr) {
      // The database's reason may quote the condition: its quoted pieces are left out.
      return InvalidArgument(fmt::format("{}: the condition on table {} is refused: {}",
                                         db_->label(), QuoteIdentifier(table),
                                         WithoutQuotedText(sqlite3_errmsg(db_->get()))));
    }
    if (!select.ok()) return select.status();
    const int64_t estimate = condition != nullptr ? -1 : EstimateRows(*db_, table, order);
    return std::unique_ptr<TableReader>(
        new SqliteTableReader(db_, std::move(schema), std::move(select).value(), estimate));
  }

  DbPtr db_;
  std::vector<std::string> tables_;
  std::string kind_;
};

}  // namespace

std::string TEST_SqliteRealText(double value) {
  std::string text;
  AppendReal(value, text);
  return text;
}

Result<std::unique_ptr<Source>> OpenSqliteSource(const std::string& path) {
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (!std::filesystem::exists(status)) {
    return IoError(fmt::format("{}: no such SQLite database file", path));
  }
  if (std::filesystem::is_directory(status)) {
    return IoError(fmt::format("{}: is a directory, not an SQLite database file", path));
  }
  VEIL_ASSIGN_OR_RETURN(SqliteDb db,
                        SqliteDb::Open(path, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX));
  // Opening is lazy: the first read of the schema tells whether this is a database.
  Result<std::vector<std::string>> tables = ReadTableNames(db);
  if (!tables.ok()) {
    if ((sqlite3_errcode(db.get()) & 0xff) == SQLITE_NOTADB) {
      return InputError(fmt::format("{}: not an SQLite database (or it is encrypted)", path));
    }
    return tables.status();
  }
  auto shared = std::make_shared<SqliteDb>(std::move(db));
  return std::unique_ptr<Source>(new SqliteSource(std::move(shared), std::move(tables).value()));
}

Result<std::unique_ptr<Source>> OpenSqliteSourceOn(SqliteDb db, std::string kind) {
  VEIL_ASSIGN_OR_RETURN(std::vector<std::string> tables, ReadTableNames(db));
  auto shared = std::make_shared<SqliteDb>(std::move(db));
  return std::unique_ptr<Source>(
      new SqliteSource(std::move(shared), std::move(tables), std::move(kind)));
}

}  // namespace veil
