// How `veil anonymise` prints what --subset kept: one line per table with its rows in the
// subset, of the source's, and how it got there. Counts and table names only.
#pragma once

#include "veil/subset.h"

namespace veil {

// Prints `subset` on stdout; nothing when no --subset was given.
void PrintSubsetSummary(const SubsetSummary& subset);

}  // namespace veil
