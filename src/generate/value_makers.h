// The cell makers of constructed columns, one factory per kind of value. Every maker
// stays within what it is given (a range, a length, a list) and draws from the row's
// random word under its own salt; none reads anything but its arguments.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "generate/cell_maker.h"
#include "generate/key_values.h"
#include "transforms/fakes/fake_kind.h"

namespace veil {

std::unique_ptr<CellMaker> MakeNullCells();
// The same value in every row.
std::unique_ptr<CellMaker> MakeFixedCells(std::string value, CellKind kind);
// Key and reference columns (key_values.h). `may_be_null`: a nullable reference, NULL in
// about one row in ten.
std::unique_ptr<CellMaker> MakeKeyCells(const KeyValues& keys, size_t table, size_t column,
                                        bool may_be_null, uint64_t salt);
// One of `values` (not empty), uniformly.
std::unique_ptr<CellMaker> MakeChoiceCells(std::vector<std::string> values, CellKind kind,
                                           uint64_t salt);
// An integer in [low, high].
std::unique_ptr<CellMaker> MakeIntegerCells(int64_t low, int64_t high, uint64_t salt);
// A decimal in [low, high] with `scale` digits after the point (kind kReal or kText).
std::unique_ptr<CellMaker> MakeDecimalCells(double low, double high, int scale, CellKind kind,
                                            uint64_t salt);
// `width` random decimal digits, as text (an identifier that is not a key).
std::unique_ptr<CellMaker> MakeDigitsCells(int width, uint64_t salt);
// A sentence of plain, neutral words (no names, no places), at most `max_length` bytes.
std::unique_ptr<CellMaker> MakeSentenceCells(size_t max_length, uint64_t salt);
// A fake of `kind` (transforms/fakes), shaped like `shape` where the kind keeps a shape.
std::unique_ptr<CellMaker> MakeFakeCells(const FakeKind& kind, std::string shape, uint64_t salt);
std::unique_ptr<CellMaker> MakeUuidCells(uint64_t salt);
// Eight random bytes: as PostgreSQL bytea hex text ("\x0a1b...") or as a SQLite blob.
std::unique_ptr<CellMaker> MakeBytesCells(bool hex_text, uint64_t salt);

}  // namespace veil
