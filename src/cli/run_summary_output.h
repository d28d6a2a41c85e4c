// What `veil anonymise` and `veil generate` print on stdout once a copy is written: the
// target, every table's action and rows, the rules used, the key fingerprint and each
// privacy section's outcome. Names and figures only, never a value.
#pragma once

#include "veil/anonymise.h"

namespace veil {

void PrintRunSummary(const RunSummary& summary);

}  // namespace veil
