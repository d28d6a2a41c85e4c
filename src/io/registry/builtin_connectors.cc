// The connectors veil ships, in the order they claim location strings: URIs first, then
// SQLite (by prefix, extension or file header), SQL schema files, then CSV files, and last a directory of
// CSV files, which takes whatever is left.
#include "io/registry/connector_registry.h"
#include "io/csv/connector.h"
#include "io/postgres/connector.h"
#include "io/sqlite/connector.h"

namespace veil {

ConnectorRegistry BuiltinConnectors() {
  ConnectorRegistry registry;
  registry.Register(PostgresConnector());
  registry.Register(SqliteConnector());
  registry.Register(SqlSchemaFileConnector());
  registry.Register(CsvFileConnector());
  registry.Register(CsvDirectoryConnector());
  return registry;
}

}  // namespace veil
