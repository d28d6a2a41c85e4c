// SQL quoting for PostgreSQL: the one place the wing turns a name or a text into SQL.
//
// Pure functions, thread-safe. The results are safe to splice into a statement: an
// identifier keeps its case and any character; a literal assumes the server's
// standard_conforming_strings (on by default since PostgreSQL 9.1), so a backslash is an
// ordinary character.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace veil::postgres {

// "a ""b""": `name` as a quoted identifier, every '"' doubled.
std::string QuoteIdentifier(std::string_view name);

// 'it''s': `text` as a string literal, every '\'' doubled.
std::string QuoteLiteral(std::string_view text);

// ("a", "b"): `names` as a parenthesised list of quoted identifiers.
std::string QuotedList(const std::vector<std::string>& names);

}  // namespace veil::postgres
