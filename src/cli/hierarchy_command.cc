#include "cli/hierarchy_command.h"

#include <cstdio>
#include <memory>

#include "cli/atomic_file.h"
#include "engine/hierarchy_export.h"

namespace veil {
namespace {

struct HierarchyArgs {
  HierarchyExportOptions options;
  std::string output;
  std::string delimiter;
};

int Run(HierarchyArgs& args, PublishGate& gate) {
  if (args.delimiter.size() > 1) {
    std::fprintf(stderr, "veil: --delimiter takes one character\n");
    return 2;
  }
  args.options.csv_delimiter = args.delimiter.empty() ? 0 : args.delimiter[0];
  auto text = ExportHierarchy(args.options);
  if (!text.ok()) {
    std::fprintf(stderr, "veil: error: %s\n", text.status().message().c_str());
    return 2;
  }
  if (args.output.empty()) {
    std::fwrite(text->data(), 1, text->size(), stdout);
    return 0;
  }
  const Status written = WriteFileAtomically(args.output, *text, "the hierarchy", gate);
  if (!written.ok()) {
    std::fprintf(stderr, "veil: error: %s\n", written.message().c_str());
    return 2;
  }
  return 0;
}

}  // namespace

void AddHierarchyCommand(CLI::App& app, int& exit_code, PublishGate& gate) {
  auto args = std::make_shared<HierarchyArgs>();
  CLI::App* cmd = app.add_subcommand(
      "hierarchy", "Write the generalisation hierarchy of a quasi-identifier, in ARX's format");
  cmd->add_option("--policy", args->options.policy_path, "Policy YAML file")->required();
  cmd->add_option("source", args->options.source, "The data whose values the hierarchy covers")
      ->required();
  cmd->add_option("column", args->options.column, "COLUMN or TABLE.COLUMN")->required();
  cmd->add_option("--output", args->output, "Write to this file instead of stdout");
  cmd->add_option("--delimiter", args->delimiter, "CSV delimiter; default: detect");
  cmd->callback([args, &exit_code, &gate]() { exit_code = Run(*args, gate); });
}

}  // namespace veil
