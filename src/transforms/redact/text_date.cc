#include "transforms/redact/text_date.h"

#include <array>
#include <cctype>

namespace veil {
namespace {

using std::chrono::month;
using std::chrono::year;
using std::chrono::year_month_day;

constexpr std::array<std::string_view, 12> kMonths = {
    "january", "february", "march",     "april",   "may",      "june",
    "july",    "august",   "september", "october", "november", "december"};

bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}
bool IsLetter(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) != 0;
}
char Lower(char c) {
  return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

// The value of a run of digits; runs longer than a year's are no part of a date and
// read as -1.
int Number(std::string_view digits) {
  if (digits.size() > 4) return -1;
  int value = 0;
  for (char c : digits) value = value * 10 + (c - '0');
  return value;
}

// 1..12 for a month name or its abbreviation of 3 or more letters ("Sept"), else 0.
int MonthOfName(std::string_view word) {
  if (word.size() < 3) return 0;
  for (size_t m = 0; m < kMonths.size(); ++m) {
    const std::string_view name = kMonths[m];
    if (word.size() > name.size()) continue;
    bool same = true;
    for (size_t i = 0; i < word.size() && same; ++i) same = Lower(word[i]) == name[i];
    if (same) return static_cast<int>(m) + 1;
  }
  return 0;
}

bool IsOrdinal(std::string_view word) {
  if (word.size() != 2) return false;
  const std::string_view lower[] = {"st", "nd", "rd", "th"};
  for (auto s : lower) {
    if (Lower(word[0]) == s[0] && Lower(word[1]) == s[1]) return true;
  }
  return false;
}

std::string_view OrdinalFor(unsigned d) {
  if (d % 100 >= 11 && d % 100 <= 13) return "th";
  switch (d % 10) {
    case 1:
      return "st";
    case 2:
      return "nd";
    case 3:
      return "rd";
    default:
      return "th";
  }
}

// Appends `text` in the capitals of `model`: all upper, all lower or first upper.
void AppendInCase(std::string_view text, std::string_view model, std::string& out) {
  bool all_upper = model.size() > 1;
  for (char c : model) all_upper = all_upper && std::isupper(static_cast<unsigned char>(c));
  const bool first_upper = !model.empty() && std::isupper(static_cast<unsigned char>(model[0]));
  for (size_t i = 0; i < text.size(); ++i) {
    const bool upper = all_upper || (i == 0 && first_upper);
    out.push_back(upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(text[i])))
                        : text[i]);
  }
}

// Appends `value` with at least `width` digits (zero-padded).
void AppendNumber(unsigned value, size_t width, std::string& out) {
  const std::string digits = std::to_string(value);
  if (digits.size() < width) out.append(width - digits.size(), '0');
  out.append(digits);
}

}  // namespace

std::optional<TextDate> TextDate::Read(std::string_view text) {
  TextDate date;
  std::vector<size_t> numbers;  // indexes into parts_
  int named_month = 0;
  for (size_t i = 0; i < text.size();) {
    size_t j = i;
    Role role = Role::kLiteral;
    if (IsDigit(text[i])) {
      while (j < text.size() && IsDigit(text[j])) ++j;
      role = Role::kDay;  // refined below
      numbers.push_back(date.parts_.size());
    } else if (IsLetter(text[i])) {
      while (j < text.size() && IsLetter(text[j])) ++j;
      const std::string_view word = text.substr(i, j - i);
      if (const int m = MonthOfName(word); m > 0 && named_month == 0) {
        named_month = m;
        role = Role::kMonthName;
      } else if (IsOrdinal(word) && !date.parts_.empty() && date.parts_.back().role == Role::kDay) {
        role = Role::kOrdinal;
      }
    } else {
      ++j;
    }
    date.parts_.push_back({role, text.substr(i, j - i)});
    i = j;
  }
  int d = 0, m = named_month, y = 0;
  size_t year_width = 0;
  auto set_role = [&](size_t number, Role role) { date.parts_[numbers[number]].role = role; };
  auto digits = [&](size_t number) { return date.parts_[numbers[number]].text; };
  date.named_month_ = named_month > 0;
  if (named_month > 0) {
    if (numbers.size() != 2) return std::nullopt;
    const bool day_first = digits(0).size() <= 2 && digits(1).size() != 1;
    const size_t day_index = day_first ? 0 : 1;
    set_role(day_index, Role::kDay);
    set_role(1 - day_index, Role::kYear);
    d = Number(digits(day_index));
    y = Number(digits(1 - day_index));
    year_width = digits(1 - day_index).size();
  } else {
    // A time after the date ("2021-04-03 10:30:00") is kept as it is.
    if (numbers.size() < 3) return std::nullopt;
    for (size_t k = 3; k < numbers.size(); ++k) date.parts_[numbers[k]].role = Role::kLiteral;
    const bool year_first = digits(0).size() == 4;
    const size_t year_index = year_first ? 0 : 2;
    size_t day_index = year_first ? 2 : 0;
    size_t month_index = 1;
    // US order ("6/24/1991") when the day-first reading has no such month.
    if (!year_first && Number(digits(1)) > 12 && Number(digits(0)) <= 12) {
      std::swap(day_index, month_index);
    }
    set_role(year_index, Role::kYear);
    set_role(month_index, Role::kMonthNumber);
    set_role(day_index, Role::kDay);
    d = Number(digits(day_index));
    m = Number(digits(month_index));
    y = Number(digits(year_index));
    year_width = digits(year_index).size();
    if (digits(day_index).size() > 2 || digits(month_index).size() > 2) return std::nullopt;
  }
  if (year_width == 2) {
    y += y < 70 ? 2000 : 1900;
  } else if (year_width != 4) {
    return std::nullopt;
  }
  if (y < 1800 || y > 2200) return std::nullopt;
  const year_month_day ymd{year(y), month(static_cast<unsigned>(m)),
                           std::chrono::day(static_cast<unsigned>(d))};
  if (!ymd.ok()) return std::nullopt;
  date.day_ = std::chrono::sys_days(ymd);
  return date;
}

void TextDate::Write(std::chrono::sys_days shifted, std::string& out) const {
  const year_month_day ymd(shifted);
  const unsigned d = static_cast<unsigned>(ymd.day());
  const unsigned m = static_cast<unsigned>(ymd.month());
  const int y = static_cast<int>(ymd.year());
  for (const Part& part : parts_) {
    switch (part.role) {
      case Role::kLiteral:
        out.append(part.text);
        break;
      case Role::kDay:
        AppendNumber(d, named_month_ && part.text[0] != '0' ? 1 : part.text.size(), out);
        break;
      case Role::kOrdinal:
        AppendInCase(OrdinalFor(d), part.text, out);
        break;
      case Role::kMonthNumber:
        AppendNumber(m, part.text.size(), out);
        break;
      case Role::kMonthName: {
        const std::string_view name = kMonths[m - 1];
        const bool full = MonthOfName(part.text) > 0 &&
                          part.text.size() == kMonths[MonthOfName(part.text) - 1].size();
        AppendInCase(full ? name : name.substr(0, 3), part.text, out);
        break;
      }
      case Role::kYear:
        AppendNumber(static_cast<unsigned>(part.text.size() == 2 ? y % 100 : y), part.text.size(),
                     out);
        break;
    }
  }
}

}  // namespace veil
