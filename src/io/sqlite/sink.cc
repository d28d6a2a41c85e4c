#include "io/sqlite/sink.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <utility>
#include <vector>

#include "io/described_source.h"
#include "io/sqlite/handle.h"
#include "io/sqlite/schema_rewrite.h"
#include "io/sqlite/source.h"
#include "io/staged_output.h"

namespace veil {
namespace {

using DbPtr = std::shared_ptr<SqliteDb>;
using StatementPtr = std::shared_ptr<SqliteStatement>;

struct IdentifierLess {
  bool operator()(const std::string& a, const std::string& b) const {
    return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
      return std::tolower(static_cast<unsigned char>(x)) <
             std::tolower(static_cast<unsigned char>(y));
    });
  }
};
using NameSet = std::set<std::string, IdentifierLess>;

// What later tables may reference in a table that was created.
struct CreatedTable {
  NameSet columns;
  size_t primary_key_columns = 0;
  TableSchema schema = {};                          // as created
  std::vector<ForeignKeySchema> foreign_keys = {};  // the ones its CREATE statement holds
  // Keys to a table not created yet (a cycle of references): added once every table is.
  std::vector<ForeignKeySchema> awaited_keys = {};
};
using CreatedTables = std::map<std::string, CreatedTable, IdentifierLess>;

struct PendingIndex {
  std::string table;
  IndexSchema index;
};

CreatedTable DescribeCreated(const TableSchema& schema) {
  CreatedTable table;
  for (const auto& column : schema.columns) {
    table.columns.insert(column.name);
    if (column.primary_key_position > 0) ++table.primary_key_columns;
  }
  return table;
}

bool AllIn(const std::vector<std::string>& names, const NameSet& set) {
  return std::all_of(names.begin(), names.end(),
                     [&](const std::string& n) { return set.count(n) > 0; });
}

bool ForeignKeyResolvable(const ForeignKeySchema& fk, const CreatedTable& self,
                          const std::string& self_name, const CreatedTables& created) {
  if (fk.columns.empty() || !AllIn(fk.columns, self.columns)) return false;
  const CreatedTable* parent = &self;
  if (!SameIdentifier(fk.referenced_table, self_name)) {
    const auto it = created.find(fk.referenced_table);
    if (it == created.end()) return false;
    parent = &it->second;
  }
  // No referenced columns: the key references the parent's primary key.
  if (fk.referenced_columns.empty()) return parent->primary_key_columns == fk.columns.size();
  return fk.referenced_columns.size() == fk.columns.size() &&
         AllIn(fk.referenced_columns, parent->columns);
}

// ---- CREATE TABLE text ----

std::string QuotedList(const std::vector<std::string>& names) {
  std::string list = "(";
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) list += ", ";
    list += QuoteIdentifier(names[i]);
  }
  return list + ")";
}

// SQLite reports DEFAULT expressions without their parentheses; only literals and the
// CURRENT_* keywords may appear bare, and parentheses are harmless around the rest.
std::string DefaultClause(const std::string& sql) {
  for (const char* keyword : {"CURRENT_TIME", "CURRENT_DATE", "CURRENT_TIMESTAMP"}) {
    if (SameIdentifier(sql, keyword)) return " DEFAULT " + sql;
  }
  return " DEFAULT (" + sql + ")";
}

std::vector<std::string> PrimaryKeyColumns(const TableSchema& schema) {
  std::vector<const ColumnSchema*> key;
  for (const auto& column : schema.columns) {
    if (column.primary_key_position > 0) key.push_back(&column);
  }
  std::stable_sort(key.begin(), key.end(), [](const ColumnSchema* a, const ColumnSchema* b) {
    return a->primary_key_position < b->primary_key_position;
  });
  std::vector<std::string> names;
  for (const auto* column : key) names.push_back(column->name);
  return names;
}

std::string ColumnDefinition(const ColumnSchema& column, bool inline_primary_key) {
  std::string definition = QuoteIdentifier(column.name);
  if (!column.declared_type.empty()) definition += " " + column.declared_type;
  if (column.not_null) definition += " NOT NULL";
  if (column.default_sql) definition += DefaultClause(*column.default_sql);
  if (inline_primary_key) definition += " PRIMARY KEY";
  return definition;
}

std::string ForeignKeyClause(const ForeignKeySchema& fk) {
  std::string clause = "FOREIGN KEY " + QuotedList(fk.columns) + " REFERENCES " +
                       QuoteIdentifier(fk.referenced_table);
  if (!fk.referenced_columns.empty()) clause += " " + QuotedList(fk.referenced_columns);
  if (!fk.on_delete.empty()) clause += " ON DELETE " + fk.on_delete;
  if (!fk.on_update.empty()) clause += " ON UPDATE " + fk.on_update;
  return clause;
}

std::string CreateTableSql(const TableSchema& schema,
                           const std::vector<const ForeignKeySchema*>& foreign_keys) {
  const std::vector<std::string> key = PrimaryKeyColumns(schema);
  std::vector<std::string> parts;
  for (const auto& column : schema.columns) {
    // A single-column key stays inline so that "INTEGER PRIMARY KEY" remains a rowid alias.
    parts.push_back(ColumnDefinition(column, key.size() == 1 && key[0] == column.name));
  }
  if (key.size() > 1) parts.push_back("PRIMARY KEY " + QuotedList(key));
  for (const auto* fk : foreign_keys) parts.push_back(ForeignKeyClause(*fk));
  std::string sql = "CREATE TABLE " + QuoteIdentifier(schema.name) + " (";
  for (size_t i = 0; i < parts.size(); ++i) sql += (i > 0 ? ", " : "") + parts[i];
  sql += ")";
  if (schema.without_rowid && !key.empty()) sql += " WITHOUT ROWID";
  return sql;
}

std::string InsertSql(const TableSchema& schema) {
  std::vector<std::string> names;
  for (const auto& column : schema.columns) names.push_back(column.name);
  std::string sql =
      "INSERT INTO " + QuoteIdentifier(schema.name) + " " + QuotedList(names) + " VALUES (?";
  for (size_t i = 1; i < names.size(); ++i) sql += ", ?";
  return sql + ")";
}

// ---- Binding cells ----

std::optional<int64_t> ParseInteger(std::string_view text) {
  int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  // Only canonical text ("7", not "007" or "-0") is stored as a number, so nothing is lost.
  char buffer[24];
  const auto canonical_end = std::to_chars(buffer, buffer + sizeof(buffer), value).ptr;
  if (std::string_view(buffer, static_cast<size_t>(canonical_end - buffer)) != text) {
    return std::nullopt;
  }
  return value;
}

std::optional<double> ParseReal(std::string_view text) {
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

class SqliteTableWriter final : public TableWriter {
 public:
  SqliteTableWriter(DbPtr db, std::string table, size_t columns, StatementPtr insert)
      : db_(std::move(db)),
        table_(std::move(table)),
        columns_(columns),
        insert_(std::move(insert)) {}

  Status Write(const Batch& batch) override {
    if (finished_ || !db_->is_open()) return Misuse("written after Finish() or Commit()");
    if (batch.columns.size() != columns_) {
      return Misuse(fmt::format("given {} columns, expected {}", batch.columns.size(), columns_));
    }
    for (size_t row = 0; row < batch.rows(); ++row) {
      const int64_t row_number = batch.first_row + static_cast<int64_t>(row);
      for (size_t c = 0; c < columns_; ++c) {
        Status bound = BindCell(static_cast<int>(c) + 1, batch.columns[c], row);
        if (!bound.ok()) return AtRow(bound, row_number);
      }
      const Result<bool> stepped = insert_->Step();
      insert_->Reset();
      if (!stepped.ok()) return AtRow(stepped.status(), row_number);
    }
    return Status::Ok();
  }

  Status Finish() override {
    if (db_->is_open()) insert_->ClearBindings();
    finished_ = true;
    return Status::Ok();
  }

 private:
  Status BindCell(int index, const Column& column, size_t row) {
    const std::string_view text = column.Text(row);
    switch (column.kind(row)) {
      case CellKind::kNull:
        return insert_->BindNull(index);
      case CellKind::kInteger:
        if (const auto value = ParseInteger(text)) return insert_->BindInt64(index, *value);
        return insert_->BindText(index, text);
      case CellKind::kReal:
        if (const auto value = ParseReal(text)) return insert_->BindDouble(index, *value);
        return insert_->BindText(index, text);
      case CellKind::kText:
        return insert_->BindText(index, text);
      case CellKind::kBlob:
        return insert_->BindBlob(index, text);
    }
    return Misuse("a cell has an unknown kind");
  }

  Status AtRow(const Status& status, int64_t row) const {
    return Status::Error(status.code(), fmt::format("{} (at row {})", status.message(), row));
  }

  Status Misuse(const std::string& what) const {
    return InternalError(
        fmt::format("{}: table {} {}", db_->label(), QuoteIdentifier(table_), what));
  }

  DbPtr db_;
  std::string table_;
  size_t columns_;
  StatementPtr insert_;  // owned with the sink, which finalizes it before closing
  bool finished_ = false;
};

// ---- The sink ----

Status SyncFile(const std::filesystem::path& path, const std::string& label) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  const bool ok = fd >= 0 && ::fsync(fd) == 0;
  const int error = errno;
  if (fd >= 0) ::close(fd);
  if (!ok) {
    return IoError(
        fmt::format("{}: could not flush the database to disk: {}", label, std::strerror(error)));
  }
  return Status::Ok();
}

class SqliteSink final : public Sink {
 public:
  SqliteSink(StagedOutput staged, DbPtr db, std::string target)
      : staged_(std::move(staged)), db_(std::move(db)), target_(std::move(target)) {}

  ~SqliteSink() override {
    if (!done_) Abandon();
    if (!committed_) RemoveSiblings();  // StagedOutput then removes the staged database
  }

  Status Start() {
    return db_->Exec(
        "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA locking_mode = EXCLUSIVE; "
        "PRAGMA foreign_keys = OFF; PRAGMA cache_size = -65536; BEGIN",
        "preparing the database for loading");
  }

  std::string Describe() const override { return fmt::format("sqlite file {}", target_); }

  Result<std::unique_ptr<TableWriter>> CreateTable(const TableSchema& schema) override {
    const std::string quoted = QuoteIdentifier(schema.name);
    if (done_)
      return InternalError(fmt::format("{}: table {} created after Commit()", target_, quoted));
    if (schema.columns.empty()) {
      return InvalidArgument(fmt::format("{}: table {} has no columns to write", target_, quoted));
    }
    CreatedTable created = DescribeCreated(schema);
    std::vector<const ForeignKeySchema*> foreign_keys;
    for (const auto& fk : schema.foreign_keys) {
      if (ForeignKeyResolvable(fk, created, schema.name, created_)) {
        foreign_keys.push_back(&fk);
      } else if (!created_.contains(fk.referenced_table)) {
        created.awaited_keys.push_back(fk);
      }
    }
    VEIL_RETURN_IF_ERROR(
        db_->Exec(CreateTableSql(schema, foreign_keys), fmt::format("creating table {}", quoted)));
    for (const auto& index : schema.indexes) {
      if (AllIn(index.columns, created.columns)) indexes_.push_back({schema.name, index});
    }
    created.schema = schema;
    for (const auto* fk : foreign_keys) created.foreign_keys.push_back(*fk);
    created_.emplace(schema.name, std::move(created));
    VEIL_ASSIGN_OR_RETURN(SqliteStatement insert,
                          db_->Prepare(InsertSql(schema), fmt::format("writing table {}", quoted)));
    statements_.push_back(std::make_shared<SqliteStatement>(std::move(insert)));
    return std::unique_ptr<TableWriter>(
        new SqliteTableWriter(db_, schema.name, schema.columns.size(), statements_.back()));
  }

  // Only defaults are SQLite schema text: the tables' CREATE statements are rewritten
  // without the ones that held an original.
  Status RemoveSchemaText(const std::vector<SchemaText>& texts) override {
    std::vector<std::pair<std::string, std::string>> statements;
    for (auto& [name, table] : created_) {
      bool changed = false;
      for (auto& column : table.schema.columns) {
        for (const auto& text : texts) {
          if (text.kind != SchemaTextKind::kColumnDefault || !column.default_sql) continue;
          if (SameIdentifier(text.owner, name) && SameIdentifier(text.column, column.name)) {
            column.default_sql.reset();
            changed = true;
          }
        }
      }
      if (!changed) continue;
      std::vector<const ForeignKeySchema*> foreign_keys;
      for (const auto& fk : table.foreign_keys) foreign_keys.push_back(&fk);
      statements.emplace_back(name, CreateTableSql(table.schema, foreign_keys));
    }
    return RewriteTableStatements(*db_, statements);
  }

  Status Prepare() override {
    if (done_) return InternalError(fmt::format("{}: prepared twice or after Commit()", target_));
    done_ = true;
    Status status = FinishLoad();
    if (status.ok()) status = CloseDatabase();
    if (status.ok()) status = SyncFile(staged_.temp_path(), target_);
    if (!status.ok()) {
      Abandon();
      return status;
    }
    RemoveSiblings();
    prepared_ = true;
    return Status::Ok();
  }

  Status CheckStageable() const override { return Status::Ok(); }

  Result<std::unique_ptr<Source>> OpenStaged() override {
    if (!prepared_ || committed_) return InternalError(fmt::format("{}: not staged", target_));
    VEIL_ASSIGN_OR_RETURN(auto staged, OpenSqliteSource(staged_.temp_path().string()));
    return std::unique_ptr<Source>(new DescribedSource(std::move(staged), Describe()));
  }

  Status Commit() override {
    if (committed_) return InternalError(fmt::format("{}: Commit() called twice", target_));
    if (!prepared_) VEIL_RETURN_IF_ERROR(Prepare());
    committed_ = true;
    // Reading the staged database may have left a journal beside it.
    RemoveSiblings();
    return staged_.Commit();
  }

 private:
  Status FinishLoad() {
    VEIL_RETURN_IF_ERROR(db_->Exec("COMMIT; BEGIN", "committing the loaded rows"));
    VEIL_RETURN_IF_ERROR(AddAwaitedKeys());
    VEIL_RETURN_IF_ERROR(CreateIndexes());
    VEIL_RETURN_IF_ERROR(db_->Exec("COMMIT", "committing the indexes"));
    VEIL_RETURN_IF_ERROR(CheckForeignKeys());
    return CheckIntegrity();
  }

  // The keys of a reference cycle, now that every table of the copy exists: each table
  // whose CREATE statement lacked one is rewritten with it (the rows are checked after).
  Status AddAwaitedKeys() {
    std::vector<std::pair<std::string, std::string>> statements;
    for (auto& [name, table] : created_) {
      bool changed = false;
      for (const auto& fk : table.awaited_keys) {
        if (!ForeignKeyResolvable(fk, table, name, created_)) continue;
        table.foreign_keys.push_back(fk);
        changed = true;
      }
      if (!changed) continue;
      std::vector<const ForeignKeySchema*> foreign_keys;
      for (const auto& fk : table.foreign_keys) foreign_keys.push_back(&fk);
      statements.emplace_back(name, CreateTableSql(table.schema, foreign_keys));
    }
    if (statements.empty()) return Status::Ok();
    return RewriteTableStatements(*db_, statements);
  }

  // Explicit indexes first, under their own SQL; then unique constraints, under new names
  // (SQLite reserves the names of the indexes it made for them).
  Status CreateIndexes() {
    for (const auto& pending : indexes_) {
      if (pending.index.create_sql.empty()) continue;
      VEIL_RETURN_IF_ERROR(db_->Exec(pending.index.create_sql, IndexWhat(pending)));
    }
    for (const auto& pending : indexes_) {
      if (!pending.index.create_sql.empty()) continue;
      VEIL_ASSIGN_OR_RETURN(const std::string name, FreeIndexName(pending));
      const std::string sql = fmt::format(
          "CREATE {}INDEX {} ON {} {}", pending.index.unique ? "UNIQUE " : "",
          QuoteIdentifier(name), QuoteIdentifier(pending.table), QuotedList(pending.index.columns));
      VEIL_RETURN_IF_ERROR(db_->Exec(sql, IndexWhat(pending)));
    }
    return Status::Ok();
  }

  static std::string IndexWhat(const PendingIndex& pending) {
    return fmt::format("creating index {} on table {}", QuoteIdentifier(pending.index.name),
                       QuoteIdentifier(pending.table));
  }

  Result<std::string> FreeIndexName(const PendingIndex& pending) const {
    std::string base = pending.index.name;
    if (base.empty() || SameIdentifier(std::string_view(base).substr(0, 7), "sqlite_")) {
      base = pending.table + "_unique";
      for (const auto& column : pending.index.columns) base += "_" + column;
    }
    VEIL_ASSIGN_OR_RETURN(SqliteStatement stmt,
                          db_->Prepare("SELECT 1 FROM sqlite_master WHERE name = ? COLLATE NOCASE",
                                       IndexWhat(pending)));
    for (int suffix = 1;; ++suffix) {
      const std::string name = suffix == 1 ? base : fmt::format("{}_{}", base, suffix);
      VEIL_RETURN_IF_ERROR(stmt.BindTextCopy(1, name));
      VEIL_ASSIGN_OR_RETURN(const bool taken, stmt.Step());
      stmt.Reset();
      if (!taken) return name;
    }
  }

  Status CheckForeignKeys() const {
    VEIL_ASSIGN_OR_RETURN(
        SqliteStatement stmt,
        db_->Prepare("SELECT \"table\", parent, count(*) FROM pragma_foreign_key_check "
                     "GROUP BY 1, 2 ORDER BY 1, 2",
                     "checking foreign keys"));
    std::string violations;
    while (true) {
      VEIL_ASSIGN_OR_RETURN(const bool row, stmt.Step());
      if (!row) break;
      if (!violations.empty()) violations += "; ";
      violations += fmt::format("table {}: {} rows reference missing rows of {}",
                                QuoteIdentifier(stmt.ColumnText(0)), stmt.ColumnInt64(2),
                                QuoteIdentifier(stmt.ColumnText(1)));
    }
    if (violations.empty()) return Status::Ok();
    return ConflictError(fmt::format("{}: foreign key check failed: {}", target_, violations));
  }

  Status CheckIntegrity() const {
    VEIL_ASSIGN_OR_RETURN(SqliteStatement stmt,
                          db_->Prepare("PRAGMA integrity_check(1)", "checking integrity"));
    VEIL_ASSIGN_OR_RETURN(const bool row, stmt.Step());
    if (row && stmt.ColumnText(0) == "ok") return Status::Ok();
    return IoError(fmt::format("{}: the written database failed its integrity check: {}", target_,
                               row ? stmt.ColumnString(0) : std::string("no result")));
  }

  // Finalizes the writers' statements (writers may outlive the sink) and closes the
  // connection, releasing its exclusive lock.
  Status CloseDatabase() {
    for (auto& statement : statements_) *statement = SqliteStatement();
    return db_->Close();
  }

  void RemoveSiblings() const {
    std::error_code ignored;
    for (const char* suffix : {"-journal", "-wal", "-shm"}) {
      std::filesystem::remove(staged_.temp_path().string() + suffix, ignored);
    }
  }

  // Closes the database and removes every file it made; StagedOutput's own cleanup then
  // finds nothing left to do.
  void Abandon() {
    done_ = true;
    (void)CloseDatabase();
    RemoveSiblings();
    std::error_code ignored;
    std::filesystem::remove(staged_.temp_path(), ignored);
  }

  StagedOutput staged_;  // first member: destroyed last, after the database is closed
  DbPtr db_;
  std::string target_;
  CreatedTables created_;
  std::vector<PendingIndex> indexes_;
  std::vector<StatementPtr> statements_;
  bool done_ = false;  // no more tables: prepared, committed or abandoned
  bool prepared_ = false;
  bool committed_ = false;
};

}  // namespace

Result<std::unique_ptr<Sink>> OpenSqliteSink(const std::string& target_path, bool force) {
  VEIL_ASSIGN_OR_RETURN(StagedOutput staged, StagedOutput::Create(target_path, force));
  const std::string temp = staged.temp_path().string();
  VEIL_ASSIGN_OR_RETURN(
      SqliteDb db,
      SqliteDb::Open(temp, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                     target_path));
  auto sink = std::make_unique<SqliteSink>(std::move(staged),
                                           std::make_shared<SqliteDb>(std::move(db)), target_path);
  VEIL_RETURN_IF_ERROR(sink->Start());
  return std::unique_ptr<Sink>(std::move(sink));
}

}  // namespace veil
