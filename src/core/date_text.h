// DateText: dates and date-times as they appear in data files, parsed and written back
// in the form they came in.
//
// Understood forms: ISO "YYYY-MM-DD", optionally followed by a time part starting with
// 'T' or ' ' (e.g. "2021-03-04T10:00:00Z", "2021-03-04 10:00:00.123+01:00"), and UK
// "dd/mm/yyyy", optionally followed by " HH:MM[:SS]". The calendar date must exist.
// The time part is carried verbatim, so shifting a date-time moves only its date.
// Pure functions; thread-safe.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace veil {

enum class DateForm { kIso, kDayMonthYear };

struct DateText {
  std::chrono::sys_days day;
  DateForm form = DateForm::kIso;
  std::string_view time_suffix;  // everything after the date, e.g. "T10:00:00Z"; may be empty
};

// Parses `text`, or returns nullopt when it is not a date in an understood form.
std::optional<DateText> ParseDateText(std::string_view text);

// Appends `day` in `form`, followed by `time_suffix`, to `out`.
void AppendDateText(std::chrono::sys_days day, DateForm form, std::string_view time_suffix,
                    std::string& out);

// Parses a policy date "YYYY-MM-DD" (no time part).
std::optional<std::chrono::sys_days> ParseIsoDay(std::string_view text);

}  // namespace veil
