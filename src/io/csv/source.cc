#include "io/csv/source.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <utility>
#include <vector>

#include "io/csv/reader.h"

namespace veil {
namespace {

namespace fs = std::filesystem;

bool IsCsvName(const std::string& name) {
  if (name.size() <= 4 || name.front() == '.') return false;
  std::string ext = name.substr(name.size() - 4);
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext == ".csv";
}

// Tables named by file stem, each backed by one CSV file.
class CsvSource final : public Source {
 public:
  CsvSource(std::string description, std::vector<std::pair<std::string, fs::path>> tables,
            CsvOptions options)
      : description_(std::move(description)), tables_(std::move(tables)), options_(options) {}

  std::string Describe() const override { return description_; }

  std::vector<std::string> TableNames() const override {
    std::vector<std::string> names;
    for (const auto& [name, path] : tables_) names.push_back(name);
    return names;
  }

  Result<TableSchema> Schema(const std::string& table) const override {
    VEIL_ASSIGN_OR_RETURN(const fs::path path, PathOf(table));
    VEIL_ASSIGN_OR_RETURN(auto reader, CsvReader::Open(path, table, options_));
    return reader->schema();
  }

  Result<std::unique_ptr<TableReader>> Open(const std::string& table) override {
    VEIL_ASSIGN_OR_RETURN(const fs::path path, PathOf(table));
    VEIL_ASSIGN_OR_RETURN(auto reader, CsvReader::Open(path, table, options_));
    return std::unique_ptr<TableReader>(std::move(reader));
  }

 private:
  Result<fs::path> PathOf(const std::string& table) const {
    for (const auto& [name, path] : tables_) {
      if (name == table) return path;
    }
    return InvalidArgument(fmt::format("{} has no table {}", description_, table));
  }

  std::string description_;
  std::vector<std::pair<std::string, fs::path>> tables_;
  CsvOptions options_;
};

}  // namespace

Result<std::unique_ptr<Source>> OpenCsvFileSource(const std::string& path,
                                                  const CsvOptions& options) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) {
    return IoError(fmt::format("CSV file {} does not exist or is not a regular file", path));
  }
  std::vector<std::pair<std::string, fs::path>> tables = {{fs::path(path).stem().string(), path}};
  return std::unique_ptr<Source>(
      new CsvSource(fmt::format("csv file {}", path), std::move(tables), options));
}

Result<std::unique_ptr<Source>> OpenCsvDirectorySource(const std::string& dir,
                                                       const CsvOptions& options) {
  std::error_code ec;
  fs::directory_iterator it(dir, ec);
  if (ec) return IoError(fmt::format("cannot list directory {}: {}", dir, ec.message()));
  std::map<std::string, fs::path> by_file_name;
  for (; it != fs::directory_iterator(); it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (IsCsvName(name) && it->is_regular_file(ec)) by_file_name.emplace(name, it->path());
  }
  if (ec) return IoError(fmt::format("cannot list directory {}: {}", dir, ec.message()));
  if (by_file_name.empty()) {
    return InputError(fmt::format("directory {} contains no .csv files", dir));
  }
  std::vector<std::pair<std::string, fs::path>> tables;
  for (const auto& [name, path] : by_file_name) {
    const std::string stem = path.stem().string();
    for (const auto& [other, other_path] : tables) {
      if (other == stem) {
        return InputError(fmt::format("{} and {} would both be table {}", other_path.string(),
                                      path.string(), stem));
      }
    }
    tables.emplace_back(stem, path);
  }
  return std::unique_ptr<Source>(
      new CsvSource(fmt::format("csv directory {}", dir), std::move(tables), options));
}

}  // namespace veil
