#include "io/postgres/target.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <optional>
#include <utility>

#include "io/postgres/errors.h"
#include "io/postgres/quote.h"

namespace veil::postgres {

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
                      ? session.Execute("COMMIT", "committing")
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
  (void)session.Execute("ROLLBACK", "rolling back");
  session.Close();
  copying.clear();
}

TableName SplitTableName(const std::string& name) {
  const size_t dot = name.find('.');
  if (dot == std::string::npos) return {"public", name};
  return {name.substr(0, dot), name.substr(dot + 1)};
}

}  // namespace veil::postgres
