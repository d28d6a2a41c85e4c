#include "core/date_text.h"

namespace veil {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;
using std::chrono::year_month_day;

bool ReadDigits(std::string_view text, size_t pos, size_t count, int& value) {
  if (pos + count > text.size()) return false;
  value = 0;
  for (size_t i = pos; i < pos + count; ++i) {
    const char c = text[i];
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  return true;
}

std::optional<std::chrono::sys_days> MakeDay(int y, int m, int d) {
  const year_month_day ymd{year(y), month(static_cast<unsigned>(m)), day(static_cast<unsigned>(d))};
  if (!ymd.ok()) return std::nullopt;
  return std::chrono::sys_days(ymd);
}

// A time part is short and made only of characters that appear in times and offsets.
bool PlausibleTimeSuffix(std::string_view suffix) {
  if (suffix.empty()) return true;
  if (suffix.size() > 40 || (suffix[0] != 'T' && suffix[0] != ' ')) return false;
  if (suffix.size() < 3 || suffix[1] < '0' || suffix[1] > '9') return false;
  for (char c : suffix.substr(1)) {
    const bool ok = (c >= '0' && c <= '9') || c == ':' || c == '.' || c == 'Z' || c == '+' ||
                    c == '-' || c == ' ';
    if (!ok) return false;
  }
  return true;
}

// Appends `value` (0 <= value < 10^width) zero-padded to `width` digits; years outside
// 0..9999 fall back to the general form.
void AppendNumber(int value, int width, std::string& out) {
  if (value < 0 || (width == 4 && value > 9999)) {
    out += std::to_string(value);
    return;
  }
  char digits[4];
  for (int i = width - 1; i >= 0; --i) {
    digits[i] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
  out.append(digits, static_cast<size_t>(width));
}

}  // namespace

std::optional<DateText> ParseDateText(std::string_view text) {
  int y = 0, m = 0, d = 0;
  DateText result;
  size_t date_length = 0;
  if (text.size() >= 10 && text[4] == '-' && text[7] == '-' && ReadDigits(text, 0, 4, y) &&
      ReadDigits(text, 5, 2, m) && ReadDigits(text, 8, 2, d)) {
    result.form = DateForm::kIso;
    date_length = 10;
  } else if (text.size() >= 10 && text[2] == '/' && text[5] == '/' && ReadDigits(text, 0, 2, d) &&
             ReadDigits(text, 3, 2, m) && ReadDigits(text, 6, 4, y)) {
    result.form = DateForm::kDayMonthYear;
    date_length = 10;
  } else {
    return std::nullopt;
  }
  const auto day_value = MakeDay(y, m, d);
  if (!day_value) return std::nullopt;
  result.day = *day_value;
  result.time_suffix = text.substr(date_length);
  if (!PlausibleTimeSuffix(result.time_suffix)) return std::nullopt;
  return result;
}

void AppendDateText(std::chrono::sys_days day_value, DateForm form, std::string_view time_suffix,
                    std::string& out) {
  const year_month_day ymd{day_value};
  const int y = static_cast<int>(ymd.year());
  const int m = static_cast<int>(static_cast<unsigned>(ymd.month()));
  const int d = static_cast<int>(static_cast<unsigned>(ymd.day()));
  if (form == DateForm::kIso) {
    AppendNumber(y, 4, out);
    out.push_back('-');
    AppendNumber(m, 2, out);
    out.push_back('-');
    AppendNumber(d, 2, out);
  } else {
    AppendNumber(d, 2, out);
    out.push_back('/');
    AppendNumber(m, 2, out);
    out.push_back('/');
    AppendNumber(y, 4, out);
  }
  out.append(time_suffix);
}

std::optional<std::chrono::sys_days> ParseIsoDay(std::string_view text) {
  const auto parsed = ParseDateText(text);
  if (!parsed || parsed->form != DateForm::kIso || !parsed->time_suffix.empty()) {
    return std::nullopt;
  }
  return parsed->day;
}

}  // namespace veil
