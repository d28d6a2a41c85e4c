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

struct DateRandomArgs {
  std::chrono::sys_days from{};
  int64_t days = 0;  // the number of days in [from, to]
};

Result<DateRandomArgs> ParseDateRandom(const RuleSpec& spec, const RuleSite& site) {
  const auto& arg = spec.argument;
  if (!arg.IsMap() || !arg["from"] || !arg["to"]) {
    return site.Error(spec, "date_random needs {from: YYYY-MM-DD, to: YYYY-MM-DD}");
  }
  const auto from = ParseIsoDay(arg["from"].as<std::string>());
  const auto to = ParseIsoDay(arg["to"].as<std::string>());
  if (!from || !to || *to < *from) {
    return site.Error(spec, "date_random's from and to must be dates YYYY-MM-DD, from <= to");
  }
  return DateRandomArgs{*from, (*to - *from).count() + 1};
}

Result<std::unique_ptr<Rule>> MakeDateRandom(const DateRandomArgs& args,
                                             const RuleContext& context) {
  return std::unique_ptr<Rule>(
      std::make_unique<DateRandomRule>(args.from, args.days, StreamFor(context, "date_random")));
}

// The codes themselves, or the name of a code list to draw from.
struct ChoiceArgs {
  std::vector<std::string> codes;
  std::optional<std::string> list;
};

Result<ChoiceArgs> ParseChoice(const RuleSpec& spec, const RuleSite& site) {
  ChoiceArgs args;
  if (spec.argument.IsSequence()) {
    for (const auto& code : spec.argument.items()) args.codes.push_back(code.as<std::string>());
  } else if (spec.argument.IsScalar()) {
    args.list = spec.argument.as<std::string>();
  }
  if (args.codes.empty() && !args.list) {
    return site.Error(spec, "choice needs a non-empty list or a list name");
  }
  return args;
}

Result<std::unique_ptr<Rule>> MakeChoice(const ChoiceArgs& args, const RuleContext& context) {
  std::vector<std::string> codes = args.codes;
  if (args.list) {
    const auto* list = context.run.code_lists->Find(*args.list);
    if (list == nullptr) {
      return context.Error(fmt::format("unknown code list '{}' (known: {})", *args.list,
                                       fmt::join(context.run.code_lists->Names(), ", ")));
    }
    codes = *list;
  }
  if (codes.empty()) return context.Error("choice needs a non-empty list or a list name");
  if (const auto limit = context.DeclaredLength()) {
    for (const auto& code : codes) {
      if (code.size() > *limit) return context.Error("a code is longer than the column");
    }
  }
  return std::unique_ptr<Rule>(
      std::make_unique<ChoiceRule>(std::move(codes), StreamFor(context, "choice")));
}

struct NoiseArgs {
  double relative = 0;  // in (0, 1]
};

Result<NoiseArgs> ParseNoise(const RuleSpec& spec, const RuleSite& site) {
  if (!spec.argument.IsMap() || !spec.argument["relative"]) {
    return site.Error(spec, "noise needs {relative: 0.1}");
  }
  const double relative = spec.argument["relative"].as<double>();
  if (!(relative > 0 && relative <= 1))
    return site.Error(spec, "noise's relative must be in (0, 1]");
  return NoiseArgs{relative};
}

Result<std::unique_ptr<Rule>> MakeNoise(const NoiseArgs& args, const RuleContext& context) {
  return std::unique_ptr<Rule>(
      std::make_unique<NoiseRule>(args.relative, StreamFor(context, "noise")));
}

}  // namespace

void RegisterDateRandomRule(RuleRegistry& registry) {
  registry.Register<DateRandomArgs>(rule_kind::kDateRandom, ParseDateRandom, MakeDateRandom);
}
void RegisterChoiceRule(RuleRegistry& registry) {
  registry.Register<ChoiceArgs>(rule_kind::kChoice, ParseChoice, MakeChoice);
}
void RegisterNoiseRule(RuleRegistry& registry) {
  registry.Register<NoiseArgs>(rule_kind::kNoise, ParseNoise, MakeNoise);
}

}  // namespace veil
