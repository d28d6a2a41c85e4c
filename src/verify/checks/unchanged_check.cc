#include "verify/checks/unchanged_check.h"

#include <fmt/format.h>

#include "core/utf8.h"
#include "policy/rule_kinds.h"

namespace veil {
namespace {

// Whether the rule may keep this original as it is.
bool MayKeep(const ColumnRole& role, std::string_view original) {
  if (role.rule == rule_kind::kMask) return CountCodePoints(original) <= role.mask_keep_last;
  if (role.rule == rule_kind::kValue) return original == role.constant;
  return false;
}

std::string Percent(double share) {
  return fmt::format("{:.1f}%", 100 * share);
}

}  // namespace

Status UnchangedCheck::OnPairs(const PairedRows& rows) {
  const auto& columns = rows.table.columns;
  for (size_t c = 0; c < columns.size(); ++c) {
    const VerifiedColumn& column = columns[c];
    if (column.copy_index < 0) continue;
    const Column& before = rows.OriginalColumn(c);
    const Column& after = rows.CopyColumn(static_cast<size_t>(column.copy_index));
    UnchangedCounts& counts = counts_[{rows.table.id, c}];
    for (size_t i = 0; i < rows.rows; ++i) {
      const std::string_view original = before.Text(rows.original_offset + i);
      if (before.IsNull(rows.original_offset + i) || original.empty()) continue;
      if (MayKeep(column.role, original)) continue;
      ++counts.compared;
      const size_t j = rows.copy_offset + i;
      if (!after.IsNull(j) && after.Text(j) == original) {
        counts.unchanged.Add(rows.first_row + static_cast<int64_t>(i));
      }
    }
  }
  return Status::Ok();
}

void UnchangedCheck::Describe(VerificationReport& report) const {
  for (const VerifiedTable& table : plan_.tables) {
    if (table.id >= report.tables.size()) break;
    std::vector<ColumnStatistics>& columns = report.tables[table.id].columns;
    for (size_t c = 0; c < table.columns.size() && c < columns.size(); ++c) {
      ColumnStatistics& stats = columns[c];
      if (const auto it = counts_.find({table.id, c}); it != counts_.end()) {
        stats.compared = it->second.compared;
        stats.unchanged = it->second.unchanged.count();
      }
      stats.unchanged_threshold =
          UnchangedThreshold(table.columns[c].role, policy_, stats.compared);
    }
  }
}

void UnchangedCheck::Finish(std::vector<Finding>& findings, CheckOutcome& outcome) {
  int checked = 0;
  for (const auto& [key, counts] : counts_) {
    const VerifiedTable& table = plan_.tables[key.first];
    const VerifiedColumn& column = table.columns[key.second];
    const double threshold = UnchangedThreshold(column.role, policy_, counts.compared);
    if (threshold >= 1) continue;
    ++checked;
    if (counts.unchanged.empty() || counts.compared == 0) continue;
    const double share =
        static_cast<double>(counts.unchanged.count()) / static_cast<double>(counts.compared);
    if (share <= threshold) continue;
    findings.push_back(counts.unchanged.ToFinding(
        std::string(kName), Severity::kError, table.name, column.name,
        fmt::format("{} of {} values ({}) {} identical to the original in the same row; the "
                    "{} rule allows {}",
                    counts.unchanged.count(), counts.compared, Percent(share),
                    counts.unchanged.count() == 1 ? "is" : "are", column.role.rule,
                    threshold > 0 ? "at most " + Percent(threshold) : std::string("none"))));
    ++outcome.errors;
  }
  outcome.description =
      "Every column the policy transforms really changed: values identical to the original in "
      "the same row are counted against a threshold per rule.";
  outcome.coverage = fmt::format("{} transformed columns compared row by row", checked);
}

}  // namespace veil
