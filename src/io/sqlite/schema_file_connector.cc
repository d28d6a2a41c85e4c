#include <fmt/format.h>

#include "io/file_location.h"
#include "io/sqlite/connector.h"
#include "io/sqlite/schema_file.h"

namespace veil {
namespace {

// A SQL schema file (.sql), read through an in-memory SQLite database: tables, no rows.
class SqlSchemaFile final : public Connector {
 public:
  std::string_view name() const override { return "sql schema file"; }
  std::string_view format() const override { return "sqlite"; }
  std::string_view description() const override {
    return "SQL schema files (.sql: CREATE TABLE statements, read as tables without rows)";
  }
  bool stores_files() const override { return true; }

  Result<LocationClaim> Claim(const std::string& spec, LocationRole role) const override {
    if (!spec.ends_with(".sql")) return LocationClaim{};
    if (role == LocationRole::kTarget) {
      return InvalidArgument(fmt::format(
          "{}: a SQL schema file can only be read; write to a SQLite file, a CSV directory "
          "or a PostgreSQL database",
          spec));
    }
    VEIL_RETURN_IF_ERROR(SourceMustExist(spec));
    if (IsExistingDirectory(spec)) {
      return InvalidArgument(fmt::format("source {} is a directory, not a SQL schema file", spec));
    }
    return LocationClaim{true, spec};
  }
  Result<std::unique_ptr<Source>> OpenSource(const std::string& path,
                                             const SourceOptions& /*options*/) const override {
    return OpenSchemaFile(path);
  }
  Result<std::unique_ptr<Sink>> OpenSink(const std::string& path,
                                         const SinkOptions& /*options*/) const override {
    return InvalidArgument(fmt::format("{}: a SQL schema file can only be read", path));
  }
};

}  // namespace

std::shared_ptr<const Connector> SqlSchemaFileConnector() {
  return std::make_shared<SqlSchemaFile>();
}

}  // namespace veil
