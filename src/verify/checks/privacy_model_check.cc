#include "verify/checks/privacy_model_check.h"

#include <fmt/format.h>

#include <algorithm>

#include "privacy/class_table.h"
#include "privacy/key_index.h"
#include "privacy/privacy_input.h"
#include "privacy/privacy_models.h"
#include "privacy/quasi_identifier_spec.h"
#include "privacy/value_dictionary.h"

namespace veil {

struct PrivacyModelCheck::TableState {
  const TablePolicy* policy = nullptr;
  std::vector<int> qi_columns;  // positions in the copy
  int sensitive_original = -1;  // position in the original
  int sensitive_copy = -1;
  std::vector<ValueDictionary> qi_values;
  ValueDictionary sensitive_values;  // the original's, for the overall distribution
  int64_t original_records = 0;
  KeyIndex tuples{1};
  std::vector<int64_t> counts;
  std::vector<int64_t> first_rows;
  int64_t copy_rows = 0;
};

namespace {

int CopyIndex(const VerifiedTable& table, const std::string& column) {
  for (const auto& c : table.columns) {
    if (c.name == column) return c.copy_index;
  }
  return -1;
}

int OriginalIndex(const VerifiedTable& table, const std::string& column) {
  for (size_t c = 0; c < table.columns.size(); ++c) {
    if (table.columns[c].name == column) return static_cast<int>(c);
  }
  return -1;
}

std::string_view Cell(const Column& column, size_t row) {
  return column.IsNull(row) ? std::string_view() : column.Text(row);
}

}  // namespace

PrivacyModelCheck::PrivacyModelCheck(const VerifyPlan& plan, const Policy& policy)
    : policy_(policy) {
  for (const auto& table : plan.tables) {
    const TablePolicy* table_policy = policy.FindTable(table.name);
    if (!table.in_copy() || table_policy == nullptr || !table_policy->privacy) continue;
    auto specs = QuasiIdentifierSpecs(*table_policy, policy);
    if (!specs.ok()) continue;  // the anonymiser refused such a policy
    auto state = std::make_unique<TableState>();
    state->policy = table_policy;
    for (const auto& spec : *specs) state->qi_columns.push_back(CopyIndex(table, spec.column));
    state->qi_values.resize(specs->size());
    const std::string sensitive = table_policy->privacy->SensitiveColumn();
    if (!sensitive.empty()) {
      state->sensitive_original = OriginalIndex(table, sensitive);
      state->sensitive_copy = CopyIndex(table, sensitive);
    }
    const size_t width = specs->size() + (sensitive.empty() ? 0 : 1);
    state->tuples = KeyIndex(width);
    tables_.emplace(table.id, std::move(state));
  }
}

PrivacyModelCheck::~PrivacyModelCheck() = default;

Status PrivacyModelCheck::OnOriginal(const VerifiedTable& table, const Batch& batch) {
  auto it = tables_.find(table.id);
  if (it == tables_.end()) return Status::Ok();
  TableState& state = *it->second;
  state.original_records += static_cast<int64_t>(batch.rows());
  if (state.sensitive_original < 0) return Status::Ok();
  const Column& column = batch.columns[state.sensitive_original];
  for (size_t r = 0; r < batch.rows(); ++r) {
    state.sensitive_values.Add(Cell(column, r), batch.first_row + static_cast<int64_t>(r));
  }
  return Status::Ok();
}

Status PrivacyModelCheck::OnCopy(const VerifiedTable& table, const Batch& batch) {
  auto it = tables_.find(table.id);
  if (it == tables_.end()) return Status::Ok();
  TableState& state = *it->second;
  std::vector<int32_t> key(state.tuples.width());
  for (size_t r = 0; r < batch.rows(); ++r) {
    const int64_t row = batch.first_row + static_cast<int64_t>(r);
    for (size_t d = 0; d < state.qi_columns.size(); ++d) {
      // A quasi-identifier missing from the copy counts as '*': nothing is revealed.
      key[d] = state.qi_columns[d] < 0
                   ? state.qi_values[d].Add("*", row)
                   : state.qi_values[d].Add(Cell(batch.columns[state.qi_columns[d]], r), row);
    }
    if (state.sensitive_copy >= 0) {
      key.back() = state.sensitive_values.Find(Cell(batch.columns[state.sensitive_copy], r));
      if (key.back() < 0) key.back() = static_cast<int32_t>(state.sensitive_values.size());
    }
    auto [id, added] = state.tuples.Insert(key.data());
    if (added) {
      state.counts.push_back(0);
      state.first_rows.push_back(row);
    }
    ++state.counts[id];
  }
  state.copy_rows += static_cast<int64_t>(batch.rows());
  return Status::Ok();
}

void PrivacyModelCheck::OnTableEnd(const VerifiedTable& table, int64_t, int64_t) {
  auto it = tables_.find(table.id);
  if (it == tables_.end()) return;
  TableState& state = *it->second;
  ++checked_;
  const PrivacySpec& spec = *state.policy->privacy;
  const size_t qis = state.qi_columns.size();
  const bool with_sensitive = state.sensitive_copy >= 0;
  SensitiveDomain domain;
  if (with_sensitive) {
    auto built = BuildSensitiveDomain(spec, policy_, state.sensitive_values, state.original_records,
                                      table.name);
    if (!built.ok()) {
      findings_.push_back({std::string(kName),
                           Severity::kError,
                           table.name,
                           "",
                           0,
                           {},
                           "the models could not be checked: " + built.status().message()});
      return;
    }
    domain = std::move(*built);
    domain.overall_share.push_back(0);  // a value the original lacks
    domain.rank.push_back(static_cast<int32_t>(domain.rank.size()));
    domain.leaf_of.push_back(domain.leaf_of.empty() ? 0 : domain.leaf_of.front());
  }
  const PrivacyModels models(spec, std::move(domain));
  std::vector<int32_t> tuples = state.tuples.keys();
  const ClassTable classes = ClassesFromTuples(tuples, state.counts, qis, with_sensitive);
  // The first row of each class: the smallest first row of its tuples.
  KeyIndex class_index(qis, classes.Classes() + 16);
  for (size_t c = 0; c < classes.Classes(); ++c) (void)class_index.Insert(classes.Key(c).data());
  std::vector<int64_t> first_row(classes.Classes(), INT64_MAX);
  for (size_t t = 0; t < state.counts.size(); ++t) {
    const int64_t c = class_index.Find(state.tuples.Key(static_cast<uint32_t>(t)));
    first_row[c] = std::min(first_row[c], state.first_rows[t]);
  }
  int64_t suppressed = std::max<int64_t>(0, state.original_records - state.copy_rows);
  std::vector<std::vector<int64_t>> failing(models.Count());
  std::vector<int64_t> failing_records(models.Count(), 0);
  for (size_t c = 0; c < classes.Classes(); ++c) {
    const auto key = classes.Key(c);
    bool stars = true;
    for (size_t d = 0; d < qis && stars; ++d) stars = state.qi_values[d].Value(key[d]) == "*";
    if (stars) {
      suppressed += classes.sizes[c];
      continue;
    }
    const auto histogram =
        with_sensitive ? classes.Histogram(c) : std::span<const SensitiveCount>();
    for (size_t m = 0; m < models.Count(); ++m) {
      if (models.Holds(m, classes.sizes[c], histogram)) continue;
      failing[m].push_back(first_row[c]);
      failing_records[m] += classes.sizes[c];
    }
  }
  for (size_t m = 0; m < models.Count(); ++m) {
    if (failing[m].empty()) continue;
    std::sort(failing[m].begin(), failing[m].end());
    const auto count = static_cast<int64_t>(failing[m].size());
    if (failing[m].size() > kMaxFindingRows) failing[m].resize(kMaxFindingRows);
    findings_.push_back({std::string(kName), Severity::kError, table.name, "", count, failing[m],
                         fmt::format("{} {} ({} records) of the copy fail {}; the first row of "
                                     "each is listed",
                                     count, count == 1 ? "class" : "classes", failing_records[m],
                                     models.Describe(m))});
  }
  const auto allowance = static_cast<int64_t>(
      spec.suppression_limit * static_cast<double>(state.original_records) + 1e-9);
  if (suppressed > allowance) {
    findings_.push_back({std::string(kName),
                         Severity::kError,
                         table.name,
                         "",
                         suppressed,
                         {},
                         fmt::format("{} records are suppressed (every quasi-identifier '*', or "
                                     "removed), more than the limit of {} allows ({})",
                                     suppressed, spec.suppression_limit, allowance)});
  }
}

void PrivacyModelCheck::Finish(std::vector<Finding>& findings, CheckOutcome& outcome) {
  outcome.description =
      "The policy's statistical privacy models (k-anonymity, l-diversity, t-closeness) hold "
      "on the copy, within its suppression limit.";
  outcome.ran = checked_ > 0;
  outcome.coverage = checked_ > 0 ? fmt::format("{} {} with a privacy section", checked_,
                                                checked_ == 1 ? "table" : "tables")
                                  : "the policy declares no privacy model";
  outcome.errors += static_cast<int>(findings_.size());
  findings.insert(findings.end(), findings_.begin(), findings_.end());
}

}  // namespace veil
