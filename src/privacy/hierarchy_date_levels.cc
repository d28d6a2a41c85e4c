#include "privacy/hierarchy_date_levels.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <string_view>

#include "core/date_text.h"

namespace veil {
namespace {

// Periods from short to long; a hierarchy lists some of them in this order.
enum class Period { kWeek, kMonth, kQuarter, kSemester, kYear, kDecade };
constexpr std::array<std::string_view, 6> kPeriodNames = {"week",     "month", "quarter",
                                                          "semester", "year",  "decade"};

// The calendar facts a label needs.
struct DateParts {
  int year = 0;
  int month = 0;     // 1..12
  int iso_year = 0;  // the ISO week-numbering year
  int iso_week = 0;  // 1..53
};

DateParts PartsOf(std::chrono::sys_days day) {
  using namespace std::chrono;
  const year_month_day ymd{day};
  // An ISO week runs Monday to Sunday and belongs to the year that holds its Thursday.
  const sys_days thursday = day + days(4 - static_cast<int>(weekday(day).iso_encoding()));
  const year iso_year = year_month_day{thursday}.year();
  const sys_days first_day = sys_days(iso_year / January / 1);
  DateParts parts;
  parts.year = static_cast<int>(ymd.year());
  parts.month = static_cast<int>(static_cast<unsigned>(ymd.month()));
  parts.iso_year = static_cast<int>(iso_year);
  parts.iso_week = static_cast<int>((thursday - first_day).count() / 7) + 1;
  return parts;
}

int FloorDecade(int year) {
  return (year >= 0 ? year / 10 : (year - 9) / 10) * 10;
}

// The label of `parts` for `period`; `week_years` counts years and decades in ISO
// week-numbering years (used when a week level sits below them).
std::string Label(Period period, const DateParts& parts, bool week_years) {
  const int year = week_years ? parts.iso_year : parts.year;
  switch (period) {
    case Period::kWeek:
      return fmt::format("{:04d}-W{:02d}", parts.iso_year, parts.iso_week);
    case Period::kMonth:
      return fmt::format("{:04d}-{:02d}", year, parts.month);
    case Period::kQuarter:
      return fmt::format("{:04d}-Q{}", year, (parts.month - 1) / 3 + 1);
    case Period::kSemester:
      return fmt::format("{:04d}-H{}", year, (parts.month - 1) / 6 + 1);
    case Period::kYear:
      return fmt::format("{:04d}", year);
    case Period::kDecade:
      return fmt::format("{:04d}s", FloorDecade(year));
  }
  return "*";
}

Result<Period> ParsePeriod(const PolicyValue& node, const std::string& where) {
  const std::string name = node.IsScalar() ? node.text() : "";
  const auto it = std::find(kPeriodNames.begin(), kPeriodNames.end(), name);
  if (it == kPeriodNames.end()) {
    return PolicyError(fmt::format(
        "{}: `date` lists '{}', which is not a period; the periods are week, month, quarter, "
        "semester, year and decade",
        where, name));
  }
  return static_cast<Period>(it - kPeriodNames.begin());
}

// Checks the order of `periods` and that a week is only followed by years and decades.
Status CheckPeriods(const std::vector<Period>& periods, const std::string& where) {
  for (size_t i = 1; i < periods.size(); ++i) {
    if (periods[i] <= periods[i - 1]) {
      return PolicyError(fmt::format(
          "{}: `date` must list each period once, from short to long (week, month, quarter, "
          "semester, year, decade)",
          where));
    }
  }
  if (periods.front() == Period::kWeek && periods.size() > 1 && periods[1] < Period::kYear) {
    return PolicyError(fmt::format(
        "{}: `date` cannot put a week below a month, quarter or semester, because a week can "
        "straddle two of them; a week can be followed by year and decade",
        where));
  }
  return Status::Ok();
}

// The periods under `date:`: one name, or a non-empty list of names.
Result<std::vector<Period>> ParsePeriods(const PolicyValue& node, const std::string& where) {
  std::vector<Period> periods;
  if (node.IsSequence()) {
    for (const PolicyValue& item : node.items()) {
      VEIL_ASSIGN_OR_RETURN(const Period period, ParsePeriod(item, where));
      periods.push_back(period);
    }
  } else {
    VEIL_ASSIGN_OR_RETURN(const Period period, ParsePeriod(node, where));
    periods.push_back(period);
  }
  if (periods.empty()) {
    return PolicyError(
        fmt::format("{}: `date` must list at least one period, such as "
                    "[month, year]",
                    where));
  }
  VEIL_RETURN_IF_ERROR(CheckPeriods(periods, where));
  return periods;
}

}  // namespace

Result<HierarchyTable> BuildDateHierarchy(const PolicyValue& node,
                                          const std::vector<std::string>& values,
                                          const std::string& where) {
  VEIL_ASSIGN_OR_RETURN(const std::vector<Period> periods, ParsePeriods(node, where));
  const bool week_years = periods.front() == Period::kWeek;
  HierarchyTable table;
  for (const std::string& value : values) {
    const auto date = ParseDateText(value);
    if (!date) return InputError(fmt::format("{} holds a value that is not a date", where));
    const DateParts parts = PartsOf(date->day);
    HierarchyRow row{value};
    for (Period period : periods) row.push_back(Label(period, parts, week_years));
    row.push_back("*");
    table.push_back(std::move(row));
  }
  return table;
}

}  // namespace veil
