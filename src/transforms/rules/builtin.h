// Registration functions of the built-in rule kinds, one per rule file.
#pragma once

namespace veil {

class RuleRegistry;

void RegisterValueRules(RuleRegistry& registry);  // null, value
void RegisterPseudonymiseRule(RuleRegistry& registry);
void RegisterFakeRule(RuleRegistry& registry);
void RegisterDateShiftRule(RuleRegistry& registry);
void RegisterDateRandomRule(RuleRegistry& registry);
void RegisterGeneraliseRule(RuleRegistry& registry);
void RegisterChoiceRule(RuleRegistry& registry);
void RegisterMaskRule(RuleRegistry& registry);
void RegisterNoiseRule(RuleRegistry& registry);
void RegisterJsonRule(RuleRegistry& registry);  // rules applied inside JSON documents
void RegisterRedactRule(RuleRegistry& registry);  // personal data inside free text

}  // namespace veil
