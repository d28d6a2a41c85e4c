#include "engine/schema_text_screen.h"

#include <algorithm>
#include <utility>

#include "core/text_normalise.h"

namespace veil {
namespace {

// A value occurring more often than this in the texts is remembered once gone through,
// up to kMaxSeenValues values; past that, repeated values are gone through again.
constexpr std::ptrdiff_t kManyOccurrences = 16;
constexpr size_t kMaxSeenValues = 1 << 16;

bool IsWord(char c) {
  return IsLeakWordByte(static_cast<unsigned char>(c));
}

// The leak check's token rule: a value found at [begin, end) of `text` counts if, at each
// edge where the value has a letter or digit, the text has none just outside it.
bool AtTokenBoundaries(std::string_view text, size_t begin, size_t end) {
  if (begin > 0 && IsWord(text[begin]) && IsWord(text[begin - 1])) return false;
  return end == text.size() || !IsWord(text[end - 1]) || !IsWord(text[end]);
}

}  // namespace

SchemaTextScreen::SchemaTextScreen(std::vector<SchemaText> texts, const LeakScannerOptions& options,
                                   size_t max_bytes)
    : texts_(std::move(texts)), options_(options) {
  holding_.assign(texts_.size(), false);
  too_long_.assign(texts_.size(), false);
  for (size_t t = 0; t < texts_.size(); ++t) {
    const std::string normalised = NormaliseForLeakScan(texts_[t].text);
    if (text_.size() + normalised.size() + 1 > max_bytes) {
      too_long_[t] = holding_[t] = true;  // not searched: taken to hold one
      ++held_;
      continue;
    }
    starts_.push_back(text_.size());
    owners_.push_back(t);
    text_ += normalised;
    text_ += kLeakCellSeparator;  // no value matches across it
  }
  for (size_t i = 0; i < text_.size(); ++i) {
    if (text_[i] != kLeakCellSeparator) suffixes_.push_back(static_cast<uint32_t>(i));
  }
  // Values longer than max_bytes are never searched for: comparing further is needless.
  const std::string_view all(text_);
  const size_t depth = options_.max_bytes;
  std::sort(suffixes_.begin(), suffixes_.end(),
            [&](uint32_t a, uint32_t b) { return all.substr(a, depth) < all.substr(b, depth); });
}

void SchemaTextScreen::Observe(const Column& column) {
  if (suffixes_.empty() || held_ == texts_.size()) return;
  for (size_t row = 0; row < column.size(); ++row) {
    if (column.IsNull(row)) continue;
    const std::string_view cell = column.Text(row);
    buffer_.resize(cell.size());
    buffer_.resize(NormaliseForLeakScanInto(cell, buffer_.data()));
    Look(TrimLeakSpace(buffer_));
  }
}

void SchemaTextScreen::Look(std::string_view value) {
  if (ClassifyLeakPattern(value, options_) != LeakSkipReason::kNone) return;
  const std::string_view all(text_);
  const auto prefix = [&](uint32_t suffix) { return all.substr(suffix, value.size()); };
  const auto first =
      std::lower_bound(suffixes_.begin(), suffixes_.end(), value,
                       [&](uint32_t suffix, std::string_view v) { return prefix(suffix) < v; });
  const auto last =
      std::upper_bound(first, suffixes_.end(), value,
                       [&](std::string_view v, uint32_t suffix) { return v < prefix(suffix); });
  // A value that occurs often is gone through once, not once per cell holding it.
  if (last - first > kManyOccurrences) {
    const std::string key(value);
    if (seen_.count(key)) return;
    if (seen_.size() < kMaxSeenValues) seen_.insert(key);
  }
  for (auto it = first; it != last; ++it) {
    if (!AtTokenBoundaries(all, *it, *it + value.size())) continue;
    const size_t text = TextAt(*it);
    held_ += holding_[text] ? 0 : 1;
    holding_[text] = true;
  }
}

size_t SchemaTextScreen::TextAt(size_t position) const {
  const auto after = std::upper_bound(starts_.begin(), starts_.end(), position);
  return owners_[static_cast<size_t>(after - starts_.begin()) - 1];
}

std::vector<HeldSchemaText> SchemaTextScreen::Holding() const {
  std::vector<HeldSchemaText> holding;
  for (size_t t = 0; t < texts_.size(); ++t) {
    if (holding_[t]) holding.push_back({texts_[t], too_long_[t]});
  }
  return holding;
}

}  // namespace veil
