// TextDate: a calendar date written inside free text ("03/04/2021", "2021-04-03",
// "3rd April 2021", "April 3, 2021", "3 Apr 21"), read with where its day, month and
// year are, so a shifted date can be written back in the same layout: the same
// separators, padding, month-name length and capitals, ordinal suffix and year digits.
//
// Numeric dates are read day first (UK usage) unless the year comes first. Two-digit
// years are 20yy up to 69 and 19yy from 70. Only real calendar dates between the years
// 1800 and 2200 are dates. Pure functions; thread-safe.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace veil {

class TextDate {
 public:
  // The date `text` (the whole of it) writes, or nullopt when it is not one.
  static std::optional<TextDate> Read(std::string_view text);

  std::chrono::sys_days day() const { return day_; }

  // Appends the text with its date replaced by `day`, in the layout it was read in.
  void Write(std::chrono::sys_days day, std::string& out) const;

 private:
  enum class Role { kLiteral, kDay, kOrdinal, kMonthNumber, kMonthName, kYear };
  struct Part {
    Role role;
    std::string_view text;
  };

  std::vector<Part> parts_;
  bool named_month_ = false;  // days are then padded only if they were ("03 May")
  std::chrono::sys_days day_{};
};

}  // namespace veil
