// Test support: a Source serving tables given as literal cells, each in one batch, for
// checks that read a side themselves (the leak check reads the original in Prepare).
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "io/source.h"
#include "verify/checks/check_fixture.h"

namespace veil::testing {

class LiteralSource final : public Source {
 public:
  // Adds table `schema.name` with `columns` (one Cells per column of the schema).
  void Add(const TableSchema& schema, const std::vector<Cells>& columns) {
    names_.push_back(schema.name);
    tables_[schema.name] = {schema, columns};
  }

  std::string Describe() const override { return "literal tables"; }
  std::vector<std::string> TableNames() const override { return names_; }
  Result<TableSchema> Schema(const std::string& table) const override {
    const auto it = tables_.find(table);
    if (it == tables_.end()) return InputError("no table " + table);
    return it->second.schema;
  }
  Result<std::unique_ptr<TableReader>> Open(const std::string& table) override {
    const auto it = tables_.find(table);
    if (it == tables_.end()) return InputError("no table " + table);
    return std::unique_ptr<TableReader>(std::make_unique<Reader>(it->second));
  }

 private:
  struct Table {
    TableSchema schema;
    std::vector<Cells> columns;
  };
  class Reader final : public TableReader {
   public:
    explicit Reader(const Table& table) : table_(table) {}
    const TableSchema& schema() const override { return table_.schema; }
    Result<bool> Next(Batch& batch) override {
      if (done_) {
        batch.Reset(table_.schema.columns.size());
        return false;
      }
      done_ = true;
      batch = CheckFixture::MakeBatch(table_.columns);
      return batch.rows() > 0;
    }

   private:
    const Table& table_;
    bool done_ = false;
  };

  std::vector<std::string> names_;
  std::map<std::string, Table> tables_;
};

}  // namespace veil::testing
