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

}  // namespace

void RegisterValueRules(RuleRegistry& registry) {
  registry.Register(std::string(rule_kind::kNull),
                    [](const RuleSpec&, const RuleContext&) -> Result<std::unique_ptr<Rule>> {
                      return std::unique_ptr<Rule>(std::make_unique<NullRule>());
                    });
  registry.Register(
      std::string(rule_kind::kValue),
      [](const RuleSpec& spec, const RuleContext& context) -> Result<std::unique_ptr<Rule>> {
        if (!spec.argument.IsScalar()) return context.Error(spec, "value needs a single value");
        auto value = spec.argument.as<std::string>();
        if (const auto limit = context.DeclaredLength(); limit && value.size() > *limit) {
          return context.Error(spec, "the value is longer than the column allows");
        }
        return std::unique_ptr<Rule>(std::make_unique<ConstantRule>(std::move(value)));
      });
}

}  // namespace veil
