// SqliteDb and SqliteStatement: owning wrappers for sqlite3* and sqlite3_stmt*.
//
// Each wrapper releases its handle exactly once (a database closes when it is destroyed
// or Close()d; a statement is finalized when destroyed). A database may be closed while
// statements prepared on it still exist; it is then released when the last of them is
// finalized. Failures become Status values whose message names the database file and
// the operation (the caller's description, e.g. `reading table "x"`), never a bound
// value. Not thread-safe; movable, not copyable.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "veil/status.h"

namespace veil {

// Doubles embedded double quotes and wraps `name` in double quotes: "a ""b""".
std::string QuoteIdentifier(std::string_view name);

// True when two identifiers name the same object (SQLite folds ASCII case).
bool SameIdentifier(std::string_view a, std::string_view b);

// Maps an SQLite result code to an ErrorCode and builds "PATH: WHAT: DETAIL".
Status SqliteStatus(int code, std::string_view path, std::string_view what,
                    std::string_view detail);

class SqliteStatement {
 public:
  SqliteStatement() = default;
  SqliteStatement(sqlite3_stmt* stmt, std::string label, std::string what);
  SqliteStatement(SqliteStatement&& other) noexcept;
  SqliteStatement& operator=(SqliteStatement&& other) noexcept;
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;
  ~SqliteStatement();

  sqlite3_stmt* get() const { return stmt_; }
  const std::string& what() const { return what_; }

  // Parameters are 1-based, as in SQLite. Bytes passed to BindText/BindBlob must stay
  // alive and unchanged until the next Step() has returned (they are bound static).
  Status BindNull(int index);
  Status BindInt64(int index, int64_t value);
  Status BindDouble(int index, double value);
  Status BindText(int index, std::string_view text);
  Status BindBlob(int index, std::string_view bytes);
  Status BindTextCopy(int index, std::string_view text);

  // True when a row is available, false when the statement has finished.
  Result<bool> Step();
  // Steps to completion, ignoring any rows.
  Status Run();
  // Makes the statement ready to run again; bindings are kept.
  void Reset() { sqlite3_reset(stmt_); }
  // Unbinds every parameter (e.g. before the bound bytes go away).
  void ClearBindings() { sqlite3_clear_bindings(stmt_); }

  int ColumnType(int column) const { return sqlite3_column_type(stmt_, column); }
  int64_t ColumnInt64(int column) const { return sqlite3_column_int64(stmt_, column); }
  double ColumnDouble(int column) const { return sqlite3_column_double(stmt_, column); }
  bool ColumnIsNull(int column) const { return ColumnType(column) == SQLITE_NULL; }
  // Valid until the next Step(), Reset() or another accessor call on the same column.
  std::string_view ColumnText(int column) const;
  std::string_view ColumnBlob(int column) const;
  // The text of a column, or "" for NULL, as an owned string.
  std::string ColumnString(int column) const { return std::string(ColumnText(column)); }

 private:
  Status Check(int rc) const;

  sqlite3_stmt* stmt_ = nullptr;
  std::string label_;
  std::string what_;
};

class SqliteDb {
 public:
  // Opens `path` with sqlite3_open_v2 flags (e.g. SQLITE_OPEN_READONLY). Error messages
  // name `label` (the path if empty), e.g. the final target of a staged file.
  static Result<SqliteDb> Open(const std::string& path, int flags, const std::string& label = "");

  SqliteDb() = default;
  SqliteDb(SqliteDb&& other) noexcept;
  SqliteDb& operator=(SqliteDb&& other) noexcept;
  SqliteDb(const SqliteDb&) = delete;
  SqliteDb& operator=(const SqliteDb&) = delete;
  ~SqliteDb();

  sqlite3* get() const { return db_; }
  bool is_open() const { return db_ != nullptr; }
  // The name used in error messages.
  const std::string& label() const { return label_; }

  // `what` names the operation in error messages; the SQL text is not repeated there.
  Result<SqliteStatement> Prepare(std::string_view sql, std::string_view what) const;
  // Runs one or more statements that bind nothing.
  Status Exec(const std::string& sql, std::string_view what) const;
  // Closes the connection (deferred until outstanding statements are finalized).
  Status Close();

  // The connection's current error as a Status.
  Status LastError(int rc, std::string_view what) const;

 private:
  sqlite3* db_ = nullptr;
  std::string label_;
};

}  // namespace veil
