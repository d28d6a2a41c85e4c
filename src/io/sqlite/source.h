// SQLite source: reads the user tables of an SQLite database file, read-only.
//
// Guarantees:
// - The file is never modified (it is opened with SQLITE_OPEN_READONLY). A missing file
//   is an IoError; a file that is not an SQLite database is an InputError saying so.
// - TableNames() lists user tables in creation order. SQLite's internal tables
//   (sqlite_%) and the shadow tables that back virtual tables are not listed.
// - Schema() reports declared types, NOT NULL, DEFAULT text, primary-key positions,
//   foreign keys in declaration order (with ON DELETE / ON UPDATE actions, "" for NO
//   ACTION), explicit indexes with their CREATE INDEX text, UNIQUE constraints as unique
//   indexes with empty create_sql, and WITHOUT ROWID. Generated columns are not part of
//   the schema and are not read (their values derive from other columns).
// - Readers return rows in rowid order for rowid tables, primary-key order for WITHOUT
//   ROWID tables. Each cell keeps its SQLite storage class as its CellKind: integers as
//   decimal text, reals as the shortest decimal text that parses back to the same double
//   (with ".0" added when it would otherwise look like an integer), text and blobs as
//   their raw bytes.
// - Error messages name the file, table, column and row, never a cell's content.
#pragma once

#include <memory>
#include <string>

#include "io/source.h"
#include "io/sqlite/handle.h"
#include "veil/status.h"

namespace veil {

Result<std::unique_ptr<Source>> OpenSqliteSource(const std::string& path);

// A source over a database already open (e.g. an in-memory one holding a schema file's
// tables), which it takes over; it describes itself as "KIND LABEL" (the label the
// database was opened with).
Result<std::unique_ptr<Source>> OpenSqliteSourceOn(SqliteDb db, std::string kind);

// The text a reader gives a REAL cell: parses back (std::from_chars) to exactly `value`.
std::string TEST_SqliteRealText(double value);

}  // namespace veil
