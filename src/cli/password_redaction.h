// Taking passwords out of text that quotes the command line (CLI11's parse errors repeat
// the argument they reject, and a database URI typed there may carry a password).
#pragma once

#include <string>
#include <string_view>

namespace veil {

// `text` with every password it may hold replaced by "***": the password of a URI's
// user information (`scheme://user:PASSWORD@host`), and the value of a `password`
// keyword in a libpq connection string (`password=PASSWORD`, `password = 'PASS WORD'`)
// or URI query (`?password=PASSWORD&...`). Everything else is kept as it is.
std::string WithoutPasswords(std::string_view text);

}  // namespace veil
