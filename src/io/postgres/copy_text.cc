#include "io/postgres/copy_text.h"

#include <fmt/format.h>

#include <string>

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
