// Fake dates of birth. A date the original can be read as (ISO "YYYY-MM-DD" with an
// optional time part, or "dd/mm/yyyy") moves to another day within two years either side,
// written in the same form with the time part kept; anything else becomes an ISO date
// between 1940-01-01 and 2024-12-31.
#include <chrono>
#include <memory>

#include "core/date_text.h"
#include "transforms/fakes/builtin_fakes.h"
#include "transforms/fakes/fake_support.h"

namespace veil {
namespace {

using std::chrono::sys_days;

constexpr int kMaxShiftDays = 730;
constexpr size_t kDateLength = 10;           // "YYYY-MM-DD" or "dd/mm/yyyy"
constexpr size_t kMaxTimeSuffixLength = 40;  // longer time parts are not kept
constexpr sys_days kEarliestFallback{std::chrono::year(1940) / 1 / 1};
constexpr sys_days kLatestFallback{std::chrono::year(2024) / 12 / 31};
constexpr sys_days kEarliestWritable{std::chrono::year(1) / 1 / 1};
constexpr sys_days kLatestWritable{std::chrono::year(9999) / 12 / 31};

class DateOfBirthKind final : public FakeKindBase {
 public:
  bool CanEqualRealValues() const override { return false; }
  DateOfBirthKind() : FakeKindBase("date_of_birth", kDateLength + kMaxTimeSuffixLength) {}

  void Generate(const Digest& random, std::string_view original, std::string& out) const override {
    FakeRandom draws(random);
    const auto parsed = ParseDateText(original);
    if (!parsed || parsed->time_suffix.size() > kMaxTimeSuffixLength) {
      const auto span = static_cast<uint64_t>((kLatestFallback - kEarliestFallback).count()) + 1;
      const auto offset = std::chrono::days(static_cast<int>(draws.Below(span)));
      AppendDateText(kEarliestFallback + offset, DateForm::kIso, "", out);
      return;
    }
    AppendDateText(Shift(parsed->day, draws), parsed->form, parsed->time_suffix, out);
  }

 private:
  // A different day at most kMaxShiftDays away, kept within years 1-9999 so it can be
  // written back in four digits.
  static sys_days Shift(sys_days day, FakeRandom& draws) {
    const auto n = static_cast<int>(draws.Below(2 * kMaxShiftDays));
    // Map [0, 2 * kMaxShiftDays) onto -kMaxShiftDays..-1 and 1..kMaxShiftDays.
    const std::chrono::days shift(n < kMaxShiftDays ? n - kMaxShiftDays : n - kMaxShiftDays + 1);
    const sys_days moved = day + shift;
    if (moved < kEarliestWritable || moved > kLatestWritable) return day - shift;
    return moved;
  }
};

}  // namespace

Status AddDateFakes(FakeCatalog& catalog) {
  catalog.Add(std::make_unique<DateOfBirthKind>());
  return Status::Ok();
}

}  // namespace veil
