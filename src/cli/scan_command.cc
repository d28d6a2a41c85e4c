#include "cli/scan_command.h"

#include <charconv>
#include <cstdio>
#include <memory>

#include "cli/atomic_file.h"
#include "cli/error_printer.h"
#include "cli/exit_codes.h"
#include "cli/shared_options.h"
#include "veil/scan.h"

namespace veil {
namespace {

struct ScanArgs {
  ScanOptions options;
  OutputFormat format = OutputFormat::kText;
  std::string delimiter;
  std::string sample = "10000";
  std::string policy_out;
};

// "all" or a positive whole number of rows.
Result<int64_t> ParseSample(const std::string& text) {
  if (text == "all") return int64_t{-1};
  int64_t rows = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), rows);
  if (error != std::errc() || end != text.data() + text.size() || rows <= 0) {
    return InvalidArgument("--sample takes a positive number of rows or 'all'");
  }
  return rows;
}

int Run(ScanArgs& args, PublishGate& gate) {
  const auto delimiter = ParseDelimiter(args.delimiter);
  if (!delimiter.ok()) return FailUsage(delimiter.status().message());
  args.options.csv_delimiter = delimiter.value();
  const auto sample = ParseSample(args.sample);
  if (!sample.ok()) return FailUsage(sample.status().message());
  args.options.sample_rows = sample.value();
  auto report = Scan(args.options);
  if (!report.ok()) return FailRun(report.status().message());
  if (!args.policy_out.empty()) {
    const Status written =
        WriteFileAtomically(args.policy_out, DraftPolicy(*report), "the policy draft", gate);
    if (!written.ok()) return FailRun(written.message());
  }
  if (args.format == OutputFormat::kJson) {
    std::printf("%s\n", ScanReportJson(*report).c_str());
  } else {
    std::printf("%s", ScanReportText(*report).c_str());
  }
  return kExitOk;
}

}  // namespace

void AddScanCommand(CLI::App& app, int& exit_code, PublishGate& gate) {
  auto args = std::make_shared<ScanArgs>();
  CLI::App* cmd = app.add_subcommand(
      "scan", "Find the personal data in a source and draft the policy that protects it");
  cmd->add_option("source", args->options.source,
                  "The data (CSV file or directory, SQLite, PostgreSQL)")
      ->required();
  cmd->add_option("--policy-out", args->policy_out,
                  "Also write a complete policy draft for the source (YAML)");
  AddFormatOption(*cmd, args->format, "text (default) or json");
  cmd->add_option("--sample", args->sample,
                  "Rows read per table, from the first (default 10000), or 'all'");
  AddJobsOption(*cmd, args->options.jobs,
                "Threads that profile a table's columns (default: one per core)");
  AddDelimiterOption(*cmd, args->delimiter,
                     "CSV delimiter (one character or 'tab'); default: detect");
  cmd->callback([args, &exit_code, &gate]() { exit_code = Run(*args, gate); });
}

}  // namespace veil
