#include "io/postgres/connection.h"

#include <fmt/format.h>

#include <utility>

#include "io/postgres/errors.h"

namespace veil::postgres {
namespace {

bool IsOctal(char c) {
  return c >= '0' && c <= '7';
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Decodes the escape starting after the backslash at raw[i]; returns the index of the
// escape's last character.
size_t DecodeEscape(std::string_view raw, size_t i, std::string& out) {
  const char c = raw[i];
  switch (c) {
    case 'b':
      out.push_back('\b');
      return i;
    case 'f':
      out.push_back('\f');
      return i;
    case 'n':
      out.push_back('\n');
      return i;
    case 'r':
      out.push_back('\r');
      return i;
    case 't':
      out.push_back('\t');
      return i;
    case 'v':
      out.push_back('\v');
      return i;
    default:
      break;
  }
  if (IsOctal(c)) {
    int value = c - '0';
    for (int digits = 1; digits < 3 && i + 1 < raw.size() && IsOctal(raw[i + 1]); ++digits) {
      value = value * 8 + (raw[++i] - '0');
    }
    out.push_back(static_cast<char>(value & 0xff));
    return i;
  }
  if (c == 'x' && i + 1 < raw.size() && HexValue(raw[i + 1]) >= 0) {
    int value = HexValue(raw[++i]);
    if (i + 1 < raw.size() && HexValue(raw[i + 1]) >= 0) value = value * 16 + HexValue(raw[++i]);
    out.push_back(static_cast<char>(value));
    return i;
  }
  out.push_back(c);  // "\\", "\x" without hex digits, and any other escaped character
  return i;
}

Status AppendCopyField(std::string_view raw, CellKind kind, Column& column) {
  if (raw == "\\N") {
    column.AppendNull();
    return Status::Ok();
  }
  if (raw.find('\\') == std::string_view::npos) {
    column.Append(raw, kind);
    return Status::Ok();
  }
  std::string& out = column.buffer();
  const size_t start = out.size();
  for (size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] != '\\') {
      out.push_back(raw[i]);
    } else if (i + 1 == raw.size()) {
      out.resize(start);
      return InputError("a COPY field ends in a lone backslash");
    } else {
      i = DecodeEscape(raw, i + 1, out);
    }
  }
  column.CommitCell(kind);
  return Status::Ok();
}

Status FieldCountError(size_t expected) {
  return InputError(fmt::format("a COPY row does not have the {} fields expected", expected));
}

}  // namespace

Result<PostgresConnection> PostgresConnection::Open(const std::string& conninfo) {
  // libpq's parse errors quote the malformed part, which may be a password: parse first
  // and report failures in our own words.
  char* parse_error = nullptr;
  PQconninfoOption* options = PQconninfoParse(conninfo.c_str(), &parse_error);
  PQfreemem(parse_error);
  if (options == nullptr) {
    return InvalidArgument("the PostgreSQL connection string is malformed (libpq cannot parse it)");
  }
  PQconninfoFree(options);

  PostgresConnection connection;
  // The string expands in place of dbname; veil names itself unless the string does.
  const char* keys[] = {"dbname", "fallback_application_name", nullptr};
  const char* values[] = {conninfo.c_str(), "veil", nullptr};
  connection.conn_.reset(PQconnectdbParams(keys, values, /*expand_dbname=*/1));
  if (!connection.conn_) return IoError("could not connect to PostgreSQL: out of memory");
  connection.label_ = PgConnectionLabel(connection.get());
  if (PQstatus(connection.get()) != CONNECTION_OK) {
    return IoError(fmt::format("{}: could not connect: {}", connection.label_,
                               PgOneLine(PQerrorMessage(connection.get()))));
  }
  return connection;
}

Status PostgresConnection::Error(const PGresult* result, std::string_view what) const {
  return PgServerError(get(), result, fmt::format("{}: {}", label_, what));
}

Status PostgresConnection::Execute(const std::string& sql, std::string_view what) const {
  if (!conn_) return InternalError(fmt::format("{}: the connection is closed", what));
  const PgResultPtr result(PQexec(get(), sql.c_str()));
  const ExecStatusType status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) return Error(result.get(), what);
  return Status::Ok();
}

Result<PgResultPtr> PostgresConnection::Query(const std::string& sql,
                                              const std::vector<std::string>& params,
                                              std::string_view what) const {
  if (!conn_) return InternalError(fmt::format("{}: the connection is closed", what));
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const auto& param : params) values.push_back(param.c_str());
  PgResultPtr result(PQexecParams(get(), sql.c_str(), static_cast<int>(values.size()), nullptr,
                                  values.data(), nullptr, nullptr, 0));
  const ExecStatusType status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) return Error(result.get(), what);
  return result;
}

Status PostgresConnection::BeginCopyOut(const std::string& copy_sql, std::string_view what) {
  if (!conn_) return InternalError(fmt::format("{}: the connection is closed", what));
  if (copying_) return InternalError(fmt::format("{}: {}: a COPY is in progress", label_, what));
  const PgResultPtr result(PQexec(get(), copy_sql.c_str()));
  if (!result || PQresultStatus(result.get()) != PGRES_COPY_OUT) return Error(result.get(), what);
  copying_ = true;
  copy_what_ = std::string(what);
  return Status::Ok();
}

Result<bool> PostgresConnection::NextCopyRow(std::string_view& row) {
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
  PgResultPtr result(PQgetResult(get()));
  Status status = Status::Ok();
  if (length == -2 || !result || PQresultStatus(result.get()) != PGRES_COMMAND_OK) {
    status = Error(length == -2 ? nullptr : result.get(), copy_what_);
  }
  while (result) result.reset(PQgetResult(get()));
  if (!status.ok()) return status;
  return false;
}

void PostgresConnection::CancelCopy() {
  if (!copying_) return;
  if (PGcancel* cancel = PQgetCancel(get()); cancel != nullptr) {
    char ignored[256];
    PQcancel(cancel, ignored, sizeof(ignored));
    PQfreeCancel(cancel);
  }
  char* buffer = nullptr;
  while (PQgetCopyData(get(), &buffer, 0) >= 0) PQfreemem(buffer);
  while (PgResultPtr result{PQgetResult(get())}) {
  }
  copy_row_.reset();
  copying_ = false;
}

Status PostgresConnection::CopyOut(const std::string& copy_sql,
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

Status AppendCopyTextRow(std::string_view row, const std::vector<CellKind>& kinds,
                         std::vector<Column>& columns) {
  if (!row.empty() && row.back() == '\n') row.remove_suffix(1);
  if (columns.empty()) return row.empty() ? Status::Ok() : FieldCountError(0);
  size_t field = 0;
  size_t begin = 0;
  while (true) {
    const size_t tab = row.find('\t', begin);
    if (field == columns.size()) return FieldCountError(columns.size());
    const size_t end = tab == std::string_view::npos ? row.size() : tab;
    VEIL_RETURN_IF_ERROR(
        AppendCopyField(row.substr(begin, end - begin), kinds[field], columns[field]));
    ++field;
    if (tab == std::string_view::npos) break;
    begin = tab + 1;
  }
  if (field != columns.size()) return FieldCountError(columns.size());
  return Status::Ok();
}

}  // namespace veil::postgres
