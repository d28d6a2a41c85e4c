// Fuzz target: ParsePolicy (the policy YAML loader and, through it, the privacy-spec
// loader) on arbitrary text. Invariants: no crash, no exception, no internal error; a
// policy that parses names each table once.
#include <set>
#include <string>

#include "fuzz_support.h"
#include "policy/policy.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace veil;
  const std::string text(reinterpret_cast<const char*>(data), size);
  auto policy = ParsePolicy(text, "/nonexistent/fuzz/policy.yaml");
  if (!policy.ok()) {
    fuzz::CheckNotInternal(policy.status());
    return 0;
  }
  std::set<std::string> names;
  for (const TablePolicy& table : policy->tables) {
    FUZZ_CHECK(names.insert(table.name).second, "a table is named once");
    FUZZ_CHECK(policy->FindTable(table.name) == &table, "FindTable finds each table");
  }
  return 0;
}
