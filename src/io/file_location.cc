#include "io/file_location.h"

#include <fmt/format.h>

#include <filesystem>

namespace veil {

bool EndsWith(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

bool StartsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

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
