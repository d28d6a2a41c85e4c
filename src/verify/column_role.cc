#include "verify/column_role.h"

#include <cmath>

#include "core/date_text.h"

namespace veil {
namespace {

std::string Scalar(const YAML::Node& node) {
  return node && node.IsScalar() ? node.as<std::string>() : std::string();
}

size_t NonNegative(const YAML::Node& node) {
  return node ? static_cast<size_t>(std::max(0, node.as<int>(0))) : 0;
}

// 1/n for a draw among the values of a `choice` argument (a list or a dfe.* name).
double ChoiceChance(const YAML::Node& argument, const CodeLists& code_lists) {
  size_t options = 0;
  if (argument.IsSequence()) {
    options = argument.size();
  } else if (const auto* list = code_lists.Find(Scalar(argument))) {
    options = list->size();
  }
  return options > 0 ? 1.0 / static_cast<double>(options) : -1;
}

// 1/(days + 1) for a date drawn uniformly in `{from, to}`.
double DateRandomChance(const YAML::Node& argument) {
  if (!argument.IsMap()) return -1;
  const auto from = ParseIsoDay(Scalar(argument["from"]));
  const auto to = ParseIsoDay(Scalar(argument["to"]));
  if (!from || !to || *to < *from) return -1;
  return 1.0 / static_cast<double>((*to - *from).count() + 1);
}

void DescribeTransform(const RuleSpec& spec, const CodeLists& code_lists, ColumnRole& role) {
  const std::string& kind = spec.kind;
  role.generated = kind != "json";
  role.identifying = kind == "pseudonymise" || kind == "fake" || kind == "null" || kind == "mask";
  role.chance_unchanged = 0;
  role.drawn_from_list = kind == "choice" || kind == "value";
  if (kind == "pseudonymise") {
    role.entity = Scalar(spec.argument);
  } else if (kind == "fake") {
    role.fake_kind = Scalar(spec.argument);
  } else if (kind == "date_shift") {
    if (spec.argument.IsMap()) {
      role.own_shift =
          DayRange{spec.argument["min_days"].as<int>(0), spec.argument["max_days"].as<int>(0)};
      // A range of exactly {0, 0} shifts nothing, on purpose.
      if (role.own_shift->min_days == 0 && role.own_shift->max_days == 0) {
        role.chance_unchanged = -1;
      }
    } else {
      role.entity = Scalar(spec.argument);
    }
  } else if (kind == "mask") {
    role.mask_keep_last = NonNegative(spec.argument["keep_last"]);
  } else if (kind == "value") {
    role.constant = Scalar(spec.argument);
  } else if (kind == "choice") {
    role.chance_unchanged = ChoiceChance(spec.argument, code_lists);
  } else if (kind == "date_random") {
    role.chance_unchanged = DateRandomChance(spec.argument);
  } else if (kind != "null") {
    role.chance_unchanged = -1;  // generalise, noise, json: no expectation
  }
}

}  // namespace

ColumnRole DescribeColumn(const RuleSpec* spec, const CodeLists& code_lists) {
  ColumnRole role;
  if (spec == nullptr) return role;
  role.rule = spec->kind;
  if (spec->kind == "keep") return role;
  if (spec->kind == "drop") {
    role.identifying = true;
    return role;
  }
  DescribeTransform(*spec, code_lists, role);
  return role;
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
