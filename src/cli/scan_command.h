// `veil scan SOURCE [--policy-out FILE] [--format text|json] [--sample N|all]`: what each
// column of SOURCE holds and the rule it should get (veil/scan.h); with --policy-out, a
// complete policy draft written aside and moved into place. Reads SOURCE only. Exit
// status (cli/exit_codes.h): 0, 1 when the scan fails, 2 on a usage error.
#pragma once

#include <CLI/CLI.hpp>

#include "veil/publish_gate.h"

namespace veil {

void AddScanCommand(CLI::App& app, int& exit_code, PublishGate& gate);

}  // namespace veil
