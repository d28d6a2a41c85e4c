#include "io/sqlite/schema_rewrite.h"

#include <fmt/format.h>

namespace veil {

Status RewriteTableStatements(const SqliteDb& db,
                              const std::vector<std::pair<std::string, std::string>>& statements) {
  if (statements.empty()) return Status::Ok();
  VEIL_ASSIGN_OR_RETURN(SqliteStatement version,
                        db.Prepare("PRAGMA schema_version", "reading the schema version"));
  VEIL_ASSIGN_OR_RETURN(const bool has_row, version.Step());
  if (!has_row) return InternalError("PRAGMA schema_version returned no row");
  const int64_t schema_version = version.ColumnInt64(0);
  VEIL_RETURN_IF_ERROR(db.Exec("PRAGMA writable_schema = ON", "rewriting the schema"));
  for (const auto& [table, sql] : statements) {
    const std::string what = fmt::format("rewriting the definition of table {}", table);
    VEIL_ASSIGN_OR_RETURN(
        SqliteStatement update,
        db.Prepare("UPDATE sqlite_schema SET sql = ?1 WHERE type = 'table' AND name = ?2", what));
    VEIL_RETURN_IF_ERROR(update.BindText(1, sql));
    VEIL_RETURN_IF_ERROR(update.BindText(2, table));
    VEIL_RETURN_IF_ERROR(update.Run());
  }
  return db.Exec(
      fmt::format("PRAGMA schema_version = {}; PRAGMA writable_schema = OFF", schema_version + 1),
      "rewriting the schema");
}

}  // namespace veil
