// Column: one column of a batch, stored as contiguous bytes plus per-cell end offsets.
//
// Every cell is NULL or a byte string tagged with a storage kind (text, integer, real,
// blob) so that typed sources such as SQLite round-trip exactly; CSV cells are text.
// Appending never invalidates earlier cells' content, but views returned by Text() are
// invalidated by the next append (the byte buffer may move). Not thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace veil {

enum class CellKind : uint8_t { kNull = 0, kText, kInteger, kReal, kBlob };

class Column {
 public:
  size_t size() const { return kinds_.size(); }
  bool empty() const { return kinds_.empty(); }

  CellKind kind(size_t row) const { return kinds_[row]; }
  bool IsNull(size_t row) const { return kinds_[row] == CellKind::kNull; }
  // The bytes of a cell (empty for NULL).
  std::string_view Text(size_t row) const {
    const uint32_t begin = row == 0 ? 0 : ends_[row - 1];
    return std::string_view(bytes_.data() + begin, ends_[row] - begin);
  }

  void AppendNull() {
    kinds_.push_back(CellKind::kNull);
    ends_.push_back(static_cast<uint32_t>(bytes_.size()));
  }
  void Append(std::string_view bytes, CellKind kind = CellKind::kText) {
    bytes_.append(bytes.data(), bytes.size());
    kinds_.push_back(kind);
    ends_.push_back(static_cast<uint32_t>(bytes_.size()));
  }
  // Copies cell `row` of `other`, keeping its kind.
  void AppendFrom(const Column& other, size_t row) { Append(other.Text(row), other.kind(row)); }

  // Starts a cell whose bytes are written in pieces through `buffer()`; finish with
  // CommitCell(kind). Avoids a temporary string for values built from parts.
  std::string& buffer() { return bytes_; }
  void CommitCell(CellKind kind) {
    kinds_.push_back(kind);
    ends_.push_back(static_cast<uint32_t>(bytes_.size()));
  }

  void Clear() {
    bytes_.clear();
    ends_.clear();
    kinds_.clear();
  }
  void Reserve(size_t rows, size_t bytes) {
    ends_.reserve(rows);
    kinds_.reserve(rows);
    bytes_.reserve(bytes);
  }
  size_t byte_size() const { return bytes_.size(); }

 private:
  std::string bytes_;
  std::vector<uint32_t> ends_;
  std::vector<CellKind> kinds_;
};

}  // namespace veil
