#include "cli/risk_command.h"

#include <cstdio>
#include <memory>

#include "cli/atomic_file.h"
#include "cli/error_printer.h"
#include "cli/exit_codes.h"
#include "cli/shared_options.h"
#include "veil/risk.h"

namespace veil {
namespace {

struct RiskArgs {
  RiskOptions options;
  OutputFormat format = OutputFormat::kText;
  std::string report;
  std::string delimiter;
  int64_t population = 0;
};

int Run(RiskArgs& args, PublishGate& gate) {
  const auto report_format = ReportFormatOf(args.report);
  if (!args.report.empty() && report_format != ReportFormat::kHtml &&
      report_format != ReportFormat::kJson) {
    return FailUsage("--report names a .html or .json file");
  }
  const auto delimiter = ParseDelimiter(args.delimiter);
  if (!delimiter.ok()) return FailUsage(delimiter.status().message());
  args.options.csv_delimiter = delimiter.value();
  if (args.population > 0) args.options.population = args.population;
  auto analysis = AnalyseRisk(args.options);
  if (!analysis.ok()) return FailRun(analysis.status().message());
  if (args.format == OutputFormat::kJson) {
    std::printf("%s\n", RiskAnalysisJson(*analysis).c_str());
  } else {
    std::printf("%s", RiskAnalysisText(*analysis).c_str());
  }
  if (!args.report.empty()) {
    const std::string text = report_format == ReportFormat::kJson
                                 ? RiskAnalysisJson(*analysis) + "\n"
                                 : RiskAnalysisHtml(*analysis, args.options.policy_path);
    const Status written = WriteFileAtomically(args.report, text, "the report", gate);
    if (!written.ok()) return FailRun(written.message());
  }
  return kExitOk;
}

}  // namespace

void AddRiskCommand(CLI::App& app, int& exit_code, PublishGate& gate) {
  auto args = std::make_shared<RiskArgs>();
  CLI::App* cmd =
      app.add_subcommand("risk", "Re-identification risk of a table under its quasi-identifiers");
  AddPolicyOption(*cmd, args->options.policy_path, "Policy YAML file");
  cmd->add_option("source", args->options.source,
                  "The data: a source or an anonymised output (CSV, SQLite, PostgreSQL)")
      ->required();
  cmd->add_option("--table", args->options.table,
                  "The table (when the policy has quasi-identifiers in several)");
  AddFormatOption(*cmd, args->format, "text (default) or json");
  cmd->add_option("--population", args->population,
                  "Size of the population the data was sampled from: adds journalist risk "
                  "and population-uniqueness estimates (Zayatz, Pitman)")
      ->check(CLI::PositiveNumber);
  AddReportOption(*cmd, args->report,
                  "Also write a report: .html (with class-size charts) or .json");
  AddDelimiterOption(*cmd, args->delimiter,
                     "CSV delimiter (one character or 'tab'); default: detect");
  cmd->callback([args, &exit_code, &gate]() { exit_code = Run(*args, gate); });
}

}  // namespace veil
