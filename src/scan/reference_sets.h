// ReferenceSets: the lists a scan compares values with: UK first names and surnames,
// postcode outward codes, and the DfE code lists, all shipped inside veil. Loaded once
// per scan; immutable afterwards and safe to share between threads.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "veil/status.h"

namespace veil::scan {

// A set of strings that a string_view can be looked up in without a copy.
struct TextHash {
  using is_transparent = void;
  size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
};
using NameSet = std::unordered_set<std::string, TextHash, std::equal_to<>>;

// The names of a list, reduced to lower-case ASCII letters, in a flat open-addressing
// table: Contains() is asked of nearly every cell a scan reads.
class NameTable {
 public:
  void Insert(std::string_view name);
  bool Contains(std::string_view letters) const;
  size_t longest() const { return longest_; }
  size_t size() const { return size_; }

  // The hash Contains() uses, which a caller can compute while it lower-cases.
  static uint64_t Hash(std::string_view letters);

 private:
  struct Slot {
    uint64_t hash = 0;
    uint32_t offset = 0;
    uint32_t length = 0;  // 0: empty
  };
  std::vector<Slot> slots_;
  std::string bytes_;
  size_t size_ = 0;
  size_t longest_ = 0;
};

struct CodeListSet {
  std::string name;  // "dfe.ethnicity"
  NameSet codes;
};

struct ReferenceSets {
  NameTable first_names;  // lower-case ASCII letters only
  NameTable last_names;   // likewise
  NameSet outward_codes;
  std::vector<CodeListSet> code_lists;  // in name order

  // On success every set is non-empty. Fails (InternalError) if embedded data is damaged.
  static Result<std::shared_ptr<const ReferenceSets>> Load();
};

}  // namespace veil::scan
