#include "privacy/quasi_identifier_spec.h"

#include <fmt/format.h>

#include <filesystem>

#include "policy/rule_kinds.h"
#include "privacy/hierarchy_builders.h"
#include "privacy/hierarchy_file.h"

namespace veil {
namespace {

Status SpecError(const Policy& policy, const RuleSpec& rule, const std::string& what) {
  return PolicyError(fmt::format("{}:{}: {}", policy.path, rule.line, what));
}

Result<int> LevelKey(const PolicyValue& node, const Policy& policy, const RuleSpec& rule,
                     const std::string& key) {
  try {
    const int level = node.as<int>();
    if (level >= 0) return level;
  } catch (const BadPolicyValue&) {
  }
  return SpecError(policy, rule, key + " must be a whole number from 0");
}

Result<QuasiIdentifierSpec> RareSpec(const std::string& column, const RuleSpec& rule,
                                     const Policy& policy) {
  QuasiIdentifierSpec spec;
  spec.column = column;
  spec.origin = QuasiIdentifierSpec::Origin::kRare;
  const PolicyValue& arg = rule.argument;
  if (!arg.IsMap() || !arg["min_count"]) {
    return SpecError(policy, rule,
                     fmt::format("column '{}': rare needs {{min_count, replace}}", column));
  }
  for (const auto& item : arg.entries()) {
    const auto key = item.first.as<std::string>();
    if (key != "min_count" && key != "replace" && key != "max_level") {
      return SpecError(policy, rule,
                       fmt::format("column '{}': unknown key '{}' in rare "
                                   "(allowed: min_count, replace, max_level)",
                                   column, key));
    }
  }
  VEIL_ASSIGN_OR_RETURN(const int min_count, LevelKey(arg["min_count"], policy, rule, "min_count"));
  spec.rare_min_count = min_count;
  spec.rare_replace = arg["replace"] ? arg["replace"].as<std::string>() : "OTHER";
  spec.min_level = 1;
  if (arg["max_level"]) {
    VEIL_ASSIGN_OR_RETURN(spec.max_level, LevelKey(arg["max_level"], policy, rule, "max_level"));
  }
  return spec;
}

Result<QuasiIdentifierSpec> GeneraliseSpec(const std::string& column, const RuleSpec& rule,
                                           const Policy& policy) {
  QuasiIdentifierSpec spec;
  spec.column = column;
  std::vector<PolicyValue::Entry> builder;
  for (const auto& item : rule.argument.entries()) {
    const auto key = item.first.as<std::string>();
    if (key == "level") {
      VEIL_ASSIGN_OR_RETURN(const int level, LevelKey(item.second, policy, rule, key));
      spec.min_level = spec.max_level = level;
    } else if (key == "min_level") {
      VEIL_ASSIGN_OR_RETURN(spec.min_level, LevelKey(item.second, policy, rule, key));
    } else if (key == "max_level") {
      VEIL_ASSIGN_OR_RETURN(spec.max_level, LevelKey(item.second, policy, rule, key));
    } else if (key == "hierarchy") {
      spec.origin = QuasiIdentifierSpec::Origin::kFile;
      spec.file =
          (std::filesystem::path(policy.directory) / item.second.as<std::string>()).string();
    } else {
      builder.push_back(item);
    }
  }
  if (spec.origin == QuasiIdentifierSpec::Origin::kFile && builder.size() > 0) {
    return SpecError(policy, rule,
                     fmt::format("column '{}': a hierarchy file cannot be combined "
                                 "with a builder",
                                 column));
  }
  spec.builder = PolicyValue::Map(std::move(builder), rule.argument.line());
  return spec;
}

}  // namespace

bool IsQuasiIdentifierRule(const RuleSpec& rule) {
  if (rule.kind == rule_kind::kRare) return true;
  return rule.kind == rule_kind::kGeneralise && rule.argument.IsMap() && !rule.argument["bins"];
}

Result<std::vector<QuasiIdentifierSpec>> QuasiIdentifierSpecs(const TablePolicy& table,
                                                              const Policy& policy) {
  std::vector<QuasiIdentifierSpec> specs;
  for (const auto& [column, rule] : table.columns) {
    if (!IsQuasiIdentifierRule(rule)) continue;
    if (rule.kind == rule_kind::kRare) {
      VEIL_ASSIGN_OR_RETURN(auto spec, RareSpec(column, rule, policy));
      specs.push_back(std::move(spec));
    } else {
      VEIL_ASSIGN_OR_RETURN(auto spec, GeneraliseSpec(column, rule, policy));
      specs.push_back(std::move(spec));
    }
  }
  return specs;
}

namespace {

HierarchyTable RareTable(const QuasiIdentifierSpec& spec, const ValueDictionary& dictionary) {
  HierarchyTable table;
  for (int32_t code = 0; code < static_cast<int32_t>(dictionary.size()); ++code) {
    const std::string& value = dictionary.Value(code);
    const bool rare = !value.empty() && dictionary.Count(code) < spec.rare_min_count;
    table.push_back({value, rare ? spec.rare_replace : value, "*"});
  }
  return table;
}

Result<HierarchyTable> BuiltTable(const QuasiIdentifierSpec& spec,
                                  const ValueDictionary& dictionary, const std::string& where) {
  std::vector<std::string> values;
  bool has_empty = false;
  for (int32_t code = 0; code < static_cast<int32_t>(dictionary.size()); ++code) {
    if (dictionary.Value(code).empty()) {
      has_empty = true;
    } else {
      values.push_back(dictionary.Value(code));
    }
  }
  VEIL_ASSIGN_OR_RETURN(HierarchyTable table, BuildHierarchy(spec.builder, values, where));
  if (has_empty) {
    const size_t width = table.empty() ? 2 : table.front().size();
    // The empty value generalises to "*" at once. (Built by push_back: GCC 12 at -O2
    // warns falsely (-Wrestrict) about assigning "*" to the last of `width` strings.)
    HierarchyRow row(width - 1, "");
    row.emplace_back("*");
    table.push_back(std::move(row));
  }
  return table;
}

}  // namespace

Result<HierarchyTable> BuildHierarchyRows(const QuasiIdentifierSpec& spec,
                                          const ValueDictionary& dictionary,
                                          const std::string& table) {
  if (spec.origin == QuasiIdentifierSpec::Origin::kRare) return RareTable(spec, dictionary);
  if (spec.origin == QuasiIdentifierSpec::Origin::kFile) return ReadHierarchyFile(spec.file);
  return BuiltTable(spec, dictionary, fmt::format("table {}, column {}", table, spec.column));
}

Result<Hierarchy> BuildHierarchyFor(const QuasiIdentifierSpec& spec,
                                    const ValueDictionary& dictionary, const std::string& table) {
  const std::string where = fmt::format("table {}, column {}", table, spec.column);
  VEIL_ASSIGN_OR_RETURN(const HierarchyTable rows, BuildHierarchyRows(spec, dictionary, table));
  VEIL_ASSIGN_OR_RETURN(Hierarchy hierarchy, Hierarchy::FromTable(rows, where));
  for (int32_t code = 0; code < static_cast<int32_t>(dictionary.size()); ++code) {
    if (!hierarchy.LeafCode(dictionary.Value(code))) {
      return InputError(fmt::format("{}: row {} holds a value its hierarchy does not list", where,
                                    dictionary.FirstRow(code)));
    }
  }
  if (spec.max_level && *spec.max_level >= hierarchy.Levels()) {
    return PolicyError(fmt::format("{}: max_level {} but the hierarchy's highest level is {}",
                                   where, *spec.max_level, hierarchy.Levels() - 1));
  }
  if (spec.min_level && *spec.min_level > spec.max_level.value_or(hierarchy.Levels() - 1)) {
    return PolicyError(fmt::format("{}: min_level is above the highest level allowed", where));
  }
  return hierarchy;
}

}  // namespace veil
