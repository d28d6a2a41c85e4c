#include "io/postgres/errors.h"

#include <fmt/format.h>

#include "io/postgres/quote.h"

namespace veil::postgres {
namespace {

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
  const std::string name = constraint.empty() ? "" : " " + QuoteIdentifier(constraint);
  if (state == "23502") return "NULL in a NOT NULL column";
  if (state == "23505") return fmt::format("duplicate key in unique constraint{}", name);
  if (state == "23503") {
    return fmt::format("foreign key{} is violated: rows reference missing rows", name);
  }
  if (state == "23514") return fmt::format("check constraint{} is violated", name);
  return fmt::format("integrity constraint{} is violated", name);
}

}  // namespace

std::string PgOneLine(const std::string& text) {
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

std::string PgConnectionLabel(const PGconn* conn) {
  const auto text = [](const char* value) { return std::string(value ? value : ""); };
  return fmt::format("postgresql://{}@{}:{}/{}", text(PQuser(conn)), text(PQhost(conn)),
                     text(PQport(conn)), text(PQdb(conn)));
}

std::string PgErrorField(const PGresult* result, int field) {
  const char* value = result ? PQresultErrorField(result, field) : nullptr;
  return value ? value : "";
}

Status PgServerError(const PGconn* conn, const PGresult* result, const std::string& prefix) {
  const std::string state = PgErrorField(result, PG_DIAG_SQLSTATE);
  if (state.rfind("22", 0) == 0) {
    return InputError(fmt::format("{}: {} (SQLSTATE {})", prefix, DataErrorText(state), state));
  }
  if (state.rfind("23", 0) == 0) {
    const std::string constraint = PgErrorField(result, PG_DIAG_CONSTRAINT_NAME);
    return ConflictError(
        fmt::format("{}: {} (SQLSTATE {})", prefix, IntegrityErrorText(state, constraint), state));
  }
  std::string reason = PgErrorField(result, PG_DIAG_MESSAGE_PRIMARY);
  // Errors raised by libpq itself carry no fields, only a message.
  if (reason.empty() && result) reason = PgOneLine(PQresultErrorMessage(result));
  if (reason.empty() && conn) reason = PgOneLine(PQerrorMessage(conn));
  // No literal is assigned to `reason`: GCC 12 at -O3 warns on that (-Wrestrict).
  const std::string_view shown = !reason.empty() ? std::string_view(reason)
                                 : conn          ? "unknown error"
                                                 : "not connected";
  const std::string code = state.empty() ? "" : fmt::format(" (SQLSTATE {})", state);
  return IoError(fmt::format("{}: {}{}", prefix, shown, code));
}

}  // namespace veil::postgres
