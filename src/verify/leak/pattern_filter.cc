#include "verify/leak/pattern_filter.h"

#include <algorithm>

#include "core/utf8.h"
#include "core/text_normalise.h"

namespace veil {
namespace {

bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}

// Reads a date or time shape left to right; every method consumes only on success.
class ShapeReader {
 public:
  explicit ShapeReader(std::string_view text) : text_(text) {}

  bool done() const { return at_ == text_.size(); }
  // Between `min` and `max` digits, not followed by another digit.
  bool Digits(size_t min, size_t max) {
    size_t n = 0;
    while (at_ + n < text_.size() && IsDigit(text_[at_ + n])) ++n;
    if (n < min || n > max) return false;
    at_ += n;
    return true;
  }
  // One of `chars`; stores it in `*which` when given.
  bool OneOf(std::string_view chars, char* which = nullptr) {
    if (done() || chars.find(text_[at_]) == std::string_view::npos) return false;
    if (which != nullptr) *which = text_[at_];
    ++at_;
    return true;
  }
  size_t position() const { return at_; }
  void Rewind(size_t position) { at_ = position; }

 private:
  std::string_view text_;
  size_t at_ = 0;
};

// YYYY-MM-DD or DD-MM-YYYY with '-', '/' or '.' (the same one twice).
bool ReadDate(ShapeReader& r) {
  for (bool year_first : {true, false}) {
    r.Rewind(0);
    char separator = 0;
    if (r.Digits(year_first ? 4 : 1, year_first ? 4 : 2) && r.OneOf("-/.", &separator) &&
        r.Digits(1, 2) && r.OneOf(std::string_view(&separator, 1)) &&
        r.Digits(year_first ? 1 : 4, year_first ? 2 : 4)) {
      return true;
    }
  }
  return false;
}

// Optional: 'z' or [+-]HH, [+-]HHMM, [+-]HH:MM, after an optional space.
void ReadZone(ShapeReader& r) {
  size_t start = r.position();
  r.OneOf(" ");
  if (r.OneOf("z")) return;
  if (r.OneOf("+-") && (r.Digits(2, 2) || r.Digits(4, 4))) {
    size_t before_minutes = r.position();
    if (!(r.OneOf(":") && r.Digits(2, 2))) r.Rewind(before_minutes);
    return;
  }
  r.Rewind(start);
}

// ' ' or 't', then HH:MM, optionally :SS[.fraction], then an optional zone.
bool ReadTime(ShapeReader& r) {
  if (!(r.OneOf(" t") && r.Digits(1, 2) && r.OneOf(":") && r.Digits(2, 2))) return false;
  size_t before_seconds = r.position();
  if (r.OneOf(":") && r.Digits(2, 2)) {
    size_t before_fraction = r.position();
    if (!(r.OneOf(".") && r.Digits(1, 9))) r.Rewind(before_fraction);
  } else {
    r.Rewind(before_seconds);
  }
  ReadZone(r);
  return true;
}

bool IsDateShaped(std::string_view pattern) {
  ShapeReader r(pattern);
  if (!ReadDate(r)) return false;
  if (r.done()) return true;
  return ReadTime(r) && r.done();
}

// True if `pattern` is made only of digits and number separators and has fewer than
// `min_digits` digits.
bool IsShortNumber(std::string_view pattern, size_t min_digits) {
  constexpr std::string_view kSeparators = " -/.+()";
  size_t digits = 0;
  for (char c : pattern) {
    if (IsDigit(c)) {
      ++digits;
    } else if (kSeparators.find(c) == std::string_view::npos) {
      return false;
    }
  }
  return digits < min_digits;
}

}  // namespace

void LeakSkipCounts::Add(LeakSkipReason reason) {
  switch (reason) {
    case LeakSkipReason::kNone:
      break;
    case LeakSkipReason::kTooLong:
      ++too_long;
      break;
    case LeakSkipReason::kTooShort:
      ++too_short;
      break;
    case LeakSkipReason::kNoLetterOrDigit:
      ++no_letter_or_digit;
      break;
    case LeakSkipReason::kDate:
      ++date;
      break;
    case LeakSkipReason::kFewDigits:
      ++few_digits;
      break;
  }
}

LeakSkipCounts& LeakSkipCounts::operator+=(const LeakSkipCounts& other) {
  too_short += other.too_short;
  few_digits += other.few_digits;
  date += other.date;
  too_long += other.too_long;
  no_letter_or_digit += other.no_letter_or_digit;
  return *this;
}

LeakSkipReason ClassifyLeakPattern(std::string_view pattern, const LeakScannerOptions& options) {
  if (pattern.size() > options.max_bytes) return LeakSkipReason::kTooLong;
  if (CountCodePoints(pattern) < std::max<size_t>(options.min_length, 1)) {
    return LeakSkipReason::kTooShort;
  }
  if (std::none_of(pattern.begin(), pattern.end(),
                   [](char c) { return IsLeakWordByte(static_cast<unsigned char>(c)); })) {
    return LeakSkipReason::kNoLetterOrDigit;
  }
  if (options.skip_dates && IsDateShaped(pattern)) return LeakSkipReason::kDate;
  if (IsShortNumber(pattern, options.min_digits)) return LeakSkipReason::kFewDigits;
  return LeakSkipReason::kNone;
}

}  // namespace veil
