#include "cli/anonymise_command.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>
#include <memory>

#include "cli/atomic_file.h"
#include "cli/error_printer.h"
#include "cli/exit_codes.h"
#include "cli/shared_options.h"
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

void PrintPrivacy(const PrivacyOutcome& p) {
  std::string levels;
  for (size_t d = 0; d < p.quasi_identifiers.size(); ++d) {
    levels += fmt::format("{}{} {}/{}", levels.empty() ? "" : ", ", p.quasi_identifiers[d],
                          p.levels[d], p.top_levels[d]);
  }
  std::printf("  privacy of %s: %s\n", p.table.c_str(),
              fmt::format("{}", fmt::join(p.models, ", ")).c_str());
  std::printf("    levels: %s\n", levels.c_str());
  std::printf("    %lld of %lld records suppressed (%s); %lld classes, smallest %lld; %s %.4f\n",
              static_cast<long long>(p.records_suppressed), static_cast<long long>(p.records),
              p.suppression.c_str(), static_cast<long long>(p.equivalence_classes),
              static_cast<long long>(p.min_class_size), p.metric.c_str(), p.metric_value);
  std::printf("    search: %s, %llu of %llu nodes evaluated in %.3f s\n",
              p.exact ? "exact" : "heuristic (lattice too large; not proven optimal)",
              static_cast<unsigned long long>(p.nodes_evaluated),
              static_cast<unsigned long long>(p.lattice_nodes), p.search_seconds);
}

void PrintSummary(const RunSummary& s) {
  std::string rules;
  for (const auto& [rule, count] : s.columns_per_rule) {
    rules += fmt::format("{}{} {}", rules.empty() ? "" : ", ", rule, count);
  }
  std::printf("veil: wrote %s\n", s.target.c_str());
  for (const auto& t : s.tables) {
    std::printf("  %-32s %-10s %10lld rows\n", t.name.c_str(), t.action.c_str(),
                static_cast<long long>(t.rows));
  }
  const double rate = s.seconds > 0 ? s.rows / s.seconds : 0;
  std::printf("  tables: %zu, rows: %lld in %.2f s (%.0f rows/s)\n", s.tables.size(),
              static_cast<long long>(s.rows), s.seconds, rate);
  std::printf("  columns per rule: %s\n", rules.empty() ? "none" : rules.c_str());
  std::printf("  secret fingerprint: %s%s\n", s.secret_fingerprint.c_str(),
              s.ephemeral_secret ? " (ephemeral: unlinkable to any other run)" : "");
  std::printf("  policy sha256: %s\n", s.policy_digest.c_str());
  for (const auto& p : s.privacy) PrintPrivacy(p);
  for (const auto& place : s.schema_text_removed) {
    std::printf("  removed %s\n", place.c_str());
  }
  for (const auto& entity : s.entities_checked_statistically) {
    std::printf(
        "  note: entity %s had too many values for an exhaustive collision check; "
        "its pseudonym space makes a collision less likely than 1 in 10^9\n",
        entity.c_str());
  }
}

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
  if (!args.quiet && !summary->output_removed) PrintSummary(*summary);
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
