#include "io/location.h"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>

#include "io/csv/sink.h"
#include "io/csv/source.h"
#include "io/postgres/sink.h"
#include "io/postgres/source.h"
#include "io/sqlite/sink.h"
#include "io/sqlite/source.h"

namespace veil {
namespace {

namespace fs = std::filesystem;

bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool HasSqliteHeader(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  char header[16] = {};
  in.read(header, sizeof header);
  return in.gcount() == 16 && std::string(header, 15) == "SQLite format 3";
}

Location Classify(const std::string& spec) {
  if (spec.rfind("postgresql://", 0) == 0 || spec.rfind("postgres://", 0) == 0) {
    return {LocationKind::kPostgres, spec};
  }
  if (spec.rfind("sqlite:", 0) == 0) return {LocationKind::kSqlite, spec.substr(7)};
  for (const char* ext : {".sqlite", ".sqlite3", ".db"}) {
    if (EndsWith(spec, ext)) return {LocationKind::kSqlite, spec};
  }
  if (EndsWith(spec, ".csv")) return {LocationKind::kCsvFile, spec};
  return {LocationKind::kCsvDirectory, spec};
}

}  // namespace

Result<Location> ResolveSourceLocation(const std::string& spec) {
  Location location = Classify(spec);
  if (location.kind == LocationKind::kPostgres) return location;
  std::error_code ec;
  if (!fs::exists(location.path, ec)) {
    return InvalidArgument(fmt::format("source {} does not exist", location.path));
  }
  if (fs::is_directory(location.path, ec)) {
    if (location.kind == LocationKind::kSqlite) {
      return InvalidArgument(fmt::format("source {} is a directory, not a SQLite file", spec));
    }
    location.kind = LocationKind::kCsvDirectory;
  } else if (HasSqliteHeader(location.path)) {
    location.kind = LocationKind::kSqlite;
  } else if (location.kind == LocationKind::kCsvDirectory) {
    location.kind = LocationKind::kCsvFile;
  }
  return location;
}

Result<Location> ResolveTargetLocation(const std::string& spec) {
  Location location = Classify(spec);
  if (location.path.empty()) return InvalidArgument("the target path is empty");
  return location;
}

Result<std::unique_ptr<Source>> OpenSource(const Location& location, const CsvOptions& csv) {
  switch (location.kind) {
    case LocationKind::kCsvFile:
      return OpenCsvFileSource(location.path, csv);
    case LocationKind::kCsvDirectory:
      return OpenCsvDirectorySource(location.path, csv);
    case LocationKind::kSqlite:
      return OpenSqliteSource(location.path);
    case LocationKind::kPostgres:
      return OpenPostgresSource(location.path);
  }
  return InternalError("unknown source kind");
}

Result<std::unique_ptr<Sink>> OpenSink(const Location& location, bool force) {
  switch (location.kind) {
    case LocationKind::kCsvFile:
      return OpenCsvFileSink(location.path, force);
    case LocationKind::kCsvDirectory:
      return OpenCsvDirectorySink(location.path, force);
    case LocationKind::kSqlite:
      return OpenSqliteSink(location.path, force);
    case LocationKind::kPostgres:
      return OpenPostgresSink(location.path, force);
  }
  return InternalError("unknown target kind");
}

}  // namespace veil
