#include "verify/column_role.h"

#include <cmath>

#include "core/date_text.h"
#include "policy/rule_kinds.h"

namespace veil {
namespace {

std::string Scalar(const PolicyValue& node) {
  return node && node.IsScalar() ? node.as<std::string>() : std::string();
}

size_t NonNegative(const PolicyValue& node) {
  return node ? static_cast<size_t>(std::max(0, node.as<int>(0))) : 0;
}

// 1/n for a draw among the values of a `choice` argument (a list or a dfe.* name).
double ChoiceChance(const PolicyValue& argument, const CodeLists& code_lists) {
  size_t options = 0;
  if (argument.IsSequence()) {
    options = argument.size();
  } else if (const auto* list = code_lists.Find(Scalar(argument))) {
    options = list->size();
  }
  return options > 0 ? 1.0 / static_cast<double>(options) : -1;
}

// 1/(days + 1) for a date drawn uniformly in `{from, to}`.
double DateRandomChance(const PolicyValue& argument) {
  if (!argument.IsMap()) return -1;
  const auto from = ParseIsoDay(Scalar(argument["from"]));
  const auto to = ParseIsoDay(Scalar(argument["to"]));
  if (!from || !to || *to < *from) return -1;
  return 1.0 / static_cast<double>((*to - *from).count() + 1);
}

void DescribePseudonymise(const RuleSpec& spec, const CodeLists&, ColumnRole& role) {
  role.entity = Scalar(spec.argument);
}

void DescribeFake(const RuleSpec& spec, const CodeLists&, ColumnRole& role) {
  role.fake_kind = Scalar(spec.argument);
  // A town is a quasi-identifier and a public place name: its originals are not searched
  // for (a local authority's name is often a child's town).
  if (role.fake_kind == "city") role.identifying = false;
}

void DescribeDateShift(const RuleSpec& spec, const CodeLists&, ColumnRole& role) {
  if (!spec.argument.IsMap()) {
    role.entity = Scalar(spec.argument);
    return;
  }
  role.own_shift =
      DayRange{spec.argument["min_days"].as<int>(0), spec.argument["max_days"].as<int>(0)};
  // A range of exactly {0, 0} shifts nothing, on purpose.
  if (role.own_shift->min_days == 0 && role.own_shift->max_days == 0) role.chance_unchanged = -1;
}

void DescribeMask(const RuleSpec& spec, const CodeLists&, ColumnRole& role) {
  role.mask_keep_last = NonNegative(spec.argument["keep_last"]);
}

void DescribeValue(const RuleSpec& spec, const CodeLists&, ColumnRole& role) {
  role.constant = Scalar(spec.argument);
}

void DescribeChoice(const RuleSpec& spec, const CodeLists& code_lists, ColumnRole& role) {
  role.chance_unchanged = ChoiceChance(spec.argument, code_lists);
}

void DescribeDateRandom(const RuleSpec& spec, const CodeLists&, ColumnRole& role) {
  role.chance_unchanged = DateRandomChance(spec.argument);
}

void NoExpectation(const RuleSpec&, const CodeLists&, ColumnRole& role) {
  role.chance_unchanged = -1;
}

// A path's rule, read as a column's rule is: a kind alone, or a one-key map. Anything
// else the policy loader has already refused; here it is a keep (no expectation).
RuleSpec InnerSpec(const PolicyValue& node) {
  RuleSpec spec{std::string(rule_kind::kKeep), PolicyValue::Null(node.line()), node.line()};
  if (node.IsNull()) {
    spec.kind = rule_kind::kNull;
  } else if (node.IsScalar()) {
    spec.kind = node.as<std::string>();
  } else if (node.IsMap() && node.size() == 1) {
    spec.kind = node.entries().front().first.as<std::string>();
    spec.argument = node.entries().front().second;
  }
  return spec;
}

void DescribeJson(const RuleSpec& spec, const CodeLists& code_lists, ColumnRole& role) {
  role.chance_unchanged = -1;
  if (!spec.argument.IsMap()) return;
  for (const auto& [key, value] : spec.argument.entries()) {
    if (!key.IsScalar() || key.as<std::string>() == "unlisted") continue;
    auto path = JsonPath::Parse(key.as<std::string>());
    if (!path.ok()) continue;  // refused when the policy was loaded
    const RuleSpec inner = InnerSpec(value);
    const ColumnRole described = DescribeColumn(&inner, code_lists);
    JsonPathRole entry{path.value(),
                       inner.kind,
                       described.identifying,
                       described.generated,
                       described.drawn_from_list,
                       inner.kind == rule_kind::kPseudonymise,
                       described.entity,
                       described.fake_kind};
    // A nested json is text searched whole inside its document.
    if (inner.kind == rule_kind::kJson) entry.generated = false;
    role.json_paths.push_back(std::move(entry));
  }
}

// What each rule kind the registry builds leads the verifier to expect, listed
// explicitly (a test holds this table to the registry). The verifier shares the rules'
// names, not their code.
struct KindRole {
  std::string_view kind;
  bool generated;        // the output is the rule's product (whole-value leak search)
  bool identifying;      // its originals must not reappear anywhere
  bool drawn_from_list;  // its output cannot carry an original
  void (*describe)(const RuleSpec&, const CodeLists&, ColumnRole&);  // the rest
};

constexpr KindRole kKindRoles[] = {
    {rule_kind::kNull, true, true, false, nullptr},  // never equal: chance 0
    {rule_kind::kValue, true, false, true, DescribeValue},
    {rule_kind::kPseudonymise, true, true, false, DescribePseudonymise},
    {rule_kind::kFake, true, true, false, DescribeFake},
    {rule_kind::kDateShift, true, false, false, DescribeDateShift},
    {rule_kind::kDateRandom, true, false, false, DescribeDateRandom},
    {rule_kind::kGeneralise, true, false, false, NoExpectation},
    {rule_kind::kChoice, true, false, true, DescribeChoice},
    {rule_kind::kMask, true, true, false, DescribeMask},
    {rule_kind::kNoise, true, false, false, NoExpectation},
    {rule_kind::kJson, false, false, false, DescribeJson},
    // Redacted text is the original text with spans replaced: searched token by token.
    {rule_kind::kRedact, false, false, false, NoExpectation},
};

const KindRole* FindKindRole(std::string_view kind) {
  for (const KindRole& entry : kKindRoles) {
    if (entry.kind == kind) return &entry;
  }
  return nullptr;
}

void DescribeTransform(const RuleSpec& spec, const CodeLists& code_lists, ColumnRole& role) {
  role.chance_unchanged = 0;
  const KindRole* entry = FindKindRole(spec.kind);
  if (entry == nullptr) {  // a kind the verifier does not know: no expectation
    role.generated = true;
    role.chance_unchanged = -1;
    return;
  }
  role.generated = entry->generated;
  role.identifying = entry->identifying;
  role.drawn_from_list = entry->drawn_from_list;
  if (entry->describe != nullptr) entry->describe(spec, code_lists, role);
}

}  // namespace

ColumnRole DescribeColumn(const RuleSpec* spec, const CodeLists& code_lists) {
  ColumnRole role;
  if (spec == nullptr) return role;
  role.rule = spec->kind;
  if (spec->kind == rule_kind::kKeep) return role;
  if (spec->kind == rule_kind::kDrop) {
    role.identifying = true;
    return role;
  }
  DescribeTransform(*spec, code_lists, role);
  return role;
}

bool TEST_VerifierKnowsRuleKind(std::string_view kind) {
  return kind == rule_kind::kKeep || kind == rule_kind::kDrop || FindKindRole(kind) != nullptr;
}

double UnchangedThreshold(const ColumnRole& role, const VerifyPolicy& policy, int64_t compared) {
  if (const auto it = policy.unchanged.find(role.rule); it != policy.unchanged.end()) {
    return it->second;
  }
  const double p = role.chance_unchanged;
  if (p < 0) return 1;
  if (p == 0 || compared <= 0) return 0;
  const double n = static_cast<double>(compared);
  return std::min(1.0, p + 4 * std::sqrt(p * (1 - p) / n) + 1 / n);
}

}  // namespace veil
