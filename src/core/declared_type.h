// What a column's declared SQL type says about the values it may hold, read the same way
// by the rules (a fake must fit), the verifier (a copy's values must fit) and the scan (a
// pseudonym format must fit). Pure functions of the type's text; never throw.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace veil {

// The n of CHAR(n), VARCHAR(n), NVARCHAR(n), CHARACTER VARYING(n) (any case), or nullopt
// when the type sets no length, is not textual, or n is not a number that fits size_t.
std::optional<size_t> DeclaredTextLength(std::string_view declared_type);

// True when the type is an integer type by SQL affinity rules: its name contains "INT"
// (any case).
bool IsIntegerType(std::string_view declared_type);

// The decimal digits every value of a 16- or 32-bit integer type can hold: 4 for
// "smallint" and 9 for "integer" (PostgreSQL's names, spelled in lower case as its
// catalogs report them), also for INT2 and INT4 in any case; nullopt for any other type.
// SQLite's INTEGER (its 64-bit rowid type, as SQLite schemas spell it) and bigint are
// not limited here.
std::optional<size_t> DeclaredIntegerDigits(std::string_view declared_type);

// True for PostgreSQL's binary type, bytea (any case): its values are read as hex text
// ("\x0aff"), but they are bytes.
bool IsBinaryType(std::string_view declared_type);

}  // namespace veil
