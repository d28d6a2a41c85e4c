#include "io/csv/connector.h"

#include "io/csv/sink.h"
#include "io/csv/source.h"
#include "io/file_location.h"

namespace veil {
namespace {

LocationClaim Claimed(const std::string& path) {
  return LocationClaim{true, path};
}

class CsvFile final : public Connector {
 public:
  std::string_view name() const override { return "csv file"; }
  std::string_view format() const override { return "csv"; }
  std::string_view description() const override { return "CSV files"; }
  bool stores_files() const override { return true; }

  Result<LocationClaim> Claim(const std::string& spec, LocationRole role) const override {
    const bool claimed = role == LocationRole::kTarget
                             ? spec.ends_with(".csv")
                             : PathExists(spec) && !IsExistingDirectory(spec);
    return claimed ? Claimed(spec) : LocationClaim{};
  }
  Result<std::unique_ptr<Source>> OpenSource(const std::string& path,
                                             const SourceOptions& options) const override {
    return OpenCsvFileSource(path, CsvOptions{options.delimiter});
  }
  Result<std::unique_ptr<Sink>> OpenSink(const std::string& path,
                                         const SinkOptions& options) const override {
    return OpenCsvFileSink(path, options.force);
  }
};

class CsvDirectory final : public Connector {
 public:
  std::string_view name() const override { return "csv directory"; }
  std::string_view format() const override { return "csv"; }
  std::string_view description() const override { return "directories of CSV files"; }
  bool stores_files() const override { return true; }

  Result<LocationClaim> Claim(const std::string& spec, LocationRole role) const override {
    if (role == LocationRole::kSource) VEIL_RETURN_IF_ERROR(SourceMustExist(spec));
    return Claimed(spec);
  }
  Result<std::unique_ptr<Source>> OpenSource(const std::string& path,
                                             const SourceOptions& options) const override {
    return OpenCsvDirectorySource(path, CsvOptions{options.delimiter});
  }
  Result<std::unique_ptr<Sink>> OpenSink(const std::string& path,
                                         const SinkOptions& options) const override {
    return OpenCsvDirectorySink(path, options.force);
  }
};

}  // namespace

std::shared_ptr<const Connector> CsvFileConnector() {
  return std::make_shared<CsvFile>();
}

std::shared_ptr<const Connector> CsvDirectoryConnector() {
  return std::make_shared<CsvDirectory>();
}

}  // namespace veil
