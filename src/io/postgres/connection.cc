#include "io/postgres/connection.h"

#include <fmt/format.h>

#include <utility>

#include "io/postgres/errors.h"

namespace veil::postgres {

namespace {

void DropNotice(void* /*unused*/, const char* /*message*/) {}

}  // namespace

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

Result<Connection> Connection::Open(const std::string& conninfo) {
  // libpq's parse errors quote the malformed part, which may be a password: parse first
  // and report failures in our own words.
  char* parse_error = nullptr;
  PQconninfoOption* options = PQconninfoParse(conninfo.c_str(), &parse_error);
  PQfreemem(parse_error);
  if (options == nullptr) {
    return InvalidArgument("the PostgreSQL connection string is malformed (libpq cannot parse it)");
  }
  PQconninfoFree(options);

  // The string expands in place of dbname; veil names itself unless the string does.
  const char* keys[] = {"dbname", "fallback_application_name", nullptr};
  const char* values[] = {conninfo.c_str(), "veil", nullptr};
  ConnPtr conn(PQconnectdbParams(keys, values, /*expand_dbname=*/1));
  if (!conn) return IoError("could not connect to PostgreSQL: out of memory");
  if (PQstatus(conn.get()) != CONNECTION_OK) {
    return IoError(fmt::format("{}: could not connect: {}", PgConnectionLabel(conn.get()),
                               PgOneLine(PQerrorMessage(conn.get()))));
  }
  return Connection(std::move(conn));
}

Connection::Connection(ConnPtr conn, std::string label)
    : conn_(std::move(conn)),
      label_(label.empty() ? PgConnectionLabel(conn_.get()) : std::move(label)) {
  if (conn_) PQsetNoticeProcessor(conn_.get(), DropNotice, nullptr);
}

void Connection::Close() {
  copy_row_.reset();
  copying_ = false;
  conn_.reset();
}

Status Connection::Error(const PGresult* result, std::string_view what) const {
  return PgServerError(get(), result, fmt::format("{}: {}", label_, what));
}

Status Connection::NotConnected(std::string_view what) const {
  return IoError(fmt::format("{}: {}: not connected", label_, what));
}

Status Connection::Execute(const std::string& sql, std::string_view what) const {
  if (!conn_) return NotConnected(what);
  const ResultPtr result(PQexec(get(), sql.c_str()));
  const ExecStatusType status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) return Error(result.get(), what);
  return Status::Ok();
}

Result<ResultPtr> Connection::Query(const std::string& sql, const std::vector<std::string>& params,
                                    std::string_view what) const {
  std::string state;
  return Run(sql, params, what, state);
}

Result<ResultPtr> Connection::Run(const std::string& sql, const std::vector<std::string>& params,
                                  std::string_view what, std::string& state) const {
  if (!conn_) return NotConnected(what);
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const auto& param : params) values.push_back(param.c_str());
  ResultPtr result(PQexecParams(get(), sql.c_str(), static_cast<int>(values.size()), nullptr,
                                values.data(), nullptr, nullptr, 0));
  const ExecStatusType status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
    state = PgErrorField(result.get(), PG_DIAG_SQLSTATE);
    return Error(result.get(), what);
  }
  return result;
}

namespace {

std::vector<Row> RowsOf(const PGresult* result) {
  std::vector<Row> rows(static_cast<size_t>(PQntuples(result)));
  for (size_t r = 0; r < rows.size(); ++r) {
    for (int c = 0; c < PQnfields(result); ++c) {
      rows[r].emplace_back(PgText(result, static_cast<int>(r), c));
    }
  }
  return rows;
}

}  // namespace

Result<std::vector<Row>> Connection::Rows(const std::string& sql,
                                          const std::vector<std::string>& params,
                                          std::string_view what) const {
  VEIL_ASSIGN_OR_RETURN(const ResultPtr result, Query(sql, params, what));
  return RowsOf(result.get());
}

Result<std::optional<std::vector<Row>>> Connection::TryRows(const std::string& sql,
                                                            const std::vector<std::string>& params,
                                                            std::string_view what) const {
  VEIL_RETURN_IF_ERROR(Execute("SAVEPOINT veil_try", what));
  std::string state;
  Result<ResultPtr> result = Run(sql, params, what, state);
  if (result.ok()) {
    VEIL_RETURN_IF_ERROR(Execute("RELEASE SAVEPOINT veil_try", what));
    return std::optional<std::vector<Row>>(RowsOf(result->get()));
  }
  if (state.rfind("42", 0) != 0) return result.status();
  VEIL_RETURN_IF_ERROR(Execute("ROLLBACK TO SAVEPOINT veil_try; RELEASE SAVEPOINT veil_try", what));
  return std::optional<std::vector<Row>>();
}

Status Connection::BeginCopyOut(const std::string& copy_sql, std::string_view what) {
  if (!conn_) return NotConnected(what);
  if (copying_) return InternalError(fmt::format("{}: {}: a COPY is in progress", label_, what));
  const ResultPtr result(PQexec(get(), copy_sql.c_str()));
  if (!result || PQresultStatus(result.get()) != PGRES_COPY_OUT) return Error(result.get(), what);
  copying_ = true;
  copy_what_ = std::string(what);
  return Status::Ok();
}

Result<bool> Connection::NextCopyRow(std::string_view& row) {
  if (!copying_) return InternalError(fmt::format("{}: no COPY is in progress", label_));
  char* buffer = nullptr;
  const int length = PQgetCopyData(get(), &buffer, 0);
  if (length >= 0) {
    copy_row_.reset(buffer);
    row = std::string_view(buffer, static_cast<size_t>(length));
    return true;
  }
  copying_ = false;
  copy_row_.reset();
  row = {};
  // -1: the COPY has ended and its final result tells how; -2: the connection failed.
  ResultPtr result(PQgetResult(get()));
  Status status = Status::Ok();
  if (length == -2 || !result || PQresultStatus(result.get()) != PGRES_COMMAND_OK) {
    status = Error(length == -2 ? nullptr : result.get(), copy_what_);
  }
  while (result) result.reset(PQgetResult(get()));
  if (!status.ok()) return status;
  return false;
}

void Connection::CancelCopy() {
  if (!copying_) return;
  if (PGcancel* cancel = PQgetCancel(get()); cancel != nullptr) {
    char ignored[256];
    PQcancel(cancel, ignored, sizeof(ignored));
    PQfreeCancel(cancel);
  }
  char* buffer = nullptr;
  while (PQgetCopyData(get(), &buffer, 0) >= 0) PQfreemem(buffer);
  while (ResultPtr result{PQgetResult(get())}) {
  }
  copy_row_.reset();
  copying_ = false;
}

Status Connection::TEST_CopyOut(const std::string& copy_sql,
                                const std::function<Status(std::string_view row)>& on_row,
                                std::string_view what) {
  VEIL_RETURN_IF_ERROR(BeginCopyOut(copy_sql, what));
  std::string_view row;
  while (true) {
    VEIL_ASSIGN_OR_RETURN(const bool more, NextCopyRow(row));
    if (!more) return Status::Ok();
    if (Status status = on_row(row); !status.ok()) {
      CancelCopy();
      return status;
    }
  }
}

}  // namespace veil::postgres
