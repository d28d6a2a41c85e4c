// The leak check's view of a column under a `json` rule, read from the policy's paths
// (verify/column_role.h), never from the rule's code:
//   * on the original side, the values its identifying paths (pseudonymise, fake, null,
//     drop, mask...) reach are originals, as a plain column's cells would be;
//   * on the copy side, the values its generated paths hold are a rule's product,
//     searched as a produced cell is (every original as the whole value, strong ones
//     inside), and the rest of the document (member names, kept and redacted values) is
//     searched as kept text, token by token.
// A cell that is not JSON, or nests deeper than kMaxDocumentDepth, is searched whole as
// text. Pure functions; safe from any thread.
#pragma once

#include <cstddef>
#include <functional>
#include <string_view>
#include <vector>

#include "core/column.h"
#include "verify/column_role.h"

namespace veil {

inline constexpr size_t kMaxDocumentDepth = 512;

// True when some path of `role` produces the values it reaches (searched as produced).
bool ProducesValues(const ColumnRole& role);
// True when some path of `role` is identifying (its values are originals).
bool HasIdentifyingPaths(const ColumnRole& role);

// Calls add(value, pseudonymised) for each string, number and boolean an identifying
// path of `role` reaches in `document` (numbers and booleans as their JSON text). Calls
// nothing for a cell that is not a JSON document.
void AppendDocumentOriginals(std::string_view document, const ColumnRole& role,
                             const std::function<void(std::string_view, bool)>& add);

// For each value an identifying path of `role` reaches in `original`, calls
// add(value, replacement, path), where `replacement` is the value at the same place in
// `replaced` (the rule's output for that document; empty when it holds none there, as
// after a drop or null, or when `replaced` is not a document).
void PairDocumentOriginals(
    std::string_view original, std::string_view replaced, const ColumnRole& role,
    const std::function<void(std::string_view, std::string_view, const JsonPathRole&)>& add);

// A batch of a copy's documents split for the search: `produced` holds the values the
// generated paths reach, row_of[k] the batch row of produced cell k; `rest` one cell per
// row, the document with those values nulled (or the whole cell when it is not JSON).
struct SplitDocuments {
  Column produced;
  std::vector<size_t> row_of;
  Column rest;
};
void SplitForSearch(const Column& documents, const ColumnRole& role, SplitDocuments& out);

}  // namespace veil
