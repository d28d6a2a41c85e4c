#include "cli/hierarchy_command.h"

#include <cstdio>
#include <memory>

#include "cli/atomic_file.h"
#include "cli/error_printer.h"
#include "cli/exit_codes.h"
#include "cli/shared_options.h"
#include "veil/hierarchy.h"

namespace veil {
namespace {

struct HierarchyArgs {
  HierarchyExportOptions options;
  std::string output;
  std::string delimiter;
};

int Run(HierarchyArgs& args, PublishGate& gate) {
  const auto delimiter = ParseDelimiter(args.delimiter);
  if (!delimiter.ok()) return FailUsage(delimiter.status().message());
  args.options.csv_delimiter = delimiter.value();
  auto text = ExportHierarchy(args.options);
  if (!text.ok()) return FailRun(text.status().message());
  if (args.output.empty()) {
    std::fwrite(text->data(), 1, text->size(), stdout);
    return kExitOk;
  }
  const Status written = WriteFileAtomically(args.output, *text, "the hierarchy", gate);
  if (!written.ok()) return FailRun(written.message());
  return kExitOk;
}

}  // namespace

void AddHierarchyCommand(CLI::App& app, int& exit_code, PublishGate& gate) {
  auto args = std::make_shared<HierarchyArgs>();
  CLI::App* cmd = app.add_subcommand(
      "hierarchy", "Write the generalisation hierarchy of a quasi-identifier, in ARX's format");
  AddPolicyOption(*cmd, args->options.policy_path, "Policy YAML file");
  cmd->add_option("source", args->options.source, "The data whose values the hierarchy covers")
      ->required();
  cmd->add_option("column", args->options.column, "COLUMN or TABLE.COLUMN")->required();
  cmd->add_option("--output", args->output, "Write to this file instead of stdout");
  AddDelimiterOption(*cmd, args->delimiter,
                     "CSV delimiter (one character or 'tab'); default: detect");
  cmd->callback([args, &exit_code, &gate]() { exit_code = Run(*args, gate); });
}

}  // namespace veil
