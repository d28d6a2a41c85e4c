// Rules that draw a fresh keyed random choice for each row:
//   `{date_random: {from, to}}`  a date uniformly in [from, to], in the input's form;
//   `{choice: [A, B]}` / `{choice: dfe.LIST}`  a code drawn uniformly from a list;
//   `{noise: {relative: r}}`  a number multiplied by a factor in [1 - r, 1 + r].
// Draws come from a RowStream keyed by (secret, rule, table, column), addressed by row.

#include "core/date_text.h"
#include "core/row_stream.h"
#include "policy/rule_kinds.h"
#include "transforms/rule_registry.h"
#include "transforms/rules/builtin.h"
#include "transforms/rules/cell_helpers.h"

namespace veil {
namespace {

RowStream StreamFor(const RuleContext& context, const std::string& rule) {
  return RowStream(
      context.Prf(rule + "/" + context.schema.name + "/" + context.column_name()).key());
}

class DateRandomRule final : public Rule {
 public:
  DateRandomRule(std::chrono::sys_days from, int64_t days, RowStream rows)
      : from_(from), days_(days), rows_(std::move(rows)) {}

  Status Apply(const Batch& batch, size_t column, Column& out) override {
    rows_.Fill(batch.first_row, batch.rows(), words_);
    return ForEachDate(batch, column, out, [&](size_t row, const DateText& date) {
      const auto day = from_ + std::chrono::days(UniformBelow(words_[row], days_));
      AppendDateText(day, date.form, date.time_suffix, out.buffer());
      out.CommitCell(CellKind::kText);
      return Status::Ok();
    });
  }

 private:
  std::chrono::sys_days from_;
  int64_t days_;
  RowStream rows_;
  std::vector<uint64_t> words_;
};

class ChoiceRule final : public Rule {
 public:
  ChoiceRule(std::vector<std::string> codes, RowStream rows)
      : codes_(std::move(codes)), rows_(std::move(rows)) {}

  Status Apply(const Batch& batch, size_t column, Column& out) override {
    rows_.Fill(batch.first_row, batch.rows(), words_);
    return ForEachValue(batch, column, out, [&](size_t row, std::string_view) {
      out.Append(codes_[UniformBelow(words_[row], codes_.size())]);
      return Status::Ok();
    });
  }

 private:
  std::vector<std::string> codes_;
  RowStream rows_;
  std::vector<uint64_t> words_;
};

// Counts the digits after the decimal point, so noisy values keep the input's precision.
int DecimalPlaces(std::string_view text) {
  const auto dot = text.find('.');
  if (dot == std::string_view::npos) return 0;
  int places = 0;
  for (size_t i = dot + 1; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) ++places;
  return places;
}

class NoiseRule final : public Rule {
 public:
  NoiseRule(double relative, RowStream rows) : relative_(relative), rows_(std::move(rows)) {}

  Status Apply(const Batch& batch, size_t column, Column& out) override {
    rows_.Fill(batch.first_row, batch.rows(), words_);
    return ForEachValue(batch, column, out, [&](size_t row, std::string_view text) {
      const auto value = ParseNumber(text);
      if (!value) return RowError(batch, row, "not a number");
      const double unit = static_cast<double>(words_[row] >> 11) * 0x1.0p-53;  // [0, 1)
      const double noisy = *value * (1.0 + relative_ * (2.0 * unit - 1.0));
      const int places = DecimalPlaces(text);
      out.Append(fmt::format("{:.{}f}", noisy, places),
                 places == 0 ? CellKind::kInteger : CellKind::kReal);
      return Status::Ok();
    });
  }

 private:
  double relative_;
  RowStream rows_;
  std::vector<uint64_t> words_;
};

Result<std::unique_ptr<Rule>> MakeDateRandom(const RuleSpec& spec, const RuleContext& context) {
  const auto& arg = spec.argument;
  if (!arg.IsMap() || !arg["from"] || !arg["to"]) {
    return context.Error(spec, "date_random needs {from: YYYY-MM-DD, to: YYYY-MM-DD}");
  }
  const auto from = ParseIsoDay(arg["from"].as<std::string>());
  const auto to = ParseIsoDay(arg["to"].as<std::string>());
  if (!from || !to || *to < *from) {
    return context.Error(spec, "date_random's from and to must be dates YYYY-MM-DD, from <= to");
  }
  const int64_t days = (*to - *from).count() + 1;
  return std::unique_ptr<Rule>(
      std::make_unique<DateRandomRule>(*from, days, StreamFor(context, "date_random")));
}

Result<std::unique_ptr<Rule>> MakeChoice(const RuleSpec& spec, const RuleContext& context) {
  std::vector<std::string> codes;
  if (spec.argument.IsSequence()) {
    for (const auto& code : spec.argument.items()) codes.push_back(code.as<std::string>());
  } else if (spec.argument.IsScalar()) {
    const auto name = spec.argument.as<std::string>();
    const auto* list = context.run.code_lists->Find(name);
    if (list == nullptr) {
      return context.Error(spec, fmt::format("unknown code list '{}' (known: {})", name,
                                             fmt::join(context.run.code_lists->Names(), ", ")));
    }
    codes = *list;
  }
  if (codes.empty()) return context.Error(spec, "choice needs a non-empty list or a list name");
  if (const auto limit = context.DeclaredLength()) {
    for (const auto& code : codes) {
      if (code.size() > *limit) return context.Error(spec, "a code is longer than the column");
    }
  }
  return std::unique_ptr<Rule>(
      std::make_unique<ChoiceRule>(std::move(codes), StreamFor(context, "choice")));
}

Result<std::unique_ptr<Rule>> MakeNoise(const RuleSpec& spec, const RuleContext& context) {
  if (!spec.argument.IsMap() || !spec.argument["relative"]) {
    return context.Error(spec, "noise needs {relative: 0.1}");
  }
  const double relative = spec.argument["relative"].as<double>();
  if (!(relative > 0 && relative <= 1)) {
    return context.Error(spec, "noise's relative must be in (0, 1]");
  }
  return std::unique_ptr<Rule>(std::make_unique<NoiseRule>(relative, StreamFor(context, "noise")));
}

}  // namespace

void RegisterDateRandomRule(RuleRegistry& registry) {
  registry.Register(std::string(rule_kind::kDateRandom), MakeDateRandom);
}
void RegisterChoiceRule(RuleRegistry& registry) {
  registry.Register(std::string(rule_kind::kChoice), MakeChoice);
}
void RegisterNoiseRule(RuleRegistry& registry) {
  registry.Register(std::string(rule_kind::kNoise), MakeNoise);
}

}  // namespace veil
