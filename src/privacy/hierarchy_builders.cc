#include "privacy/hierarchy_builders.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "core/date_text.h"
#include "core/utf8.h"
#include "privacy/hierarchy_date_levels.h"
#include "privacy/hierarchy_file.h"

namespace veil {
namespace {

constexpr size_t kMaxMaskLength = 100;
constexpr std::array<std::string_view, 6> kKeys = {"mask",   "date",   "intervals",
                                                   "levels", "groups", "order"};
constexpr std::array<std::string_view, 4> kForms = {"mask", "date", "intervals", "groups"};

// --- values -------------------------------------------------------------------------

// The whole of `text` as a finite number (integer or decimal), or nullopt.
std::optional<double> ParseDecimal(std::string_view text) {
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

// `value` in the shortest form that reads back the same; whole numbers without decimals.
std::string FormatDecimal(double value) {
  if (value == std::trunc(value) && std::fabs(value) < 1e15) {
    return fmt::format("{}", static_cast<int64_t>(value));
  }
  return fmt::format("{}", value);
}

// `values` without empty strings and duplicates, sorted numerically when all are numbers,
// else by date when all are dates, else byte by byte; ties in byte order.
std::vector<std::string> SortedValues(const std::vector<std::string>& values) {
  std::vector<std::pair<double, std::string>> keyed;
  bool numbers = true;
  bool dates = true;
  for (const std::string& value : values) {
    if (value.empty()) continue;
    const auto number = ParseDecimal(value);
    const auto date = ParseDateText(value);
    numbers = numbers && number.has_value();
    dates = dates && date.has_value();
    const double key = number ? *number
                       : date ? static_cast<double>(date->day.time_since_epoch().count())
                              : 0;
    keyed.emplace_back(key, value);
  }
  if (!numbers && !dates) {
    for (auto& [key, value] : keyed) key = 0;
  }
  std::sort(keyed.begin(), keyed.end());
  std::vector<std::string> sorted;
  for (auto& [key, value] : keyed) {
    if (sorted.empty() || sorted.back() != value) sorted.push_back(std::move(value));
  }
  return sorted;
}

// The list under `key` (`levels` or `groups`): whole numbers from 1, each a larger
// multiple of the one before.
Result<std::vector<size_t>> ParseGroupSizes(const PolicyValue& node, std::string_view key,
                                            const std::string& where) {
  const auto error = [&] {
    return PolicyError(fmt::format(
        "{}: `{}` must list whole numbers from 1 up, each a larger multiple of the one before, "
        "such as [1, 2, 4]",
        where, key));
  };
  if (!node.IsSequence() || node.size() == 0) return error();
  std::vector<size_t> sizes;
  for (const PolicyValue& item : node.items()) {
    if (!item.IsScalar()) return error();
    const std::string& text = item.text();
    size_t size = 0;
    const auto [end, code] = std::from_chars(text.data(), text.data() + text.size(), size);
    if (code != std::errc() || end != text.data() + text.size() || size == 0) return error();
    if (!sizes.empty() && (size <= sizes.back() || size % sizes.back() != 0)) return error();
    sizes.push_back(size);
  }
  return sizes;
}

// --- mask ---------------------------------------------------------------------------

// Byte offsets where the characters of `text` start: 0 and every byte that does not
// continue a UTF-8 sequence.
std::vector<size_t> CharStarts(std::string_view text) {
  std::vector<size_t> starts;
  for (size_t i = 0; i < text.size(); ++i) {
    if (i == 0 || !IsUtf8Continuation(text[i])) starts.push_back(i);
  }
  return starts;
}

// `text` with `count` of its characters (at most all) replaced by '*' from one side.
std::string Masked(std::string_view text, const std::vector<size_t>& starts, size_t count,
                   bool from_right) {
  const size_t n = starts.size();
  count = std::min(count, n);
  const auto offset = [&](size_t ch) { return ch == n ? text.size() : starts[ch]; };
  if (from_right) return std::string(text.substr(0, offset(n - count))) + std::string(count, '*');
  return std::string(count, '*') + std::string(text.substr(offset(count)));
}

Result<HierarchyTable> BuildMask(const PolicyValue& side, const std::vector<std::string>& values,
                                 const std::string& where) {
  const std::string text = side.IsScalar() ? side.text() : "";
  if (text != "right" && text != "left") {
    return PolicyError(fmt::format("{}: `mask` is right or left", where));
  }
  size_t longest = 0;
  for (const std::string& value : values) {
    longest = std::max(longest, CharStarts(value).size());
  }
  if (longest > kMaxMaskLength) {
    return InputError(fmt::format(
        "{} holds a value longer than {} characters; a mask hierarchy suits short codes such as "
        "postcodes",
        where, kMaxMaskLength));
  }
  HierarchyTable table;
  bool all_masked = true;
  for (const std::string& value : values) {
    const std::vector<size_t> starts = CharStarts(value);
    HierarchyRow row{value};
    for (size_t i = 1; i <= longest; ++i) row.push_back(Masked(value, starts, i, text == "right"));
    all_masked = all_masked && row.back() == "*";
    table.push_back(std::move(row));
  }
  if (!all_masked) {
    for (HierarchyRow& row : table) row.push_back("*");
  }
  return table;
}

// --- intervals ----------------------------------------------------------------------

Result<std::vector<double>> ParseBounds(const PolicyValue& node, const std::string& where) {
  const auto error = [&] {
    return PolicyError(
        fmt::format("{}: `intervals` must list at least two numbers in increasing order, such as "
                    "[0, 18, 65]",
                    where));
  };
  if (!node.IsSequence() || node.size() < 2) return error();
  std::vector<double> bounds;
  for (const PolicyValue& item : node.items()) {
    const auto bound = item.IsScalar() ? ParseDecimal(item.text()) : std::nullopt;
    if (!bound || (!bounds.empty() && *bound <= bounds.back())) return error();
    bounds.push_back(*bound);
  }
  return bounds;
}

// The label of base interval `k` (0-based) merged `size` at a time.
std::string IntervalLabel(const std::vector<double>& bounds, size_t k, size_t size) {
  const size_t intervals = bounds.size() - 1;
  const size_t first = k / size * size;
  const size_t end = std::min(first + size, intervals);
  return fmt::format("[{}, {})", FormatDecimal(bounds[first]), FormatDecimal(bounds[end]));
}

Result<HierarchyTable> BuildIntervals(const PolicyValue& spec,
                                      const std::vector<std::string>& values,
                                      const std::string& where) {
  VEIL_ASSIGN_OR_RETURN(const std::vector<double> bounds, ParseBounds(spec["intervals"], where));
  std::vector<size_t> sizes = {1};
  if (spec["levels"]) {
    VEIL_ASSIGN_OR_RETURN(sizes, ParseGroupSizes(spec["levels"], "levels", where));
  }
  const std::string below = "<" + FormatDecimal(bounds.front());
  const std::string above = ">=" + FormatDecimal(bounds.back());
  HierarchyTable table;
  for (const std::string& value : values) {
    const auto number = ParseDecimal(value);
    if (!number) return InputError(fmt::format("{} holds a value that is not a number", where));
    // Bounds at or below the value: 0 means below b0, bounds.size() means at or above bn.
    const auto at_or_below = static_cast<size_t>(
        std::upper_bound(bounds.begin(), bounds.end(), *number) - bounds.begin());
    HierarchyRow row{value};
    for (size_t size : sizes) {
      if (at_or_below == 0) {
        row.push_back(below);
      } else if (at_or_below == bounds.size()) {
        row.push_back(above);
      } else {
        row.push_back(IntervalLabel(bounds, at_or_below - 1, size));
      }
    }
    row.push_back("*");
    table.push_back(std::move(row));
  }
  return table;
}

// --- groups -------------------------------------------------------------------------

// The items of `order`, or an error when it is not a list of distinct scalars.
Result<std::vector<std::string>> ParseOrder(const PolicyValue& node, const std::string& where) {
  if (!node.IsSequence() || node.size() == 0) {
    return PolicyError(fmt::format("{}: `order` must be a list of values", where));
  }
  std::vector<std::string> items;
  std::unordered_map<std::string, size_t> seen;
  for (const PolicyValue& item : node.items()) {
    if (!item.IsScalar()) {
      return PolicyError(
          fmt::format("{}: item {} of `order` is not a single value", where, items.size() + 1));
    }
    const auto [it, inserted] = seen.emplace(item.text(), items.size());
    if (!inserted) {
      return PolicyError(fmt::format("{}: items {} and {} of `order` are the same", where,
                                     it->second + 1, items.size() + 1));
    }
    items.push_back(item.text());
  }
  return items;
}

// The positions of `values` in `order`, in the order `order` lists them.
Result<std::vector<size_t>> PositionsInOrder(const std::vector<std::string>& order,
                                             const std::vector<std::string>& values,
                                             const std::string& where) {
  std::unordered_map<std::string_view, size_t> position;
  for (size_t i = 0; i < order.size(); ++i) position.emplace(order[i], i);
  std::vector<size_t> positions;
  for (const std::string& value : values) {
    const auto it = position.find(value);
    if (it == position.end()) {
      return InputError(fmt::format("{} holds a value that `order` does not list", where));
    }
    positions.push_back(it->second);
  }
  std::sort(positions.begin(), positions.end());
  return positions;
}

std::string GroupLabel(const std::vector<std::string>& members, size_t position, size_t size) {
  const size_t first = position / size * size;
  const size_t last = std::min(first + size, members.size()) - 1;
  if (first == last) return members[first];
  return members[first] + ".." + members[last];
}

Result<HierarchyTable> BuildGroups(const PolicyValue& spec, const std::vector<std::string>& values,
                                   const std::string& where) {
  VEIL_ASSIGN_OR_RETURN(const std::vector<size_t> sizes,
                        ParseGroupSizes(spec["groups"], "groups", where));
  std::vector<std::string> members = values;  // already in row order
  std::vector<size_t> positions(values.size());
  for (size_t i = 0; i < positions.size(); ++i) positions[i] = i;
  if (spec["order"]) {
    VEIL_ASSIGN_OR_RETURN(members, ParseOrder(spec["order"], where));
    VEIL_ASSIGN_OR_RETURN(positions, PositionsInOrder(members, values, where));
  }
  HierarchyTable table;
  for (size_t position : positions) {
    HierarchyRow row{members[position]};
    for (size_t size : sizes) row.push_back(GroupLabel(members, position, size));
    row.push_back("*");
    table.push_back(std::move(row));
  }
  return table;
}

// --- the spec -----------------------------------------------------------------------

// The form key of `spec` ("mask", "date", "intervals" or "groups"), after checking that
// `spec` is a map of known keys with exactly one form and only that form's companions.
Result<std::string> FormOf(const PolicyValue& spec, const std::string& where) {
  if (!spec.IsMap()) {
    return PolicyError(fmt::format(
        "{}: `generalise` must be a map such as {{mask: right}}, {{date: [month, year]}}, "
        "{{intervals: [0, 18, 65]}} or {{groups: [5, 10]}}",
        where));
  }
  std::vector<std::string> forms;
  for (const auto& entry : spec.entries()) {
    const std::string key = entry.first.IsScalar() ? entry.first.text() : "";
    if (std::find(kKeys.begin(), kKeys.end(), key) == kKeys.end()) {
      return PolicyError(fmt::format(
          "{}: `generalise` has an unknown key '{}'; the keys are mask, date, intervals (with "
          "levels) and groups (with order)",
          where, key));
    }
    if (std::find(kForms.begin(), kForms.end(), key) != kForms.end()) forms.push_back(key);
  }
  if (forms.size() != 1) {
    return PolicyError(fmt::format(
        "{}: `generalise` takes exactly one of mask, date, intervals and groups", where));
  }
  if (spec["levels"] && forms[0] != "intervals") {
    return PolicyError(fmt::format("{}: `levels` goes with `intervals`", where));
  }
  if (spec["order"] && forms[0] != "groups") {
    return PolicyError(fmt::format("{}: `order` goes with `groups`", where));
  }
  return forms[0];
}

Result<HierarchyTable> BuildForm(const std::string& form, const PolicyValue& spec,
                                 const std::vector<std::string>& values, const std::string& where) {
  if (form == "mask") return BuildMask(spec["mask"], values, where);
  if (form == "date") return BuildDateHierarchy(spec["date"], values, where);
  if (form == "intervals") return BuildIntervals(spec, values, where);
  return BuildGroups(spec, values, where);
}

}  // namespace

Result<HierarchyTable> BuildHierarchy(const PolicyValue& spec,
                                      const std::vector<std::string>& values,
                                      const std::string& where) {
  VEIL_ASSIGN_OR_RETURN(const std::string form, FormOf(spec, where));
  VEIL_ASSIGN_OR_RETURN(HierarchyTable table, BuildForm(form, spec, SortedValues(values), where));
  if (table.empty()) return table;
  const Status check = CheckHierarchy(table, where);
  if (!check.ok()) {
    // Only labels that clash can get here, e.g. `groups` over values that contain "..".
    return PolicyError(fmt::format(
        "{}: this `generalise` spec gives an inconsistent hierarchy ({})", where, check.message()));
  }
  return table;
}

}  // namespace veil
