#include "io/postgres_target.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <optional>
#include <utility>

namespace veil::pgsink {
namespace {

// libpq's messages span lines and indent with tabs.
std::string OneLine(const std::string& text) {
  std::string line;
  for (const char c : text) {
    const bool space = c == '\n' || c == '\t' || c == ' ' || c == '\r';
    if (!space) {
      line += c;
    } else if (!line.empty() && line.back() != ' ') {
      line += ' ';
    }
  }
  while (!line.empty() && line.back() == ' ') line.pop_back();
  return line;
}

std::string Label(const PGconn* conn) {
  const auto text = [](const char* value) { return std::string(value ? value : ""); };
  return fmt::format("postgresql://{}@{}:{}/{}", text(PQuser(conn)), text(PQhost(conn)),
                     text(PQport(conn)), text(PQdb(conn)));
}

const char* DataErrorText(const std::string& state) {
  if (state == "22001") return "a value is too long for the column's type";
  if (state == "22003") return "a number is out of range for the column's type";
  if (state == "22P02") return "a value is not valid text for the column's type";
  if (state == "22007" || state == "22008") return "a value is not a valid date or time";
  if (state == "22021") return "a value is not valid in the database's encoding";
  if (state == "22012") return "a division by zero";
  return "a value was rejected (data exception)";
}

std::string IntegrityErrorText(const std::string& state, const std::string& constraint) {
  const std::string name = constraint.empty() ? "" : " " + Quote(constraint);
  if (state == "23502") return "NULL in a NOT NULL column";
  if (state == "23505") return fmt::format("duplicate key in unique constraint{}", name);
  if (state == "23503") {
    return fmt::format("foreign key{} is violated: rows reference missing rows", name);
  }
  if (state == "23514") return fmt::format("check constraint{} is violated", name);
  return fmt::format("integrity constraint{} is violated", name);
}

}  // namespace

std::string Quote(std::string_view name) {
  std::string quoted = "\"";
  for (const char c : name) {
    quoted += c;
    if (c == '"') quoted += '"';
  }
  return quoted + "\"";
}

std::string QuotedList(const std::vector<std::string>& names) {
  std::string list;
  for (const auto& name : names) list += (list.empty() ? "" : ", ") + Quote(name);
  return "(" + list + ")";
}

std::string ErrorField(const PGresult* result, int field) {
  const char* value = result ? PQresultErrorField(result, field) : nullptr;
  return value ? value : "";
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

Session::Session(ConnPtr conn) : conn_(std::move(conn)), label_(Label(conn_.get())) {
  // Notices (e.g. "table does not exist, skipping") are not wanted on stderr.
  PQsetNoticeProcessor(
      conn_.get(), [](void*, const char*) {}, nullptr);
}

Status Session::Error(const PGresult* result, const std::string& what) const {
  const std::string state = ErrorField(result, PG_DIAG_SQLSTATE);
  const std::string prefix = fmt::format("{}: {}: ", label_, what);
  if (state.rfind("22", 0) == 0) {
    return InputError(fmt::format("{}{} (SQLSTATE {})", prefix, DataErrorText(state), state));
  }
  if (state.rfind("23", 0) == 0) {
    const std::string constraint = ErrorField(result, PG_DIAG_CONSTRAINT_NAME);
    return ConflictError(
        fmt::format("{}{} (SQLSTATE {})", prefix, IntegrityErrorText(state, constraint), state));
  }
  std::string message = ErrorField(result, PG_DIAG_MESSAGE_PRIMARY);
  if (message.empty()) message = conn_ ? OneLine(PQerrorMessage(conn_.get())) : "not connected";
  if (!state.empty()) message += fmt::format(" (SQLSTATE {})", state);
  return IoError(prefix + message);
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
    state = ErrorField(result.get(), PG_DIAG_SQLSTATE);
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
  return IoError(fmt::format("{}: could not connect: {}", Label(conn.get()),
                             OneLine(PQerrorMessage(conn.get()))));
}

// ---- Target ----

Status Target::Finish(const std::function<Status()>& finish) {
  if (!open) {
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
  if (status.ok()) status = session.Exec("COMMIT", "committing");
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

}  // namespace veil::pgsink
