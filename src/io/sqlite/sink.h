// SQLite sink: writes tables into a new SQLite database that replaces the target only
// when everything succeeded.
//
// Guarantees:
// - Nothing appears at the target until Commit() succeeds; without `force` an existing
//   target is refused when the sink is opened. A sink destroyed before a successful
//   Commit() leaves no file behind (neither the staged database nor journal siblings).
// - CreateTable() recreates the table from its schema: declared types, NOT NULL,
//   DEFAULT, the primary key (a single INTEGER PRIMARY KEY stays a rowid alias),
//   foreign keys with their actions, WITHOUT ROWID (when a primary key remains).
//   A foreign key is omitted when one of its columns, its referenced table or one of
//   the referenced columns is not in the output (tables must be created parents first;
//   a table may reference itself). Indexes whose columns are not all in the output are
//   omitted; the others are built in Commit(), after the rows are loaded.
// - Each cell is stored with its CellKind: integers and reals as numbers (text that does
//   not parse exactly is stored as text), text as text, blobs as blobs, NULL as NULL.
// - Prepare() builds the indexes, checks the database, closes and syncs it under its
//   staged name; OpenStaged() then reads it as a SQLite source; Commit() (preparing first
//   if needed) renames it into place.
// - Prepare() refuses a database that has foreign-key violations (the error
//   names each table, its parent and the number of violating rows) or that fails
//   SQLite's integrity check; the staged database is then removed.
// - Error messages name the target file, table and row, never a cell's content.
// A writer may outlive its sink; after Commit() or the sink's destruction its Write()
// fails. Not thread-safe.
#pragma once

#include <memory>
#include <string>

#include "io/sink.h"
#include "veil/status.h"

namespace veil {

Result<std::unique_ptr<Sink>> OpenSqliteSink(const std::string& target_path, bool force);

}  // namespace veil
