// ChooseCellMaker: what kind of value a constructed column holds, and the maker for it.
//
// In order: key and reference columns (key_values.h); a CHECK list or an enum type's
// labels; dates (date_cells.h); then the column's role as `veil scan` reads it from the
// name (scan/column_names.h): fakes for names, contacts, postcodes, UPNs, NHS and NI
// numbers; a DfE code list whose name the column's name holds (pers_ethnicity ->
// dfe.ethnicity, cine_referral_source_code -> dfe.referral_source); flags; neutral
// sentences for free text; then by type: numbers in a range the name and CHECKs
// suggest, UUIDs, JSON '{}', empty arrays, labels. Every value fits the column's type,
// length and understood CHECKs.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "generate/cell_maker.h"
#include "generate/check_limits.h"
#include "generate/key_values.h"
#include "transforms/code_lists.h"
#include "transforms/fakes/fake_kind.h"
#include "veil/status.h"

namespace veil {

struct ColumnSite {
  const RowPlan& plan;
  const KeyValues& keys;
  const FakeCatalog& fakes;
  const CodeLists& code_lists;
  size_t table = 0;
  size_t column = 0;
  const ColumnLimits* limits = nullptr;  // from the table's CHECKs; null when none
  int32_t as_of = 0;                     // days since 1970-01-01
};

// On success the maker (never null). A column whose type veil cannot construct gets NULL
// cells when it is nullable (and a line in `notes` naming it); when it is NOT NULL the
// result is an InputError naming the table, the column and its type.
Result<std::unique_ptr<CellMaker>> ChooseCellMaker(const ColumnSite& site,
                                                   std::vector<std::string>& notes);

// Whether the column holds a date of birth (so its table's rows are people born up to 18
// years before the as-of day).
bool IsBirthDateColumn(const ColumnSchema& column);

}  // namespace veil
