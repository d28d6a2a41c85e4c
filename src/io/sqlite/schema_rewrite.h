// Rewriting a table's CREATE statement in an SQLite database, for the schema changes
// SQLite's ALTER TABLE cannot make but that leave the stored rows as they are (removing
// a column's DEFAULT: only INSERT reads it). This is SQLite's documented procedure for
// such changes (https://www.sqlite.org/lang_altertable.html, "making other kinds of
// table schema changes"): with writable_schema on, the statement in sqlite_schema is
// replaced and the schema version bumped so that every connection re-reads it.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "io/sqlite/handle.h"
#include "veil/status.h"

namespace veil {

// Replaces the CREATE statement of each (table, statement) pair. Must be called inside
// a transaction of `db` (the caller commits or rolls back; on error, roll back). The
// statements must describe the same columns, in the same order, with the same types and
// keys as the tables have. Errors name the table, never the statement.
Status RewriteTableStatements(const SqliteDb& db,
                              const std::vector<std::pair<std::string, std::string>>& statements);

}  // namespace veil
