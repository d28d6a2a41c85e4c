// The options several `veil` commands take, registered and read in one place so that each
// means the same everywhere: `--policy`, `--delimiter`, `--report`, `--jobs`, `--format` and
// `--subset`. Each Add* function registers the option on a subcommand and stores what was typed in
// the caller's variable, which must outlive app.parse(). A value CLI11 can check on its own
// (--jobs, --format) is checked while parsing (a usage error, exit 2); --delimiter is kept
// as typed and turned into a character by ParseDelimiter() when the command runs.
#pragma once

#include <CLI/CLI.hpp>
#include <optional>
#include <string>
#include <vector>

#include "veil/status.h"

namespace veil {

// `--policy FILE`, required.
void AddPolicyOption(CLI::App& command, std::string& path, const std::string& description);

// `--delimiter X`, the CSV delimiter as typed; see ParseDelimiter().
void AddDelimiterOption(CLI::App& command, std::string& text, const std::string& description);

// `--report FILE`; which formats a command writes is that command's to check, with
// ReportFormatOf().
void AddReportOption(CLI::App& command, std::string& path, const std::string& description);

// The formats a report file can have, named by its extension.
enum class ReportFormat { kMarkdown, kHtml, kJson };

// The format `path`'s extension names, whatever its case: .md or .markdown, .html or .htm,
// .json; nullopt for any other extension or none.
std::optional<ReportFormat> ReportFormatOf(const std::string& path);

// `--jobs N`, N from 1 to 256; anything else is a usage error while parsing.
void AddJobsOption(CLI::App& command, int& jobs, const std::string& description);

// What a command prints on stdout.
enum class OutputFormat { kText, kJson };

// `--format text|json`; anything else is a usage error while parsing.
void AddFormatOption(CLI::App& command, OutputFormat& format, const std::string& description);

// `--subset "TABLE: CONDITION|N%|N rows"`, repeatable (one text per occurrence, in order),
// and `--subset-keep-unrelated`; the texts are read when the command runs
// (docs/subset.md).
void AddSubsetOptions(CLI::App& command, std::vector<std::string>& subset, bool& keep_unrelated);

// The message of every refused --delimiter, the same for every command.
inline constexpr const char* kDelimiterRefusal = "--delimiter takes one character (or 'tab')";

// The delimiter `text` names: 0 (detect) when empty; a TAB for "tab", "\t" (backslash, t)
// or a TAB character; otherwise its one character, which must not be a double quote, CR or
// LF. Anything else (two or more characters, a quote, a line break) is kInvalidArgument with
// kDelimiterRefusal as its message.
Result<char> ParseDelimiter(const std::string& text);

}  // namespace veil
