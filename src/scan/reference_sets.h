// ReferenceSets: the lists a scan compares values with: UK first names and surnames,
// postcode outward codes, and the DfE code lists, all shipped inside veil. Loaded once
// per scan; immutable afterwards and safe to share between threads.
#pragma once

#include <memory>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include "veil/status.h"

namespace veil::scan {

struct CodeListSet {
  std::string name;  // "dfe.ethnicity"
  std::unordered_set<std::string> codes;
};

struct ReferenceSets {
  std::unordered_set<std::string> first_names;  // lower-case ASCII letters only
  std::unordered_set<std::string> last_names;   // likewise
  std::unordered_set<std::string> outward_codes;
  std::vector<CodeListSet> code_lists;  // in name order

  // On success every set is non-empty. Fails (InternalError) if embedded data is damaged.
  static Result<std::shared_ptr<const ReferenceSets>> Load();
};

}  // namespace veil::scan
