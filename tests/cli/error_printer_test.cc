// The one error printer (src/cli/error_printer.h): each kind of problem is one `veil: `
// line and comes with the exit status of src/cli/exit_codes.h.
#include "cli/error_printer.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <functional>
#include <string>

#include "cli/exit_codes.h"

namespace veil {
namespace {

// What `print` writes to the stream it is given.
std::string Captured(const std::function<void(std::FILE*)>& print) {
  std::FILE* file = std::tmpfile();
  if (file == nullptr) return "(no temporary file)";
  print(file);
  std::rewind(file);
  std::string text;
  for (int c = std::fgetc(file); c != EOF; c = std::fgetc(file)) text += static_cast<char>(c);
  std::fclose(file);
  return text;
}

TEST(ErrorPrinterTest, AUsageErrorIsAVeilLineAndExitTwo) {
  int code = -1;
  EXPECT_EQ(Captured([&](std::FILE* f) { code = FailUsage("--jobs takes a number", f); }),
            "veil: --jobs takes a number\n");
  EXPECT_EQ(code, kExitUsage);
  EXPECT_EQ(kExitUsage, 2);
}

TEST(ErrorPrinterTest, AFailedRunIsAnErrorLineAndExitOne) {
  int code = -1;
  EXPECT_EQ(Captured([&](std::FILE* f) { code = FailRun("source a.csv does not exist", f); }),
            "veil: error: source a.csv does not exist\n");
  EXPECT_EQ(code, kExitFailed);
  EXPECT_EQ(kExitFailed, 1);
  EXPECT_EQ(kExitOk, 0);
}

TEST(ErrorPrinterTest, AnInternalErrorExitsOne) {
  int code = -1;
  EXPECT_EQ(Captured([&](std::FILE* f) { code = FailInternally("a bug", f); }),
            "veil: internal error: a bug\n");
  EXPECT_EQ(code, kExitFailed);
}

TEST(ErrorPrinterTest, AWarningIsAWarningLine) {
  EXPECT_EQ(Captured([](std::FILE* f) { Warn("table t is empty", f); }),
            "veil: warning: table t is empty\n");
}

}  // namespace
}  // namespace veil
