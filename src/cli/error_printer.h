// The one way every `veil` command reports a problem: a single line on stderr starting
// with "veil: ", and the exit status that goes with it (cli/exit_codes.h). Messages are
// printed as given: callers pass library messages, which name places and never a cell's
// value or a secret.
#pragma once

#include <cstdio>
#include <string_view>

namespace veil {

// Prints "veil: MESSAGE" to `err` and returns kExitUsage: the command line is wrong.
int FailUsage(std::string_view message, std::FILE* err = stderr);

// Prints "veil: error: MESSAGE" to `err` and returns kExitFailed: the run failed.
int FailRun(std::string_view message, std::FILE* err = stderr);

// Prints "veil: internal error: MESSAGE" to `err` and returns kExitFailed: a bug in veil
// (an exception escaped) stopped the run.
int FailInternally(std::string_view message, std::FILE* err = stderr);

// Prints "veil: warning: MESSAGE" to `err`; the run goes on.
void Warn(std::string_view message, std::FILE* err = stderr);

}  // namespace veil
