// Internals of the PostgreSQL sink (io/postgres/sink.h): connecting with the options of
// a connection string (so a staged database can be reached on the same server), table
// names, and the target connection shared by the sink and its table writers.
//
// Every error message starts with the connection's label and follows the error contract
// of io/postgres/errors.h. Not thread-safe.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "io/postgres/connection.h"
#include "io/postgres/quote.h"
#include "veil/status.h"

namespace veil::postgres {

// The options of a connection string, so that the same server can be reached under
// another database name. Never shown: they may hold a password.
struct ConnectOptions {
  std::vector<std::string> keys;
  std::vector<std::string> values;
};

// Fails without quoting the string, which may hold a password.
Result<ConnectOptions> ParseConninfo(const std::string& conninfo);

// Connects (client encoding UTF8) to the options' database, or to `dbname` when given.
// The connection may have failed: check Connected(); it is null only if memory ran out.
ConnPtr Connect(const ConnectOptions& options, const char* dbname);
bool Connected(const ConnPtr& conn);
Status ConnectError(const ConnPtr& conn);

// A table's schema and name, e.g. from "social.posts" or "posts" (schema public).
struct TableName {
  std::string schema;
  std::string table;
  std::string Sql() const { return QuoteIdentifier(schema) + "." + QuoteIdentifier(table); }
  bool operator==(const TableName&) const = default;
};
TableName SplitTableName(const std::string& name);

// The target connection, shared by a sink and its writers: one transaction that is
// either committed whole or rolled back.
struct Target {
  explicit Target(ConnPtr conn) : session(std::move(conn)) {}
  Target(ConnPtr conn, std::string label) : session(std::move(conn), std::move(label)) {}

  // Runs `finish` (the statements that complete the work) if the target is open and no
  // COPY is in progress, then commits; on any failure rolls back instead. Either way
  // the target is closed afterwards.
  Status Finish(const std::function<Status()>& finish);
  // Finish() in two steps. Complete() runs `finish` as Finish() does but leaves the
  // transaction open (uncommitted, still on the connection); on failure it rolls back
  // and closes. Then CommitCompleted() commits and closes (on failure: rolls back).
  Status Complete(const std::function<Status()>& finish);
  Status CommitCompleted();
  // Ends a COPY in progress, rolls back and closes. Writers fail from now on.
  void Abandon();

  Connection session;
  bool open = true;        // false once committed or abandoned
  bool completed = false;  // Complete() succeeded: nothing more may be written
  std::string copying;     // the table whose COPY is in progress, "" if none
};

}  // namespace veil::postgres
