#include "cli/risk_command.h"

#include <fmt/format.h>

#include <cstdio>
#include <memory>

#include "cli/atomic_file.h"
#include "engine/risk_analysis.h"
#include "report/risk_output.h"

namespace veil {
namespace {

struct RiskArgs {
  RiskOptions options;
  std::string format = "text";
  std::string report;
  std::string delimiter;
  int64_t population = 0;
};

nlohmann::ordered_json AnalysisJson(const RiskAnalysis& analysis) {
  nlohmann::ordered_json json = report::RiskJson(analysis.figures);
  json["table"] = analysis.table;
  json["quasi_identifiers"] = analysis.quasi_identifiers;
  if (analysis.released) {
    nlohmann::ordered_json released = report::RiskJson(*analysis.released);
    nlohmann::ordered_json levels = nlohmann::ordered_json::object();
    for (size_t d = 0; d < analysis.release->quasi_identifiers.size(); ++d) {
      levels[analysis.release->quasi_identifiers[d]] = analysis.release->levels[d];
    }
    released["levels"] = levels;
    released["records_suppressed"] = analysis.release->records_suppressed;
    released["models"] = analysis.release->models;
    json["released"] = released;
  }
  if (!analysis.released_note.empty()) json["released_note"] = analysis.released_note;
  return json;
}

std::string AnalysisText(const RiskAnalysis& analysis) {
  std::string text =
      report::RiskText(analysis.figures, fmt::format("Risk of {} as it stands ({})", analysis.table,
                                                     fmt::join(analysis.quasi_identifiers, ", ")));
  if (analysis.released) {
    std::string levels;
    for (size_t d = 0; d < analysis.release->quasi_identifiers.size(); ++d) {
      levels += fmt::format("{}{} {}", levels.empty() ? "" : ", ",
                            analysis.release->quasi_identifiers[d], analysis.release->levels[d]);
    }
    text += "\n" + report::RiskText(
                       *analysis.released,
                       fmt::format("Risk of {} as released (levels: {}; {} records "
                                   "suppressed)",
                                   analysis.table, levels, analysis.release->records_suppressed));
  }
  if (!analysis.released_note.empty()) text += "\nAs released: " + analysis.released_note + "\n";
  return text;
}

std::string AnalysisHtml(const RiskAnalysis& analysis, const std::string& policy_path) {
  report::RiskPage page;
  page.title = "Re-identification risk of " + analysis.table;
  page.policy_path = policy_path;
  page.source = analysis.source;
  page.table = analysis.table;
  page.quasi_identifiers = analysis.quasi_identifiers;
  page.before = analysis.figures;
  page.after = analysis.released;
  page.after_label = "As released";
  return report::RiskHtml(page);
}

int Run(RiskArgs& args, PublishGate& gate) {
  if (args.format != "text" && args.format != "json") {
    std::fprintf(stderr, "veil: --format is text or json\n");
    return 2;
  }
  if (!args.report.empty() && !args.report.ends_with(".html") && !args.report.ends_with(".json")) {
    std::fprintf(stderr, "veil: --report names a .html or .json file\n");
    return 2;
  }
  if (args.delimiter.size() > 1) {
    std::fprintf(stderr, "veil: --delimiter takes one character\n");
    return 2;
  }
  args.options.csv_delimiter = args.delimiter.empty() ? 0 : args.delimiter[0];
  if (args.population > 0) args.options.population = args.population;
  auto analysis = AnalyseRisk(args.options);
  if (!analysis.ok()) {
    std::fprintf(stderr, "veil: error: %s\n", analysis.status().message().c_str());
    return 2;
  }
  if (args.format == "json") {
    std::printf("%s\n", AnalysisJson(*analysis).dump(2).c_str());
  } else {
    std::printf("%s", AnalysisText(*analysis).c_str());
  }
  if (!args.report.empty()) {
    const std::string text = args.report.ends_with(".json")
                                 ? AnalysisJson(*analysis).dump(2) + "\n"
                                 : AnalysisHtml(*analysis, args.options.policy_path);
    const Status written = WriteFileAtomically(args.report, text, "the report", gate);
    if (!written.ok()) {
      std::fprintf(stderr, "veil: error: %s\n", written.message().c_str());
      return 2;
    }
  }
  return 0;
}

}  // namespace

void AddRiskCommand(CLI::App& app, int& exit_code, PublishGate& gate) {
  auto args = std::make_shared<RiskArgs>();
  CLI::App* cmd =
      app.add_subcommand("risk", "Re-identification risk of a table under its quasi-identifiers");
  cmd->add_option("--policy", args->options.policy_path, "Policy YAML file")->required();
  cmd->add_option("source", args->options.source,
                  "The data: a source or an anonymised output (CSV, SQLite, PostgreSQL)")
      ->required();
  cmd->add_option("--table", args->options.table,
                  "The table (when the policy has quasi-identifiers in several)");
  cmd->add_option("--format", args->format, "text (default) or json");
  cmd->add_option("--population", args->population,
                  "Size of the population the data was sampled from: adds journalist risk "
                  "and population-uniqueness estimates (Zayatz, Pitman)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--report", args->report,
                  "Also write a report: .html (with class-size charts) or .json");
  cmd->add_option("--delimiter", args->delimiter, "CSV delimiter; default: detect");
  cmd->callback([args, &exit_code, &gate]() { exit_code = Run(*args, gate); });
}

}  // namespace veil
