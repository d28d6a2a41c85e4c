// `null` (every cell becomes NULL) and `{value: X}` (every non-empty cell becomes X).
#include "policy/rule_kinds.h"
#include "transforms/rule_registry.h"
#include "transforms/rules/builtin.h"
#include "transforms/rules/cell_helpers.h"

namespace veil {
namespace {

class NullRule final : public Rule {
 public:
  Status Apply(const Batch& batch, size_t, Column& out) override {
    for (size_t i = 0; i < batch.rows(); ++i) out.AppendNull();
    return Status::Ok();
  }
};

class ConstantRule final : public Rule {
 public:
  explicit ConstantRule(std::string value) : value_(std::move(value)) {}
  Status Apply(const Batch& batch, size_t column, Column& out) override {
    return ForEachValue(batch, column, out, [&](size_t, std::string_view) {
      out.Append(value_);
      return Status::Ok();
    });
  }

 private:
  std::string value_;
};

struct NullArgs {};

Result<NullArgs> ParseNull(const RuleSpec&, const RuleSite&) {
  return NullArgs{};
}

Result<std::unique_ptr<Rule>> MakeNull(const NullArgs&, const RuleContext&) {
  return std::unique_ptr<Rule>(std::make_unique<NullRule>());
}

struct ValueArgs {
  std::string value;
};

Result<ValueArgs> ParseValue(const RuleSpec& spec, const RuleSite& site) {
  if (!spec.argument.IsScalar()) return site.Error(spec, "value needs a single value");
  return ValueArgs{spec.argument.as<std::string>()};
}

Result<std::unique_ptr<Rule>> MakeValue(const ValueArgs& args, const RuleContext& context) {
  if (const auto limit = context.DeclaredLength(); limit && args.value.size() > *limit) {
    return context.Error("the value is longer than the column allows");
  }
  return std::unique_ptr<Rule>(std::make_unique<ConstantRule>(args.value));
}

}  // namespace

void RegisterValueRules(RuleRegistry& registry) {
  registry.Register<NullArgs>(rule_kind::kNull, ParseNull, MakeNull);
  registry.Register<ValueArgs>(rule_kind::kValue, ParseValue, MakeValue);
}

}  // namespace veil
