// OpenSubset: a Source that holds only the rows `--subset` asks for and their closure
// under foreign keys (subset/row_closure.h), over any other Source.
//
// Every --subset option is read, each named table and column checked, each SQL condition
// run (on the source's own snapshot, through Source::OpenWhere) and the closure computed
// before OpenSubset returns: a malformed option, an unknown table or column or a
// condition the database refuses is an error naming the option, and nothing has been
// written. Sources that do not evaluate SQL (CSV) take the simple conditions of
// subset/simple_condition.h. Samples (N%, N rows) are drawn with the secret: the same
// secret draws the same rows.
//
// The returned Source reads each table with the inner source's Open() and yields only
// the rows in the subset, in the inner order (so a second subset of the same data pairs
// row for row with the first); related tables outside it are empty, unrelated ones empty
// or, with keep_unrelated, whole. TableNames, Schema, Views and Describe are the inner
// source's. It holds the identities of the rows in (16 bytes each) and, on SQL sources,
// their primary keys' text (to read them back), never another cell.
// Owns the inner source; not thread-safe; readers may outlive it.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/secret.h"
#include "io/source.h"
#include "policy/policy.h"
#include "veil/status.h"
#include "veil/subset.h"

namespace veil {

struct SubsetRequest {
  std::vector<std::string> options;  // the --subset texts, in command-line order
  bool keep_unrelated = false;
};

// On success the subset source, with `summary` filled (per table, and a warning for
// each option that chose no rows); on failure an error naming the option or the read
// that failed. `policy` supplies the entities whose columns imply foreign keys.
Result<std::unique_ptr<Source>> OpenSubset(std::unique_ptr<Source> source,
                                           const SubsetRequest& request, const Policy& policy,
                                           const Secret& secret, SubsetSummary& summary);

}  // namespace veil
