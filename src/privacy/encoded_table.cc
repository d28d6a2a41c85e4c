#include "privacy/encoded_table.h"

#include <fmt/format.h>

#include "privacy/key_index.h"

namespace veil {
namespace {

Result<size_t> ColumnIndex(const TableSchema& schema, const std::string& name) {
  for (size_t c = 0; c < schema.columns.size(); ++c) {
    if (schema.columns[c].name == name) return c;
  }
  return InputError(fmt::format("table {} has no column {}", schema.name, name));
}

}  // namespace

Result<EncodedTable> EncodeTable(TableReader& reader, const std::vector<std::string>& columns,
                                 const std::string& sensitive) {
  EncodedTable table;
  table.columns = columns;
  table.dictionaries.resize(columns.size());
  std::vector<size_t> indices;
  for (const auto& name : columns) {
    VEIL_ASSIGN_OR_RETURN(size_t index, ColumnIndex(reader.schema(), name));
    indices.push_back(index);
  }
  std::vector<ValueDictionary*> dictionaries;
  for (auto& dictionary : table.dictionaries) dictionaries.push_back(&dictionary);
  if (!sensitive.empty()) {
    VEIL_ASSIGN_OR_RETURN(size_t index, ColumnIndex(reader.schema(), sensitive));
    indices.push_back(index);
    table.sensitive.emplace();
    dictionaries.push_back(&*table.sensitive);
  }
  const size_t width = indices.size();
  KeyIndex index(width, 1 << 15);
  std::vector<int32_t> tuple(width);
  Batch batch;
  while (true) {
    VEIL_ASSIGN_OR_RETURN(bool more, reader.Next(batch));
    if (!more) break;
    for (size_t r = 0; r < batch.rows(); ++r) {
      const int64_t row = batch.first_row + static_cast<int64_t>(r);
      for (size_t i = 0; i < width; ++i) {
        const Column& column = batch.columns[indices[i]];
        tuple[i] =
            dictionaries[i]->Add(column.IsNull(r) ? std::string_view() : column.Text(r), row);
      }
      auto [id, added] = index.Insert(tuple.data());
      if (added) table.counts.push_back(0);
      ++table.counts[id];
    }
    table.records += static_cast<int64_t>(batch.rows());
  }
  table.tuples = index.TakeKeys();
  return table;
}

}  // namespace veil
