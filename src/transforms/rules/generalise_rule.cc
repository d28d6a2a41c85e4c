// `{generalise: month|quarter|year}`: a date becomes the first day of its month,
// quarter or year (still a valid date, in the input's form; a time part becomes
// midnight). `{generalise: {bins: [b0, b1, ...]}}`: a number becomes the label of its
// interval: "<b0", "[b0, b1)", ..., ">=bn".
#include <cmath>

#include "core/date_text.h"
#include "policy/rule_kinds.h"
#include "transforms/rule_registry.h"
#include "transforms/rules/builtin.h"
#include "transforms/rules/cell_helpers.h"

namespace veil {
namespace {

enum class Period { kMonth, kQuarter, kYear };

std::string MidnightLike(std::string_view suffix) {
  if (suffix.empty()) return "";
  return std::string(1, suffix[0]) + "00:00:00";
}

class DatePeriodRule final : public Rule {
 public:
  explicit DatePeriodRule(Period period) : period_(period) {}

  Status Apply(const Batch& batch, size_t column, Column& out) override {
    using namespace std::chrono;
    return ForEachDate(batch, column, out, [&](size_t, const DateText& date) {
      const year_month_day ymd{date.day};
      unsigned m = static_cast<unsigned>(ymd.month());
      if (period_ == Period::kQuarter) m = (m - 1) / 3 * 3 + 1;
      if (period_ == Period::kYear) m = 1;
      const sys_days first{ymd.year() / month(m) / day(1)};
      AppendDateText(first, date.form, MidnightLike(date.time_suffix), out.buffer());
      out.CommitCell(CellKind::kText);
      return Status::Ok();
    });
  }

 private:
  Period period_;
};

std::string NumberLabel(double v) {
  if (v == std::floor(v) && std::fabs(v) < 1e15) return fmt::format("{}", static_cast<int64_t>(v));
  return fmt::format("{}", v);
}

class BinsRule final : public Rule {
 public:
  explicit BinsRule(std::vector<double> bounds) : bounds_(std::move(bounds)) {
    labels_.push_back(fmt::format("<{}", NumberLabel(bounds_.front())));
    for (size_t i = 0; i + 1 < bounds_.size(); ++i) {
      labels_.push_back(
          fmt::format("[{}, {})", NumberLabel(bounds_[i]), NumberLabel(bounds_[i + 1])));
    }
    labels_.push_back(fmt::format(">={}", NumberLabel(bounds_.back())));
  }

  Status Apply(const Batch& batch, size_t column, Column& out) override {
    return ForEachValue(batch, column, out, [&](size_t row, std::string_view text) {
      const auto value = ParseNumber(text);
      if (!value) return RowError(batch, row, "not a number");
      const auto bin = std::upper_bound(bounds_.begin(), bounds_.end(), *value) - bounds_.begin();
      out.Append(labels_[static_cast<size_t>(bin)]);
      return Status::Ok();
    });
  }

 private:
  std::vector<double> bounds_;
  std::vector<std::string> labels_;
};

// A period for dates, or the bounds of numeric bins (non-empty, strictly increasing).
struct GeneraliseArgs {
  Period period = Period::kMonth;
  std::vector<double> bounds;  // empty: dates by `period`
};

Result<GeneraliseArgs> ParseGeneralise(const RuleSpec& spec, const RuleSite& site) {
  const auto& arg = spec.argument;
  if (arg.IsScalar()) {
    const auto name = arg.as<std::string>();
    if (name == "month") return GeneraliseArgs{Period::kMonth, {}};
    if (name == "quarter") return GeneraliseArgs{Period::kQuarter, {}};
    if (name == "year") return GeneraliseArgs{Period::kYear, {}};
    return site.Error(spec, "generalise takes month, quarter, year or {bins: [...]}");
  }
  if (arg.IsMap() && arg["bins"] && arg["bins"].IsSequence() && arg["bins"].size() > 0) {
    std::vector<double> bounds;
    for (const auto& b : arg["bins"].items()) bounds.push_back(b.as<double>());
    if (!std::is_sorted(bounds.begin(), bounds.end()) ||
        std::adjacent_find(bounds.begin(), bounds.end()) != bounds.end()) {
      return site.Error(spec, "bins must be strictly increasing numbers");
    }
    return GeneraliseArgs{Period::kMonth, std::move(bounds)};
  }
  return site.Error(spec, "generalise takes month, quarter, year or {bins: [...]}");
}

Result<std::unique_ptr<Rule>> MakeGeneralise(const GeneraliseArgs& args, const RuleContext&) {
  if (args.bounds.empty())
    return std::unique_ptr<Rule>(std::make_unique<DatePeriodRule>(args.period));
  return std::unique_ptr<Rule>(std::make_unique<BinsRule>(args.bounds));
}

}  // namespace

void RegisterGeneraliseRule(RuleRegistry& registry) {
  registry.Register<GeneraliseArgs>(rule_kind::kGeneralise, ParseGeneralise, MakeGeneralise);
}

}  // namespace veil
