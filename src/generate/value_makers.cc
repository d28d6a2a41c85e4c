#include "generate/value_makers.h"

#include <fmt/format.h>

#include <array>
#include <cmath>
#include <string_view>

#include "generate/counter_random.h"

namespace veil {
namespace {

uint64_t CellDraw(const RowContext& row, uint64_t salt, uint64_t lane = 0) {
  return MixBits(row.draw ^ salt ^ (lane * 0x9e3779b97f4a7c15ULL));
}

class NullCells final : public CellMaker {
 public:
  void Append(const RowContext&, Column& out) const override { out.AppendNull(); }
};

class FixedCells final : public CellMaker {
 public:
  FixedCells(std::string value, CellKind kind) : value_(std::move(value)), kind_(kind) {}
  void Append(const RowContext&, Column& out) const override { out.Append(value_, kind_); }

 private:
  std::string value_;
  CellKind kind_;
};

class KeyCells final : public CellMaker {
 public:
  KeyCells(const KeyValues& keys, size_t table, size_t column, bool may_be_null, uint64_t salt)
      : keys_(keys), table_(table), column_(column), may_be_null_(may_be_null), salt_(salt) {}

  void Append(const RowContext& row, Column& out) const override {
    if (may_be_null_ && UniformBelow(CellDraw(row, salt_), 10) == 0) {
      out.AppendNull();
      return;
    }
    const CellKind kind = keys_.AppendValue(table_, column_, row.row, out.buffer());
    if (kind == CellKind::kNull) {
      out.AppendNull();
    } else {
      out.CommitCell(kind);
    }
  }

 private:
  const KeyValues& keys_;
  size_t table_;
  size_t column_;
  bool may_be_null_;
  uint64_t salt_;
};

class ChoiceCells final : public CellMaker {
 public:
  ChoiceCells(std::vector<std::string> values, CellKind kind, uint64_t salt)
      : values_(std::move(values)), kind_(kind), salt_(salt) {}
  void Append(const RowContext& row, Column& out) const override {
    out.Append(values_[UniformBelow(CellDraw(row, salt_), values_.size())], kind_);
  }

 private:
  std::vector<std::string> values_;
  CellKind kind_;
  uint64_t salt_;
};

class IntegerCells final : public CellMaker {
 public:
  IntegerCells(int64_t low, int64_t high, uint64_t salt) : low_(low), high_(high), salt_(salt) {}
  void Append(const RowContext& row, Column& out) const override {
    const auto span = static_cast<uint64_t>(high_ - low_) + 1;
    const int64_t value = low_ + static_cast<int64_t>(UniformBelow(CellDraw(row, salt_), span));
    fmt::format_to(std::back_inserter(out.buffer()), "{}", value);
    out.CommitCell(CellKind::kInteger);
  }

 private:
  int64_t low_;
  int64_t high_;
  uint64_t salt_;
};

class DecimalCells final : public CellMaker {
 public:
  DecimalCells(double low, double high, int scale, CellKind kind, uint64_t salt)
      : scale_(scale), kind_(kind), salt_(salt) {
    const double unit = std::pow(10.0, scale);
    low_units_ = static_cast<int64_t>(std::ceil(low * unit));
    high_units_ = std::max(low_units_, static_cast<int64_t>(std::floor(high * unit)));
  }
  void Append(const RowContext& row, Column& out) const override {
    const auto span = static_cast<uint64_t>(high_units_ - low_units_) + 1;
    const int64_t units =
        low_units_ + static_cast<int64_t>(UniformBelow(CellDraw(row, salt_), span));
    auto& text = out.buffer();
    if (scale_ == 0) {
      fmt::format_to(std::back_inserter(text), "{}", units);
    } else {
      int64_t divisor = 1;
      for (int i = 0; i < scale_; ++i) divisor *= 10;
      const int64_t magnitude = units < 0 ? -units : units;
      fmt::format_to(std::back_inserter(text), "{}{}.{:0{}}", units < 0 ? "-" : "",
                     magnitude / divisor, magnitude % divisor, scale_);
    }
    out.CommitCell(kind_);
  }

 private:
  int scale_;
  CellKind kind_;
  uint64_t salt_;
  int64_t low_units_ = 0;
  int64_t high_units_ = 0;
};

class DigitsCells final : public CellMaker {
 public:
  DigitsCells(int width, uint64_t salt) : width_(width), salt_(salt) {}
  void Append(const RowContext& row, Column& out) const override {
    auto& text = out.buffer();
    for (int i = 0; i < width_; i += 16) {
      uint64_t draw = CellDraw(row, salt_, static_cast<uint64_t>(i));
      for (int j = i; j < width_ && j < i + 16; ++j, draw /= 10) {
        text.push_back(static_cast<char>('0' + draw % 10));
      }
    }
    out.CommitCell(CellKind::kText);
  }

 private:
  int width_;
  uint64_t salt_;
};

constexpr std::array<std::string_view, 32> kWords = {
    "visit",    "plan",    "review",   "agreed", "support",  "meeting",   "home",    "school",
    "carer",    "contact", "update",   "health", "progress", "discussed", "actions", "next",
    "steps",    "family",  "worker",   "notes",  "booked",   "attended",  "goals",   "safety",
    "referral", "team",    "followed", "up",     "with",     "and",       "the",     "checked"};

class SentenceCells final : public CellMaker {
 public:
  SentenceCells(size_t max_length, uint64_t salt) : max_length_(max_length), salt_(salt) {}
  void Append(const RowContext& row, Column& out) const override {
    auto& text = out.buffer();
    const size_t begin = text.size();
    uint64_t draw = CellDraw(row, salt_);
    const size_t words = 3 + draw % 10;
    for (size_t i = 0; i < words; ++i) {
      if (i % 8 == 7) draw = CellDraw(row, salt_, i);
      const std::string_view word = kWords[(draw >> (8 * (i % 8))) % kWords.size()];
      const size_t used = text.size() - begin;
      if (used + (i > 0 ? 1 : 0) + word.size() + 1 > max_length_) break;
      if (i > 0) text.push_back(' ');
      text.append(word);
    }
    if (text.size() > begin) {
      text[begin] = static_cast<char>(text[begin] - 'a' + 'A');
      text.push_back('.');
    }
    out.CommitCell(CellKind::kText);
  }

 private:
  size_t max_length_;
  uint64_t salt_;
};

class FakeCells final : public CellMaker {
 public:
  FakeCells(const FakeKind& kind, std::string shape, uint64_t salt)
      : kind_(kind), shape_(std::move(shape)), salt_(salt) {}
  void Append(const RowContext& row, Column& out) const override {
    Digest random;
    for (size_t word = 0; word < 4; ++word) {
      const uint64_t draw = CellDraw(row, salt_, word);
      for (size_t i = 0; i < 8; ++i) random[8 * word + i] = static_cast<uint8_t>(draw >> (8 * i));
    }
    kind_.Generate(random, shape_, out.buffer());
    out.CommitCell(CellKind::kText);
  }

 private:
  const FakeKind& kind_;
  std::string shape_;
  uint64_t salt_;
};

class UuidCells final : public CellMaker {
 public:
  explicit UuidCells(uint64_t salt) : salt_(salt) {}
  void Append(const RowContext& row, Column& out) const override {
    const uint64_t high = CellDraw(row, salt_, 0);
    const uint64_t low = CellDraw(row, salt_, 1);
    fmt::format_to(std::back_inserter(out.buffer()), "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
                   high >> 32, (high >> 16) & 0xffff, high & 0xfff, (low >> 48 & 0x3fff) | 0x8000,
                   low & 0xffffffffffffULL);
    out.CommitCell(CellKind::kText);
  }

 private:
  uint64_t salt_;
};

class BytesCells final : public CellMaker {
 public:
  BytesCells(bool hex_text, uint64_t salt) : hex_text_(hex_text), salt_(salt) {}
  void Append(const RowContext& row, Column& out) const override {
    const uint64_t draw = CellDraw(row, salt_);
    auto& text = out.buffer();
    if (hex_text_) {
      fmt::format_to(std::back_inserter(text), "\\x{:016x}", draw);
      out.CommitCell(CellKind::kText);
      return;
    }
    for (size_t i = 0; i < 8; ++i) text.push_back(static_cast<char>(draw >> (8 * i)));
    out.CommitCell(CellKind::kBlob);
  }

 private:
  bool hex_text_;
  uint64_t salt_;
};

}  // namespace

std::unique_ptr<CellMaker> MakeNullCells() {
  return std::make_unique<NullCells>();
}

std::unique_ptr<CellMaker> MakeFixedCells(std::string value, CellKind kind) {
  return std::make_unique<FixedCells>(std::move(value), kind);
}

std::unique_ptr<CellMaker> MakeKeyCells(const KeyValues& keys, size_t table, size_t column,
                                        bool may_be_null, uint64_t salt) {
  return std::make_unique<KeyCells>(keys, table, column, may_be_null, salt);
}

std::unique_ptr<CellMaker> MakeChoiceCells(std::vector<std::string> values, CellKind kind,
                                           uint64_t salt) {
  return std::make_unique<ChoiceCells>(std::move(values), kind, salt);
}

std::unique_ptr<CellMaker> MakeIntegerCells(int64_t low, int64_t high, uint64_t salt) {
  return std::make_unique<IntegerCells>(low, high, salt);
}

std::unique_ptr<CellMaker> MakeDecimalCells(double low, double high, int scale, CellKind kind,
                                            uint64_t salt) {
  return std::make_unique<DecimalCells>(low, high, scale, kind, salt);
}

std::unique_ptr<CellMaker> MakeDigitsCells(int width, uint64_t salt) {
  return std::make_unique<DigitsCells>(width, salt);
}

std::unique_ptr<CellMaker> MakeSentenceCells(size_t max_length, uint64_t salt) {
  return std::make_unique<SentenceCells>(max_length, salt);
}

std::unique_ptr<CellMaker> MakeFakeCells(const FakeKind& kind, std::string shape, uint64_t salt) {
  return std::make_unique<FakeCells>(kind, std::move(shape), salt);
}

std::unique_ptr<CellMaker> MakeUuidCells(uint64_t salt) {
  return std::make_unique<UuidCells>(salt);
}

std::unique_ptr<CellMaker> MakeBytesCells(bool hex_text, uint64_t salt) {
  return std::make_unique<BytesCells>(hex_text, salt);
}

}  // namespace veil
