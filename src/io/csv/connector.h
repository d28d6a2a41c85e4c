// The CSV connectors: one CSV file (a table named after the file's stem), and a directory
// of CSV files (a table per file). See io/csv/source.h and io/csv/sink.h.
//
// Claims: a CSV file is a target path ending in .csv, or a source that is an existing
// file which is not a directory (SQLite files are claimed before it, by their header);
// a directory of CSV files is any other target, or a source that is an existing
// directory (a source that does not exist: "source PATH does not exist").
#pragma once

#include <memory>

#include "io/connector.h"

namespace veil {

std::shared_ptr<const Connector> CsvFileConnector();
std::shared_ptr<const Connector> CsvDirectoryConnector();

}  // namespace veil
