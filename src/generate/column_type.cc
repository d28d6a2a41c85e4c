#include "generate/column_type.h"

#include <charconv>
#include <string>

#include "core/declared_type.h"

namespace veil {
namespace {

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool Has(const std::string& text, std::string_view word) {
  return text.find(word) != std::string::npos;
}

bool StartsWith(const std::string& text, std::string_view word) {
  return text.compare(0, word.size(), word) == 0;
}

// numeric(p, s) / decimal(p, s): p and s, or zeros when the type sets none.
void ReadPrecision(const std::string& type, ColumnType& out) {
  const size_t open = type.find('(');
  if (open == std::string::npos) return;
  const char* begin = type.data() + open + 1;
  const char* end = type.data() + type.size();
  int precision = 0;
  auto [next, error] = std::from_chars(begin, end, precision);
  if (error != std::errc() || precision <= 0 || precision > 1000) return;
  out.precision = precision;
  while (next < end && (*next == ' ' || *next == ',')) ++next;
  int scale = 0;
  if (std::from_chars(next, end, scale).ec == std::errc() && scale >= 0 && scale <= precision) {
    out.scale = scale;
  }
}

// Types with a PostgreSQL or SQL Server name that the affinity words below would misread
// ("point" and "interval" hold INT, "datetimeoffset" is a timestamp with a zone).
std::optional<ValueClass> NamedClass(const std::string& type) {
  if (type.ends_with("[]") || StartsWith(type, "_")) return ValueClass::kArray;
  if (StartsWith(type, "interval")) return ValueClass::kInterval;
  if (type == "uuid" || type == "uniqueidentifier") return ValueClass::kUuid;
  if (type == "json" || type == "jsonb") return ValueClass::kJson;
  if (type == "bytea") return ValueClass::kBinary;
  if (type == "inet" || type == "cidr") return ValueClass::kInet;
  if (type == "boolean" || type == "bool" || type == "bit") return ValueClass::kBoolean;
  const bool timestamp = StartsWith(type, "timestamp");
  if (StartsWith(type, "time") && !timestamp) return ValueClass::kTime;
  if ((timestamp && Has(type, "with time zone")) || type == "timestamptz" ||
      type == "datetimeoffset") {
    return ValueClass::kTimestampWithZone;
  }
  static constexpr std::string_view kUnknown[] = {
      "point",   "line", "lseg",  "box",     "path",        "polygon", "circle",    "tsvector",
      "tsquery", "xml",  "money", "macaddr", "bit varying", "varbit",  "int4range", "int8range"};
  for (const auto name : kUnknown) {
    if (StartsWith(type, name)) return ValueClass::kUnknown;
  }
  return std::nullopt;
}

}  // namespace

ColumnType ClassifyColumnType(std::string_view declared_type) {
  const std::string type = Lower(declared_type);
  ColumnType out;
  if (auto named = NamedClass(type)) {
    out.value_class = *named;
    return out;
  }
  if (Has(type, "int")) {
    out.value_class = ValueClass::kInteger;
    if (StartsWith(type, "tinyint")) {
      out.integer_digits = 2;
      out.unsigned_only = true;
    } else if (auto digits = DeclaredIntegerDigits(declared_type)) {
      out.integer_digits = static_cast<int>(*digits);
    } else if (type == "int" || type == "mediumint") {
      out.integer_digits = 9;
    }
    return out;
  }
  if (Has(type, "date") || Has(type, "time")) {
    out.value_class = type == "date" ? ValueClass::kDate : ValueClass::kTimestamp;
    return out;
  }
  if (type.empty() || Has(type, "char") || Has(type, "clob") || Has(type, "text") ||
      Has(type, "string")) {
    out.value_class = ValueClass::kText;
    out.max_length = DeclaredTextLength(declared_type);
    if (!out.max_length && (type == "char" || type == "character" || type == "nchar")) {
      out.max_length = 1;  // CHAR alone is CHAR(1)
    }
    return out;
  }
  if (Has(type, "blob") || StartsWith(type, "binary") || StartsWith(type, "varbinary")) {
    out.value_class = ValueClass::kBlob;
    return out;
  }
  if (Has(type, "real") || Has(type, "floa") || Has(type, "doub")) {
    out.value_class = ValueClass::kReal;
    return out;
  }
  if (Has(type, "numeric") || Has(type, "decimal")) {
    out.value_class = ValueClass::kDecimal;
    ReadPrecision(type, out);
    return out;
  }
  if (StartsWith(type, "bool")) {
    out.value_class = ValueClass::kBoolean;
    return out;
  }
  return out;
}

}  // namespace veil
