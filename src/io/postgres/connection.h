// Connection: the PostgreSQL wing's one session layer, an owning wrapper for a libpq
// connection that the source, the sink and the in-place scrub all speak through.
//
// Guarantees:
// - The connection is closed exactly once (Close() or the destructor); results are
//   cleared by ResultPtr. Movable, not copyable, not thread-safe.
// - Open() accepts what libpq accepts (URIs, key=value strings); PG* environment
//   variables, service files and ~/.pgpass apply as libpq applies them. The
//   connection's application_name is "veil" unless the string or PGAPPNAME names another.
// - Server notices are dropped, never printed: a notice may quote a value.
// - Error messages read "LABEL: WHAT: REASON", LABEL being "postgresql://user@host:port/db"
//   (never a password) unless the connection was given another, and follow the error
//   contract of io/postgres/errors.h. A malformed connection string is reported without
//   libpq's parse message, which may quote part of it.
#pragma once

#include <libpq-fe.h>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

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
// A result row as text, NULL read as "".
using Row = std::vector<std::string>;

// The text of a result cell ("" for NULL) and whether it is NULL.
inline std::string_view PgText(const PGresult* result, int row, int column) {
  return std::string_view(PQgetvalue(result, row, column),
                          static_cast<size_t>(PQgetlength(result, row, column)));
}
inline bool PgIsNull(const PGresult* result, int row, int column) {
  return PQgetisnull(result, row, column) != 0;
}

// Reads every result of the current command; returns the first one that failed, if any.
ResultPtr DrainResults(PGconn* conn);

class Connection {
 public:
  // Connects with `conninfo`. On failure an IoError naming the server (never the
  // password), or InvalidArgument for a string libpq cannot parse.
  static Result<Connection> Open(const std::string& conninfo);

  Connection() = default;
  // Adopts `conn`, already connected; names itself `label` in errors, or, if `label` is
  // empty, by the server and database it reached (a staged database is named after the
  // target it becomes).
  explicit Connection(ConnPtr conn, std::string label = "");
  Connection(Connection&& other) noexcept = default;
  Connection& operator=(Connection&& other) noexcept = default;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection() = default;

  PGconn* get() const { return conn_.get(); }
  // "postgresql://user@host:port/db", never a password, or the label it was given.
  const std::string& label() const { return label_; }
  // Closes the connection; every later call fails "not connected".
  void Close();

  // The error `result` reports (the connection's if null), as "LABEL: WHAT: REASON".
  Status Error(const PGresult* result, std::string_view what) const;

  // Runs one or more statements that bind nothing and return no rows of interest.
  // `what` names the operation in error messages; the SQL is not repeated there.
  Status Execute(const std::string& sql, std::string_view what) const;
  // Runs one statement with `params` bound as text to $1, $2...; the caller owns the
  // result.
  Result<ResultPtr> Query(const std::string& sql, const std::vector<std::string>& params,
                          std::string_view what) const;
  // The same, its rows copied out as text.
  Result<std::vector<Row>> Rows(const std::string& sql, const std::vector<std::string>& params,
                                std::string_view what) const;
  // Rows() inside a savepoint (so in a transaction): nullopt, with no effect, when the
  // server rejects the statement with an error of class 42 (syntax error or access rule
  // violation: a missing column, type, function or matching key...); other errors fail.
  Result<std::optional<std::vector<Row>>> TryRows(const std::string& sql,
                                                  const std::vector<std::string>& params,
                                                  std::string_view what) const;

  // Runs `copy_sql` (a COPY ... TO STDOUT) and passes each row's bytes, final newline
  // included, to `on_row`. If `on_row` fails, the COPY is cancelled (which aborts the
  // connection's transaction, if any) and its error returned.
  Status TEST_CopyOut(const std::string& copy_sql,
                      const std::function<Status(std::string_view row)>& on_row,
                      std::string_view what);

  // The same, pulled one row at a time: BeginCopyOut(), then NextCopyRow() until it
  // returns false. `row` stays valid until the next call. Until the COPY has ended no
  // other command may run on this connection; destroy the connection to abandon it.
  Status BeginCopyOut(const std::string& copy_sql, std::string_view what);
  Result<bool> NextCopyRow(std::string_view& row);
  bool copying() const { return copying_; }

 private:
  struct CopyBufferFreer {
    void operator()(char* buffer) const { PQfreemem(buffer); }
  };

  // Query() with `state` set to the SQLSTATE of an error.
  Result<ResultPtr> Run(const std::string& sql, const std::vector<std::string>& params,
                        std::string_view what, std::string& state) const;
  // "LABEL: WHAT: not connected", when there is no connection.
  Status NotConnected(std::string_view what) const;
  // Ends a COPY early: cancels it and reads what remains.
  void CancelCopy();

  ConnPtr conn_;
  std::unique_ptr<char, CopyBufferFreer> copy_row_;
  std::string label_;
  std::string copy_what_;
  bool copying_ = false;
};

}  // namespace veil::postgres
