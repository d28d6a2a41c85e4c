// ValueDictionary: the distinct values of one column, each with a dense code (first-seen
// order), how many records hold it and the first row that held it (for messages that
// must point at a row without quoting the value). NULL is recorded as the empty value.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace veil {

class ValueDictionary {
 public:
  int32_t Add(std::string_view value, int64_t row) {
    auto it = codes_.find(value);
    if (it != codes_.end()) {
      ++counts_[it->second];
      return it->second;
    }
    const auto code = static_cast<int32_t>(values_.size());
    values_.emplace_back(value);
    counts_.push_back(1);
    first_rows_.push_back(row);
    codes_.emplace(values_.back(), code);
    return code;
  }
  int32_t Find(std::string_view value) const {
    auto it = codes_.find(value);
    return it == codes_.end() ? -1 : it->second;
  }
  size_t size() const { return values_.size(); }
  const std::string& Value(int32_t code) const { return values_[code]; }
  int64_t Count(int32_t code) const { return counts_[code]; }
  int64_t FirstRow(int32_t code) const { return first_rows_[code]; }

 private:
  struct TextHash {
    using is_transparent = void;
    size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
  };
  std::vector<std::string> values_;
  std::vector<int64_t> counts_;
  std::vector<int64_t> first_rows_;
  std::unordered_map<std::string, int32_t, TextHash, std::equal_to<>> codes_;
};

}  // namespace veil
