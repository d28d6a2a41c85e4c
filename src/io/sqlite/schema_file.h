// A SQL schema file (DDL: CREATE TABLE, CREATE INDEX, CREATE VIEW ...) read as a source
// with tables and no rows, for `veil generate --schema FILE.sql` and `veil scan`.
//
// The statements are run in a private in-memory SQLite database, so what the file may
// declare is what SQLite understands: column types, NOT NULL, DEFAULT, PRIMARY KEY,
// UNIQUE, CHECK and FOREIGN KEY constraints (inline or as table constraints), indexes
// and views. SQL Server's `GO` batch separators and `[bracketed]` names are accepted.
// Statements that are not CREATE TABLE / INDEX / VIEW (INSERT, SET, GRANT, ...) are
// skipped and counted, never run: no row is ever read from a schema file.
#pragma once

#include <memory>
#include <string>

#include "io/source.h"
#include "veil/status.h"

namespace veil {

// The largest schema file read (a 49-table schema is about 40 KiB).
constexpr size_t kMaxSchemaFileBytes = 16 * 1024 * 1024;

// On success: a Source listing the file's tables in creation order, each read as empty,
// describing itself as "SQL schema file PATH". Fails with an IoError if the file cannot be read or
// is larger than kMaxSchemaFileBytes, and an InputError naming the file and the line where a
// statement starts when SQLite refuses it (SQLite's reason follows; it quotes only the
// schema's own words).
Result<std::unique_ptr<Source>> OpenSchemaFile(const std::string& path);

}  // namespace veil
