#include "cli/error_printer.h"

#include <fmt/format.h>

#include "cli/exit_codes.h"

namespace veil {
namespace {

void PrintLine(std::string_view kind, std::string_view message, std::FILE* err) {
  fmt::print(err, "veil: {}{}\n", kind, message);
  std::fflush(err);
}

}  // namespace

int FailUsage(std::string_view message, std::FILE* err) {
  PrintLine("", message, err);
  return kExitUsage;
}

int FailRun(std::string_view message, std::FILE* err) {
  PrintLine("error: ", message, err);
  return kExitFailed;
}

int FailInternally(std::string_view message, std::FILE* err) {
  PrintLine("internal error: ", message, err);
  return kExitFailed;
}

void Warn(std::string_view message, std::FILE* err) {
  PrintLine("warning: ", message, err);
}

}  // namespace veil
