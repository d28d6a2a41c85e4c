#include "verify/checks/foreign_key_check.h"
#include "policy/rule_kinds.h"

#include <fmt/format.h>

#include <algorithm>
#include <functional>

namespace veil {
namespace {

int IndexOf(const TableSchema& schema, const std::string& name) {
  for (size_t i = 0; i < schema.columns.size(); ++i) {
    if (schema.columns[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

// The indexes of `names` in `schema`; false if one is missing.
bool Indexes(const TableSchema& schema, const std::vector<std::string>& names,
             std::vector<size_t>& out) {
  for (const auto& name : names) {
    const int index = IndexOf(schema, name);
    if (index < 0) return false;
    out.push_back(static_cast<size_t>(index));
  }
  return !out.empty();
}

// The hash of row `row`'s values in `columns`; false if one is NULL.
bool TupleHash(const Batch& batch, const std::vector<size_t>& columns, size_t row, uint64_t& out) {
  const std::hash<std::string_view> hash;
  uint64_t h = 0x9e3779b97f4a7c15ULL;
  for (size_t c : columns) {
    if (batch.columns[c].IsNull(row)) return false;
    h = (h ^ hash(batch.columns[c].Text(row))) * 0x100000001b3ULL;
  }
  out = h;
  return true;
}

std::string Place(const VerifyPlan& plan, size_t table, size_t column, int64_t row) {
  return fmt::format("{}.{} row {}", plan.tables[table].name,
                     plan.tables[table].columns[column].name, row);
}

}  // namespace

ForeignKeyCheck::ForeignKeyCheck(const VerifyPlan& plan) : plan_(plan) {
  for (const auto& child : plan.tables) {
    if (!child.in_copy()) continue;
    for (const auto& key : child.original.foreign_keys) {
      const VerifiedTable* parent = plan.Find(key.referenced_table);
      if (parent == nullptr || !parent->in_copy()) continue;
      Reference r;
      r.child_table = child.id;
      r.parent_table = parent->id;
      r.name = fmt::format("({}) -> {}", fmt::join(key.columns, ", "), key.referenced_table);
      if (Indexes(child.original, key.columns, r.child_columns[0]) &&
          Indexes(*child.copy, key.columns, r.child_columns[1]) &&
          Indexes(parent->original, key.referenced_columns, r.parent_columns[0]) &&
          Indexes(*parent->copy, key.referenced_columns, r.parent_columns[1])) {
        references_.push_back(std::move(r));
      }
    }
  }
}

Status ForeignKeyCheck::Observe(const VerifiedTable& table, const Batch& batch, int side) {
  for (auto& r : references_) {
    uint64_t h = 0;
    if (r.parent_table == table.id) {
      for (size_t i = 0; i < batch.rows(); ++i) {
        if (TupleHash(batch, r.parent_columns[side], i, h)) r.keys[side].insert(h);
      }
    }
    if (r.child_table == table.id) {
      for (size_t i = 0; i < batch.rows(); ++i) {
        if (TupleHash(batch, r.child_columns[side], i, h)) {
          r.uses[side].emplace_back(h, batch.first_row + static_cast<int64_t>(i));
        }
      }
    }
  }
  return Status::Ok();
}

Status ForeignKeyCheck::OnOriginal(const VerifiedTable& table, const Batch& batch) {
  return Observe(table, batch, 0);
}

Status ForeignKeyCheck::OnCopy(const VerifiedTable& table, const Batch& batch) {
  return Observe(table, batch, 1);
}

Status ForeignKeyCheck::OnPairs(const PairedRows& rows) {
  const std::hash<std::string_view> hash;
  for (size_t c = 0; c < rows.table.columns.size(); ++c) {
    const VerifiedColumn& column = rows.table.columns[c];
    if (column.role.rule != rule_kind::kPseudonymise || column.copy_index < 0) continue;
    const auto [id, added] = column_ids_.emplace(std::make_pair(rows.table.id, c),
                                                 static_cast<uint32_t>(columns_.size()));
    if (added) columns_.emplace_back(rows.table.id, c);
    std::vector<Mapping>& mappings = entities_[column.role.entity];
    const Column& before = rows.OriginalColumn(c);
    const Column& after = rows.CopyColumn(static_cast<size_t>(column.copy_index));
    for (size_t i = 0; i < rows.rows; ++i) {
      const size_t o = rows.original_offset + i, p = rows.copy_offset + i;
      if (before.IsNull(o) || before.Text(o).empty() || after.IsNull(p)) continue;
      mappings.push_back(Mapping{hash(before.Text(o)), hash(after.Text(p)), mappings.size(),
                                 id->second, rows.first_row + static_cast<int64_t>(i)});
    }
  }
  return Status::Ok();
}

void ForeignKeyCheck::FlagDisagreements(std::vector<Mapping>& mappings, bool by_original) {
  const auto key = [by_original](const Mapping& m) {
    return by_original ? m.original : m.pseudonym;
  };
  const auto other = [by_original](const Mapping& m) {
    return by_original ? m.pseudonym : m.original;
  };
  std::sort(mappings.begin(), mappings.end(), [&](const Mapping& a, const Mapping& b) {
    return std::make_pair(key(a), a.order) < std::make_pair(key(b), b.order);
  });
  auto& flagged = by_original ? split_ : merged_;
  auto& first_seen = by_original ? split_first_ : merged_first_;
  for (size_t begin = 0; begin < mappings.size();) {
    size_t end = begin + 1;
    while (end < mappings.size() && key(mappings[end]) == key(mappings[begin])) ++end;
    const Mapping& first = mappings[begin];
    for (size_t i = begin + 1; i < end; ++i) {
      if (other(mappings[i]) == other(first)) continue;
      flagged[mappings[i].column].push_back(mappings[i].row);
      const auto [table, column] = columns_[first.column];
      first_seen.try_emplace(mappings[i].column, Place(plan_, table, column, first.row));
    }
    begin = end;
  }
}

void ForeignKeyCheck::CheckReference(Reference& r, std::vector<Finding>& findings,
                                     CheckOutcome& outcome) {
  std::vector<int64_t> dangling_before;
  for (const auto& [h, row] : r.uses[0]) {
    if (!r.keys[0].count(h)) dangling_before.push_back(row);
  }
  RowTally broken;
  for (const auto& [h, row] : r.uses[1]) {
    if (r.keys[1].count(h)) continue;
    if (std::binary_search(dangling_before.begin(), dangling_before.end(), row)) {
      ++already_dangling_;
    } else {
      broken.Add(row);
    }
  }
  if (broken.empty()) return;
  const VerifiedTable& child = plan_.tables[r.child_table];
  findings.push_back(
      broken.ToFinding(std::string(kName), Severity::kError, child.name,
                       child.columns[r.child_columns[0].front()].name,
                       fmt::format("{} {} {} no row in the copy, though {} in the original",
                                   CountOf(broken.count(), "reference", "references"), r.name,
                                   broken.count() == 1 ? "finds" : "find",
                                   broken.count() == 1 ? "it did" : "they did")));
  ++outcome.errors;
}

void ForeignKeyCheck::Finish(std::vector<Finding>& findings, CheckOutcome& outcome) {
  for (auto& r : references_) CheckReference(r, findings, outcome);
  for (auto& [entity, mappings] : entities_) {
    FlagDisagreements(mappings, true);
    FlagDisagreements(mappings, false);
    std::vector<Mapping>().swap(mappings);
  }
  const auto report = [&](auto& flagged, auto& first, const char* one, const char* many) {
    for (auto& [id, rows] : flagged) {
      std::sort(rows.begin(), rows.end());
      RowTally tally;
      for (int64_t row : rows) tally.Add(row);
      const auto [table_id, c] = columns_[id];
      const VerifiedTable& table = plan_.tables[table_id];
      const VerifiedColumn& column = table.columns[c];
      findings.push_back(tally.ToFinding(
          std::string(kName), Severity::kError, table.name, column.name,
          fmt::format("{} (first seen at {}), so joins on {} break",
                      CountOf(tally.count(), one, many), first.at(id), column.role.entity)));
      ++outcome.errors;
    }
  };
  report(split_, split_first_,
         "value got a different pseudonym than the same original identifier elsewhere",
         "values got a different pseudonym than the same original identifier elsewhere");
  report(merged_, merged_first_, "value shares a pseudonym with a different original identifier",
         "values share a pseudonym with a different original identifier");
  outcome.description =
      "Every reference between tables still resolves: declared foreign keys, and columns "
      "pseudonymised for the same entity (one identifier, one pseudonym, everywhere).";
  outcome.coverage = fmt::format("{} declared foreign keys, {} pseudonymised entities",
                                 references_.size(), entities_.size());
  if (already_dangling_ > 0) {
    outcome.coverage +=
        fmt::format("; {} references were already dangling in the original", already_dangling_);
  }
}

}  // namespace veil
