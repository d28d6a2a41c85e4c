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

}  // namespace veil
