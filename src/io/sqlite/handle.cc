#include "io/sqlite/handle.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cctype>
#include <cstring>
#include <filesystem>
#include <utility>

namespace veil {

bool SameIdentifier(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

std::string QuoteIdentifier(std::string_view name) {
  std::string quoted;
  quoted.reserve(name.size() + 2);
  quoted.push_back('"');
  for (char c : name) {
    if (c == '"') quoted.push_back('"');
    quoted.push_back(c);
  }
  quoted.push_back('"');
  return quoted;
}

Status SqliteStatus(int code, std::string_view path, std::string_view what,
                    std::string_view detail) {
  std::string message = fmt::format("{}: {}: {}", path, what, detail);
  switch (code & 0xff) {
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      return InputError(std::move(message));
    case SQLITE_CONSTRAINT:
      return ConflictError(std::move(message));
    case SQLITE_FULL:  // the unix VFS's word for a write the disk refused for space
      return IoError(message + " (no space left on device)");
    case SQLITE_MISUSE:
    case SQLITE_RANGE:
      return InternalError(std::move(message));
    default:
      return IoError(std::move(message));
  }
}

// ---- SqliteStatement ----

SqliteStatement::SqliteStatement(sqlite3_stmt* stmt, std::string label, std::string what)
    : stmt_(stmt), label_(std::move(label)), what_(std::move(what)) {}

SqliteStatement::SqliteStatement(SqliteStatement&& other) noexcept
    : stmt_(std::exchange(other.stmt_, nullptr)),
      label_(std::move(other.label_)),
      what_(std::move(other.what_)) {}

SqliteStatement& SqliteStatement::operator=(SqliteStatement&& other) noexcept {
  if (this != &other) {
    sqlite3_finalize(stmt_);
    stmt_ = std::exchange(other.stmt_, nullptr);
    label_ = std::move(other.label_);
    what_ = std::move(other.what_);
  }
  return *this;
}

SqliteStatement::~SqliteStatement() {
  sqlite3_finalize(stmt_);
}

Status SqliteStatement::Check(int rc) const {
  if (rc == SQLITE_OK) return Status::Ok();
  const char* detail = stmt_ ? sqlite3_errmsg(sqlite3_db_handle(stmt_)) : sqlite3_errstr(rc);
  return SqliteStatus(rc, label_, what_, detail);
}

Status SqliteStatement::BindNull(int index) {
  return Check(sqlite3_bind_null(stmt_, index));
}

Status SqliteStatement::BindInt64(int index, int64_t value) {
  return Check(sqlite3_bind_int64(stmt_, index, value));
}

Status SqliteStatement::BindDouble(int index, double value) {
  return Check(sqlite3_bind_double(stmt_, index, value));
}

Status SqliteStatement::BindText(int index, std::string_view text) {
  const char* data = text.data() != nullptr ? text.data() : "";
  return Check(sqlite3_bind_text64(stmt_, index, data, text.size(), SQLITE_STATIC, SQLITE_UTF8));
}

Status SqliteStatement::BindTextCopy(int index, std::string_view text) {
  const char* data = text.data() != nullptr ? text.data() : "";
  return Check(sqlite3_bind_text64(stmt_, index, data, text.size(), SQLITE_TRANSIENT, SQLITE_UTF8));
}

Status SqliteStatement::BindBlob(int index, std::string_view bytes) {
  // A NULL pointer would bind NULL; an empty blob must stay an empty blob.
  if (bytes.empty()) return Check(sqlite3_bind_zeroblob(stmt_, index, 0));
  return Check(sqlite3_bind_blob64(stmt_, index, bytes.data(), bytes.size(), SQLITE_STATIC));
}

Result<bool> SqliteStatement::Step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return Check(rc);
}

Status SqliteStatement::Run() {
  while (true) {
    VEIL_ASSIGN_OR_RETURN(const bool row, Step());
    if (!row) return Status::Ok();
  }
}

std::string_view SqliteStatement::ColumnText(int column) const {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
  if (text == nullptr) return {};
  return std::string_view(text, static_cast<size_t>(sqlite3_column_bytes(stmt_, column)));
}

std::string_view SqliteStatement::ColumnBlob(int column) const {
  const auto* bytes = static_cast<const char*>(sqlite3_column_blob(stmt_, column));
  if (bytes == nullptr) return {};
  return std::string_view(bytes, static_cast<size_t>(sqlite3_column_bytes(stmt_, column)));
}

// ---- SqliteDb ----

Result<SqliteDb> SqliteDb::Open(const std::string& path, int flags, const std::string& label) {
  SqliteDb db;
  db.label_ = label.empty() ? path : label;
  const int rc = sqlite3_open_v2(path.c_str(), &db.db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    // SQLite retries a failed create read-only, which hides why the create failed.
    const std::string dir = std::filesystem::path(path).parent_path().string();
    if ((rc & 0xff) == SQLITE_CANTOPEN && (flags & SQLITE_OPEN_CREATE) != 0 &&
        ::access(dir.empty() ? "." : dir.c_str(), W_OK) != 0) {
      return IoError(fmt::format("{}: cannot create the database in directory {}: {}", db.label_,
                                 dir.empty() ? "." : dir, std::strerror(errno)));
    }
    Status status = db.LastError(rc, "opening the database");
    return status;
  }
  sqlite3_extended_result_codes(db.db_, 1);
  return db;
}

SqliteDb::SqliteDb(SqliteDb&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)), label_(std::move(other.label_)) {}

SqliteDb& SqliteDb::operator=(SqliteDb&& other) noexcept {
  if (this != &other) {
    (void)Close();
    db_ = std::exchange(other.db_, nullptr);
    label_ = std::move(other.label_);
  }
  return *this;
}

SqliteDb::~SqliteDb() {
  (void)Close();
}

Status SqliteDb::LastError(int rc, std::string_view what) const {
  std::string detail = db_ != nullptr ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
  // SQLite keeps the operating system's reason (e.g. a read-only file system) aside.
  const int system_error = db_ != nullptr ? sqlite3_system_errno(db_) : 0;
  if (system_error != 0) detail += fmt::format(": {}", std::strerror(system_error));
  return SqliteStatus(rc, label_, what, detail);
}

Result<SqliteStatement> SqliteDb::Prepare(std::string_view sql, std::string_view what) const {
  if (db_ == nullptr) {
    return InternalError(fmt::format("{}: {}: the database is closed", label_, what));
  }
  sqlite3_stmt* stmt = nullptr;
  const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                    SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK) {
    sqlite3_finalize(stmt);
    return LastError(rc, what);
  }
  return SqliteStatement(stmt, label_, std::string(what));
}

Status SqliteDb::Exec(const std::string& sql, std::string_view what) const {
  if (db_ == nullptr) {
    return InternalError(fmt::format("{}: {}: the database is closed", label_, what));
  }
  const int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return LastError(rc, what);
  return Status::Ok();
}

Status SqliteDb::Close() {
  if (db_ == nullptr) return Status::Ok();
  sqlite3* db = std::exchange(db_, nullptr);
  const int rc = sqlite3_close_v2(db);
  if (rc != SQLITE_OK) return SqliteStatus(rc, label_, "closing the database", sqlite3_errstr(rc));
  return Status::Ok();
}

}  // namespace veil
