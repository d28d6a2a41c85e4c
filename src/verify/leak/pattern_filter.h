// Which original values are worth scanning for: the leak scanner's options and the rules
// that skip weak patterns.
//
// A leak check that reports every honest output as leaking is useless, so values that
// would match ordinary output text are skipped rather than scanned for: very short
// values, short numbers (amounts, years, counts), dates (other dates are everywhere),
// values with no letter or digit, and long free text (not an identifier value). Each
// skipped pattern is counted under one reason so the caller can report the counts.
#pragma once

#include <cstddef>
#include <string_view>

namespace veil {

struct LeakScannerOptions {
  // Characters (code points) after normalisation and trimming; 0 acts as 1.
  size_t min_length = 3;
  // A pattern made only of digits and the separators space - / . + ( ) needs this many
  // digits.
  size_t min_digits = 6;
  // Skip values shaped like dates (see ClassifyLeakPattern).
  bool skip_dates = true;
  // Bytes after normalisation and trimming; longer values are skipped.
  size_t max_bytes = 256;
  // Threads LeakScanner::Build may use (0 acts as 1). Small pattern lists use one.
  size_t build_threads = 2;
};

// Why a pattern is not scanned for. The first reason that applies, in this order.
enum class LeakSkipReason {
  kNone = 0,         // scanned for
  kTooLong,          // over max_bytes
  kTooShort,         // under min_length characters (this includes an empty value)
  kNoLetterOrDigit,  // only punctuation and spaces
  kDate,             // shaped like a date
  kFewDigits,        // a number with fewer than min_digits digits
};

struct LeakSkipCounts {
  size_t too_short = 0, few_digits = 0, date = 0, too_long = 0, no_letter_or_digit = 0;
  size_t total() const { return too_short + few_digits + date + too_long + no_letter_or_digit; }
  void Add(LeakSkipReason reason);
  LeakSkipCounts& operator+=(const LeakSkipCounts& other);
};

// The reason to skip `pattern`, which is normalised (core/text_normalise.h) and
// trimmed of ASCII whitespace; kNone if it is to be scanned for.
//
// Date shapes (skip_dates): a date, optionally followed by a time, and nothing else:
//   date  YYYY-MM-DD, or DD/MM/YYYY; '-', '/' or '.' may separate either form (the same
//         separator twice), and the day and month may have 1 or 2 digits;
//   time  then ' ' or 't', HH:MM, optionally :SS and a fraction ".ddd", optionally
//         followed by 'z' or an offset +HH, +HHMM or +HH:MM (or with '-').
// The values are not checked for being real dates: "9999-99-99" is date-shaped.
LeakSkipReason ClassifyLeakPattern(std::string_view pattern, const LeakScannerOptions& options);

}  // namespace veil
