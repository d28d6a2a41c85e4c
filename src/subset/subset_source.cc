#include "subset/subset_source.h"

#include <fmt/format.h>

#include <utility>

#include "subset/query_closure.h"
#include "subset/reference_graph.h"
#include "subset/row_closure.h"
#include "subset/row_keys.h"
#include "subset/simple_condition.h"
#include "subset/subset_option.h"

namespace veil {
namespace {

using Ids = std::unordered_set<RowDigest, RowDigestHash>;

// A table of the subset with no rows.
class EmptyReader final : public TableReader {
 public:
  explicit EmptyReader(TableSchema schema) : schema_(std::move(schema)) {}
  const TableSchema& schema() const override { return schema_; }
  Result<bool> Next(Batch& batch) override {
    batch.Reset(schema_.columns.size());
    return false;
  }
  int64_t EstimatedRows() const override { return 0; }

 private:
  TableSchema schema_;
};

// The inner reader's rows whose identity is in `ids`, numbered from 1.
class FilterReader final : public TableReader {
 public:
  FilterReader(std::unique_ptr<TableReader> inner, std::shared_ptr<const RowKeys> keys,
               std::shared_ptr<const Ids> ids, int64_t rows)
      : inner_(std::move(inner)),
        keys_(std::move(keys)),
        ids_(std::move(ids)),
        identity_(IdentityColumns(inner_->schema())),
        rows_(rows) {}

  const TableSchema& schema() const override { return inner_->schema(); }
  int64_t EstimatedRows() const override { return rows_; }

  Result<bool> Next(Batch& batch) override {
    batch.Reset(inner_->schema().columns.size());
    batch.first_row = next_row_;
    while (batch.rows() == 0) {
      VEIL_ASSIGN_OR_RETURN(const bool more, inner_->Next(in_));
      if (!more) return false;
      for (size_t r = 0; r < in_.rows(); ++r) {
        if (ids_->count(keys_->Identity(in_, r, identity_)) == 0) continue;
        for (size_t c = 0; c < batch.columns.size(); ++c) {
          batch.columns[c].AppendFrom(in_.columns[c], r);
        }
      }
    }
    next_row_ += static_cast<int64_t>(batch.rows());
    return true;
  }

 private:
  std::unique_ptr<TableReader> inner_;
  std::shared_ptr<const RowKeys> keys_;
  std::shared_ptr<const Ids> ids_;
  std::vector<int> identity_;
  int64_t rows_ = -1;
  int64_t next_row_ = 1;
  Batch in_;
};

// The rows of `table` that each condition holds for, one condition after the other.
class ChunkedReader final : public TableReader {
 public:
  ChunkedReader(std::shared_ptr<Source> source, TableSchema schema, std::string table,
                std::shared_ptr<const std::vector<std::string>> conditions, int64_t rows)
      : source_(std::move(source)),
        schema_(std::move(schema)),
        table_(std::move(table)),
        conditions_(std::move(conditions)),
        rows_(rows) {}

  const TableSchema& schema() const override { return schema_; }
  int64_t EstimatedRows() const override { return rows_; }

  Result<bool> Next(Batch& batch) override {
    while (true) {
      if (current_ != nullptr) {
        VEIL_ASSIGN_OR_RETURN(const bool more, current_->Next(batch));
        if (more) return true;
        current_.reset();
      }
      if (next_ == conditions_->size()) {
        batch.Reset(schema_.columns.size());
        return false;
      }
      VEIL_ASSIGN_OR_RETURN(current_, source_->OpenWhere(table_, (*conditions_)[next_++]));
    }
  }

 private:
  std::shared_ptr<Source> source_;
  TableSchema schema_;
  std::string table_;
  std::shared_ptr<const std::vector<std::string>> conditions_;
  int64_t rows_ = -1;
  size_t next_ = 0;
  std::unique_ptr<TableReader> current_;
};

class SubsetSource final : public Source {
 public:
  SubsetSource(std::unique_ptr<Source> inner, std::vector<std::string> names,
               std::vector<TableSelection> selections, std::shared_ptr<const RowKeys> keys)
      : inner_(std::move(inner)), names_(std::move(names)), keys_(std::move(keys)) {
    for (auto& selection : selections) {
      tables_.push_back(
          {selection.mode, selection.included,
           std::make_shared<const Ids>(std::move(selection.ids)),
           std::make_shared<const std::vector<std::string>>(std::move(selection.read_back))});
    }
  }

  std::string Describe() const override { return inner_->Describe(); }
  std::vector<std::string> TableNames() const override { return inner_->TableNames(); }
  Result<TableSchema> Schema(const std::string& table) const override {
    return inner_->Schema(table);
  }
  Result<std::vector<ViewSchema>> Views() const override { return inner_->Views(); }

  Result<std::unique_ptr<TableReader>> Open(const std::string& table) override {
    size_t t = 0;
    while (t < names_.size() && names_[t] != table) ++t;
    if (t == names_.size()) return inner_->Open(table);  // the inner source's error
    const Selected& selected = tables_[t];
    if (selected.mode == TableSelection::Mode::kWhole) return inner_->Open(table);
    if (selected.mode == TableSelection::Mode::kEmpty || selected.ids->empty()) {
      VEIL_ASSIGN_OR_RETURN(TableSchema schema, inner_->Schema(table));
      return std::unique_ptr<TableReader>(new EmptyReader(std::move(schema)));
    }
    std::unique_ptr<TableReader> reader;
    if (!selected.read_back->empty()) {  // by key, the cost following the subset
      VEIL_ASSIGN_OR_RETURN(TableSchema schema, inner_->Schema(table));
      reader.reset(
          new ChunkedReader(inner_, std::move(schema), table, selected.read_back, selected.rows));
    } else {
      VEIL_ASSIGN_OR_RETURN(reader, inner_->Open(table));
    }
    return std::unique_ptr<TableReader>(
        new FilterReader(std::move(reader), keys_, selected.ids, selected.rows));
  }

 private:
  struct Selected {
    TableSelection::Mode mode;
    int64_t rows;
    std::shared_ptr<const Ids> ids;
    std::shared_ptr<const std::vector<std::string>> read_back;
  };

  std::shared_ptr<Source> inner_;   // shared with the chunked readers
  std::vector<std::string> names_;  // the graph's tables, in order
  std::shared_ptr<const RowKeys> keys_;
  std::vector<Selected> tables_;  // per name
};

// Adds a simple condition (sources without SQL) to `chosen`, its column checked.
Status ChooseBySimple(const Source& source, const SubsetSpec& spec, const TableSchema& schema,
                      ChosenRows& chosen) {
  VEIL_ASSIGN_OR_RETURN(SimpleCondition condition, ParseSimpleCondition(spec, source.Describe()));
  const int column = schema.ColumnIndex(condition.column);
  if (column < 0) {
    return InvalidArgument(fmt::format("{}: table {} has no column {}",
                                       SubsetOptionName(spec.position), spec.table,
                                       condition.column));
  }
  chosen.simple.push_back({column, std::move(condition), spec.position, 0});
  return Status::Ok();
}

std::string NoRowsWarning(const SubsetSpec& spec) {
  return fmt::format("{} (table {}) chose no rows", SubsetOptionName(spec.position), spec.table);
}

// Reads every option into `chosen` (one entry per table), checking the tables it names
// and the simple conditions' columns; SQL conditions are left to QueryClosure.
Status ChooseRows(const Source& source, const ReferenceGraph& graph,
                  const std::vector<SubsetSpec>& specs, std::vector<ChosenRows>& chosen) {
  for (const auto& spec : specs) {
    const int t = graph.Find(spec.table);
    if (t < 0) {
      return InvalidArgument(fmt::format("{} names table {}, which {} does not have",
                                         SubsetOptionName(spec.position), spec.table,
                                         source.Describe()));
    }
    ChosenRows& rows = chosen[static_cast<size_t>(t)];
    rows.any = true;
    const TableSchema& schema = graph.tables[static_cast<size_t>(t)];
    if (spec.kind == SubsetSpec::Kind::kPercent) {
      rows.samples.push_back({spec.percent, 0});
    } else if (spec.kind == SubsetSpec::Kind::kRows) {
      rows.samples.push_back({0, spec.rows});
    } else if (source.SupportsWhere()) {
      VEIL_RETURN_IF_ERROR(CheckSqlCondition(spec));
    } else {
      VEIL_RETURN_IF_ERROR(ChooseBySimple(source, spec, schema, rows));
    }
  }
  return Status::Ok();
}

// The closure on an SQL source, asking it for the rows that hold the keys reached.
Result<std::vector<TableSelection>> ClosureByQueries(Source& source, const ReferenceGraph& graph,
                                                     const std::vector<SubsetSpec>& specs,
                                                     const RowKeys& keys, bool keep_unrelated,
                                                     const std::vector<ChosenRows>& chosen,
                                                     SubsetSummary& summary) {
  QueryClosure closure(source, graph, keys);
  for (const auto& spec : specs) {
    if (spec.kind != SubsetSpec::Kind::kCondition) continue;
    Result<int64_t> count = closure.SeedCondition(graph.Find(spec.table), spec.condition);
    if (!count.ok()) return count.status().WithContext(SubsetOptionName(spec.position));
    if (*count == 0) summary.warnings.push_back(NoRowsWarning(spec));
  }
  std::vector<bool> named(graph.tables.size());
  for (size_t t = 0; t < named.size(); ++t) {
    named[t] = chosen[t].any;
    if (chosen[t].samples.empty()) continue;
    VEIL_RETURN_IF_ERROR(closure.SeedSamples(static_cast<int>(t), chosen[t].samples).status());
  }
  const std::vector<bool> related = RelatedTables(graph, named);
  for (size_t t = 0; t < related.size() && keep_unrelated; ++t) {
    if (!related[t]) VEIL_RETURN_IF_ERROR(closure.SeedWhole(static_cast<int>(t)));
  }
  VEIL_RETURN_IF_ERROR(closure.Run());
  return closure.Selections(related, keep_unrelated);
}

std::string How(const TableSelection& selection, const ChosenRows& chosen) {
  if (chosen.any) return "chosen";
  if (selection.related) return "reached";
  return selection.mode == TableSelection::Mode::kWhole ? "unrelated: whole" : "unrelated: empty";
}

void Summarise(const ReferenceGraph& graph, const std::vector<SubsetSpec>& specs,
               const std::vector<ChosenRows>& chosen, const std::vector<TableSelection>& selections,
               SubsetSummary& summary) {
  for (size_t t = 0; t < graph.tables.size(); ++t) {
    const TableSelection& s = selections[t];
    summary.tables.push_back(
        {graph.tables[t].name, How(s, chosen[t]), s.total, s.chosen, s.included});
  }
  for (const auto& spec : specs) {
    const size_t t = static_cast<size_t>(graph.Find(spec.table));
    const bool sample = spec.kind != SubsetSpec::Kind::kCondition;
    if (sample && selections[t].total == 0) summary.warnings.push_back(NoRowsWarning(spec));
    for (const auto& simple : chosen[t].simple) {
      if (simple.position == spec.position && simple.matched == 0) {
        summary.warnings.push_back(NoRowsWarning(spec));
      }
    }
  }
}

}  // namespace

Result<std::unique_ptr<Source>> OpenSubset(std::unique_ptr<Source> source,
                                           const SubsetRequest& request, const Policy& policy,
                                           const Secret& secret, SubsetSummary& summary) {
  std::vector<SubsetSpec> specs;
  for (size_t i = 0; i < request.options.size(); ++i) {
    VEIL_ASSIGN_OR_RETURN(SubsetSpec spec,
                          ParseSubsetOption(request.options[i], static_cast<int>(i) + 1));
    specs.push_back(std::move(spec));
  }
  VEIL_ASSIGN_OR_RETURN(std::vector<TableSchema> schemas, ReadSchemas(*source));
  const ReferenceGraph graph = BuildReferenceGraph(std::move(schemas), policy);
  auto keys = std::make_shared<const RowKeys>(secret.root());
  std::vector<ChosenRows> chosen(graph.tables.size());
  VEIL_RETURN_IF_ERROR(ChooseRows(*source, graph, specs, chosen));
  Result<std::vector<TableSelection>> selections =
      source->SupportsWhere()
          ? ClosureByQueries(*source, graph, specs, *keys, request.keep_unrelated, chosen, summary)
          : ComputeClosure(*source, graph, chosen, *keys, request.keep_unrelated);
  if (!selections.ok()) return selections.status();
  Summarise(graph, specs, chosen, *selections, summary);
  std::vector<std::string> names;
  for (const auto& table : graph.tables) names.push_back(table.name);
  return std::unique_ptr<Source>(
      new SubsetSource(std::move(source), std::move(names), std::move(selections).value(), keys));
}

}  // namespace veil
