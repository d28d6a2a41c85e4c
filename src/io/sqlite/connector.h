// The SQLite connector: a SQLite database file. See io/sqlite/source.h and sink.h.
//
// Claims "sqlite:PATH" and paths ending in .sqlite, .sqlite3 or .db, as a source or a
// target, and as a source any existing file that starts with the SQLite header, whatever
// its name. A source it claims must exist and not be a directory.
#pragma once

#include <memory>

#include "io/connector.h"

namespace veil {

std::shared_ptr<const Connector> SqliteConnector();

// A SQL schema file: claims paths ending in .sql as a source (tables without rows: see
// io/sqlite/schema_file.h) and refuses them as a target.
std::shared_ptr<const Connector> SqlSchemaFileConnector();

}  // namespace veil
