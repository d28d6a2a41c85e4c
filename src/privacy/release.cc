#include "privacy/release.h"

#include <fmt/format.h>

namespace veil {

Release::Release(std::unique_ptr<PrivacyInput> input, const SearchOutcome& outcome,
                 std::vector<size_t> columns, std::string table)
    : input_(std::move(input)),
      levels_(outcome.best.levels),
      columns_(std::move(columns)),
      table_(std::move(table)),
      classes_(levels_.size(), outcome.best.classes->Classes() + 16),
      class_suppressed_(outcome.best.suppressed) {
  const ClassTable& classes = *outcome.best.classes;
  for (size_t c = 0; c < classes.Classes(); ++c) (void)classes_.Insert(classes.Key(c).data());
}

Status Release::Classify(const Batch& batch) {
  const size_t width = levels_.size();
  const size_t rows = batch.rows();
  codes_.resize(rows * width);
  suppressed_.assign(rows, 0);
  const auto& qis = input_->problem.quasi_identifiers;
  for (size_t r = 0; r < rows; ++r) {
    int32_t* key = codes_.data() + r * width;
    for (size_t d = 0; d < width; ++d) {
      const Column& column = batch.columns[columns_[d]];
      const auto leaf =
          qis[d].hierarchy.LeafCode(column.IsNull(r) ? std::string_view() : column.Text(r));
      if (!leaf) {
        return InputError(
            fmt::format("table {}, column {}, row {}: a value the first read did not "
                        "see (the source changed during the run)",
                        table_, qis[d].column, batch.first_row + r));
      }
      key[d] = qis[d].hierarchy.Generalise(*leaf, levels_[d]);
    }
    const int64_t id = classes_.Find(key);
    if (id < 0) {
      return InputError(
          fmt::format("table {}, row {}: a combination the first read did not see "
                      "(the source changed during the run)",
                      table_, batch.first_row + r));
    }
    suppressed_[r] = class_suppressed_[id];
  }
  return Status::Ok();
}

void Release::Append(size_t d, size_t row, Column& out) const {
  if (suppressed_[row]) {
    out.Append("*");
    return;
  }
  const std::string& label = input_->problem.quasi_identifiers[d].hierarchy.Label(
      levels_[d], codes_[row * levels_.size() + d]);
  if (label.empty()) {
    out.AppendNull();
  } else {
    out.Append(label);
  }
}

}  // namespace veil
