// COPY's text format, read: the decoder the PostgreSQL source feeds each row of a
// COPY ... TO STDOUT through.
//
// AppendCopyTextRow decodes one row exactly (every escape the server writes or reads),
// never putting a cell's bytes in an error message. Pure, thread-safe.
#pragma once

#include <string_view>
#include <vector>

#include "core/column.h"
#include "veil/status.h"

namespace veil::postgres {

// Decodes `row`, one row of COPY's text format (fields separated by tabs, \N for NULL,
// backslash escapes \b \f \n \r \t \v \\, \ooo octal, \xhh hex and \c for any other
// character c; the final newline is optional), and appends its i-th field to
// columns[i] with kind kinds[i] (NULL as NULL). `kinds` and `columns` have the same size.
// Fails with an InputError naming no value when the field count differs or a field ends
// in a lone backslash; columns may then hold a partial row.
Status AppendCopyTextRow(std::string_view row, const std::vector<CellKind>& kinds,
                         std::vector<Column>& columns);

}  // namespace veil::postgres
