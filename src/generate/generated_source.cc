#include "generate/generated_source.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

#include "core/date_text.h"
#include "generate/check_limits.h"
#include "generate/column_roles.h"
#include "generate/column_type.h"
#include "generate/counter_random.h"
#include "generate/key_values.h"
#include "generate/row_dates.h"
#include "generate/row_plan.h"
#include "scan/column_names.h"

namespace veil {
namespace {

constexpr uint64_t kRowLane = 3;

struct TableMakers {
  std::vector<std::unique_ptr<CellMaker>> columns;
  bool uses_days = false;
};

// Everything the readers share; built once, never changed, never moved (the plan points
// into `tables`, the keys into the plan, the makers into both).
struct Construction {
  std::vector<TableSchema> tables;
  std::vector<ViewSchema> views;
  std::string description;
  std::shared_ptr<const FakeCatalog> fakes;
  std::shared_ptr<const CodeLists> code_lists;
  RowPlan plan;
  std::optional<KeyValues> keys;
  std::optional<RowDates> dates;
  std::vector<TableMakers> makers;
};

// Whether the column's cells may need the row's days (a date, or text named like one).
bool IsDateClass(const ColumnSchema& column) {
  const auto type = ClassifyColumnType(column.declared_type).value_class;
  if (type == ValueClass::kText) {
    const auto hint = scan::HintFromName(column.name);
    return hint == scan::NameHint::kDate || hint == scan::NameHint::kDateOfBirth;
  }
  return type == ValueClass::kDate || type == ValueClass::kTimestamp ||
         type == ValueClass::kTimestampWithZone;
}

Status BuildMakers(Construction& c, int32_t as_of, std::vector<std::string>& notes) {
  c.makers.resize(c.tables.size());
  for (size_t t = 0; t < c.tables.size(); ++t) {
    const TableSchema& table = c.tables[t];
    const CheckLimits limits = ReadCheckLimits(table.check_constraints);
    for (const size_t position : limits.not_understood) {
      notes.push_back(fmt::format(
          "table {}: CHECK constraint {} is not one veil reads; the database enforces it",
          table.name, position));
    }
    for (size_t column = 0; column < table.columns.size(); ++column) {
      const auto found = limits.columns.find(table.columns[column].name);
      const ColumnSite site{c.plan,
                            *c.keys,
                            *c.fakes,
                            *c.code_lists,
                            t,
                            column,
                            found == limits.columns.end() ? nullptr : &found->second,
                            as_of};
      VEIL_ASSIGN_OR_RETURN(auto maker, ChooseCellMaker(site, notes));
      c.makers[t].columns.push_back(std::move(maker));
      if (IsDateClass(table.columns[column])) c.makers[t].uses_days = true;
    }
  }
  return Status::Ok();
}

class GeneratedReader final : public TableReader {
 public:
  GeneratedReader(std::shared_ptr<const Construction> construction, size_t table)
      : c_(std::move(construction)), table_(table) {}

  const TableSchema& schema() const override { return c_->tables[table_]; }
  int64_t EstimatedRows() const override { return c_->plan.table(table_).count; }

  Result<bool> Next(Batch& batch) override {
    const PlannedTable& planned = c_->plan.table(table_);
    const TableMakers& makers = c_->makers[table_];
    const int64_t rows = std::min<int64_t>(static_cast<int64_t>(kBatchRows), planned.count - next_);
    batch.Reset(makers.columns.size());
    batch.first_row = next_ + 1;
    if (rows <= 0) return false;
    rows_.resize(static_cast<size_t>(rows));
    for (int64_t i = 0; i < rows; ++i) {
      RowContext& row = rows_[static_cast<size_t>(i)];
      row.table = table_;
      row.row = next_ + i;
      row.draw = DrawFor(planned.salt, row.row, kRowLane);
      if (makers.uses_days) row.days = c_->dates->Of(table_, row.row);
    }
    for (size_t column = 0; column < makers.columns.size(); ++column) {
      Column& out = batch.columns[column];
      out.Reserve(rows_.size(), rows_.size() * 12);
      for (const RowContext& row : rows_) makers.columns[column]->Append(row, out);
    }
    next_ += rows;
    return true;
  }

 private:
  std::shared_ptr<const Construction> c_;
  size_t table_;
  int64_t next_ = 0;
  std::vector<RowContext> rows_;
};

class GeneratedSource final : public Source {
 public:
  explicit GeneratedSource(std::shared_ptr<const Construction> construction)
      : c_(std::move(construction)) {}

  std::string Describe() const override {
    return "constructed rows for the schema of " + c_->description;
  }
  std::vector<std::string> TableNames() const override {
    std::vector<std::string> names;
    for (const auto& table : c_->tables) names.push_back(table.name);
    return names;
  }
  Result<TableSchema> Schema(const std::string& table) const override {
    const int index = c_->plan.Find(table);
    if (index < 0) return Status::Error(ErrorCode::kInput, "no table " + table + " in the schema");
    return c_->tables[static_cast<size_t>(index)];
  }
  Result<std::unique_ptr<TableReader>> Open(const std::string& table) override {
    const int index = c_->plan.Find(table);
    if (index < 0) return Status::Error(ErrorCode::kInput, "no table " + table + " in the schema");
    return std::unique_ptr<TableReader>(
        std::make_unique<GeneratedReader>(c_, static_cast<size_t>(index)));
  }
  Result<std::vector<ViewSchema>> Views() const override { return c_->views; }

 private:
  std::shared_ptr<const Construction> c_;
};

}  // namespace

Result<std::unique_ptr<Source>> MakeGeneratedSource(
    std::vector<TableSchema> tables, std::vector<ViewSchema> views, std::string description,
    const GenerationOptions& options, std::shared_ptr<const FakeCatalog> fakes,
    std::shared_ptr<const CodeLists> code_lists, std::vector<std::string>& notes) {
  const auto as_of = ParseIsoDay(options.as_of);
  if (!as_of) {
    return Status::Error(
        ErrorCode::kInvalidArgument,
        fmt::format("--as-of {}: not a day in the form YYYY-MM-DD", options.as_of));
  }
  const auto as_of_days = static_cast<int32_t>(as_of->time_since_epoch().count());
  auto c = std::make_shared<Construction>();
  c->tables = std::move(tables);
  c->views = std::move(views);
  c->description = std::move(description);
  c->fakes = std::move(fakes);
  c->code_lists = std::move(code_lists);
  VEIL_ASSIGN_OR_RETURN(c->plan, RowPlan::Make(c->tables, options, notes));
  VEIL_ASSIGN_OR_RETURN(auto keys, KeyValues::Make(c->plan));
  c->keys.emplace(std::move(keys));
  std::vector<bool> with_birth;
  for (const auto& table : c->tables) {
    with_birth.push_back(
        std::any_of(table.columns.begin(), table.columns.end(), IsBirthDateColumn));
  }
  c->dates.emplace(c->plan, as_of_days, std::move(with_birth));
  VEIL_RETURN_IF_ERROR(BuildMakers(*c, as_of_days, notes));
  return std::unique_ptr<Source>(std::make_unique<GeneratedSource>(std::move(c)));
}

}  // namespace veil
