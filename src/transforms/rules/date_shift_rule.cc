// `{date_shift: ENTITY}`: every date of one entity moves by the same secret number of
// days, so intervals and order within the entity are exact. `{date_shift: {min_days,
// max_days}}`: each value moves by its own offset. Dates keep their textual form.
#include "core/date_text.h"
#include "core/row_stream.h"
#include "policy/rule_kinds.h"
#include "transforms/entity_digests.h"
#include "transforms/rule_registry.h"
#include "transforms/rules/builtin.h"
#include "transforms/rules/cell_helpers.h"
#include "transforms/rules/day_offset.h"

namespace veil {
namespace {

class DateShiftRule final : public Rule {
 public:
  // With `key_column` set, offsets come from the entity's key; rows whose key is empty
  // fall back to a per-row offset from `rows_`.
  DateShiftRule(DayRange range, EntityDigests* digests, std::optional<size_t> key_column,
                RowStream rows)
      : range_(range), digests_(digests), key_column_(key_column), rows_(std::move(rows)) {}

  Status Apply(const Batch& batch, size_t column, Column& out) override {
    rows_.Fill(batch.first_row, batch.rows(), row_words_);
    const std::vector<Digest>* digests =
        key_column_ ? &digests_->ForColumn(batch, *key_column_) : nullptr;
    return ForEachDate(batch, column, out, [&](size_t row, const DateText& date) {
      const int offset = OffsetFor(batch, digests, row);
      AppendDateText(date.day + std::chrono::days(offset), date.form, date.time_suffix,
                     out.buffer());
      out.CommitCell(CellKind::kText);
      return Status::Ok();
    });
  }

 private:
  int OffsetFor(const Batch& batch, const std::vector<Digest>* digests, size_t row) const {
    if (digests == nullptr || IsEmptyCell(batch.columns[*key_column_], row)) {
      return DayOffset(row_words_[row], range_);
    }
    return DayOffset(DigestWord((*digests)[row], EntityDigests::kShiftWordOffset), range_);
  }

  DayRange range_;
  EntityDigests* digests_;
  std::optional<size_t> key_column_;
  RowStream rows_;
  std::vector<uint64_t> row_words_;
};

std::string ColumnPurpose(const RuleContext& context, const std::string& rule) {
  return rule + "/" + context.schema.name + "/" + context.column_name();
}

// Either an entity whose dates move together or a range each value draws from.
struct DateShiftArgs {
  std::optional<std::string> entity;  // none: per-value offsets from `range`
  DayRange range{};
};

Result<DateShiftArgs> ParseDateShift(const RuleSpec& spec, const RuleSite& site) {
  const auto& arg = spec.argument;
  if (arg.IsMap()) {
    if (!arg["min_days"] || !arg["max_days"]) {
      return site.Error(spec, "date_shift needs an entity or {min_days, max_days}");
    }
    DayRange range{arg["min_days"].as<int>(), arg["max_days"].as<int>()};
    if (range.min_days > range.max_days) return site.Error(spec, "min_days > max_days");
    return DateShiftArgs{std::nullopt, range};
  }
  if (!arg.IsScalar()) {
    return site.Error(spec, "date_shift needs an entity or {min_days, max_days}");
  }
  return DateShiftArgs{arg.as<std::string>(), DayRange{}};
}

Result<std::unique_ptr<Rule>> MakeDateShift(const DateShiftArgs& args, const RuleContext& context) {
  RowStream rows(context.Prf(ColumnPurpose(context, "date_shift")).key());
  if (!args.entity) {
    return std::unique_ptr<Rule>(
        std::make_unique<DateShiftRule>(args.range, nullptr, std::nullopt, std::move(rows)));
  }
  const std::string& name = *args.entity;
  VEIL_ASSIGN_OR_RETURN(const EntityPolicy* entity, context.Entity(name));
  if (!entity->date_shift) {
    return context.Error(
        fmt::format("entity '{}' has no date_shift range; add "
                    "`date_shift: {{min_days: -90, max_days: 90}}` to it",
                    name));
  }
  VEIL_ASSIGN_OR_RETURN(size_t key_column, context.EntityKeyColumn(name));
  return std::unique_ptr<Rule>(std::make_unique<DateShiftRule>(
      *entity->date_shift, &context.DigestsFor(name), key_column, std::move(rows)));
}

}  // namespace

void RegisterDateShiftRule(RuleRegistry& registry) {
  registry.Register<DateShiftArgs>(rule_kind::kDateShift, ParseDateShift, MakeDateShift);
}

}  // namespace veil
