// `veil hierarchy --policy POLICY SOURCE COLUMN [--output FILE]`: writes the hierarchy
// veil would use for the quasi-identifier COLUMN (or TABLE.COLUMN), in ARX's format, to
// stdout or FILE (written aside and moved into place). Exit status (cli/exit_codes.h): 0,
// 1 when the run fails, 2 on a usage error.
#pragma once

#include <CLI/CLI.hpp>

#include "veil/publish_gate.h"

namespace veil {

void AddHierarchyCommand(CLI::App& app, int& exit_code, PublishGate& gate);

}  // namespace veil
