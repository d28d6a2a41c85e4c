// The user types a table's columns need, for the PostgreSQL source's catalog reading
// (io/postgres/catalog.h). Read-only: one SELECT on the connection given.
#pragma once

#include <string>
#include <string_view>

#include "core/table_schema.h"
#include "io/postgres/connection.h"
#include "veil/status.h"

namespace veil::postgres {

// Appends to schema.types the enum, domain, composite and range types the columns of the
// table with the given oid need, directly or through arrays, domains, composite
// attributes and (multi)ranges, dependencies first, each with its CREATE statement and
// the columns needing it. Types of extensions and range types with a canonical function
// are left out. `what` names the reading in errors.
Status ReadTypes(const Connection& conn, const std::string& oid, std::string_view what,
                 TableSchema& schema);

}  // namespace veil::postgres
