#include "subset/row_keys.h"

#include <map>
#include <string>

namespace veil {
namespace {

// Each cell as its length (4 bytes), its kind if `with_kind`, then its bytes.
void Encode(const Batch& batch, size_t row, const std::vector<int>& columns, bool with_kind,
            std::string& out) {
  out.clear();
  for (const int c : columns) {
    const Column& column = batch.columns[static_cast<size_t>(c)];
    const std::string_view cell = column.Text(row);
    const uint32_t size = static_cast<uint32_t>(cell.size());
    for (int shift = 0; shift < 32; shift += 8) out += static_cast<char>((size >> shift) & 0xff);
    if (with_kind) out += static_cast<char>(column.kind(row));
    out.append(cell);
  }
}

RowDigest ToRowDigest(const Digest& d) {
  return RowDigest{DigestWord(d, 0), DigestWord(d, 8)};
}

}  // namespace

std::vector<int> IdentityColumns(const TableSchema& schema) {
  std::map<int, int> key;  // position in the key -> column
  for (size_t c = 0; c < schema.columns.size(); ++c) {
    const int position = schema.columns[c].primary_key_position;
    if (position > 0) key[position] = static_cast<int>(c);
  }
  std::vector<int> columns;
  for (const auto& [position, c] : key) columns.push_back(c);
  if (columns.empty()) {
    for (size_t c = 0; c < schema.columns.size(); ++c) columns.push_back(static_cast<int>(c));
  }
  return columns;
}

RowKeys::RowKeys(const KeyedPrf& secret_root)
    : identity_(KeyedPrf(Digest{}).Derive("subset/identity")),
      key_(KeyedPrf(Digest{}).Derive("subset/key")),
      sample_(secret_root.Derive("subset/sample")) {}

RowDigest RowKeys::Identity(const Batch& batch, size_t row, const std::vector<int>& columns) const {
  std::string bytes;
  Encode(batch, row, columns, true, bytes);
  return ToRowDigest(identity_.Compute(bytes));
}

RowDigest RowKeys::Key(const Batch& batch, size_t row, const std::vector<int>& columns) const {
  for (const int c : columns) {
    if (batch.columns[static_cast<size_t>(c)].IsNull(row)) return kNoKey;
  }
  std::string bytes;
  Encode(batch, row, columns, false, bytes);
  const RowDigest digest = ToRowDigest(key_.Compute(bytes));
  return digest == kNoKey ? RowDigest{0, 1} : digest;
}

uint64_t RowKeys::Score(const Batch& batch, size_t row, const std::vector<int>& columns) const {
  std::string bytes;
  Encode(batch, row, columns, true, bytes);
  return DigestWord(sample_.Compute(bytes), 0);
}

}  // namespace veil
