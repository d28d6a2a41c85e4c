// `veil generate --schema SCHEMA [--policy POLICY] --rows TABLE=N TARGET`: registers the
// subcommand on the app. When it runs, `exit_code` receives the process exit status
// (cli/exit_codes.h: 0 success, 1 a failed run, 2 usage); it must outlive app.parse().
#pragma once

#include <CLI/CLI.hpp>

#include "veil/publish_gate.h"

namespace veil {

void AddGenerateCommand(CLI::App& app, int& exit_code, PublishGate& gate);

}  // namespace veil
