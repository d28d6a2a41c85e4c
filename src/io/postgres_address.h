// DatabaseAddress: which database a libpq connection string names, read without
// connecting (the in-place guard must decide before a single statement is sent).
//
// Guarantees: the database name is the one the connection string states (dbname=, or the
// path of a postgresql:// URI); when it states none, PGDATABASE; when neither is set the
// address has no database and the caller must refuse (libpq would fall back to the user
// name, a guess the guard does not make). Hosts are the string's host= list (or URI
// hosts), else PGHOST's, else "localhost"; a hostaddr= alone names the host by its
// address. Errors never quote the string (it may hold a password).
#pragma once

#include <string>
#include <vector>

#include "veil/status.h"

namespace veil {

struct DatabaseAddress {
  std::string dbname;              // "" when the string and the environment name none
  std::vector<std::string> hosts;  // at least one
};

Result<DatabaseAddress> ParseDatabaseAddress(const std::string& conninfo);

}  // namespace veil
