#include "cli/verify_command.h"

#include <fmt/format.h>

#include <cstdio>
#include <memory>

#include "cli/error_printer.h"
#include "cli/exit_codes.h"
#include "cli/shared_options.h"
#include "cli/verification_output.h"
#include "veil/verify.h"

namespace veil {
namespace {

struct VerifyArgs {
  VerifyOptions options;
  OutputFormat format = OutputFormat::kText;
  std::string report;
  std::string delimiter;
};

int Run(VerifyArgs& args, PublishGate& gate) {
  if (!args.report.empty() && !IsReportPath(args.report)) {
    return FailUsage("--report must end in .md, .html or .json");
  }
  const auto delimiter = ParseDelimiter(args.delimiter);
  if (!delimiter.ok()) return FailUsage(delimiter.status().message());
  args.options.csv_delimiter = delimiter.value();
  auto report = Verify(args.options);
  if (!report.ok()) return FailRun(report.status().message());
  if (args.format == OutputFormat::kJson) {
    std::fputs(VerificationJson(*report).c_str(), stdout);
    std::fputs("\n", stdout);
  } else {
    PrintVerificationText(*report, stdout);
  }
  if (!args.report.empty()) {
    if (Status written = WriteVerificationReport(*report, args.report, gate); !written.ok()) {
      return FailRun(written.message());
    }
    if (args.format != OutputFormat::kJson) std::printf("  report: %s\n", args.report.c_str());
  }
  return report->passed ? kExitOk : kExitFailed;
}

}  // namespace

void AddVerifyCommand(CLI::App& app, int& exit_code, PublishGate& gate) {
  auto args = std::make_shared<VerifyArgs>();
  CLI::App* cmd = app.add_subcommand(
      "verify", "Check that ANONYMISED is a safe copy of ORIGINAL under the policy");
  AddPolicyOption(*cmd, args->options.policy_path, "Policy YAML file the copy was made with");
  cmd->add_option("original", args->options.original, "The original (any SOURCE form)")->required();
  cmd->add_option("anonymised", args->options.anonymised, "The anonymised copy")->required();
  AddFormatOption(*cmd, args->format, "Output on stdout: text (default) or json");
  AddReportOption(*cmd, args->report,
                  "Also write a report for sign-off: FILE.md, FILE.html or FILE.json");
  AddDelimiterOption(*cmd, args->delimiter, "CSV delimiter (one character or 'tab')");
  AddSubsetOptions(*cmd, args->options.subset, args->options.subset_keep_unrelated);
  AddJobsOption(*cmd, args->options.jobs, "Threads for the leak search; default: cores");
  cmd->callback([args, &exit_code, &gate]() { exit_code = Run(*args, gate); });
}

}  // namespace veil
