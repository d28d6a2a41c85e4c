// RuleContext: everything a rule builder may consult when it builds the rule for one
// column from its parsed arguments (transforms/parsed_rule.h): the run's shared
// resources (policy, secret, fakes, code lists, pseudonym trackers), the table's policy
// and the source schema. Errors built here name the policy file, the rule's line, the
// table and the column.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/secret.h"
#include "core/table_schema.h"
#include "policy/policy.h"
#include "transforms/code_lists.h"
#include "transforms/entity_digests.h"
#include "transforms/fakes/fake_kind.h"
#include "transforms/json_path.h"
#include "transforms/originals_filter.h"
#include "transforms/pseudonym_tracker.h"
#include "transforms/redact/known_originals.h"
#include "transforms/redact/name_spans.h"
#include "transforms/redact/pattern_spans.h"

namespace veil {

// A column whose original values fakes must avoid (see FakeKind::CanEqualRealValues).
// With no `json_paths` the originals are the column's values. Otherwise the column holds
// JSON documents and the originals are the values json_paths[0] reaches in each of them;
// each further path applies to the JSON held in the values the one before reached (a
// json rule inside a json rule). Values are taken as the json rule hands them to its
// inner rules: strings as their text, numbers and booleans as their JSON text.
struct OriginalsScan {
  std::string table;
  size_t column = 0;
  std::vector<JsonPath> json_paths{};
};

// Shared by every rule of a run. Built once by the engine; outlives all rules.
struct RunResources {
  const Policy* policy = nullptr;
  const Secret* secret = nullptr;
  std::shared_ptr<const FakeCatalog> fakes;
  std::shared_ptr<const CodeLists> code_lists;
  std::map<std::string, std::unique_ptr<PseudonymTracker>> trackers;  // by entity name
  // Digest memos by (table, entity): shared by the rules of one table only, so tables
  // can be processed on different threads.
  std::map<std::pair<std::string, std::string>, std::unique_ptr<EntityDigests>> digests;
  // Original values (compared case-insensitively) of every column faked with a kind that can equal
  // real values; no such fake may equal any of them (a fake surname must not reproduce an original
  // first name either). Filled by the engine from `originals_to_scan` before any output is written.
  OriginalsFilter fake_originals;
  std::vector<OriginalsScan> originals_to_scan;
  // For `redact`: the original values of every identifying column with what replaces
  // them, filled by the engine (engine/redaction_originals.h) before any output is
  // written when a redact rule was built (wants_known_originals); and the text
  // recognisers, built by the first redact rule and shared by the others.
  bool wants_known_originals = false;
  KnownOriginals known_originals;
  std::shared_ptr<const PatternRecognisers> text_patterns;
  std::shared_ptr<const NameFinder> text_names;
};

struct RuleContext {
  RunResources& run;
  const TablePolicy& table;
  const TableSchema& schema;
  size_t column_index;
  int line;  // the rule's line in the policy (set by ParsedRule::Build)

  const std::string& column_name() const { return schema.columns[column_index].name; }

  // "POLICY:LINE: table T, column C: what".
  Status Error(const std::string& what) const;

  // A PRF for `purpose`, independent of every other purpose.
  KeyedPrf Prf(const std::string& purpose) const { return run.secret->root().Derive(purpose); }

  // The digest memo of `entity` for this table (created on first use).
  EntityDigests& DigestsFor(const std::string& entity) const;

  // The declared entity, or an error naming the policy line.
  Result<const EntityPolicy*> Entity(const std::string& name) const;
  // The index of the column that holds `entity`'s key in this table, or an error.
  Result<size_t> EntityKeyColumn(const std::string& entity) const;

  // The maximum length in characters the column's declared type allows (varchar(n),
  // char(n), nvarchar(n)), or nullopt when unlimited or unknown.
  std::optional<size_t> DeclaredLength() const;
  // True when the column's declared type is an integer type (SQL affinity rules: the
  // type name contains "INT").
  bool IntegerColumn() const;
};

}  // namespace veil
