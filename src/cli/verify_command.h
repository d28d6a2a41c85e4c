// `veil verify --policy POLICY ORIGINAL ANONYMISED`: registers the subcommand on the app.
// When it runs, `exit_code` receives the exit status: 0 every check passed, 1 a finding
// was raised, 2 a usage or input error (nothing could be verified). `exit_code` must
// outlive app.parse().
#pragma once

#include <CLI/CLI.hpp>

#include "veil/publish_gate.h"

namespace veil {

void AddVerifyCommand(CLI::App& app, int& exit_code, PublishGate& gate);

}  // namespace veil
