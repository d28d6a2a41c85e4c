// Location: what a SOURCE or TARGET argument names, resolved to the connector that claimed
// it (io/registry/connector_registry.h), and opening a source or sink there.
//
// Forms the built-in connectors claim: "postgresql://..." or "postgres://..." (a libpq
// URI): a PostgreSQL database; "sqlite:PATH", or a path ending in .sqlite, .sqlite3 or
// .db: SQLite; a path ending in .csv: one CSV file; an existing directory or any other
// path: a directory of CSV files. A source must exist; an existing file that starts with
// the SQLite header is read as SQLite whatever its name.
#pragma once

#include <memory>
#include <string>

#include "io/connector.h"
#include "io/sink.h"
#include "io/source.h"
#include "veil/status.h"

namespace veil {

struct Location {
  std::shared_ptr<const Connector> connector;  // never null in a resolved Location
  std::string path;                            // what the connector opens

  // True if `other` names the same data: the same file when both are file locations,
  // else the same location string.
  bool SameDataAs(const Location& other) const;

  Result<std::unique_ptr<Source>> OpenSource(const SourceOptions& options) const {
    return connector->OpenSource(path, options);
  }
  Result<std::unique_ptr<Sink>> OpenSink(const SinkOptions& options) const {
    return connector->OpenSink(path, options);
  }
};

// `spec` resolved by the built-in connectors (BuiltinConnectors()) as a source or target.
Result<Location> ResolveSourceLocation(const std::string& spec);
Result<Location> ResolveTargetLocation(const std::string& spec);

}  // namespace veil
