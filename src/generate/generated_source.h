// GeneratedSource: a Source whose tables are a schema's tables and whose rows are
// constructed (row_plan.h, key_values.h, row_dates.h, column_roles.h), never read. Each
// row is a pure function of the schema, the options and its number, so tables may be
// opened in any order and more than once, and give the same rows every time.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/table_schema.h"
#include "core/view_schema.h"
#include "generate/generation_options.h"
#include "io/source.h"
#include "transforms/code_lists.h"
#include "transforms/fakes/fake_kind.h"
#include "veil/status.h"

namespace veil {

// On success, a Source over `tables` (and `views`, passed through) describing itself as
// "constructed rows for the schema of DESCRIPTION". `notes` gets what the user should
// know of the construction (columns left NULL, CHECKs not understood, cycles broken).
// Errors: those of RowPlan::Make, KeyValues::Make and ChooseCellMaker, and an as-of day
// that is not "YYYY-MM-DD" (InvalidArgument). The catalogs are shared with the source.
Result<std::unique_ptr<Source>> MakeGeneratedSource(
    std::vector<TableSchema> tables, std::vector<ViewSchema> views, std::string description,
    const GenerationOptions& options, std::shared_ptr<const FakeCatalog> fakes,
    std::shared_ptr<const CodeLists> code_lists, std::vector<std::string>& notes);

}  // namespace veil
