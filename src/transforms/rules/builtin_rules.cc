#include "transforms/rule_registry.h"
#include "transforms/rules/builtin.h"

namespace veil {

RuleRegistry BuiltinRules() {
  RuleRegistry registry;
  RegisterValueRules(registry);
  RegisterPseudonymiseRule(registry);
  RegisterFakeRule(registry);
  RegisterDateShiftRule(registry);
  RegisterDateRandomRule(registry);
  RegisterGeneraliseRule(registry);
  RegisterChoiceRule(registry);
  RegisterMaskRule(registry);
  RegisterNoiseRule(registry);
  RegisterJsonRule(registry);
  RegisterRedactRule(registry);
  return registry;
}

}  // namespace veil
