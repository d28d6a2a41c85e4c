#include "transforms/fakes/reference_tables.h"

#include <algorithm>
#include <charconv>
#include <map>
#include <optional>

#include "core/embedded_data.h"
#include "core/uk_identifiers.h"

namespace veil {
namespace {

// Surname weights are decimals ("0.04", "1.15"); they are kept as units of 1/10000.
constexpr int kWeightDecimals = 4;

Result<std::string_view> LoadFile(std::string_view name) {
  const auto bytes = EmbeddedFile(name);
  if (!bytes) return InternalError("embedded data file " + std::string(name) + " is missing");
  return *bytes;
}

Status BadLine(std::string_view file, size_t line, std::string_view what) {
  return InternalError("embedded data file " + std::string(file) + " line " + std::to_string(line) +
                       ": " + std::string(what));
}

// Calls visit(line, line_number) for each non-blank line of `bytes`, without its line end.
template <typename Visit>
Status ForEachLine(std::string_view bytes, Visit visit) {
  size_t number = 0;
  while (!bytes.empty()) {
    const size_t end = std::min(bytes.find('\n'), bytes.size());
    std::string_view line = bytes.substr(0, end);
    bytes.remove_prefix(std::min(end + 1, bytes.size()));
    ++number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!line.empty()) VEIL_RETURN_IF_ERROR(visit(line, number));
  }
  return Status::Ok();
}

// Splits a CSV line without quoting into exactly `fields.size()` fields.
bool SplitFields(std::string_view line, std::vector<std::string_view>& fields, size_t count) {
  fields.clear();
  if (line.find('"') != std::string_view::npos) return false;
  while (fields.size() + 1 < count) {
    const size_t comma = line.find(',');
    if (comma == std::string_view::npos) return false;
    fields.push_back(line.substr(0, comma));
    line.remove_prefix(comma + 1);
  }
  if (line.find(',') != std::string_view::npos) return false;
  fields.push_back(line);
  return true;
}

bool HasAsciiLetter(std::string_view text) {
  return std::any_of(text.begin(), text.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); });
}

bool IsPrintableAscii(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return c >= ' ' && c <= '~'; });
}

std::optional<uint64_t> ParseCount(std::string_view text) {
  uint64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// A non-negative decimal in units of 10^-kWeightDecimals; extra decimals are dropped.
std::optional<uint64_t> ParseWeight(std::string_view text) {
  const size_t dot = text.find('.');
  const std::string_view whole = text.substr(0, dot);
  std::string_view fraction = dot == std::string_view::npos ? "" : text.substr(dot + 1);
  if (whole.empty() || whole.size() > 9) return std::nullopt;
  if (!std::all_of(fraction.begin(), fraction.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return std::nullopt;
  auto units = ParseCount(whole);
  if (!units) return std::nullopt;
  for (int i = 0; i < kWeightDecimals; ++i) {
    *units =
        *units * 10 +
        (static_cast<size_t>(i) < fraction.size() ? static_cast<uint64_t>(fraction[i] - '0') : 0);
  }
  return units;
}

Status AddNameLines(std::string_view file, std::vector<std::string_view>& names) {
  VEIL_ASSIGN_OR_RETURN(const std::string_view bytes, LoadFile(file));
  return ForEachLine(bytes, [&](std::string_view line, size_t number) -> Status {
    if (!HasAsciiLetter(line) || !IsPrintableAscii(line)) return BadLine(file, number, "bad name");
    names.push_back(line);
    return Status::Ok();
  });
}

Status LoadSurnames(NameTables& tables) {
  constexpr std::string_view kFile = "last_names_weighted.csv";
  VEIL_ASSIGN_OR_RETURN(const std::string_view bytes, LoadFile(kFile));
  std::vector<uint64_t> weights;
  std::vector<std::string_view> fields;
  VEIL_RETURN_IF_ERROR(ForEachLine(bytes, [&](std::string_view line, size_t number) -> Status {
    if (!SplitFields(line, fields, 2)) return BadLine(kFile, number, "expected 2 fields");
    if (number == 1) return Status::Ok();  // header
    const auto weight = ParseWeight(fields[1]);
    if (!weight) return BadLine(kFile, number, "bad weight");
    if (!HasAsciiLetter(fields[0]) || !IsPrintableAscii(fields[0])) {
      return BadLine(kFile, number, "bad surname");
    }
    tables.last_names.push_back(fields[0]);
    weights.push_back(std::max<uint64_t>(*weight, 1));  // every surname stays possible
    return Status::Ok();
  }));
  VEIL_ASSIGN_OR_RETURN(tables.last_name_weights, WeightedIndex::Make(weights));
  return Status::Ok();
}

bool IsJoiningWord(std::string_view lower) {
  constexpr std::string_view kWords[] = {"upon", "on",   "in", "under", "by",  "the", "de",
                                         "la",   "le",   "y",  "en",    "sur", "sub", "super",
                                         "over", "next", "of", "with",  "cum", "and"};
  return std::find(std::begin(kWords), std::end(kWords), lower) != std::end(kWords);
}

void AppendTitleWord(std::string_view upper, bool first_word, std::string& out) {
  std::string word;
  for (char c : upper) word.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  if ((first_word || !IsJoiningWord(word)) && !word.empty() && word[0] >= 'a' && word[0] <= 'z') {
    word[0] = static_cast<char>(word[0] - 'a' + 'A');
  }
  out += word;
}

}  // namespace

std::string TownTitleCase(std::string_view upper) {
  std::string out;
  size_t start = 0;
  for (size_t i = 0; i <= upper.size(); ++i) {
    if (i < upper.size() && upper[i] != ' ' && upper[i] != '-') continue;
    AppendTitleWord(upper.substr(start, i - start), start == 0, out);
    if (i < upper.size()) out.push_back(upper[i]);
    start = i + 1;
  }
  return out;
}

std::string AsciiLowerLetters(std::string_view name) {
  std::string out;
  for (char c : name) {
    if (c >= 'A' && c <= 'Z') out.push_back(static_cast<char>(c - 'A' + 'a'));
    if (c >= 'a' && c <= 'z') out.push_back(c);
  }
  return out;
}

Result<std::shared_ptr<const NameTables>> LoadNameTables() {
  auto tables = std::make_shared<NameTables>();
  VEIL_RETURN_IF_ERROR(AddNameLines("first_names_male.txt", tables->first_names));
  VEIL_RETURN_IF_ERROR(AddNameLines("first_names_female.txt", tables->first_names));
  std::sort(tables->first_names.begin(), tables->first_names.end());
  tables->first_names.erase(std::unique(tables->first_names.begin(), tables->first_names.end()),
                            tables->first_names.end());
  if (tables->first_names.empty()) return InternalError("embedded first-name lists are empty");
  VEIL_RETURN_IF_ERROR(LoadSurnames(*tables));
  return std::shared_ptr<const NameTables>(std::move(tables));
}

Result<std::shared_ptr<const PlaceTables>> LoadPlaceTables() {
  constexpr std::string_view kFile = "outward_codes.csv";
  VEIL_ASSIGN_OR_RETURN(const std::string_view bytes, LoadFile(kFile));
  auto tables = std::make_shared<PlaceTables>();
  std::vector<uint64_t> code_weights;
  std::map<std::string_view, uint64_t> town_weights;
  std::vector<std::string_view> fields;
  VEIL_RETURN_IF_ERROR(ForEachLine(bytes, [&](std::string_view line, size_t number) -> Status {
    if (!SplitFields(line, fields, 3)) return BadLine(kFile, number, "expected 3 fields");
    if (number == 1) return Status::Ok();  // header
    const auto sales = ParseCount(fields[2]);
    if (!sales || *sales > (uint64_t{1} << 40)) return BadLine(kFile, number, "bad sales count");
    if (!IsWellFormedUkPostcode(std::string(fields[0]) + " 0AB") || !HasAsciiLetter(fields[1]) ||
        !IsPrintableAscii(fields[1])) {
      return BadLine(kFile, number, "bad outward code or town");
    }
    tables->outward_codes.push_back(fields[0]);
    code_weights.push_back(*sales + 1);  // every code stays possible
    town_weights[fields[1]] += *sales + 1;
    return Status::Ok();
  }));
  VEIL_ASSIGN_OR_RETURN(tables->outward_code_weights, WeightedIndex::Make(code_weights));
  std::vector<uint64_t> weights;
  for (const auto& [town, weight] : town_weights) {
    tables->towns.push_back(TownTitleCase(town));
    weights.push_back(weight);
  }
  VEIL_ASSIGN_OR_RETURN(tables->town_weights, WeightedIndex::Make(weights));
  return std::shared_ptr<const PlaceTables>(std::move(tables));
}

}  // namespace veil
