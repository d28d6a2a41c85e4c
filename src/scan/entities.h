// ResolveEntities: turns the per-column classifications of a whole source into entities.
// An identifier column names the entity of the key it references (a foreign key), else
// the one its name suggests (`cine_referral_id` -> referral), else its table's; each
// table's dates shift with the entity keyed in the most tables among its own (the child,
// in the SSD), and each entity gets a pseudonym format that fits every column it keys
// (digits for integer columns, no longer than the shortest declared length).
#pragma once

#include <vector>

#include "core/table_schema.h"
#include "scan/classify.h"
#include "veil/scan.h"

namespace veil::scan {

// `classes[t][c]` is the classification of schemas[t].columns[c]. On return every
// report.tables[t] (which must hold one TableFinding per schema, columns empty) has its
// findings with entity names filled in, its keys and date entity, and report.entities
// lists every entity named.
void ResolveEntities(const std::vector<TableSchema>& schemas,
                     std::vector<std::vector<Classification>> classes, ScanReport& report);

}  // namespace veil::scan
