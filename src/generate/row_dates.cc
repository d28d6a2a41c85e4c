#include "generate/row_dates.h"

#include "generate/counter_random.h"

namespace veil {
namespace {

constexpr int32_t kChildYears = 18 * 365 + 4;
constexpr int32_t kRecordYears = 10 * 365 + 2;
constexpr uint64_t kDaysLane = 7;

// A day in [from, to] (from <= to), from the draw.
int32_t DayBetween(int32_t from, int32_t to, uint64_t draw) {
  return from + static_cast<int32_t>(UniformBelow(draw, static_cast<uint64_t>(to - from) + 1));
}

}  // namespace

RowDates::RowDates(const RowPlan& plan, int32_t as_of, std::vector<bool> with_birth)
    : plan_(&plan), as_of_(as_of), with_birth_(std::move(with_birth)) {}

RowDays RowDates::Of(size_t table, int64_t row) const {
  const PlannedTable& planned = plan_->table(table);
  const uint64_t salt = planned.salt;
  RowDays days;
  int32_t base = 0;
  if (planned.owner_table < 0) {
    const int32_t span = with_birth_[table] ? kChildYears : kRecordYears;
    base = DayBetween(as_of_ - span, as_of_, DrawFor(salt, row, kDaysLane));
    days.birth = base;
  } else {
    const RowDays owner =
        Of(static_cast<size_t>(planned.owner_table), plan_->ParentRow(table, row));
    base = owner.start;
    days.birth = owner.birth;
  }
  days.start = DayBetween(base, as_of_, DrawFor(salt, row, kDaysLane + 1));
  days.end = DayBetween(days.start, as_of_, DrawFor(salt, row, kDaysLane + 2));
  return days;
}

}  // namespace veil
