#include "generate/key_values.h"

#include <fmt/format.h>

#include <algorithm>

#include "generate/column_type.h"
#include "generate/counter_random.h"

namespace veil {
namespace {

constexpr int kMinKeyDigits = 6;        // keys look like ids, not like row numbers
constexpr int kMaxKeyDigits = 18;       // 10^18 fits in 64 bits (and in bigint)
constexpr int kMaxReferenceDepth = 32;  // keys that are references to keys that are ...

uint64_t PowerOfTen(int n) {
  uint64_t value = 1;
  for (int i = 0; i < n; ++i) value *= 10;
  return value;
}

int DigitsOf(int64_t n) {
  int digits = 1;
  for (; n >= 10; n /= 10) ++digits;
  return digits;
}

std::vector<int> PrimaryKeyColumns(const TableSchema& table) {
  std::vector<std::pair<int, int>> positioned;
  for (size_t c = 0; c < table.columns.size(); ++c) {
    if (table.columns[c].primary_key_position > 0) {
      positioned.emplace_back(table.columns[c].primary_key_position, static_cast<int>(c));
    }
  }
  std::sort(positioned.begin(), positioned.end());
  std::vector<int> out;
  for (const auto& [position, column] : positioned) out.push_back(column);
  return out;
}

}  // namespace

Result<KeyValues> KeyValues::Make(const RowPlan& plan) {
  KeyValues keys;
  keys.plan_ = &plan;
  VEIL_RETURN_IF_ERROR(keys.Prepare());
  return keys;
}

Status KeyValues::Prepare() {
  tables_.resize(plan_->size());
  for (size_t t = 0; t < plan_->size(); ++t) {
    const TableSchema& schema = *plan_->table(t).schema;
    tables_[t].forms.resize(schema.columns.size());
    tables_[t].references.resize(schema.columns.size());
  }
  // Mark key columns: primary keys, unique indexes, and whatever a foreign key references.
  std::vector<std::vector<bool>> is_key(plan_->size());
  for (size_t t = 0; t < plan_->size(); ++t) {
    const TableSchema& schema = *plan_->table(t).schema;
    is_key[t].assign(schema.columns.size(), false);
    for (const int c : PrimaryKeyColumns(schema)) is_key[t][static_cast<size_t>(c)] = true;
    for (const auto& index : schema.indexes) {
      if (!index.unique) continue;
      for (const auto& name : index.columns) {
        const int c = schema.ColumnIndex(name);
        if (c >= 0) is_key[t][static_cast<size_t>(c)] = true;
      }
    }
  }
  for (size_t t = 0; t < plan_->size(); ++t) {
    VEIL_RETURN_IF_ERROR(PrepareTable(t));
    for (const auto& slot : tables_[t].references) {
      if (slot.target >= 0) {
        is_key[static_cast<size_t>(slot.target)][static_cast<size_t>(slot.target_column)] = true;
      }
    }
  }
  for (size_t t = 0; t < plan_->size(); ++t) {
    for (size_t c = 0; c < is_key[t].size(); ++c) {
      if (!is_key[t][c]) continue;
      VEIL_ASSIGN_OR_RETURN(tables_[t].forms[c], FormFor(t, c));
    }
  }
  return Status::Ok();
}

// The reference slots of `table`'s columns, its key salts and whether it is a link table.
Status KeyValues::PrepareTable(size_t table) {
  const PlannedTable& planned = plan_->table(table);
  const TableSchema& schema = *planned.schema;
  TableKeys& keys = tables_[table];
  for (size_t k = 0; k < schema.foreign_keys.size(); ++k) {
    const auto& fk = schema.foreign_keys[k];
    keys.key_salts.push_back(SaltOf(planned.salt, fmt::format("foreign key {}", k)));
    const int target = plan_->Find(fk.referenced_table);
    if (target < 0) continue;
    const TableSchema& referenced = *plan_->table(static_cast<size_t>(target)).schema;
    const std::vector<int> target_key = PrimaryKeyColumns(referenced);
    for (size_t p = 0; p < fk.columns.size(); ++p) {
      const int column = schema.ColumnIndex(fk.columns[p]);
      int target_column = -1;
      if (p < fk.referenced_columns.size()) {
        target_column = referenced.ColumnIndex(fk.referenced_columns[p]);
      } else if (fk.referenced_columns.empty() && p < target_key.size()) {
        target_column = target_key[p];
      }
      if (column < 0 || target_column < 0) continue;
      keys.references[static_cast<size_t>(column)] = {static_cast<int>(k), static_cast<int>(p),
                                                      target, target_column};
      const bool not_null = schema.columns[static_cast<size_t>(column)].not_null;
      if (not_null && plan_->table(static_cast<size_t>(target)).count == 0 && planned.count > 0) {
        return Status::Error(
            ErrorCode::kInput,
            fmt::format(
                "table {} column {} must reference a row of {}, which gets no rows; give {} rows "
                "with --rows",
                schema.name, fk.columns[p], fk.referenced_table, fk.referenced_table));
      }
    }
  }
  const std::vector<int> primary = PrimaryKeyColumns(schema);
  keys.link_table = primary.size() >= 2 && planned.owner_key >= 0 &&
                    std::all_of(primary.begin(), primary.end(), [&](int c) {
                      return keys.references[static_cast<size_t>(c)].key >= 0;
                    });
  return Status::Ok();
}

Result<KeyValues::KeyForm> KeyValues::FormFor(size_t table, size_t column) const {
  const PlannedTable& planned = plan_->table(table);
  const ColumnSchema& schema = planned.schema->columns[column];
  const ColumnType type = ClassifyColumnType(schema.declared_type);
  KeyForm form;
  form.salt = SaltOf(planned.salt, "key " + schema.name);
  if (type.value_class == ValueClass::kUuid) {
    form.form = Form::kUuid;
    return form;
  }
  int cap = 0;
  if (type.value_class == ValueClass::kInteger) {
    form.form = Form::kInteger;
    cap = std::min(type.integer_digits, kMaxKeyDigits);
  } else if (type.value_class == ValueClass::kText) {
    form.form = Form::kDigits;
    cap =
        static_cast<int>(std::min<size_t>(type.max_length.value_or(kMaxKeyDigits), kMaxKeyDigits));
  } else {
    return Status::Error(
        ErrorCode::kInput,
        fmt::format(
            "table {} column {} is a key of type {}, and veil constructs keys only for integer, "
            "text and UUID columns",
            planned.schema->name, schema.name, schema.declared_type));
  }
  const int wanted = std::max(kMinKeyDigits, DigitsOf(planned.count) + 1);
  form.width = std::min(wanted, cap);
  form.modulus = PowerOfTen(form.width);
  // W-digit values start at 10^(W-1) (no leading zeros), when there is room for them.
  uint64_t floor = form.modulus / 10;
  if (static_cast<uint64_t>(planned.count) > form.modulus - floor) floor = 0;
  if (static_cast<uint64_t>(planned.count) > form.modulus || form.width <= 0) {
    return Status::Error(
        ErrorCode::kInput,
        fmt::format("table {} column {} ({}) cannot hold {} distinct keys; ask for fewer rows",
                    planned.schema->name, schema.name, schema.declared_type, planned.count));
  }
  // Consecutive values from a drawn start: unique, and in row order, so a database's
  // index takes them at its cheapest (appending, never splitting pages at random).
  const uint64_t room = form.modulus - floor - static_cast<uint64_t>(planned.count);
  form.offset = floor + (room == 0 ? 0 : DrawFor(form.salt, 0, 2) % room);
  return form;
}

bool KeyValues::IsKey(size_t table, size_t column) const {
  return tables_[table].forms[column].form != Form::kNone;
}

bool KeyValues::IsReference(size_t table, size_t column) const {
  return tables_[table].references[column].key >= 0;
}

int64_t KeyValues::ReferencedRow(size_t table, size_t key, int64_t row) const {
  const PlannedTable& planned = plan_->table(table);
  const int target = plan_->Find(planned.schema->foreign_keys[key].referenced_table);
  if (target < 0) return -1;
  const int64_t rows = plan_->table(static_cast<size_t>(target)).count;
  if (rows == 0) return -1;
  if (static_cast<int>(key) == planned.owner_key) return plan_->ParentRow(table, row);
  const uint64_t salt = tables_[table].key_salts[key];
  if (target == static_cast<int>(table)) {
    return row == 0
               ? 0
               : static_cast<int64_t>(UniformBelow(DrawFor(salt, row), static_cast<uint64_t>(row)));
  }
  const int64_t ancestor = plan_->AncestorRow(table, row, target);
  if (ancestor >= 0) return ancestor;
  if (tables_[table].link_table) {
    const int64_t parent = plan_->ParentRow(table, row);
    const auto nth = static_cast<uint64_t>(row - planned.starts[static_cast<size_t>(parent)]);
    return static_cast<int64_t>((DrawFor(salt, parent) + nth) % static_cast<uint64_t>(rows));
  }
  return static_cast<int64_t>(UniformBelow(DrawFor(salt, row), static_cast<uint64_t>(rows)));
}

CellKind KeyValues::AppendValue(size_t table, size_t column, int64_t row, std::string& out) const {
  return Append(table, column, row, 0, out);
}

CellKind KeyValues::Append(size_t table, size_t column, int64_t row, int depth,
                           std::string& out) const {
  const ReferenceSlot& slot = tables_[table].references[column];
  if (slot.key >= 0 && depth < kMaxReferenceDepth) {
    const int64_t target_row = ReferencedRow(table, static_cast<size_t>(slot.key), row);
    if (target_row < 0) return CellKind::kNull;
    return Append(static_cast<size_t>(slot.target), static_cast<size_t>(slot.target_column),
                  target_row, depth + 1, out);
  }
  return AppendOwn(tables_[table].forms[column], row, out);
}

CellKind KeyValues::AppendOwn(const KeyForm& form, int64_t row, std::string& out) const {
  const auto r = static_cast<uint64_t>(row);
  switch (form.form) {
    case Form::kInteger:
      fmt::format_to(std::back_inserter(out), "{}", form.offset + r + 1);
      return CellKind::kInteger;
    case Form::kDigits:
      fmt::format_to(std::back_inserter(out), "{:0{}}", form.offset + r, form.width);
      return CellKind::kText;
    case Form::kUuid: {
      const uint64_t high = DrawFor(form.salt, row);
      const uint64_t low = MixBits(r ^ form.salt);  // a bijection of the row: unique
      fmt::format_to(std::back_inserter(out), "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}", high >> 32,
                     (high >> 16) & 0xffff, high & 0xfff, low >> 48, low & 0xffffffffffffULL);
      return CellKind::kText;
    }
    case Form::kNone:
      break;
  }
  return CellKind::kNull;
}

}  // namespace veil
