// Internals of the PostgreSQL sink (io/postgres/sink.h): a libpq connection whose errors
// never quote a value, connecting with the options of a connection string, and the
// target connection shared by the sink and its table writers.
//
// Every error message starts with the connection's label and follows the error contract
// of io/postgres/errors.h. Not thread-safe.
#pragma once

#include <libpq-fe.h>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "io/postgres/quote.h"
#include "veil/status.h"

namespace veil::postgres {

struct ConnCloser {
  void operator()(PGconn* conn) const { PQfinish(conn); }
};
struct ResultClearer {
  void operator()(PGresult* result) const { PQclear(result); }
};
using ConnPtr = std::unique_ptr<PGconn, ConnCloser>;
using ResultPtr = std::unique_ptr<PGresult, ResultClearer>;
using Row = std::vector<std::string>;

// ("a", "b")
std::string QuotedList(const std::vector<std::string>& names);

// Reads every result of the current command; returns the first one that failed, if any.
ResultPtr DrainResults(PGconn* conn);

// A connection to one database.
class Session {
 public:
  explicit Session(ConnPtr conn);
  // Names itself `label` in errors (e.g. the database a staged one becomes).
  Session(ConnPtr conn, std::string label);
  PGconn* get() const { return conn_.get(); }
  const std::string& label() const { return label_; }
  void Close() { conn_.reset(); }

  // The error `result` reports (or the connection's, if null), as "LABEL: WHAT: ...".
  Status Error(const PGresult* result, const std::string& what) const;
  // Runs one or more statements.
  Status Exec(const std::string& sql, const std::string& what) const;
  // The rows of one statement with `params` bound as text ($1, $2...); NULL reads as "".
  Result<std::vector<Row>> Query(const std::string& sql, const std::vector<std::string>& params,
                                 const std::string& what) const;
  // Query() inside a savepoint (so in a transaction): nullopt, with no effect, when the
  // server rejects the statement with an error of class 42 (syntax error or access rule
  // violation: a missing column, type, function or matching key...); other errors fail.
  Result<std::optional<std::vector<Row>>> TryQuery(const std::string& sql,
                                                   const std::vector<std::string>& params,
                                                   const std::string& what) const;

 private:
  // Query(), also setting `state` to the SQLSTATE of an error.
  Result<std::vector<Row>> Run(const std::string& sql, const std::vector<std::string>& params,
                               const std::string& what, std::string& state) const;

  ConnPtr conn_;
  std::string label_;
};

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

  Session session;
  bool open = true;        // false once committed or abandoned
  bool completed = false;  // Complete() succeeded: nothing more may be written
  std::string copying;     // the table whose COPY is in progress, "" if none
};

}  // namespace veil::postgres
