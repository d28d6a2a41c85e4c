#include "cli/verify_command.h"

#include <fmt/format.h>

#include <cstdio>
#include <memory>

#include "cli/verification_output.h"
#include "veil/verify.h"

namespace veil {
namespace {

struct VerifyArgs {
  VerifyOptions options;
  std::string format = "text";
  std::string report;
  std::string delimiter;
};

int Fail(const std::string& message, int code) {
  std::fprintf(stderr, "veil: %s%s\n", code == 2 ? "" : "error: ", message.c_str());
  return code;
}

int Run(VerifyArgs& args, PublishGate& gate) {
  if (!args.report.empty() && !IsReportPath(args.report)) {
    return Fail("--report must end in .md, .html or .json", 2);
  }
  if (args.delimiter.size() > 1) return Fail("--delimiter takes one character", 2);
  if (args.delimiter == "tab" || args.delimiter == "\\t") args.delimiter = "\t";
  args.options.csv_delimiter = args.delimiter.empty() ? 0 : args.delimiter[0];
  auto report = Verify(args.options);
  if (!report.ok()) return Fail(report.status().message(), 2);
  if (args.format == "json") {
    std::fputs(VerificationJson(*report).c_str(), stdout);
    std::fputs("\n", stdout);
  } else {
    PrintVerificationText(*report, stdout);
  }
  if (!args.report.empty()) {
    if (Status written = WriteVerificationReport(*report, args.report, gate); !written.ok()) {
      return Fail(written.message(), 2);
    }
    if (args.format != "json") std::printf("  report: %s\n", args.report.c_str());
  }
  return report->passed ? 0 : 1;
}

}  // namespace

void AddVerifyCommand(CLI::App& app, int& exit_code, PublishGate& gate) {
  auto args = std::make_shared<VerifyArgs>();
  CLI::App* cmd = app.add_subcommand(
      "verify", "Check that ANONYMISED is a safe copy of ORIGINAL under the policy");
  cmd->add_option("--policy", args->options.policy_path, "Policy YAML file the copy was made with")
      ->required();
  cmd->add_option("original", args->options.original, "The original (any SOURCE form)")->required();
  cmd->add_option("anonymised", args->options.anonymised, "The anonymised copy")->required();
  cmd->add_option("--format", args->format, "Output on stdout: text (default) or json")
      ->check(CLI::IsMember({"text", "json"}));
  cmd->add_option("--report", args->report,
                  "Also write a report for sign-off: FILE.md, FILE.html or FILE.json");
  cmd->add_option("--delimiter", args->delimiter, "CSV delimiter (one character or 'tab')");
  cmd->add_option("--jobs", args->options.jobs, "Threads for the leak search; default: cores")
      ->check(CLI::Range(1, 256));
  cmd->callback([args, &exit_code, &gate]() { exit_code = Run(*args, gate); });
}

}  // namespace veil
