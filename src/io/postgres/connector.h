// The PostgreSQL connector: a database named by a libpq URI ("postgresql://..." or
// "postgres://..."), as a source (io/postgres/source.h), a target (io/postgres/sink.h) or
// a database scrubbed where it stands (io/postgres/in_place.h). Locations are addresses,
// never files; they may hold a password, so the summary names a target as its sink
// describes it.
//
// OpenInPlace opens the in-place sink first (it is admitted by `admit` and locks the
// tables), then a source bound to the very server and database the sink was admitted to,
// so that the rows read are the rows replaced.
#pragma once

#include <memory>

#include "io/connector.h"

namespace veil {

std::shared_ptr<const Connector> PostgresConnector();

}  // namespace veil
