#include "verify/checks/date_interval_check.h"

#include <fmt/format.h>

#include <algorithm>
#include <functional>

#include "core/date_text.h"
#include "policy/rule_kinds.h"

namespace veil {
namespace {

std::optional<DayRange> EntityRange(const Policy& policy, const std::string& entity) {
  const auto it = policy.entities.find(entity);
  if (it == policy.entities.end()) return std::nullopt;
  return it->second.date_shift;
}

std::string RangeProblem(int days, const DayRange& range) {
  if (days < range.min_days || days > range.max_days) {
    return fmt::format("moved by a number of days outside the declared range [{}, {}]",
                       range.min_days, range.max_days);
  }
  if (days == 0 && !(range.min_days == 0 && range.max_days == 0)) return "not moved at all";
  return "";
}

}  // namespace

Status DateIntervalCheck::OnPairs(const PairedRows& rows) {
  for (size_t c = 0; c < rows.table.columns.size(); ++c) {
    const VerifiedColumn& column = rows.table.columns[c];
    if (column.role.rule != rule_kind::kDateShift || column.copy_index < 0) continue;
    if (column.role.own_shift) {
      CheckColumn(rows, c, *column.role.own_shift, -1);
      continue;
    }
    const auto range = EntityRange(policy_, column.role.entity);
    const auto key = rows.table.entity_keys.find(column.role.entity);
    if (!range || key == rows.table.entity_keys.end()) continue;
    CheckColumn(rows, c, *range, key->second);
  }
  return Status::Ok();
}

void DateIntervalCheck::CheckColumn(const PairedRows& rows, size_t c, const DayRange& range,
                                    int key_column) {
  const auto [it, added] =
      column_ids_.emplace(std::make_pair(rows.table.id, c), static_cast<uint32_t>(columns_.size()));
  if (added) columns_.emplace_back(rows.table.id, c);
  const VerifiedColumn& column = rows.table.columns[c];
  const Column& before = rows.OriginalColumn(c);
  const Column& after = rows.CopyColumn(static_cast<size_t>(column.copy_index));
  const std::hash<std::string_view> hash;
  const uint64_t entity_hash = hash(column.role.entity);
  for (size_t i = 0; i < rows.rows; ++i) {
    const size_t o = rows.original_offset + i;
    const int64_t row = rows.first_row + static_cast<int64_t>(i);
    const auto original = ParseDateText(before.Text(o));
    if (before.IsNull(o) || !original) continue;
    const auto shifted = ParseDateText(after.Text(rows.copy_offset + i));
    std::string problem;
    if (!shifted) {
      problem = "no longer a date";
    } else if (shifted->time_suffix != original->time_suffix) {
      problem = "time of day changed";
    } else {
      const int days = static_cast<int>((shifted->day - original->day).count());
      problem = RangeProblem(days, range);
      const bool keyed = key_column >= 0 && !rows.OriginalColumn(key_column).IsNull(o) &&
                         !rows.OriginalColumn(key_column).Text(o).empty();
      if (keyed) {
        const uint64_t member = entity_hash ^ (hash(rows.OriginalColumn(key_column).Text(o)) * 31);
        shifts_.push_back(Shift{member, days, it->second, row});
      }
    }
    if (!problem.empty()) problems_[{rows.table.id, c, problem}].Add(row);
  }
}

// Sorts the shifts by member; within a member, the most common shift is taken as the
// member's, and every date moved otherwise is reported.
void DateIntervalCheck::ReportDisagreements(std::vector<Finding>& findings, CheckOutcome& outcome) {
  std::sort(shifts_.begin(), shifts_.end(), [](const Shift& a, const Shift& b) {
    return std::tie(a.member, a.days) < std::tie(b.member, b.days);
  });
  std::map<uint32_t, std::vector<int64_t>> moved;  // column id -> rows
  for (size_t begin = 0; begin < shifts_.size();) {
    size_t end = begin;
    while (end < shifts_.size() && shifts_[end].member == shifts_[begin].member) ++end;
    int32_t common = shifts_[begin].days;
    size_t best = 0;
    for (size_t i = begin; i < end;) {
      size_t j = i;
      while (j < end && shifts_[j].days == shifts_[i].days) ++j;
      if (j - i > best) best = j - i, common = shifts_[i].days;
      i = j;
    }
    for (size_t i = begin; i < end; ++i) {
      if (shifts_[i].days != common) moved[shifts_[i].column].push_back(shifts_[i].row);
    }
    begin = end;
  }
  for (auto& [column_id, rows] : moved) {
    std::sort(rows.begin(), rows.end());
    RowTally tally;
    for (int64_t row : rows) tally.Add(row);
    const auto [table_id, c] = columns_[column_id];
    const VerifiedTable& table = plan_.tables[table_id];
    findings.push_back(tally.ToFinding(
        std::string(kName), Severity::kError, table.name, table.columns[c].name,
        fmt::format("{} by a different number of days than the other dates of the "
                    "same {}, so the order and intervals of that {}'s events changed",
                    CountOf(tally.count(), "date moved", "dates moved"),
                    table.columns[c].role.entity, table.columns[c].role.entity)));
    ++outcome.errors;
  }
}

void DateIntervalCheck::Finish(std::vector<Finding>& findings, CheckOutcome& outcome) {
  for (const auto& [key, tally] : problems_) {
    const auto& [table_id, c, problem] = key;
    const VerifiedTable& table = plan_.tables[table_id];
    findings.push_back(
        tally.ToFinding(std::string(kName), Severity::kError, table.name, table.columns[c].name,
                        fmt::format("{}: {}", CountOf(tally.count(), "date", "dates"), problem)));
    ++outcome.errors;
  }
  ReportDisagreements(findings, outcome);
  outcome.description =
      "Dates shifted per person moved together: each person's dates by one number of days, "
      "inside the declared range, so the order and intervals of their history are unchanged.";
  outcome.coverage =
      fmt::format("{} shifted date columns, {} dates", columns_.size(), shifts_.size());
  outcome.ran = !columns_.empty();
  if (!outcome.ran) outcome.coverage = "the policy shifts no dates";
}

}  // namespace veil
