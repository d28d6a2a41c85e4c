#include "generate/row_plan.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "generate/counter_random.h"

namespace veil {
namespace {

constexpr uint64_t kCountSalt = 0x636f756e74ULL;  // "count": the draws of per-parent counts
constexpr int64_t kDefaultRoots = 10;             // unnamed roots when no root is named

bool AllNotNull(const TableSchema& table, const ForeignKeySchema& key) {
  return std::all_of(key.columns.begin(), key.columns.end(), [&](const std::string& name) {
    const int column = table.ColumnIndex(name);
    return column >= 0 && table.columns[static_cast<size_t>(column)].not_null;
  });
}

class Planner {
 public:
  Planner(const std::vector<TableSchema>& tables, const GenerationOptions& options,
          std::vector<std::string>& notes)
      : tables_(tables), options_(options), notes_(notes) {}

  Result<std::vector<PlannedTable>> Plan(uint64_t seed_salt) {
    planned_.resize(tables_.size());
    for (size_t i = 0; i < tables_.size(); ++i) {
      planned_[i].schema = &tables_[i];
      planned_[i].salt = SaltOf(seed_salt, tables_[i].name);
      index_[tables_[i].name] = static_cast<int>(i);
    }
    VEIL_RETURN_IF_ERROR(CheckNamedTables());
    ChooseOwners();
    VEIL_RETURN_IF_ERROR(CountRows());
    return std::move(planned_);
  }

 private:
  struct Reference {
    int key = -1;    // index in the table's foreign keys
    int table = -1;  // the referenced table's index
  };

  Status CheckNamedTables() {
    for (const auto& [name, count] : options_.rows) {
      if (!index_.contains(name)) return Unknown("--rows", name);
      if (count < 0 || count > kMaxGeneratedRows) {
        return Status::Error(ErrorCode::kInvalidArgument,
                             fmt::format("--rows {}={}: a count must be from 0 to {}", name, count,
                                         kMaxGeneratedRows));
      }
    }
    for (const auto& [name, range] : options_.per_parent) {
      if (!index_.contains(name)) return Unknown("--per-parent", name);
      if (range.min < 0 || range.max < range.min || range.max > kMaxRowsPerParent) {
        return Status::Error(
            ErrorCode::kInvalidArgument,
            fmt::format("--per-parent {}: MIN..MAX must have 0 <= MIN <= MAX <= {}", name,
                        kMaxRowsPerParent));
      }
      if (References(static_cast<size_t>(index_.at(name)), false).empty()) {
        return Status::Error(
            ErrorCode::kInvalidArgument,
            fmt::format(
                "--per-parent {}: the table references no other table, so it has no parent rows; "
                "give its count with --rows",
                name));
      }
    }
    return Status::Ok();
  }

  Status Unknown(const char* option, const std::string& name) const {
    return Status::Error(
        ErrorCode::kInvalidArgument,
        fmt::format("{} names table {}, which the schema does not have", option, name));
  }

  // The foreign keys of table `t` to other tables of the schema.
  std::vector<Reference> References(size_t t, bool note_missing) {
    std::vector<Reference> out;
    const auto& keys = tables_[t].foreign_keys;
    for (size_t k = 0; k < keys.size(); ++k) {
      const auto found = index_.find(keys[k].referenced_table);
      if (found == index_.end()) {
        if (note_missing) {
          notes_.push_back(fmt::format(
              "table {} references {}, which the schema does not have: its column {} was made "
              "without that reference",
              tables_[t].name, keys[k].referenced_table, keys[k].columns.front()));
        }
        continue;
      }
      if (found->second != static_cast<int>(t)) out.push_back({static_cast<int>(k), found->second});
    }
    return out;
  }

  // The best owner among `references` whose tables are already placed.
  Reference BestOwner(size_t t, const std::vector<Reference>& references) const {
    Reference best;
    for (const auto& ref : references) {
      if (!placed_[static_cast<size_t>(ref.table)]) continue;
      if (best.table < 0) {
        best = ref;
        continue;
      }
      const int depth = planned_[static_cast<size_t>(ref.table)].depth;
      const int best_depth = planned_[static_cast<size_t>(best.table)].depth;
      const auto& keys = tables_[t].foreign_keys;
      const bool not_null = AllNotNull(tables_[t], keys[static_cast<size_t>(ref.key)]);
      const bool best_not_null = AllNotNull(tables_[t], keys[static_cast<size_t>(best.key)]);
      if (depth > best_depth || (depth == best_depth && not_null && !best_not_null)) best = ref;
    }
    return best;
  }

  void Place(size_t t, const Reference& owner) {
    planned_[t].owner_key = owner.key;
    planned_[t].owner_table = owner.table;
    planned_[t].depth = owner.table < 0 ? 0 : planned_[static_cast<size_t>(owner.table)].depth + 1;
    placed_[t] = true;
    order_.push_back(t);
  }

  void ChooseOwners() {
    placed_.assign(tables_.size(), false);
    std::vector<std::vector<Reference>> references(tables_.size());
    for (size_t t = 0; t < tables_.size(); ++t) references[t] = References(t, true);
    while (order_.size() < tables_.size()) {
      bool progress = false;
      for (size_t t = 0; t < tables_.size(); ++t) {
        if (placed_[t]) continue;
        const auto& refs = references[t];
        if (std::any_of(refs.begin(), refs.end(), [&](const Reference& r) {
              return !placed_[static_cast<size_t>(r.table)];
            })) {
          continue;
        }
        Place(t, BestOwner(t, refs));
        progress = true;
      }
      if (!progress) BreakCycle(references);
    }
  }

  void BreakCycle(const std::vector<std::vector<Reference>>& references) {
    for (size_t t = 0; t < tables_.size(); ++t) {
      if (placed_[t]) continue;
      notes_.push_back(fmt::format(
          "tables reference each other in a cycle; {} was made before some of the tables it "
          "references (its references to them still resolve)",
          tables_[t].name));
      Place(t, BestOwner(t, references[t]));
      return;
    }
  }

  int64_t DefaultRootCount() const {
    int64_t named = 0;
    for (const auto& planned : planned_) {
      const auto found = options_.rows.find(planned.schema->name);
      if (planned.owner_table < 0 && found != options_.rows.end()) named += found->second;
    }
    bool any_root_named = false;
    for (const auto& planned : planned_) {
      if (planned.owner_table < 0 && options_.rows.contains(planned.schema->name)) {
        any_root_named = true;
      }
    }
    if (!any_root_named) return kDefaultRoots;
    return std::max<int64_t>(1, (named + 9) / 10);
  }

  Status CountRows() {
    const int64_t default_roots = DefaultRootCount();
    for (const size_t t : order_) {
      PlannedTable& table = planned_[t];
      const auto named = options_.rows.find(table.schema->name);
      if (table.owner_table < 0) {
        table.count = named != options_.rows.end() ? named->second : default_roots;
        continue;
      }
      const int64_t parents = planned_[static_cast<size_t>(table.owner_table)].count;
      table.starts.resize(static_cast<size_t>(parents) + 1);
      if (named != options_.rows.end()) {
        SpreadEvenly(named->second, table.starts);
      } else {
        VEIL_RETURN_IF_ERROR(DrawCounts(t, table.starts));
      }
      table.count = table.starts.back();
    }
    return Status::Ok();
  }

  static void SpreadEvenly(int64_t total, std::vector<int64_t>& starts) {
    const auto parents = static_cast<__int128>(starts.size() - 1);
    if (parents == 0) {
      starts[0] = 0;
      return;
    }
    for (size_t p = 0; p < starts.size(); ++p) {
      starts[p] =
          static_cast<int64_t>(static_cast<__int128>(total) * static_cast<__int128>(p) / parents);
    }
  }

  Status DrawCounts(size_t t, std::vector<int64_t>& starts) const {
    // Default: 1 to 3 rows per root row (a child's episodes), 0 to 2 further down (an
    // episode's plans), so deep chains grow linearly with the roots, not exponentially.
    RowCountRange range = planned_[t].depth <= 1 ? RowCountRange{1, 3} : RowCountRange{0, 2};
    const auto found = options_.per_parent.find(tables_[t].name);
    if (found != options_.per_parent.end()) range = found->second;
    const uint64_t span = static_cast<uint64_t>(range.max - range.min) + 1;
    const uint64_t salt = planned_[t].salt ^ kCountSalt;
    int64_t total = 0;
    for (size_t p = 0; p + 1 < starts.size(); ++p) {
      starts[p] = total;
      total += range.min +
               static_cast<int64_t>(UniformBelow(DrawFor(salt, static_cast<int64_t>(p)), span));
      if (total > kMaxGeneratedRows) {
        return Status::Error(
            ErrorCode::kInvalidArgument,
            fmt::format("table {} would get more than {} rows; lower --rows or --per-parent",
                        tables_[t].name, kMaxGeneratedRows));
      }
    }
    starts.back() = total;
    return Status::Ok();
  }

 private:
  const std::vector<TableSchema>& tables_;
  const GenerationOptions& options_;
  std::vector<std::string>& notes_;
  std::vector<PlannedTable> planned_;
  std::map<std::string, int> index_;
  std::vector<bool> placed_;
  std::vector<size_t> order_;
};

}  // namespace

Result<RowPlan> RowPlan::Make(const std::vector<TableSchema>& tables,
                              const GenerationOptions& options, std::vector<std::string>& notes) {
  RowPlan plan;
  plan.seed_salt_ = SaltOf(0, options.seed);
  Planner planner(tables, options, notes);
  VEIL_ASSIGN_OR_RETURN(plan.tables_, planner.Plan(plan.seed_salt_));
  return plan;
}

int RowPlan::Find(const std::string& name) const {
  for (size_t i = 0; i < tables_.size(); ++i) {
    if (tables_[i].schema->name == name) return static_cast<int>(i);
  }
  return -1;
}

int64_t RowPlan::ParentRow(size_t table, int64_t row) const {
  const auto& starts = tables_[table].starts;
  const auto after = std::upper_bound(starts.begin(), starts.end(), row);
  return static_cast<int64_t>(after - starts.begin()) - 1;
}

int64_t RowPlan::AncestorRow(size_t table, int64_t row, int ancestor) const {
  size_t at = table;
  while (static_cast<int>(at) != ancestor) {
    const int owner = tables_[at].owner_table;
    if (owner < 0) return -1;
    row = ParentRow(at, row);
    at = static_cast<size_t>(owner);
  }
  return row;
}

}  // namespace veil
