// The exit status of every `veil` command, whichever it is (docs/ARCHITECTURE.md, "The
// command line"). An interrupted run exits 128 + the signal instead (cli/interrupts.h).
#pragma once

namespace veil {

// The command did what it was asked: the copy, report or figures were written, or (for
// `veil verify`) every check passed.
inline constexpr int kExitOk = 0;
// The run failed (an input could not be read, the policy refused the data, an output could
// not be written) or `veil verify` raised a finding. Nothing unfinished was published.
inline constexpr int kExitFailed = 1;
// The command line itself is wrong (an unknown option, a missing argument, a value an
// option does not take); nothing was read or written.
inline constexpr int kExitUsage = 2;

}  // namespace veil
