#include "io/postgres/target.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <optional>
#include <utility>

#include "io/postgres/errors.h"
#include "io/postgres/quote.h"

namespace veil::postgres {

std::string QuotedList(const std::vector<std::string>& names) {
  std::string list;
  for (const auto& name : names) list += (list.empty() ? "" : ", ") + QuoteIdentifier(name);
  return "(" + list + ")";
}

ResultPtr DrainResults(PGconn* conn) {
  ResultPtr failed;
  while (ResultPtr result{PQgetResult(conn)}) {
    const ExecStatusType status = PQresultStatus(result.get());
    if (!failed && status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
      failed = std::move(result);
    }
  }
  return failed;
}

// ---- Session ----

Session::Session(ConnPtr conn) : Session(std::move(conn), std::string()) {}

Session::Session(ConnPtr conn, std::string label)
    : conn_(std::move(conn)), label_(label.empty() ? PgConnectionLabel(conn_.get()) : label) {
  // Notices (e.g. "table does not exist, skipping") are not wanted on stderr.
  PQsetNoticeProcessor(
      conn_.get(), [](void*, const char*) {}, nullptr);
}

Status Session::Error(const PGresult* result, const std::string& what) const {
  return PgServerError(conn_.get(), result, fmt::format("{}: {}", label_, what));
}

Status Session::Exec(const std::string& sql, const std::string& what) const {
  if (!conn_) return IoError(fmt::format("{}: {}: not connected", label_, what));
  const ResultPtr result(PQexec(conn_.get(), sql.c_str()));
  const ExecStatusType status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) return Error(result.get(), what);
  return Status::Ok();
}

Result<std::vector<Row>> Session::Query(const std::string& sql,
                                        const std::vector<std::string>& params,
                                        const std::string& what) const {
  std::string state;
  return Run(sql, params, what, state);
}

Result<std::vector<Row>> Session::Run(const std::string& sql,
                                      const std::vector<std::string>& params,
                                      const std::string& what, std::string& state) const {
  if (!conn_) return IoError(fmt::format("{}: {}: not connected", label_, what));
  std::vector<const char*> values;
  for (const auto& param : params) values.push_back(param.c_str());
  ResultPtr result(PQexecParams(conn_.get(), sql.c_str(), static_cast<int>(values.size()), nullptr,
                                values.data(), nullptr, nullptr, 0));
  const ExecStatusType status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    state = PgErrorField(result.get(), PG_DIAG_SQLSTATE);
    return Error(result.get(), what);
  }
  std::vector<Row> rows(static_cast<size_t>(PQntuples(result.get())));
  for (size_t r = 0; r < rows.size(); ++r) {
    for (int c = 0; c < PQnfields(result.get()); ++c) {
      rows[r].emplace_back(PQgetvalue(result.get(), static_cast<int>(r), c));
    }
  }
  return rows;
}

Result<std::optional<std::vector<Row>>> Session::TryQuery(const std::string& sql,
                                                          const std::vector<std::string>& params,
                                                          const std::string& what) const {
  VEIL_RETURN_IF_ERROR(Exec("SAVEPOINT veil_try", what));
  std::string state;
  Result<std::vector<Row>> rows = Run(sql, params, what, state);
  if (rows.ok()) {
    VEIL_RETURN_IF_ERROR(Exec("RELEASE SAVEPOINT veil_try", what));
    return std::optional<std::vector<Row>>(std::move(rows).value());
  }
  if (state.rfind("42", 0) != 0) return rows.status();
  VEIL_RETURN_IF_ERROR(Exec("ROLLBACK TO SAVEPOINT veil_try; RELEASE SAVEPOINT veil_try", what));
  return std::optional<std::vector<Row>>();
}

// ---- Connecting ----

Result<ConnectOptions> ParseConninfo(const std::string& conninfo) {
  char* error = nullptr;
  PQconninfoOption* parsed = PQconninfoParse(conninfo.c_str(), &error);
  PQfreemem(error);  // it may quote part of the string, which may be a password
  if (!parsed) return InvalidArgument("the PostgreSQL connection string is malformed");
  ConnectOptions options;
  for (const PQconninfoOption* option = parsed; option->keyword; ++option) {
    if (!option->val || !*option->val || std::strcmp(option->keyword, "client_encoding") == 0) {
      continue;
    }
    options.keys.emplace_back(option->keyword);
    options.values.emplace_back(option->val);
  }
  PQconninfoFree(parsed);
  return options;
}

ConnPtr Connect(const ConnectOptions& options, const char* dbname) {
  std::vector<const char*> keys;
  std::vector<const char*> values;
  for (size_t i = 0; i < options.keys.size(); ++i) {
    if (dbname && options.keys[i] == "dbname") continue;
    keys.push_back(options.keys[i].c_str());
    values.push_back(options.values[i].c_str());
  }
  if (dbname) {
    keys.push_back("dbname");
    values.push_back(dbname);
  }
  keys.insert(keys.end(), {"client_encoding", "fallback_application_name", nullptr});
  values.insert(values.end(), {"UTF8", "veil", nullptr});
  return ConnPtr(PQconnectdbParams(keys.data(), values.data(), 0));
}

bool Connected(const ConnPtr& conn) {
  return conn && PQstatus(conn.get()) == CONNECTION_OK;
}

Status ConnectError(const ConnPtr& conn) {
  if (!conn) return IoError("could not connect to PostgreSQL: out of memory");
  return IoError(fmt::format("{}: could not connect: {}", PgConnectionLabel(conn.get()),
                             PgOneLine(PQerrorMessage(conn.get()))));
}

// ---- Target ----

Status Target::Finish(const std::function<Status()>& finish) {
  VEIL_RETURN_IF_ERROR(Complete(finish));
  return CommitCompleted();
}

Status Target::Complete(const std::function<Status()>& finish) {
  if (!open || completed) {
    return InternalError(fmt::format("{}: finished twice or after a failure", session.label()));
  }
  Status status =
      copying.empty()
          ? finish()
          : InternalError(fmt::format("{}: table {} was not finished", session.label(), copying));
  // COMMIT of a transaction that failed earlier rolls back without an error.
  if (status.ok() && PQtransactionStatus(session.get()) != PQTRANS_INTRANS) {
    status = IoError(
        fmt::format("{}: a statement failed earlier; nothing was committed", session.label()));
  }
  if (!status.ok()) {
    Abandon();
    return status;
  }
  completed = true;
  return Status::Ok();
}

Status Target::CommitCompleted() {
  if (!open || !completed) {
    return InternalError(fmt::format("{}: committed before it was complete", session.label()));
  }
  Status status = PQtransactionStatus(session.get()) == PQTRANS_INTRANS
                      ? session.Exec("COMMIT", "committing")
                      : IoError(fmt::format("{}: a statement failed after the load; nothing "
                                            "was committed",
                                            session.label()));
  if (!status.ok()) {
    Abandon();
    return status;
  }
  open = false;
  session.Close();
  return Status::Ok();
}

void Target::Abandon() {
  if (!open) return;
  open = false;
  PGconn* conn = session.get();
  if (conn && PQtransactionStatus(conn) == PQTRANS_ACTIVE) {  // in a COPY
    PQputCopyEnd(conn, "abandoned");
    DrainResults(conn);
  }
  (void)session.Exec("ROLLBACK", "rolling back");
  session.Close();
  copying.clear();
}

TableName SplitTableName(const std::string& name) {
  const size_t dot = name.find('.');
  if (dot == std::string::npos) return {"public", name};
  return {name.substr(0, dot), name.substr(dot + 1)};
}

}  // namespace veil::postgres
