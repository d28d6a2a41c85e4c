// RuleSite: where in the policy a rule was written (policy file, table, column) and the
// registry it is parsed with, as an argument parser sees it: the policy's text only, not
// the source. Errors built here read exactly like those of RuleContext, so a bad
// argument reads the same whether it is found when parsing or when building.
#pragma once

#include <string>

#include "policy/policy.h"
#include "veil/status.h"

namespace veil {

class RuleRegistry;

struct RuleSite {
  std::string policy_path;
  std::string table;
  std::string column;
  // Parses rules nested in this one (the json rule's paths); not owned, outlives the site.
  const RuleRegistry* registry = nullptr;

  // "POLICY:LINE: table T, column C: what", LINE being the spec's.
  Status Error(const RuleSpec& spec, const std::string& what) const;

  // The same site under the column name "C, LABEL" (a json rule's "C, path $.x"), so
  // errors of a nested rule name where it is nested.
  RuleSite Inside(const std::string& label) const;
};

}  // namespace veil
