#include "scan/value_profile.h"

#include <nlohmann/json.hpp>

#include <cctype>
#include <charconv>
#include <functional>
#include <optional>

#include "core/date_text.h"
#include "core/uk_identifiers.h"
#include "scan/value_kinds.h"
#include "transforms/fakes/reference_tables.h"

namespace veil::scan {
namespace {

constexpr size_t kMaxJsonBytes = 1 << 20;  // larger documents are not parsed

std::string_view Trimmed(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

bool IsInteger(std::string_view text) {
  int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  return error == std::errc() && end == text.data() + text.size();
}

bool IsNumber(std::string_view text) {
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  return error == std::errc() && end == text.data() + text.size();
}

// The whitespace-separated words of `text`, at most `limit` of them kept.
std::vector<std::string_view> Words(std::string_view text, size_t limit, size_t& count) {
  std::vector<std::string_view> words;
  count = 0;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n')) ++i;
    const size_t start = i;
    while (i < text.size() && text[i] != ' ' && text[i] != '\t' && text[i] != '\n') ++i;
    if (i > start) {
      ++count;
      if (words.size() < limit) words.push_back(text.substr(start, i - start));
    }
  }
  return words;
}

// The outward code of a well-formed UK postcode, upper-cased ("ls6 4rt" -> "LS6"), or
// nullopt when `text` is not one.
std::optional<std::string> PostcodeOutwardCode(std::string_view text) {
  if (text.size() < 6 || text.size() > 8) return std::nullopt;
  std::string upper(text);
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (!IsWellFormedUkPostcode(upper)) return std::nullopt;
  upper.resize(upper.find(' '));
  return upper;
}

}  // namespace

ValueProfile::ValueProfile(const ReferenceSets& references)
    : references_(references), kind_matches_(ValueKinds().size(), 0) {}

void ValueProfile::Add(std::string_view raw) {
  ++values_;
  max_length_ = std::max(max_length_, raw.size());
  if (distinct_.size() < kMaxDistinct) distinct_.insert(std::hash<std::string_view>{}(raw));
  const std::string_view text = Trimmed(raw);
  const auto kinds = ValueKinds();
  for (size_t k = 0; k < kinds.size(); ++k) {
    if (kinds[k].matches(text)) ++kind_matches_[k];
  }
  if (const auto outward = PostcodeOutwardCode(text);
      outward && references_.outward_codes.count(*outward)) {
    ++known_outward_;
  }
  if (text.size() <= 40 && ParseDateText(text)) ++dates_;
  if (IsInteger(text)) ++integers_;
  if (IsNumber(text)) ++numbers_;
  if (!text.empty() && (text.front() == '{' || text.front() == '[')) {
    if (text.size() <= kMaxJsonBytes && nlohmann::json::accept(text)) {
      ++json_;
    } else {
      ++broken_json_;
    }
  }
  CountNames(text);
  Track(raw, text);
}

void ValueProfile::Track(std::string_view raw, std::string_view text) {
  if (too_many_tracked_) return;
  if (raw.size() > kMaxTrackedLength) {
    too_many_tracked_ = true;
    return;
  }
  if (const auto it = tracked_.find(text); it != tracked_.end()) {
    ++it->second;
  } else if (tracked_.size() < kMaxTrackedValues) {
    tracked_.emplace(std::string(text), 1);
  } else {
    too_many_tracked_ = true;
  }
}

void ValueProfile::CountNames(std::string_view text) {
  size_t count = 0;
  const auto words = Words(text, 4, count);
  words_ += static_cast<int64_t>(count);
  if (count >= 2) ++multi_word_;
  if (count == 0 || count > 4) return;
  const std::string first = AsciiLowerLetters(words.front());
  const std::string last = AsciiLowerLetters(words.back());
  if (count == 1) {
    if (references_.first_names.count(first)) ++first_names_;
    if (references_.last_names.count(last)) ++last_names_;
  } else if (references_.first_names.count(first) && references_.last_names.count(last)) {
    ++full_names_;
  }
}

double ValueProfile::mean_words() const {
  return values_ == 0 ? 0.0 : static_cast<double>(words_) / static_cast<double>(values_);
}

ValueProfile::CodeListMatch ValueProfile::BestCodeList() const {
  CodeListMatch best;
  if (too_many_tracked_ || tracked_.empty()) return best;
  for (const CodeListSet& list : references_.code_lists) {
    CodeListMatch match{&list, 0, 0, false};
    for (const auto& [value, count] : tracked_) {
      if (!list.codes.count(value)) continue;
      match.matching += count;
      ++match.distinct_matching;
      for (char c : value) match.has_letter |= std::isalpha(static_cast<unsigned char>(c)) != 0;
    }
    const bool better =
        best.list == nullptr || match.matching > best.matching ||
        (match.matching == best.matching && (match.distinct_matching > best.distinct_matching ||
                                             (match.distinct_matching == best.distinct_matching &&
                                              list.codes.size() < best.list->codes.size())));
    if (match.matching > 0 && better) best = match;
  }
  return best;
}

}  // namespace veil::scan
