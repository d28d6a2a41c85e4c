// EncodedTable: one read of a table reduced to what the privacy search needs: a
// dictionary per quasi-identifier (and for the sensitive column, if any) and every
// distinct combination of their codes with the number of records holding it. Memory
// follows the distinct combinations, not the rows.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "io/source.h"
#include "privacy/value_dictionary.h"
#include "veil/status.h"

namespace veil {

struct EncodedTable {
  std::vector<std::string> columns;           // the quasi-identifiers, in policy order
  std::vector<ValueDictionary> dictionaries;  // one per quasi-identifier
  std::optional<ValueDictionary> sensitive;
  // Distinct combinations: columns.size() codes, then the sensitive code if any.
  std::vector<int32_t> tuples;
  std::vector<int64_t> counts;
  int64_t records = 0;

  size_t Width() const { return columns.size() + (sensitive ? 1 : 0); }
};

// Reads every row of `reader`. `columns` and `sensitive` are column names of its
// schema (checked by the caller).
Result<EncodedTable> EncodeTable(TableReader& reader, const std::vector<std::string>& columns,
                                 const std::string& sensitive);

}  // namespace veil
