// Escaping of report text for the two human-readable formats.
//
// Every string that comes from a VerificationReport (table and column names, paths,
// details, descriptions) is untrusted: a table may be called `<script>` or `a|b`. These
// functions make any such string appear literally, as text, in the output:
//   * HtmlEscape: safe inside HTML element content and inside double- or single-quoted
//     attribute values (also in inline SVG). `&`, `<`, `>`, `"` and `'` become entity
//     references; every other byte is copied, so UTF-8 passes through unchanged.
//   * MarkdownEscape: safe inside a Markdown paragraph, list item, heading or table cell
//     (GitHub-flavoured Markdown). Characters with inline meaning (`\` `` ` `` `*` `_`
//     `[` `]` `|` `~` `#`) are backslash-escaped; `<`, `>` and `&` become entity
//     references so that no HTML tag or entity can be formed; a line break (LF, CR or
//     CRLF) becomes `<br>` so that a value never ends a table row or a list item.
#pragma once

#include <string>
#include <string_view>

namespace veil::report {

std::string HtmlEscape(std::string_view text);
std::string MarkdownEscape(std::string_view text);

}  // namespace veil::report
