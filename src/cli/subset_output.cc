#include "cli/subset_output.h"

#include <cstdio>
#include <string>

namespace veil {

void PrintSubsetSummary(const SubsetSummary& subset) {
  if (subset.tables.empty()) return;
  std::printf("  subset:\n");
  for (const auto& t : subset.tables) {
    const std::string of = t.rows < 0 ? std::string("not read") : "of " + std::to_string(t.rows);
    std::string chosen;
    if (t.how == "chosen") chosen = ", " + std::to_string(t.chosen) + " chosen";
    std::printf("    %-30s %10lld rows %s (%s%s)\n", t.table.c_str(),
                static_cast<long long>(t.included), of.c_str(), t.how.c_str(), chosen.c_str());
  }
}

}  // namespace veil
