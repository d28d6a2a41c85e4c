#include "io/file_location.h"

#include <fmt/format.h>

#include <filesystem>

namespace veil {

bool PathExists(const std::string& path) {
  std::error_code ec;
  return std::filesystem::exists(path, ec);
}

bool IsExistingDirectory(const std::string& path) {
  std::error_code ec;
  return std::filesystem::is_directory(path, ec);
}

Status SourceMustExist(const std::string& path) {
  if (PathExists(path)) return Status::Ok();
  return InvalidArgument(fmt::format("source {} does not exist", path));
}

}  // namespace veil
