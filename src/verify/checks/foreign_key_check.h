// ForeignKeyCheck (`foreign_key`): every reference in the copy still resolves.
//
//  * Declared foreign keys (of the original's schema, where the copy kept their columns):
//    a reference of the copy that finds no row of the referenced table is an error, unless
//    the same row's reference was already dangling in the original (then it is counted in
//    the coverage line, not blamed on the anonymisation). References with a NULL column
//    are not checked, as in SQL.
//  * Columns pseudonymised with the same entity, in any table: one original identifier
//    must have one pseudonym everywhere (else joins through it break), and one pseudonym
//    must stand for one original (else joins merge two people).
//
// Values are kept as 64-bit hashes: memory is about 16 bytes per key and per reference.
#pragma once

#include <map>
#include <string>
#include <unordered_set>
#include <vector>

#include "verify/check.h"
#include "verify/row_tally.h"

namespace veil {

class ForeignKeyCheck : public Check {
 public:
  static constexpr std::string_view kName = "foreign_key";

  explicit ForeignKeyCheck(const VerifyPlan& plan);
  std::string_view name() const override { return kName; }
  Status OnOriginal(const VerifiedTable& table, const Batch& batch) override;
  Status OnCopy(const VerifiedTable& table, const Batch& batch) override;
  Status OnPairs(const PairedRows& rows) override;
  void Finish(std::vector<Finding>& findings, CheckOutcome& outcome) override;

 private:
  struct Reference {  // one declared foreign key, on both sides
    size_t child_table = 0;
    size_t parent_table = 0;
    std::string name;                      // for the finding: the constraint's columns
    std::vector<size_t> child_columns[2];  // [0] original, [1] copy
    std::vector<size_t> parent_columns[2];
    std::unordered_set<uint64_t> keys[2];
    std::vector<std::pair<uint64_t, int64_t>> uses[2];  // (reference, row)
  };
  struct Mapping {  // one pseudonymised cell: its original and its pseudonym, hashed
    uint64_t original;
    uint64_t pseudonym;
    uint64_t order;   // reading order, so the first occurrence of a value is known
    uint32_t column;  // index into columns_
    int64_t row;
  };
  Status Observe(const VerifiedTable& table, const Batch& batch, int side);
  void CheckReference(Reference& reference, std::vector<Finding>& findings, CheckOutcome& outcome);
  // Flags the mappings whose `other` value differs from the first occurrence of the same
  // `key` value (mappings sorted by key, then reading order).
  void FlagDisagreements(std::vector<Mapping>& mappings, bool by_original);

  const VerifyPlan& plan_;
  std::vector<Reference> references_;
  std::map<std::string, std::vector<Mapping>> entities_;
  std::vector<std::pair<size_t, size_t>> columns_;  // (table id, column) of Mapping::column
  std::map<std::pair<size_t, size_t>, uint32_t> column_ids_;
  // Disagreeing rows by column id, and where the value was first seen.
  std::map<uint32_t, std::vector<int64_t>> split_, merged_;
  std::map<uint32_t, std::string> split_first_, merged_first_;
  int64_t already_dangling_ = 0;
};

}  // namespace veil
