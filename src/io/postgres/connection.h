// PostgresConnection: an owning wrapper for a libpq connection, and COPY's text format.
//
// Guarantees:
// - The connection is closed exactly once (when destroyed); results are cleared by
//   PgResultPtr. Movable, not copyable, not thread-safe.
// - Open() accepts what libpq accepts (URIs, key=value strings); PG* environment
//   variables and ~/.pgpass apply as libpq applies them. The connection's
//   application_name is "veil" unless the string or PGAPPNAME names another.
// - Error messages read "postgresql://user@host:port/db: WHAT: REASON" and follow the
//   error contract of io/postgres/errors.h. A malformed connection string is reported
//   without libpq's parse message, which may quote part of it.
// - AppendCopyTextRow decodes one row of COPY's text format exactly (every escape the
//   server writes or reads), without ever putting a cell's bytes in an error message.
#pragma once

#include <libpq-fe.h>

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/column.h"
#include "veil/status.h"

namespace veil::postgres {

struct PgResultDeleter {
  void operator()(PGresult* result) const { PQclear(result); }
};
using PgResultPtr = std::unique_ptr<PGresult, PgResultDeleter>;

// The text of a result cell ("" for NULL) and whether it is NULL.
inline std::string_view PgText(const PGresult* result, int row, int column) {
  return std::string_view(PQgetvalue(result, row, column),
                          static_cast<size_t>(PQgetlength(result, row, column)));
}
inline bool PgIsNull(const PGresult* result, int row, int column) {
  return PQgetisnull(result, row, column) != 0;
}

class PostgresConnection {
 public:
  static Result<PostgresConnection> Open(const std::string& conninfo);

  PostgresConnection() = default;
  PostgresConnection(PostgresConnection&& other) noexcept = default;
  PostgresConnection& operator=(PostgresConnection&& other) noexcept = default;
  PostgresConnection(const PostgresConnection&) = delete;
  PostgresConnection& operator=(const PostgresConnection&) = delete;
  ~PostgresConnection() = default;

  PGconn* get() const { return conn_.get(); }
  // "postgresql://user@host:port/db", never a password.
  const std::string& Describe() const { return label_; }

  // Runs one or more statements that bind nothing and return no rows of interest.
  // `what` names the operation in error messages; the SQL is not repeated there.
  Status Execute(const std::string& sql, std::string_view what) const;
  // Runs one statement with `params` bound as text to $1, $2...; rows come back as text.
  Result<PgResultPtr> Query(const std::string& sql, const std::vector<std::string>& params,
                            std::string_view what) const;

  // Runs `copy_sql` (a COPY ... TO STDOUT) and passes each row's bytes, final newline
  // included, to `on_row`. If `on_row` fails, the COPY is cancelled (which aborts the
  // connection's transaction, if any) and its error returned.
  Status CopyOut(const std::string& copy_sql,
                 const std::function<Status(std::string_view row)>& on_row, std::string_view what);

  // The same, pulled one row at a time: BeginCopyOut(), then NextCopyRow() until it
  // returns false. `row` stays valid until the next call. Until the COPY has ended no
  // other command may run on this connection; destroy the connection to abandon it.
  Status BeginCopyOut(const std::string& copy_sql, std::string_view what);
  Result<bool> NextCopyRow(std::string_view& row);
  bool copying() const { return copying_; }

 private:
  struct ConnCloser {
    void operator()(PGconn* conn) const { PQfinish(conn); }
  };
  struct CopyBufferFreer {
    void operator()(char* buffer) const { PQfreemem(buffer); }
  };

  // The error `result` reports (the connection's if null), as "LABEL: WHAT: REASON".
  Status Error(const PGresult* result, std::string_view what) const;
  // Ends a COPY early: cancels it and reads what remains.
  void CancelCopy();

  std::unique_ptr<PGconn, ConnCloser> conn_;
  std::unique_ptr<char, CopyBufferFreer> copy_row_;
  std::string label_;
  std::string copy_what_;
  bool copying_ = false;
};

// Decodes `row`, one row of COPY's text format (fields separated by tabs, \N for NULL,
// backslash escapes \b \f \n \r \t \v \\, \ooo octal, \xhh hex and \c for any other
// character c; the final newline is optional), and appends its i-th field to
// columns[i] with kind kinds[i] (NULL as NULL). `kinds` and `columns` have the same size.
// Fails with an InputError naming no value when the field count differs or a field ends
// in a lone backslash; columns may then hold a partial row.
Status AppendCopyTextRow(std::string_view row, const std::vector<CellKind>& kinds,
                         std::vector<Column>& columns);

}  // namespace veil::postgres
