// Fuzz target: the ARX hierarchy reader (ParseHierarchyText, the body of
// ReadHierarchyFile) on arbitrary text. Invariants: no crash, no internal error; a table
// that reads passes CheckHierarchy, and FormatHierarchy of it reads back to an equal table.
#include <string>

#include "fuzz_support.h"
#include "privacy/hierarchy_file.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace veil;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto table = ParseHierarchyText(text, "fuzz.csv");
  if (!table.ok()) {
    fuzz::CheckNotInternal(table.status());
    return 0;
  }
  FUZZ_CHECK(CheckHierarchy(*table, "fuzz.csv").ok(), "a table that reads is a hierarchy");
  const std::string formatted = FormatHierarchy(*table);
  auto again = ParseHierarchyText(formatted, "formatted.csv");
  if (!again.ok()) std::fprintf(stderr, "re-read: %s\n", again.status().message().c_str());
  FUZZ_CHECK(again.ok(), "FormatHierarchy's output reads back");
  FUZZ_CHECK(*again == *table, "FormatHierarchy's output reads back to an equal table");
  return 0;
}
