// CSV format options and delimiter detection shared by the CSV reader and writer.
//
// Guarantees:
// - CsvOptions{} means "detect the delimiter from the header line"; a non-zero
//   `delimiter` is used as given.
// - DetectDelimiter() looks only at the first line of its input (up to the first LF or CR
//   outside double quotes), counts each candidate (comma, semicolon, tab, pipe) outside
//   quotes and returns the most frequent one; ties go to the earlier candidate in that
//   order, and a line with none of them gives a comma. It never fails.
#pragma once

#include <string_view>

namespace veil {

struct CsvOptions {
  char delimiter = 0;  // 0 = detect from the header line
};

// The candidates DetectDelimiter() chooses from, in tie-breaking order.
inline constexpr std::string_view kCsvDelimiterCandidates = ",;\t|";

char DetectDelimiter(std::string_view text);

// True if `c` can separate CSV fields (not a quote, CR, LF or a non-ASCII byte).
bool IsUsableCsvDelimiter(char c);

}  // namespace veil
