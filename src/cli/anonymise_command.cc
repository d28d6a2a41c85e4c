#include "cli/anonymise_command.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>
#include <memory>

#include "cli/atomic_file.h"
#include "cli/error_printer.h"
#include "cli/exit_codes.h"
#include "cli/run_summary_output.h"
#include "cli/shared_options.h"
#include "cli/subset_output.h"
#include "cli/verification_output.h"
#include "veil/anonymise.h"

namespace veil {
namespace {

struct AnonymiseArgs {
  AnonymiseOptions options;
  std::string delimiter;
  std::string report;
  bool quiet = false;
};

int Run(AnonymiseArgs& args, PublishGate& gate) {
  const auto delimiter = ParseDelimiter(args.delimiter);
  if (!delimiter.ok()) return FailUsage(delimiter.status().message());
  args.options.csv_delimiter = delimiter.value();
  if (!args.report.empty() && ReportFormatOf(args.report) != ReportFormat::kJson) {
    return FailUsage("--report of anonymise writes JSON: name a .json file");
  }
  if (args.options.target.empty() != args.options.in_place) {
    return FailUsage(args.options.in_place ? "--in-place takes one DATABASE and no TARGET"
                                           : "TARGET is required (or --in-place for a database)");
  }
  const bool show_progress = !args.quiet && isatty(STDERR_FILENO);
  if (show_progress) {
    args.options.on_progress = [](const std::string& line) {
      std::fprintf(stderr, "\r\033[K%s", line.c_str());
    };
  }
  args.options.publish_gate = &gate;
  auto summary = Anonymise(args.options);
  if (show_progress) std::fprintf(stderr, "\r\033[K");
  if (!summary.ok()) return FailRun(summary.status().message());
  for (const auto& warning : summary->warnings) Warn(warning);
  if (!args.quiet && !summary->output_removed) PrintRunSummary(*summary);
  if (!args.quiet && !summary->output_removed) PrintSubsetSummary(summary->subset);
  if (!args.report.empty()) {
    const Status written =
        WriteFileAtomically(args.report, RunReportJson(*summary), "the report", gate);
    if (!written.ok()) return FailRun(written.message());
  }
  if (summary->verification) {
    const bool failed = summary->output_removed;
    if (failed || !args.quiet || !summary->verification->passed) {
      PrintVerificationText(*summary->verification, failed ? stderr : stdout);
    }
    if (failed) {
      return FailRun(
          "the copy failed verification and was not written (the staged copy was removed "
          "before publishing)");
    }
  }
  return kExitOk;
}

}  // namespace

void AddAnonymiseCommand(CLI::App& app, int& exit_code, PublishGate& gate) {
  auto args = std::make_shared<AnonymiseArgs>();
  CLI::App* cmd = app.add_subcommand(
      "anonymise", "Write an anonymised copy of SOURCE to TARGET, as the policy says");
  cmd->alias("anonymize");
  AddPolicyOption(*cmd, args->options.policy_path, "Policy YAML file");
  cmd->add_option("source", args->options.source,
                  "CSV file, directory of CSV files, SQLite database (*.sqlite, *.db, "
                  "sqlite:PATH) or PostgreSQL URI (postgresql://USER@HOST:PORT/DB)")
      ->required();
  cmd->add_option("target", args->options.target,
                  "Where to write the copy (must not exist, or be an empty PostgreSQL database)");
  cmd->add_flag("--in-place", args->options.in_place,
                "Scrub the PostgreSQL database SOURCE where it stands, in one transaction; only "
                "databases the policy's in_place.allow names");
  cmd->add_flag("--force", args->options.force,
                "Replace TARGET if it exists (for a PostgreSQL target: replace the tables of "
                "the schemas written, keeping other schemas)");
  cmd->add_flag("-q,--quiet", args->quiet, "No progress line and no summary");
  cmd->add_flag("--verify", args->options.verify,
                "Verify the copy as `veil verify` does; remove it again if an error is found");
  AddSubsetOptions(*cmd, args->options.subset, args->options.subset_keep_unrelated);
  AddJobsOption(*cmd, args->options.jobs,
                "Threads per table (reading, rules and writing overlap); default: one per core");
  AddDelimiterOption(*cmd, args->delimiter,
                     "CSV delimiter of the source (one character or 'tab'); default: detect");
  AddReportOption(*cmd, args->report,
                  "Write a JSON report of the run (tables, and for privacy sections the levels "
                  "chosen, records suppressed, metric and class sizes)");
  cmd->callback([args, &exit_code, &gate]() { exit_code = Run(*args, gate); });
}

}  // namespace veil
