// Location: what a SOURCE or TARGET argument names (a CSV file, a directory of CSV
// files, or a SQLite database), and opening the matching connector.
//
// Forms: "postgresql://..." or "postgres://..." (a libpq URI): a PostgreSQL database;
// "sqlite:PATH", or a path ending in .sqlite, .sqlite3 or .db: SQLite; a path
// ending in .csv: one CSV file; an existing directory or any other path: a directory of
// CSV files. A source must exist; an existing file that starts with the SQLite header is
// read as SQLite whatever its name.
#pragma once

#include <memory>
#include <string>

#include "io/csv/format.h"
#include "io/sink.h"
#include "io/source.h"

namespace veil {

enum class LocationKind { kCsvFile, kCsvDirectory, kSqlite, kPostgres };

struct Location {
  LocationKind kind = LocationKind::kCsvDirectory;
  std::string path;  // a file or directory path, or the libpq URI for kPostgres
};

Result<Location> ResolveSourceLocation(const std::string& spec);
Result<Location> ResolveTargetLocation(const std::string& spec);

Result<std::unique_ptr<Source>> OpenSource(const Location& location, const CsvOptions& csv);
Result<std::unique_ptr<Sink>> OpenSink(const Location& location, bool force);

}  // namespace veil
