// `veil risk --policy POLICY SOURCE [--table T] [--format text|json] [--population N]
// [--report FILE.html|.json]`: prints the re-identification risk of a table under its
// quasi-identifiers, as it stands and (with a privacy section) as it would be released.
// Exit status (cli/exit_codes.h) 0 on success, 1 when the run fails, 2 on a usage error.
// `exit_code` must outlive app.parse().
#pragma once

#include <CLI/CLI.hpp>

#include "veil/publish_gate.h"

namespace veil {

void AddRiskCommand(CLI::App& app, int& exit_code, PublishGate& gate);

}  // namespace veil
