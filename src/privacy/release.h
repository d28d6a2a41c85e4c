// Release: the generalisation the search chose, applied to rows as they stream to the
// output. For each row it finds every quasi-identifier's generalised value and whether
// the row's class was suppressed (it failed a model); a suppressed row's
// quasi-identifiers become '*' (mask) or the row is left out (remove). The decision
// depends on the row's values alone, so it holds whatever order rows are read in; a
// value the first read did not see (the source changed in between) is an error.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/batch.h"
#include "privacy/key_index.h"
#include "privacy/lattice_search.h"
#include "privacy/privacy_input.h"

namespace veil {

class Release {
 public:
  // `columns[d]`: the position of quasi-identifier d in the batches to be classified.
  Release(std::unique_ptr<PrivacyInput> input, const SearchOutcome& outcome,
          std::vector<size_t> columns, std::string table);

  // Works out every row of `batch`; call before Append/Suppressed for that batch.
  Status Classify(const Batch& batch);
  bool Suppressed(size_t row) const { return suppressed_[row] != 0; }
  bool RemovesSuppressed() const { return input_->spec.suppress == SuppressionStyle::kRemove; }
  // Appends quasi-identifier d's output cell for `row` of the batch last classified.
  void Append(size_t d, size_t row, Column& out) const;
  const std::vector<int>& Levels() const { return levels_; }

 private:
  std::unique_ptr<PrivacyInput> input_;
  std::vector<int> levels_;
  std::vector<size_t> columns_;
  std::string table_;
  KeyIndex classes_;
  std::vector<uint8_t> class_suppressed_;
  // For the batch last classified: rows x quasi-identifiers codes, per row suppressed.
  std::vector<int32_t> codes_;
  std::vector<uint8_t> suppressed_;
};

}  // namespace veil
