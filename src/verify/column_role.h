// ColumnRole: what the policy says should have happened to one column, in the terms the
// verifier checks: whether its originals identify someone (and so must not reappear
// anywhere), whether its output is produced by a rule (so only a whole-value match is a
// leak there) or carried over (free text, searched token by token), and how often an
// honest rule leaves a value equal to its original by chance.
//
// Read from the policy alone (never from the anonymiser's code), so a verifier built
// from it is independent of the run it checks. Plain data.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "policy/policy.h"
#include "transforms/code_lists.h"
#include "transforms/json_path.h"

namespace veil {

// What a `json` rule says of one path: the same flags a column's role has, for the
// values the path reaches inside each document.
struct JsonPathRole {
  JsonPath path;
  std::string rule;          // the inner rule's kind
  bool identifying = false;  // the values it reaches must not reappear anywhere
  bool generated = false;    // the copy's values there are the inner rule's product
  bool drawn_from_list = false;
  bool pseudonymised = false;
  std::string entity;     // pseudonymise and date_shift by entity
  std::string fake_kind;  // fake
};

struct ColumnRole {
  std::string rule = "keep";  // keep, drop, null, value, pseudonymise, fake, date_shift, ...
  bool identifying = false;   // pseudonymised, faked, dropped, nulled or masked
  bool generated = false;     // the output is a rule's product, not the original text
  // The output is drawn from a public list (`choice`, `value`), whatever the original:
  // it cannot carry an original value, so the leak search skips it.
  bool drawn_from_list = false;
  std::string entity;                 // pseudonymise and date_shift by entity
  std::optional<DayRange> own_shift;  // date_shift with its own {min_days, max_days}
  std::string fake_kind;              // fake
  size_t mask_keep_last = 0;          // mask
  std::string constant;               // value
  // Probability that an honest rule leaves one value equal to its original: 0 for rules
  // that never do, 1/n for a draw among n values; negative when the rule gives no
  // expectation (keep, generalise, noise, json), so the unchanged share is not checked.
  double chance_unchanged = -1;
  // `json`: a role per listed path, in policy order (a `drop` is identifying, and what
  // `unlisted: drop` or `null` removes needs no role: it cannot reappear).
  std::vector<JsonPathRole> json_paths;
};

// The role of a column whose rule is `spec` (nullptr: the table is kept as it is).
ColumnRole DescribeColumn(const RuleSpec* spec, const CodeLists& code_lists);

// True if the verifier's role table lists `kind` (every kind the registry builds must
// be there: tests/verify/column_role_test.cc).
bool TEST_VerifierKnowsRuleKind(std::string_view kind);

// The largest unchanged share the `unchanged` check allows for `role` over `compared`
// rows: the policy's verify.unchanged override for the rule kind if there is one, else
// the chance share plus a margin of four standard deviations (0 for rules that never
// keep a value); 1 when unchecked.
double UnchangedThreshold(const ColumnRole& role, const VerifyPolicy& policy, int64_t compared);

}  // namespace veil
