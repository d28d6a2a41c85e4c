// Hierarchy: one quasi-identifier's generalisation hierarchy, encoded as integers.
//
// Level 0 holds the original values (the leaves), each later level a coarser value per
// leaf, the last level usually "*". Codes at every level are dense (0..Values(level)-1).
// Built from a HierarchyTable that must be a true hierarchy (CheckHierarchy in
// hierarchy_file.h): errors name `where` and a row number, never a value.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "privacy/hierarchy_table.h"
#include "veil/status.h"

namespace veil {

class Hierarchy {
 public:
  static Result<Hierarchy> FromTable(const HierarchyTable& table, const std::string& where);

  int Levels() const { return static_cast<int>(levels_.size()); }
  int32_t Leaves() const { return static_cast<int32_t>(levels_.front().labels.size()); }
  int32_t Values(int level) const { return static_cast<int32_t>(levels_[level].labels.size()); }
  std::optional<int32_t> LeafCode(std::string_view value) const;
  int32_t Generalise(int32_t leaf, int level) const { return levels_[level].of_leaf[leaf]; }
  // The code at `to_level` of a value `code` at `from_level` (to_level >= from_level).
  int32_t Lift(int32_t code, int from_level, int to_level) const {
    return levels_[to_level].of_leaf[levels_[from_level].some_leaf[code]];
  }
  const std::string& Label(int level, int32_t code) const { return levels_[level].labels[code]; }
  // How many leaves generalise to `code` at `level`.
  int32_t LeavesUnder(int level, int32_t code) const { return levels_[level].leaves[code]; }

 private:
  struct Level {
    std::vector<int32_t> of_leaf;     // leaf -> code at this level
    std::vector<std::string> labels;  // code -> text
    std::vector<int32_t> leaves;      // code -> number of leaves under it
    std::vector<int32_t> some_leaf;   // code -> one leaf under it
  };
  std::vector<Level> levels_;
  struct TextHash {
    using is_transparent = void;
    size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
  };
  std::unordered_map<std::string, int32_t, TextHash, std::equal_to<>> leaf_codes_;
};

}  // namespace veil
