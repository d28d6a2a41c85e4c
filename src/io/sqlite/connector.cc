#include "io/sqlite/connector.h"

#include <fmt/format.h>

#include <fstream>
#include <optional>

#include "io/file_location.h"
#include "io/sqlite/sink.h"
#include "io/sqlite/source.h"

namespace veil {
namespace {

constexpr std::string_view kPrefix = "sqlite:";

bool HasSqliteHeader(const std::string& path) {
  if (!PathExists(path) || IsExistingDirectory(path)) return false;
  std::ifstream in(path, std::ios::binary);
  char header[16] = {};
  in.read(header, sizeof header);
  return in.gcount() == 16 && std::string(header, 15) == "SQLite format 3";
}

// The path `spec` names explicitly as SQLite (by prefix or extension), if it does.
std::optional<std::string> ExplicitPath(const std::string& spec) {
  if (spec.starts_with(kPrefix)) return spec.substr(kPrefix.size());
  for (const char* extension : {".sqlite", ".sqlite3", ".db"}) {
    if (spec.ends_with(extension)) return spec;
  }
  return std::nullopt;
}

class Sqlite final : public Connector {
 public:
  std::string_view name() const override { return "sqlite"; }
  std::string_view format() const override { return "sqlite"; }
  std::string_view description() const override {
    return "SQLite databases (sqlite:PATH, .sqlite, .sqlite3, .db)";
  }
  bool stores_files() const override { return true; }

  Result<LocationClaim> Claim(const std::string& spec, LocationRole role) const override {
    const std::optional<std::string> path = ExplicitPath(spec);
    if (role == LocationRole::kTarget) {
      return path ? LocationClaim{true, *path} : LocationClaim{};
    }
    if (!path) return HasSqliteHeader(spec) ? LocationClaim{true, spec} : LocationClaim{};
    VEIL_RETURN_IF_ERROR(SourceMustExist(*path));
    if (IsExistingDirectory(*path)) {
      return InvalidArgument(fmt::format("source {} is a directory, not a SQLite file", spec));
    }
    return LocationClaim{true, *path};
  }
  Result<std::unique_ptr<Source>> OpenSource(const std::string& path,
                                             const SourceOptions& /*options*/) const override {
    return OpenSqliteSource(path);
  }
  Result<std::unique_ptr<Sink>> OpenSink(const std::string& path,
                                         const SinkOptions& options) const override {
    return OpenSqliteSink(path, options.force);
  }
};

}  // namespace

std::shared_ptr<const Connector> SqliteConnector() {
  return std::make_shared<Sqlite>();
}

}  // namespace veil
