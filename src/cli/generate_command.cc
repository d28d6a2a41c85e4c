#include "cli/generate_command.h"

#include <fmt/format.h>
#include <unistd.h>

#include <charconv>
#include <cstdio>
#include <memory>
#include <string_view>
#include <vector>

#include "cli/error_printer.h"
#include "cli/exit_codes.h"
#include "cli/run_summary_output.h"
#include "cli/shared_options.h"
#include "veil/generate.h"

namespace veil {
namespace {

struct GenerateArgs {
  GenerateOptions options;
  std::vector<std::string> rows;
  std::vector<std::string> per_parent;
  std::string delimiter;
  bool quiet = false;
};

Result<int64_t> ParseCount(std::string_view text, std::string_view option) {
  int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value < 0) {
    return InvalidArgument(fmt::format("{} takes whole numbers of rows (0 or more)", option));
  }
  return value;
}

// "TABLE=VALUE" split at its last '=' (a table name may hold one; a count cannot).
Result<std::pair<std::string, std::string>> SplitAssignment(const std::string& text,
                                                            std::string_view option,
                                                            std::string_view form) {
  const size_t equals = text.rfind('=');
  if (equals == std::string::npos || equals == 0 || equals + 1 == text.size()) {
    return InvalidArgument(fmt::format("{} takes {}", option, form));
  }
  return std::pair{text.substr(0, equals), text.substr(equals + 1)};
}

Status ParseRows(GenerateArgs& args) {
  for (const auto& text : args.rows) {
    VEIL_ASSIGN_OR_RETURN(auto assignment, SplitAssignment(text, "--rows", "TABLE=N"));
    VEIL_ASSIGN_OR_RETURN(int64_t rows, ParseCount(assignment.second, "--rows"));
    args.options.rows[assignment.first] = rows;
  }
  for (const auto& text : args.per_parent) {
    VEIL_ASSIGN_OR_RETURN(auto assignment, SplitAssignment(text, "--per-parent", "TABLE=MIN..MAX"));
    const std::string& range = assignment.second;
    const size_t dots = range.find("..");
    const std::string low = dots == std::string::npos ? range : range.substr(0, dots);
    const std::string high = dots == std::string::npos ? range : range.substr(dots + 2);
    VEIL_ASSIGN_OR_RETURN(int64_t min, ParseCount(low, "--per-parent"));
    VEIL_ASSIGN_OR_RETURN(int64_t max, ParseCount(high, "--per-parent"));
    if (min > max) return InvalidArgument("--per-parent takes TABLE=MIN..MAX with MIN <= MAX");
    args.options.per_parent[assignment.first] = {min, max};
  }
  return Status::Ok();
}

int Run(GenerateArgs& args, PublishGate& gate) {
  const Status rows = ParseRows(args);
  if (!rows.ok()) return FailUsage(rows.message());
  const auto delimiter = ParseDelimiter(args.delimiter);
  if (!delimiter.ok()) return FailUsage(delimiter.status().message());
  args.options.csv_delimiter = delimiter.value();
  const bool show_progress = !args.quiet && isatty(STDERR_FILENO);
  if (show_progress) {
    args.options.on_progress = [](const std::string& line) {
      std::fprintf(stderr, "\r\033[K%s", line.c_str());
    };
  }
  args.options.publish_gate = &gate;
  auto summary = Generate(args.options);
  if (show_progress) std::fprintf(stderr, "\r\033[K");
  if (!summary.ok()) return FailRun(summary.status().message());
  for (const auto& warning : summary->warnings) Warn(warning);
  if (!args.quiet) PrintRunSummary(*summary);
  return kExitOk;
}

}  // namespace

void AddGenerateCommand(CLI::App& app, int& exit_code, PublishGate& gate) {
  auto args = std::make_shared<GenerateArgs>();
  CLI::App* cmd = app.add_subcommand(
      "generate", "Write constructed test data shaped like SCHEMA to TARGET (no row is read)");
  cmd->add_option("--schema", args->options.schema,
                  "Where the schema is read: a SQLite database, a PostgreSQL URI, a SQL schema "
                  "file (.sql) or CSV files (their header lines)")
      ->required();
  cmd->add_option("--policy", args->options.policy_path,
                  "Policy YAML file whose rules the constructed values pass through");
  cmd->add_option("target", args->options.target,
                  "Where to write (a SQLite file, a directory of CSV files, a PostgreSQL "
                  "database); must not exist")
      ->required();
  cmd->add_option("--rows", args->rows, "TABLE=N: rows of a table (repeat for several)");
  cmd->add_option("--per-parent", args->per_parent,
                  "TABLE=MIN..MAX: rows of a child table per row of its parent (default 1..3 under "
                  "a root table, 0..2 deeper)");
  cmd->add_option("--seed", args->options.seed,
                  "Any text: the same seed gives the same data (default: a random one)");
  cmd->add_option("--as-of", args->options.as_of,
                  "YYYY-MM-DD: the day no constructed date falls after (default: today)");
  cmd->add_flag("--force", args->options.force, "Replace TARGET if it exists");
  cmd->add_flag("-q,--quiet", args->quiet, "No progress line and no summary");
  AddJobsOption(*cmd, args->options.jobs, "Threads per table; default: one per core");
  AddDelimiterOption(*cmd, args->delimiter,
                     "CSV delimiter of a CSV schema source (one character or 'tab')");
  cmd->callback([args, &exit_code, &gate]() { exit_code = Run(*args, gate); });
}

}  // namespace veil
