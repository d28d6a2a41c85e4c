// Fuzz target: ParseDateText, ParseIsoDay and AppendDateText. Invariants: no crash; a
// date that parses is written back byte for byte; shifted by a day count taken from the
// input (within years 0..9999) it is written in the same form and parses to the shifted
// day with the same time part; ParseIsoDay agrees with ParseDateText.
#include <chrono>
#include <cstring>
#include <string>

#include "core/date_text.h"
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace veil;
  using std::chrono::days;
  fuzz::FuzzInput in(data, size);
  int32_t shift = 0;
  for (int i = 0; i < 3; ++i) shift = shift * 256 + in.TakeByte();
  shift = shift % 2000001 - 1000000;  // up to about 2700 years either way
  const std::string_view text = in.rest();

  const auto parsed = ParseDateText(text);
  const auto iso_day = ParseIsoDay(text);
  FUZZ_CHECK(iso_day.has_value() ==
                 (parsed && parsed->form == DateForm::kIso && parsed->time_suffix.empty()),
             "ParseIsoDay accepts exactly the ISO dates without a time part");
  if (!parsed) return 0;
  if (iso_day) FUZZ_CHECK(*iso_day == parsed->day, "ParseIsoDay gives the same day");
  FUZZ_CHECK(
      parsed->time_suffix.data() >= text.data() &&
          parsed->time_suffix.data() + parsed->time_suffix.size() <= text.data() + text.size(),
      "the time part is a view into the text");

  std::string written;
  AppendDateText(parsed->day, parsed->form, parsed->time_suffix, written);
  FUZZ_CHECK(written == text, "a parsed date is written back as it came");

  const std::chrono::sys_days shifted = parsed->day + days(shift);
  const std::chrono::year_month_day ymd{shifted};
  const int year = static_cast<int>(ymd.year());
  std::string moved;
  AppendDateText(shifted, parsed->form, parsed->time_suffix, moved);
  if (year < 0 || year > 9999) return 0;
  const auto reparsed = ParseDateText(moved);
  FUZZ_CHECK(reparsed.has_value(), "a shifted date parses");
  FUZZ_CHECK(reparsed->day == shifted, "a shifted date keeps its day");
  FUZZ_CHECK(reparsed->form == parsed->form, "a shifted date keeps its form");
  FUZZ_CHECK(reparsed->time_suffix == parsed->time_suffix, "a shifted date keeps its time");
  return 0;
}
