#include "generate/date_cells.h"

#include <algorithm>
#include <chrono>
#include <initializer_list>
#include <string>

#include "core/date_text.h"
#include "generate/counter_random.h"
#include "scan/column_names.h"

namespace veil {
namespace {

bool HasAny(const std::vector<std::string>& words, std::initializer_list<std::string_view> wanted) {
  return std::any_of(words.begin(), words.end(), [&](const std::string& word) {
    return std::find(wanted.begin(), wanted.end(), word) != wanted.end();
  });
}

class DateCells final : public CellMaker {
 public:
  DateCells(DatePhase phase, ValueClass value_class, bool nullable, int32_t as_of, uint64_t salt)
      : phase_(phase), class_(value_class), nullable_(nullable), as_of_(as_of), salt_(salt) {}

  void Append(const RowContext& row, Column& out) const override {
    const uint64_t draw = MixBits(row.draw ^ salt_);
    const uint64_t percent = UniformBelow(draw, 100);
    if (nullable_ && ((phase_ == DatePhase::kEnd && percent < 30) ||
                      (phase_ == DatePhase::kDeath && percent < 95) ||
                      (phase_ == DatePhase::kFuture && percent < 50))) {
      out.AppendNull();
      return;
    }
    const int32_t day = DayOf(row.days, MixBits(draw));
    auto& text = out.buffer();
    if (class_ == ValueClass::kTime) {
      text.append("12:00:00");
    } else {
      AppendDateText(std::chrono::sys_days(std::chrono::days(day)), DateForm::kIso, "", text);
      if (class_ == ValueClass::kTimestamp) text.append(" 00:00:00");
      if (class_ == ValueClass::kTimestampWithZone) text.append(" 00:00:00+00");
    }
    out.CommitCell(CellKind::kText);
  }

 private:
  int32_t DayOf(const RowDays& days, uint64_t draw) const {
    switch (phase_) {
      case DatePhase::kBirth:
        return days.birth;
      case DatePhase::kStart:
        return days.start;
      case DatePhase::kEnd:
      case DatePhase::kDeath:
        return days.end;
      case DatePhase::kFuture:
        return as_of_ + 1 + static_cast<int32_t>(UniformBelow(draw, 270));
      case DatePhase::kDuring:
        break;
    }
    return days.start + static_cast<int32_t>(
                            UniformBelow(draw, static_cast<uint64_t>(days.end - days.start) + 1));
  }

  DatePhase phase_;
  ValueClass class_;
  bool nullable_;
  int32_t as_of_;
  uint64_t salt_;
};

}  // namespace

DatePhase PhaseOfColumn(std::string_view column_name) {
  const auto words = scan::NameWords(column_name);
  if (HasAny(words, {"expected", "due", "planned", "proposed", "next", "scheduled", "target",
                     "anticipated"})) {
    return DatePhase::kFuture;
  }
  if (HasAny(words, {"death", "died", "deceased"})) return DatePhase::kDeath;
  if (HasAny(words,
             {"end", "ended", "close", "closed", "closure", "cease", "ceased", "finish", "finished",
              "discharge", "discharged", "until", "expiry", "expires", "left", "leaving", "to"})) {
    return DatePhase::kEnd;
  }
  if (HasAny(words, {"start", "started", "open", "opened", "referral", "received", "commence",
                     "commenced", "begin", "began", "from", "created", "registered", "entry",
                     "issued", "effective", "joined"})) {
    return DatePhase::kStart;
  }
  if (scan::HintFromName(column_name) == scan::NameHint::kDateOfBirth ||
      HasAny(words, {"dob", "birth"})) {
    return DatePhase::kBirth;
  }
  return DatePhase::kDuring;
}

std::unique_ptr<CellMaker> MakeDateCells(DatePhase phase, ValueClass value_class, bool nullable,
                                         int32_t as_of, uint64_t salt) {
  return std::make_unique<DateCells>(phase, value_class, nullable, as_of, salt);
}

}  // namespace veil
