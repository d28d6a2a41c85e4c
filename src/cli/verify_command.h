// `veil verify --policy POLICY ORIGINAL ANONYMISED`: registers the subcommand on the app.
// When it runs, `exit_code` receives the exit status (cli/exit_codes.h): 0 every check
// passed, 1 a finding was raised or the run failed (nothing could be verified: a missing
// input, a bad policy), 2 a usage error. `exit_code` must outlive app.parse().
#pragma once

#include <CLI/CLI.hpp>

#include "veil/publish_gate.h"

namespace veil {

void AddVerifyCommand(CLI::App& app, int& exit_code, PublishGate& gate);

}  // namespace veil
